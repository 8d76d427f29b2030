"""AI records stand on their own: no import of the assistant, and reviewers read labels, not codes."""

from pathlib import Path

from odaq.aigov.tests.factories import AIRecordFactory

AIGOV = Path(__file__).resolve().parent.parent


def test_aigov_depends_on_no_producer_of_ai_output():
    offenders = []
    for path in [*AIGOV.rglob("*.py"), *AIGOV.rglob("*.html")]:
        if "migrations" in path.parts or path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        if "odaq.assistant" in text or "assistant_tags" in text or "from ..assistant" in text:
            offenders.append(str(path.relative_to(AIGOV)))
    assert offenders == []


def test_record_and_queue_pages_show_labels_not_codes(client, people, tree):
    record = AIRecordFactory(organisation=tree.school_a, user=people.member_user, topic="dismissal",
                             flags=["sensitive_topic", "asked_lawyer", "fallback"], notes=["llm_timeout"])
    client.force_login(people.lawyer)
    client.cookies["django_language"] = "ru"
    for url in (f"/ai/records/{record.pk}/", "/ai/review/", "/ai/records/"):
        html = client.get(url).content.decode()
        assert "sensitive_topic" not in html.replace('value="sensitive_topic"', "")
        assert "asked_lawyer" not in html.replace('value="asked_lawyer"', "")
    html = client.get(f"/ai/records/{record.pk}/").content.decode()
    assert "Чувствительная тема" in html and "Член профсоюза попросил проверки юристом" in html
    assert "Увольнение" in html and "llm_timeout" not in html

"""The member chat (with and without htmx), the public page, handover buttons and the API."""

import re

import pytest
from rest_framework.test import APIClient

from odaq.aigov.models import AIRecord
from odaq.assistant.models import Conversation
from odaq.notify.models import Notification

Q_KK = "Директор демалысты бөліп беруге мәжбүрлеп жатыр, заңды ма?"
Q_RU = "Можно ли разделить ежегодный отпуск на части?"


@pytest.fixture
def member(client, people):
    client.force_login(people.member_user)
    client.cookies["django_language"] = "en"
    return people.member_user


def test_chat_without_javascript_keeps_the_conversation(law, client, member, people):
    response = client.post("/assistant/", {"question": Q_KK})
    record = AIRecord.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#turn-{record.pk}")
    assert record.user == member and record.channel == "cabinet" and record.language == "kk"
    assert record.organisation == people.member_a.organisation and record.conversation is not None
    client.post("/assistant/", {"question": Q_RU})
    assert Conversation.objects.count() == 1 and record.conversation.records.count() == 2
    page = client.get("/assistant/").content.decode()
    assert Q_KK in page and Q_RU in page
    assert "Prepared by AI, not yet checked by a lawyer" in page
    assert 'href="/law/K1500000414/96/?lang=kk"' in page
    client.post("/assistant/new/")
    assert Conversation.objects.count() == 2 and Q_KK not in client.get("/assistant/").content.decode()


def test_chat_with_htmx_returns_only_the_new_turn(law, client, member):
    response = client.post("/assistant/", {"question": Q_RU}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'class="turn"' in html
    assert "ask-lawyer-" in html


@pytest.mark.parametrize("question", ["", "a", "x" * 1001])
def test_bad_questions_get_an_error_and_change_nothing(law, client, member, question):
    response = client.post("/assistant/", {"question": question})
    assert response.status_code == 200 and AIRecord.objects.count() == 0
    assert "form-alert" in response.content.decode() or "errorlist" in response.content.decode()
    htmx = client.post("/assistant/", {"question": question}, HTTP_HX_REQUEST="true")
    assert htmx["HX-Retarget"] == "#ask-errors-box" and AIRecord.objects.count() == 0


def test_html_in_a_question_is_shown_as_text(law, client, member):
    client.post("/assistant/", {"question": "<script>alert(1)</script> отпуск на части"})
    page = client.get("/assistant/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_chat_needs_a_login(client):
    assert client.get("/assistant/").status_code == 302


def test_ask_a_lawyer_and_negative_feedback_queue_the_answer(law, client, member):
    client.post("/assistant/", {"question": Q_RU})
    record = AIRecord.objects.get()
    assert record.review_status == "none"
    client.post(f"/assistant/answers/{record.pk}/lawyer/")
    record.refresh_from_db()
    assert record.review_status == "pending" and "asked_lawyer" in record.flags
    client.post(f"/assistant/answers/{record.pk}/feedback/", {"feedback": "down", "comment": "не то"})
    record.refresh_from_db()
    assert record.feedback == "down" and "negative_feedback" in record.flags
    bad = client.post(f"/assistant/answers/{record.pk}/feedback/", {"feedback": "meh"})
    assert bad.status_code == 302
    record.refresh_from_db()
    assert record.feedback == "down"


def test_a_member_cannot_touch_another_members_answer(law, client, people):
    from odaq.orgs.tests.factories import UserFactory

    other = UserFactory()
    client.force_login(other)
    client.post("/assistant/", {"question": Q_RU})
    record = AIRecord.objects.get()
    client.force_login(people.member_user)
    assert client.post(f"/assistant/answers/{record.pk}/lawyer/").status_code == 404
    assert client.get(f"/assistant/answers/{record.pk}/").status_code == 404
    record.refresh_from_db()
    assert record.review_status == "none"


def test_public_page_answers_without_history_and_is_rate_limited(law, client, settings):
    settings.ODAQ_ASSISTANT_PUBLIC_PER_MINUTE = 2
    client.cookies["django_language"] = "en"
    first = client.post("/assistant/ask/", {"question": Q_RU})
    assert first.status_code == 200 and "/law/K1500000414/96/" in first.content.decode()
    record = AIRecord.objects.get()
    assert record.user is None and record.conversation is None and record.channel == "public"
    assert record.organisation is None
    # the visitor may ask a lawyer about the answer she got in this session
    client.post(f"/assistant/answers/{record.pk}/lawyer/")
    record.refresh_from_db()
    assert record.review_status == "pending"
    client.post("/assistant/ask/", {"question": Q_RU})
    third = client.post("/assistant/ask/", {"question": Q_RU})
    assert third.status_code == 429 and AIRecord.objects.count() == 2
    assert Q_RU not in client.get("/assistant/ask/").content.decode()  # nothing kept on the page


def test_a_visitor_without_account_is_told_where_the_checked_answer_will_be(law, client, people):
    from django.test import Client

    client.cookies["django_language"] = "en"
    client.post("/assistant/ask/", {"question": Q_RU})
    record = AIRecord.objects.get()
    page = client.post(f"/assistant/answers/{record.pk}/lawyer/", follow=True).content.decode()
    assert "You will get a notification" not in page and "we cannot notify you" in page
    urls = re.findall(r'href="(/assistant/answers/' + str(record.pk) + r'/\?key=[^"]+)"', page)
    assert urls and 'id="private-answer-link"' in page
    htmx = client.post(f"/assistant/answers/{record.pk}/lawyer/", HTTP_HX_REQUEST="true").content.decode()
    assert "we cannot notify you" in htmx and urls[0] in htmx

    other = Client()  # another browser, days later: the private address opens the answer and its review
    assert other.get(f"/assistant/answers/{record.pk}/").status_code == 404
    assert other.get(f"/assistant/answers/{record.pk}/?key=forged").status_code == 404
    from odaq.aigov import services as ai_services

    ai_services.decide(record, people.central_admin, "correct", corrected_answer="Исправленный ответ юриста.")
    answer = other.get(urls[0])
    assert answer.status_code == 200 and "Исправленный ответ юриста." in answer.content.decode()
    # another answer's key opens nothing else
    client.post("/assistant/ask/", {"question": Q_RU + " Сколько частей?"})
    second = AIRecord.objects.exclude(pk=record.pk).get()
    assert Client().get(urls[0].replace(f"/answers/{record.pk}/", f"/answers/{second.pk}/")).status_code == 404


def test_api_answers_with_the_ai_marker(law, people):
    api = APIClient()
    response = api.post("/api/v1/assistant/ask", {"question": Q_KK}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == "kk" and data["ai"]["generated"] is True and data["ai"]["reviewed"] is False
    assert data["ai"]["model"] == "extractive" and data["ai"]["composer"] == "extractive"
    assert {"act": "K1500000414", "number": "96", "url": "/law/K1500000414/96/?lang=kk"} in data["citations"]
    assert AIRecord.objects.get(pk=data["id"]).channel == "api"


@pytest.mark.parametrize("body, content_type", [
    ('{"question": ""}', "application/json"),
    ('{"question": 12}', "application/json"),
    ('{"question": "' + "x" * 1001 + '"}', "application/json"),
    ('{"question": "отпуск", "lang": "de"}', "application/json"),
    ('{"question": ', "application/json"),
])
def test_api_refuses_bad_input_and_stores_nothing(law, body, content_type):
    response = APIClient().post("/api/v1/assistant/ask", body, content_type=content_type)
    assert response.status_code == 400 and AIRecord.objects.count() == 0


def test_api_is_throttled(law, settings):
    settings.ODAQ_ASSISTANT_PUBLIC_PER_MINUTE = 1  # two per minute through the API
    api = APIClient()
    codes = [api.post("/api/v1/assistant/ask", {"question": Q_RU}, format="json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_appeal_link_carries_the_conversation(law, client, member):
    from django.urls import reverse

    base = reverse("appeals:new")
    client.post("/assistant/", {"question": Q_KK})
    record = AIRecord.objects.get()
    page = client.get("/assistant/").content.decode()
    assert f'href="{base}?subject=' in page and f"ai_record={record.pk}" in page and "topic=leave" in page


def test_a_corrected_answer_reaches_the_member(law, client, member, people):
    from odaq.aigov import services as ai_services

    client.post("/assistant/", {"question": Q_RU})
    record = AIRecord.objects.get()
    client.post(f"/assistant/answers/{record.pk}/lawyer/")
    ai_services.decide(record, people.lawyer, "correct", corrected_answer="Исправленный ответ: статья 96 ТК РК.",
                       note="Уточнение")
    note = Notification.objects.get(user=member)
    assert "Исправленный ответ" in note.body and note.url == f"/assistant/answers/{record.pk}/"
    page = client.get(note.url).content.decode()
    assert "Исправленный ответ" in page and "checked by a lawyer on" in page

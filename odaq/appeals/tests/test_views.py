"""Pages: the member files and follows her appeal; the lawyer works the queue and the card."""

import pytest
from django.urls import reverse

from odaq.appeals.choices import Status
from odaq.appeals.models import Appeal
from odaq.appeals.tests.factories import PNG, upload
from odaq.core.audit_models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def form_data(**extra):
    return {"topic": "pay", "subject": "Short pay", "description": "40,000 tenge missing", "answer_language": "ru",
            "answer_channel": "email", "idempotency_key": "form-1", **extra}


def test_new_page_prefills_from_the_assistant(en, people):
    en.force_login(people.member_user)
    response = en.get(reverse("appeals:new"), {"subject": "Overtime", "description": "Not paid", "topic": "leave",
                                              "ai_record": "42"})
    form = response.context["form"]
    assert form.initial["subject"] == "Overtime" and form.initial["topic"] == "leave"
    assert form.initial["ai_record"] == 42 and len(form.initial["idempotency_key"]) == 32
    html = response.content.decode()
    assert 'value="leave" selected' in html and "Not paid" in html


def test_member_files_double_submit_creates_one(en, people):
    en.force_login(people.member_user)
    first = en.post(reverse("appeals:new"), form_data(files=[upload("slip.png", PNG)], ai_record="7"))
    second = en.post(reverse("appeals:new"), form_data())
    appeal = Appeal.objects.get()
    assert first.url == second.url == reverse("appeals:detail", args=[appeal.pk])
    assert appeal.ai_record_id == 7 and appeal.answer_channel == "email" and appeal.attachments.count() == 1
    page = en.get(first.url).content.decode()
    assert appeal.number in page and "slip.png" in page


def test_non_member_cannot_file(en, people):
    en.force_login(people.lawyer)
    assert en.get(reverse("appeals:new")).status_code == 403
    assert en.post(reverse("appeals:new"), form_data()).status_code == 403
    assert Appeal.objects.count() == 0


def test_lawyer_works_the_appeal(en, people, appeals):
    appeal = appeals.open_a
    en.force_login(people.lawyer)
    card = en.get(reverse("appeals:staff_detail", args=[appeal.pk]))
    assert card.status_code == 200 and AuditRecord.objects.filter(action="appeal.viewed").exists()

    def act(action, **data):
        return en.post(reverse("appeals:staff_action", args=[appeal.pk, action]), data)

    assert act("take").status_code == 302
    assert act("message", text="Internal note", internal="on").status_code == 302
    assert act("message", text="Which month?").status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.WAITING
    bad = act("answer", text="", result="resolved")
    assert bad.status_code == 400
    assert act("answer", text="Paid", result="resolved", economic_effect="184000",
               legal_basis="Labour Code art. 113").status_code == 302
    assert act("close").status_code == 302
    refused = act("close")
    assert refused.status_code == 302  # shown as a message, nothing changes
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.economic_effect == 184000
    assert act("fly").status_code == 404

    en.force_login(people.member_user)
    page = en.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "Which month?" in page and "Internal note" not in page and "184000" in page
    assert en.post(reverse("appeals:rate", args=[appeal.pk]), {"rating": "5", "comment": "Thanks"}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.rating == 5


def test_member_replies_and_reopens(en, people, appeals):
    appeal = appeals.open_a
    from odaq.appeals import services
    services.ask(people.lawyer, appeal, "Which month?")
    en.force_login(people.member_user)
    assert en.post(reverse("appeals:reply", args=[appeal.pk]), {"text": "September"}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.IN_PROGRESS
    empty = en.post(reverse("appeals:reply", args=[appeal.pk]), {"text": ""})
    assert empty.status_code == 200 and appeal.events.filter(kind="reply").count() == 1
    services.answer(people.lawyer, appeal, text="Answer", result="not_resolved")
    assert en.post(reverse("appeals:reopen", args=[appeal.pk]), {"reopen-text": "Still unpaid"}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.IN_PROGRESS


def test_queue_filters(en, people, appeals):
    from odaq.appeals import services
    en.force_login(people.central_admin)
    url = reverse("appeals:queue")

    def rows(**params):
        response = en.get(url, params)
        assert response.status_code == 200
        return {a.number for a in response.context["page"]}

    a, s, b = appeals.open_a.number, appeals.secret_a.number, appeals.appeal_b.number
    assert rows() == {a, s, b}
    assert rows(organisation=appeals.open_a.region.pk) == {a, s}
    services.answer(people.lawyer, appeals.open_a, text="x", result="partly")
    assert rows(status="answered") == {a}
    assert rows(status="open") == {s, b}
    assert rows(topic="leave") == set()
    Appeal.objects.filter(pk=appeals.secret_a.pk).update(due_date="2020-01-01")
    assert rows(overdue="on") == {s}
    assert rows(assignee="none") == {b}  # region B has nobody to route to
    assert rows(assignee=str(people.regional_admin.pk)) == {a, s}
    assert rows(date_from="2000-01-01", date_to="2000-12-31") == set()
    assert rows(q="Appeal B") == {b}
    assert en.get(url, {"date_from": "not-a-date"}).status_code == 200


def test_bulk_assign(en, people, appeals):
    en.force_login(people.regional_admin)
    ids = [appeals.open_a.pk, appeals.secret_a.pk]
    en.post(reverse("appeals:bulk_assign"), {"appeal": ids, "assignee": people.lawyer.pk})
    assert set(Appeal.objects.filter(pk__in=ids).values_list("assignee", flat=True)) == {people.lawyer.pk}
    # a person who does not handle appeals here cannot receive them
    en.post(reverse("appeals:bulk_assign"), {"appeal": ids, "assignee": people.chair.pk})
    assert set(Appeal.objects.filter(pk__in=ids).values_list("assignee", flat=True)) == {people.lawyer.pk}


def test_chair_files_on_behalf(en, people):
    en.force_login(people.chair)
    search = en.get(reverse("appeals:file_for"), {"q": people.member_a.person.last_name})
    assert list(search.context["found"]) == [people.member_a]
    assert list(en.get(reverse("appeals:file_for"), {"q": people.member_a2.person.last_name}).context["found"]) == []
    assert list(en.get(reverse("appeals:file_for"), {"q": people.member_a.person.iin}).context["found"]) == [
        people.member_a]
    response = en.post(reverse("appeals:file_for"), {**form_data(), "membership": people.member_a.pk})
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and appeal.person == people.member_a.person
    assert appeal.filed_by == people.chair
    assert en.get(reverse("appeals:file_for"), {"membership": people.member_a2.pk}).status_code == 404


def test_duty_page(en, people, tree):
    en.force_login(people.regional_admin)
    assert en.get(reverse("appeals:duty")).status_code == 200
    en.post(reverse("appeals:duty"), {"region": tree.region_a.pk, "user": people.lawyer.pk})
    assert tree.region_a.duty_lawyer.user == people.lawyer
    en.post(reverse("appeals:duty"), {"region": tree.region_a.pk, "user": people.chair.pk})
    tree.region_a.refresh_from_db()
    assert tree.region_a.duty_lawyer.user == people.lawyer
    assert en.post(reverse("appeals:duty"), {"region": tree.region_b.pk, "user": ""}).status_code == 404


def test_cabinet_section_and_nav(rf, people, appeals):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = people.member_user
    html = render_to_string("appeals/_cabinet.html", {"cab": None}, request=request)
    assert appeals.open_a.number in html and reverse("appeals:new") in html
    assert reverse("appeals:my_list") in render_to_string("appeals/_nav_member.html", request=request)
    assert reverse("appeals:queue") not in render_to_string("appeals/_nav_staff.html", request=request)
    request.user = people.lawyer
    assert reverse("appeals:queue") in render_to_string("appeals/_nav_staff.html", request=request)
    assert appeals.open_a.number not in render_to_string("appeals/_cabinet.html", request=request)

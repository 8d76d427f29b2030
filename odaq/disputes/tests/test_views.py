import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from odaq.appeals.tests.factories import PDF, upload
from odaq.disputes import ical, services
from odaq.disputes.models import Dispute
from odaq.disputes.tests.factories import opened, with_first_instance

pytestmark = pytest.mark.django_db


def test_one_click_from_the_appeal_card(client, cases):
    client.force_login(cases.people.lawyer)
    card = client.get(reverse("appeals:staff_detail", args=[cases.appeal_a.pk]))
    assert b'id="action-open-dispute"' in card.content
    response = client.post(reverse("disputes:from_appeal", args=[cases.appeal_a.pk]))
    dispute = Dispute.objects.get()
    assert response.status_code == 302 and response.url == reverse("disputes:detail", args=[dispute.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Dismissed without consent" in page.content.decode() and "School A1a" in page.content.decode()


def test_no_open_button_for_a_chair(client, cases):
    client.force_login(cases.people.chair)
    card = client.get(reverse("appeals:staff_detail", args=[cases.appeal_a.pk]))
    assert card.status_code == 200 and b'id="action-open-dispute"' not in card.content


def test_recording_stages_through_the_card(client, cases):
    client.force_login(cases.people.lawyer)
    dispute = opened(cases)
    url = lambda action: reverse("disputes:action", args=[dispute.pk, action])  # noqa: E731
    assert client.post(url("claim"), {"claim-kind": "unpaid_pay", "claim-amount": "250000"}).status_code == 302
    filed = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    assert client.post(url("stage"), {"stage-kind": "conciliation", "stage-filed_on": filed,
                                      "stage-body": "Commission"}).status_code == 302
    stage = dispute.stages.get()
    bad = client.post(url("decide"), {"stage": stage.pk, "decision-outcome": "won",
                                      "decision-decided_on": "2999-01-01"})
    assert bad.status_code == 400 and "decided_on" in bad.context["decision_form"].errors
    ok = client.post(url("decide"), {"stage": stage.pk, "decision-outcome": "partly",
                                     "decision-decided_on": timezone.localdate().isoformat(),
                                     "decision-awarded": "200000", "decision-recovered": "150000"})
    assert ok.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.outcome, dispute.awarded, dispute.recovered) == ("partly", 200000, 150000)
    page = client.get(reverse("disputes:detail", args=[dispute.pk])).content.decode()
    assert "150000 ₸" in page and 'id="stage-form"' in page


def test_the_member_follows_her_dispute_and_sees_only_shared_documents(client, cases):
    dispute = with_first_instance(cases)
    lawyer = cases.people.lawyer
    stage = dispute.stages.get(kind="first_instance")
    services.add_hearing(lawyer, stage, starts_at=timezone.now() + dt.timedelta(days=5), place="Court room 4")
    shared = services.add_documents(lawyer, dispute, [upload("claim.pdf", PDF)], kind="claim", shared=True)[0]
    private = services.add_documents(lawyer, dispute, [upload("notes.pdf", PDF)], kind="other")[0]
    client.force_login(cases.people.member_user)
    cabinet = client.get(reverse("portal:cabinet")).content.decode()
    assert dispute.number in cabinet
    page = client.get(reverse("disputes:my_detail", args=[dispute.pk])).content.decode()
    assert "Court room 4" in page and "claim.pdf" in page and "notes.pdf" not in page
    assert client.get(reverse("disputes:download", args=[shared.pk])).status_code == 200
    assert client.get(reverse("disputes:download", args=[private.pk])).status_code == 404
    assert client.get(reverse("disputes:detail", args=[dispute.pk])).status_code == 403  # not staff


def test_calendar_feed_is_icalendar_and_follows_the_scope(client, cases):
    dispute = with_first_instance(cases)
    stage = dispute.stages.get(kind="first_instance")
    services.add_hearing(cases.people.lawyer, stage, starts_at=timezone.now() + dt.timedelta(days=3),
                         place="Court, room 4; floor 2")
    token = ical.make_token(cases.people.lawyer, lawyer_id=cases.people.lawyer.pk)
    response = client.get(reverse("disputes:calendar_feed", args=[token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert dispute.number in body and "LOCATION:Court\\, room 4\\; floor 2" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    other = ical.make_token(cases.lawyer_b)  # region B's lawyer: nothing of region A
    assert dispute.number not in client.get(reverse("disputes:calendar_feed", args=[other])).content.decode()
    assert client.get(reverse("disputes:calendar_feed", args=[token[:-2] + "xx"])).status_code == 404
    client.force_login(cases.people.lawyer)
    page = client.get(reverse("disputes:calendar")).content.decode()
    assert dispute.number in page and "/disputes/calendar/" in page


def test_report_sums_what_the_viewer_sees(client, cases):
    dispute = with_first_instance(cases)
    stage = dispute.stages.get(kind="first_instance")
    services.decide_stage(cases.people.lawyer, stage, outcome="won", decided_on=timezone.localdate(),
                          awarded=500000, recovered=400000, reinstated=True)
    opened(cases, cases.lawyer_b, cases.appeal_b)
    client.force_login(cases.people.lawyer)
    for by in ("region", "topic", "employer", "month"):
        response = client.get(reverse("disputes:report"), {"by": by})
        assert response.status_code == 200
        assert response.context["totals"] == {"disputes": 1, "won": 1, "lost": 0, "awarded": 500000,
                                              "recovered": 400000, "reinstated": 1}, by


def test_staff_list_and_new(client, cases):
    opened(cases)
    client.force_login(cases.people.lawyer)
    assert cases.appeal_a.subject in client.get(reverse("disputes:list")).content.decode()
    response = client.post(reverse("disputes:new"), {"organisation": cases.tree.school_a.pk, "kind": "collective",
                                                     "subject": "Collective claim", "employer_bin": "123456789012"})
    assert response.status_code == 302
    assert Dispute.objects.filter(subject="Collective claim", kind="collective").exists()
    missing = client.post(reverse("disputes:new"), {"organisation": cases.tree.school_a.pk, "kind": "individual",
                                                    "subject": "X", "iin": "000000000000"})
    assert missing.status_code == 400 and "iin" in missing.context["form"].errors


def test_documents_uploaded_on_the_card_are_checked_and_shared_on_request(client, cases):
    dispute = opened(cases)
    client.force_login(cases.people.lawyer)
    url = reverse("disputes:action", args=[dispute.pk, "document"])
    refused = client.post(url, {"document-kind": "decision", "document-files": upload("decision.pdf", b"<html>")})
    assert refused.status_code == 400 and not dispute.documents.exists()
    ok = client.post(url, {"document-kind": "decision", "document-shared": "on",
                           "document-files": upload("decision.pdf", PDF)})
    assert ok.status_code == 302
    document = dispute.documents.get()
    assert (document.kind, document.shared_with_member, document.content_type) == ("decision", True,
                                                                                   "application/pdf")
    download = client.get(reverse("disputes:download", args=[document.pk]))
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"

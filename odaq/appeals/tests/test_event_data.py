"""Timeline events carry structured data (``AppealEvent.data``), not codes in their text; the timeline shows it as
translated text; a data migration moves the codes of older events."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone, translation

from odaq.appeals import calendar, services
from odaq.appeals.models import Appeal, AppealEvent
from odaq.appeals.tests.factories import filing
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
CODES = {"on_behalf", "overdue"}


def _no_codes_in_text(appeal: Appeal) -> None:
    for event in appeal.events.all():
        assert event.text not in CODES and not event.text.strip().isdigit(), (event.kind, event.text)
        if event.kind in ("assigned", "reminder", "overdue", "rated", "submitted", "taken", "registered"):
            assert event.text == "", (event.kind, event.text)


def test_every_service_writes_data_not_codes(people, appeals, tree):
    central = UserFactory(display_name="Central Lawyer")
    grant(central, Role.LAWYER, tree.central)
    on_behalf, _created = services.file_appeal(people.chair, people.member_a.person, filing())
    assert on_behalf.events.get(kind="submitted").data == {"on_behalf": True}
    appeal = appeals.open_a
    assigned = appeal.events.get(kind="assigned")
    assert assigned.data == {"assignee": people.regional_admin.pk, "assignee_name": str(people.regional_admin)}
    services.assign(people.regional_admin, appeal, people.lawyer)
    assert appeal.events.filter(kind="assigned").latest("pk").data["assignee"] == people.lawyer.pk
    today = timezone.localdate()
    soon = calendar.add_working_days(today, 1)
    Appeal.objects.filter(pk=appeal.pk).update(due_date=soon)
    Appeal.objects.filter(pk=appeals.secret_a.pk).update(due_date=today - dt.timedelta(days=1))
    services.tick(today)
    assert appeal.events.get(kind="reminder").data == {"due_date": soon.isoformat()}
    secret = appeals.secret_a
    assert secret.events.get(kind="overdue").data == {"due_date": (today - dt.timedelta(days=1)).isoformat()}
    assert secret.events.get(kind="escalated").data == {"cause": "overdue"}
    services.extend(people.lawyer, appeal, "Waiting for the employer")
    extended = appeal.events.get(kind="extended")
    assert extended.text == "Waiting for the employer"
    assert extended.data == {"due_date": Appeal.objects.get(pk=appeal.pk).due_date.isoformat()}
    services.answer(people.lawyer, appeal, text="Paid", result="resolved")
    services.rate(people.member_user, appeal, 4)
    assert appeal.events.get(kind="rated").data == {"rating": 4}
    for a in (on_behalf, appeal, secret):
        _no_codes_in_text(a)


def test_the_timeline_shows_the_data_as_translated_text(client, people, appeals, tree):
    central = UserFactory(display_name="Central Lawyer")
    grant(central, Role.LAWYER, tree.central)
    appeal, secret = appeals.open_a, appeals.secret_a
    today = timezone.localdate()
    Appeal.objects.filter(pk=secret.pk).update(due_date=today - dt.timedelta(days=1))
    services.tick(today)
    services.answer(people.lawyer, appeal, text="Paid", result="resolved")
    services.rate(people.member_user, appeal, 5)
    client.cookies["django_language"] = "ru"
    client.force_login(people.central_admin)
    page = client.get(reverse("appeals:staff_detail", args=[secret.pk])).content.decode()
    with translation.override("ru"):
        escalated = translation.gettext("Escalated automatically: the deadline has passed.")
        deadline = translation.gettext("Deadline: %(date)s") % {"date": (today - dt.timedelta(days=1)).strftime(
            "%d.%m.%Y")}
        assigned = translation.gettext("Assigned to %(name)s") % {"name": str(people.regional_admin)}
        rating = translation.gettext("Rating: %(n)s of 5") % {"n": 5}
    assert escalated != "Escalated automatically: the deadline has passed."  # really translated
    assert escalated in page and deadline in page and assigned in page
    assert "<p>overdue</p>" not in page and "event-text\"><p>overdue" not in page
    client.force_login(people.member_user)
    member_page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert rating in member_page and assigned not in member_page


def test_the_data_migration_moves_codes_out_of_the_text(people, appeals):
    migration = importlib.import_module("odaq.appeals.migrations.0006_appealevent_data_from_text")
    appeal = appeals.open_a
    old = {
        "submitted": AppealEvent.objects.create(appeal=appeal, kind="submitted", text="on_behalf"),
        "rated": AppealEvent.objects.create(appeal=appeal, kind="rated", text="3"),
        "reminder": AppealEvent.objects.create(appeal=appeal, kind="reminder", text="2026-12-01"),
        "assigned": AppealEvent.objects.create(appeal=appeal, kind="assigned", text="Aigul Lawyer"),
        "escalated": AppealEvent.objects.create(appeal=appeal, kind="escalated", text="overdue"),
        "written": AppealEvent.objects.create(appeal=appeal, kind="escalated", text="Needs the centre",
                                              actor=people.lawyer),
        "question": AppealEvent.objects.create(appeal=appeal, kind="question", text="5"),
    }
    migration.forwards(django_apps, None)
    got = {name: AppealEvent.objects.get(pk=e.pk) for name, e in old.items()}
    assert (got["submitted"].data, got["submitted"].text) == ({"on_behalf": True}, "")
    assert (got["rated"].data, got["rated"].text) == ({"rating": 3}, "")
    assert (got["reminder"].data, got["reminder"].text) == ({"due_date": "2026-12-01"}, "")
    assert (got["assigned"].data, got["assigned"].text) == ({"assignee_name": "Aigul Lawyer"}, "")
    assert (got["escalated"].data, got["escalated"].text) == ({"cause": "overdue"}, "")
    assert (got["written"].data, got["written"].text) == (None, "Needs the centre")  # a person's words stay
    assert (got["question"].data, got["question"].text) == (None, "5")
    migration.backwards(django_apps, None)
    assert AppealEvent.objects.get(pk=old["rated"].pk).text == "3"
    assert AppealEvent.objects.get(pk=old["submitted"].pk).text == "on_behalf"


def test_the_api_gives_the_data_with_each_event(people, appeals):
    from rest_framework.test import APIClient

    services.answer(people.lawyer, appeals.open_a, text="Paid", result="resolved")
    services.rate(people.member_user, appeals.open_a, 5)
    member = APIClient()
    member.force_authenticate(people.member_user)
    events = member.get(f"/api/v1/appeals/{appeals.open_a.pk}/messages/").json()
    rated = [e for e in events if e["kind"] == "rated"]
    assert rated and rated[0]["data"] == {"rating": 5} and rated[0]["text"] == ""

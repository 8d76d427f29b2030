"""Filing, numbering, routing, deadlines, extension, rating, reminders and notifications."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from odaq.appeals import calendar, services
from odaq.appeals.choices import Status
from odaq.appeals.models import Appeal, AppealEvent, DutyLawyer
from odaq.appeals.tests.factories import file_appeal, filing
from odaq.core.audit_models import AuditRecord
from odaq.notify.models import Notification
from odaq.orgs.choices import MembershipStatus, Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def snapshot():
    return (Appeal.objects.count(), AppealEvent.objects.count(), Notification.objects.count())


def test_filing_registers_numbers_and_acknowledges(people, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = file_appeal(people.member_user, people.member_a.person)
        second = file_appeal(people.member_user, people.member_a.person)
    year = timezone.localdate().year
    assert first.number == f"11-{year}-00001" and second.number == f"11-{year}-00002"
    assert first.region == tree.region_a and first.organisation == tree.school_a
    assert first.employer == "School A1a"
    assert first.due_date == calendar.add_working_days(timezone.localdate(), 15)
    subjects = list(Notification.objects.filter(user=people.member_user, kind="appeal.registered")
                    .values_list("subject", flat=True))
    with translation.override(people.member_user.language or "kk"):  # written in the member's own language
        template = translation.gettext("Your appeal {number} is registered")
    assert sorted(subjects) == [template.format(number=a.number) for a in (first, second)]
    assert AuditRecord.objects.filter(action="appeal.filed", object_id=str(first.pk)).exists()
    assert any(first.number in m.subject for m in mail.outbox)


def test_routing_duty_lawyer_else_regional_admin(people, tree):
    appeal = file_appeal(people.member_user, people.member_a.person)
    assert appeal.assignee == people.regional_admin
    DutyLawyer.objects.create(region=tree.region_a, user=people.lawyer)
    appeal = file_appeal(people.member_user, people.member_a.person)
    assert appeal.assignee == people.lawyer
    assert Notification.objects.filter(user=people.lawyer, kind="appeal.assigned").exists()


def test_escalation_goes_to_the_central_legal_service(people, tree):
    central_lawyer = UserFactory(display_name="Central lawyer")
    grant(central_lawyer, Role.LAWYER, tree.central)
    appeal = file_appeal(people.member_user, people.member_a.person)
    services.escalate(people.lawyer, appeal, "Needs the central committee")
    appeal.refresh_from_db()
    assert appeal.escalated and appeal.assignee == central_lawyer
    assert appeal.events.filter(kind="escalated", visible_to_member=False).exists()
    with pytest.raises(ValidationError):
        services.escalate(people.lawyer, appeal, "again")


def test_member_of_another_region_or_non_member_cannot_file(people, tree):
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.file_appeal(outsider, people.member_b.person, filing())
    pending = MembershipFactory(organisation=tree.school_a, status=MembershipStatus.PENDING,
                                person=PersonFactory(user=UserFactory()))
    with pytest.raises(ValidationError):
        services.file_appeal(pending.person.user, pending.person, filing())
    assert Appeal.objects.count() == 0


def test_chair_files_on_behalf_of_her_member_not_of_others(people, tree):
    appeal, created = services.file_appeal(people.chair, people.member_a.person, filing(confidential=True))
    assert created and appeal.filed_by == people.chair and appeal.person == people.member_a.person
    assert not appeal.confidential  # a chair cannot hide an appeal from herself
    submitted = appeal.events.get(kind="submitted")
    assert submitted.data == {"on_behalf": True} and submitted.text == ""
    from odaq.appeals import selectors
    assert appeal in selectors.my_appeals(people.member_user)
    with pytest.raises(PermissionDenied):
        services.file_appeal(people.chair, people.member_a2.person, filing())
    with pytest.raises(PermissionDenied):
        services.file_appeal(people.chair, people.member_b.person, filing())


@pytest.mark.parametrize("field,value", [("subject", ""), ("subject", "x" * 201), ("description", "   "),
                                         ("description", "y" * 10001), ("answer_channel", "pigeon"),
                                         ("answer_language", "en")])
def test_bad_input_changes_nothing(people, field, value):
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        services.file_appeal(people.member_user, people.member_a.person, filing(**{field: value}))
    assert field in exc.value.message_dict
    assert snapshot() == before


def test_html_is_stored_as_plain_text(people):
    appeal = file_appeal(people.member_user, people.member_a.person,
                         subject="<b>Pay</b> <script>alert(1)</script>is short",
                         description="Salary < minimum & <img src=x onerror=alert(1)>unpaid")
    assert appeal.subject == "Pay is short"
    assert appeal.description == "Salary < minimum & unpaid"


def test_repeated_key_returns_the_first_appeal(people):
    first, created = services.file_appeal(people.member_user, people.member_a.person, filing(), idempotency_key="k1")
    again, created_again = services.file_appeal(people.member_user, people.member_a.person,
                                                filing(subject="changed"), idempotency_key="k1")
    assert created and not created_again and again.pk == first.pk and again.subject == first.subject
    assert Appeal.objects.count() == 1
    with pytest.raises(ValidationError):  # someone else cannot reuse (or probe) the key
        services.file_appeal(people.chair, people.member_a.person, filing(), idempotency_key="k1")


def test_extension_once_with_a_reason_the_member_sees(people, appeals):
    appeal = appeals.open_a
    services.extend(people.lawyer, appeal, "We asked the employer for documents.")
    appeal.refresh_from_db()
    assert appeal.extended
    assert appeal.due_date == calendar.add_working_days(timezone.localdate(appeal.created_at), 30)
    assert appeal.events.get(kind="extended").visible_to_member
    assert Notification.objects.filter(user=people.member_user, kind="appeal.extended").exists()
    with pytest.raises(ValidationError) as exc:
        services.extend(people.lawyer, appeal, "again")
    assert exc.value.code == "extended"


def test_rating_only_by_the_member_once_after_the_answer(people, appeals):
    appeal = appeals.open_a
    with pytest.raises(ValidationError):
        services.rate(people.member_user, appeal, 5)
    services.answer(people.lawyer, appeal, text="Answer", result="partly", legal_basis="Labour Code, art. 113")
    with pytest.raises(PermissionDenied):
        services.rate(people.lawyer, appeal, 5)
    for bad in (0, 6, "5"):
        with pytest.raises(ValidationError):
            services.rate(people.member_user, appeal, bad)
    services.rate(people.member_user, appeal, 4, "Helpful")
    with pytest.raises(ValidationError):
        services.rate(people.member_user, appeal, 5)
    appeal.refresh_from_db()
    assert appeal.rating == 4 and appeal.rating_comment == "Helpful"


def test_answer_validates_the_outcome(people, appeals):
    appeal = appeals.open_a
    for kwargs in ({"result": "won"}, {"result": "resolved", "economic_effect": -5}, {"result": "resolved",
                                                                                      "text": ""}):
        with pytest.raises(ValidationError):
            services.answer(people.lawyer, appeal, **{"text": "Answer", **kwargs})
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED and appeal.result == ""


def test_only_handlers_act(people, appeals):
    for user in (people.chair, people.regional_staff, people.auditor, appeals.lawyer_b):
        with pytest.raises(PermissionDenied):
            services.take(user, appeals.open_a)
    with pytest.raises(PermissionDenied):
        services.reply(people.lawyer, appeals.open_a, "I am not the member")


def test_tick_reminds_and_escalates_overdue(people, appeals, tree):
    central_lawyer = UserFactory()
    grant(central_lawyer, Role.LAWYER, tree.central)
    appeal = appeals.open_a
    today = timezone.localdate()
    Appeal.objects.filter(pk=appeal.pk).update(due_date=calendar.add_working_days(today, 1))
    Appeal.objects.filter(pk=appeals.secret_a.pk).update(due_date=today - dt.timedelta(days=1))
    counts = services.tick(today)
    assert counts == {"reminded": 1, "overdue": 1}
    assert Notification.objects.filter(user=people.regional_admin, kind="appeal.reminder").exists()
    secret = Appeal.objects.get(pk=appeals.secret_a.pk)
    assert secret.overdue_at and secret.escalated and secret.assignee == central_lawyer and secret.is_overdue
    assert services.tick(today) == {"reminded": 0, "overdue": 0}  # idempotent


def test_tick_command(people, appeals, capsys):
    from django.core.management import call_command

    call_command("appeals_tick", today=(timezone.localdate() + dt.timedelta(days=60)).isoformat())
    assert "overdue and escalated: 3" in capsys.readouterr().out


def test_notifications_follow_the_members_language(people, appeals):
    person = people.member_a.person
    people.member_user.language = "ru"
    people.member_user.save(update_fields=["language"])
    services.ask(people.lawyer, appeals.open_a, "Which month?")
    note = Notification.objects.filter(user=people.member_user, kind="appeal.question").latest("pk")
    assert note.language == "ru" and appeals.open_a.number in note.subject
    assert person.appeals.count() == 2

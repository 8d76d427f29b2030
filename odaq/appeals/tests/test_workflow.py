"""The state machine: every allowed move, every refused one, and refusals change nothing."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from odaq.appeals import services, workflow
from odaq.appeals.choices import Status
from odaq.appeals.models import Appeal, AppealEvent

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("submitted", "register"): "registered",
    ("registered", "take"): "in_progress",
    ("registered", "ask"): "waiting",
    ("in_progress", "ask"): "waiting",
    ("waiting", "reply"): "in_progress",
    ("registered", "answer"): "answered",
    ("in_progress", "answer"): "answered",
    ("waiting", "answer"): "answered",
    ("answered", "close"): "closed",
    ("answered", "reopen"): "in_progress",
    ("closed", "reopen"): "in_progress",
}


@pytest.mark.parametrize("status,action", list(itertools.product(Status.values, workflow.TRANSITIONS)))
def test_transition_table(status, action):
    expected = ALLOWED.get((status, action))
    if expected:
        assert workflow.target(status, action) == expected
    else:
        with pytest.raises(ValidationError) as exc:
            workflow.target(status, action)
        assert exc.value.code == "transition_refused"


def test_refusal_goes_through_gettext():
    from django.utils.functional import Promise

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        workflow.target(Status.CLOSED, "close")
    assert isinstance(exc.value.message, Promise)  # lazy gettext: rendered in the reader's language
    assert exc.value.messages == ["This cannot be done while the appeal is “Closed”."]


def _state(appeal):
    appeal.refresh_from_db()
    return appeal.status, appeal.events.count(), appeal.result, appeal.closed_at


def test_services_follow_the_machine(people, appeals):
    appeal, lawyer, member = appeals.open_a, people.lawyer, people.member_user
    assert appeal.status == Status.REGISTERED
    assert list(appeal.events.values_list("kind", flat=True)) == ["submitted", "registered", "assigned"]
    services.take(lawyer, appeal)
    services.ask(lawyer, appeal, "Which month?")
    assert appeal.status == Status.WAITING
    services.reply(member, appeal, "September")
    assert appeal.status == Status.IN_PROGRESS
    services.answer(lawyer, appeal, text="The employer must pay.", result="resolved", economic_effect=184000)
    assert appeal.status == Status.ANSWERED and appeal.economic_effect == 184000
    before = _state(appeal)
    with pytest.raises(ValidationError):
        services.ask(lawyer, appeal, "Another question?")
    with pytest.raises(ValidationError):
        services.reply(member, appeal, "More text")
    assert _state(appeal) == before
    services.close(lawyer, appeal)
    before = _state(appeal)
    assert before[0] == Status.CLOSED
    for call in (lambda: services.close(lawyer, appeal), lambda: services.take(lawyer, appeal),
                 lambda: services.answer(lawyer, appeal, text="x", result="resolved")):
        with pytest.raises(ValidationError):
            call()
    assert _state(appeal) == before
    services.reopen(member, appeal, "The employer did not pay after all.")
    assert appeal.status == Status.IN_PROGRESS and appeal.closed_at is None


def test_internal_comment_is_hidden_from_the_member(people, appeals):
    appeal = appeals.open_a
    services.comment(people.lawyer, appeal, "Call the school director first.")
    event = AppealEvent.objects.get(appeal=appeal, kind="comment")
    assert not event.visible_to_member
    from odaq.appeals import selectors
    assert event not in selectors.timeline(appeal, for_member=True)
    assert event in selectors.timeline(appeal, for_member=False)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED


def test_reopen_only_within_ten_days(people, appeals, settings):
    import datetime as dt

    from django.utils import timezone

    appeal = appeals.open_a
    services.answer(people.lawyer, appeal, text="Answer", result="not_resolved")
    Appeal.objects.filter(pk=appeal.pk).update(answered_at=timezone.now() - dt.timedelta(days=11))
    appeal.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.reopen(people.member_user, appeal, "Please look again")
    assert exc.value.code == "reopen_late"
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from odaq.appeals.models import Appeal, AppealCounter, AppealEvent, DutyLawyer
from odaq.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_appeals(capsys):
    with pytest.raises(CommandError):
        call_command("demo_appeals", count=10)  # no members yet
    call_command("demo_data", members=400, seed=1, verbosity=0)
    call_command("demo_appeals", count=600, seed=1)
    assert Appeal.objects.count() == 600
    assert len(set(Appeal.objects.values_list("number", flat=True))) == 600
    assert set(Appeal.objects.values_list("status", flat=True)) >= {"registered", "in_progress", "waiting",
                                                                   "answered", "closed"}
    assert Appeal.objects.filter(economic_effect__gt=0).exists() and Appeal.objects.filter(confidential=True).exists()
    assert AppealEvent.objects.filter(kind="answer").count() == Appeal.objects.filter(answered_at__isnull=False).count()
    assert DutyLawyer.objects.count() == Organisation.objects.filter(depth=2).count()
    assert Appeal.objects.filter(person__user__email="member@demo.odaq.kz").count() >= 4
    assert Appeal.objects.filter(assignee__email="lawyer@demo.odaq.kz").exists()
    # numbering continues from the counters
    for counter in AppealCounter.objects.all():
        same_year = Appeal.objects.filter(region=counter.region, number__contains=f"-{counter.year}-")
        assert same_year.count() == counter.last
    # The year is brought up to today: running the periodic task again finds nothing left to do, and the
    # escalations it recorded printed no letters.
    from django.core import mail

    from odaq.appeals.services import tick

    assert "deadlines brought up to date" in capsys.readouterr().out and not mail.outbox
    assert tick() == {"reminded": 0, "overdue": 0}
    call_command("demo_appeals", count=5, if_empty=True)
    assert "already exist" in capsys.readouterr().out and Appeal.objects.count() == 600

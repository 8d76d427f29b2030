import pytest
from django.core.management import call_command

from odaq.core.models import User
from odaq.surveys import selectors
from odaq.surveys.choices import Status
from odaq.surveys.models import Response, Survey


@pytest.mark.django_db
def test_demo_surveys(settings):
    call_command("demo_data", members=300, seed=1, verbosity=0)
    call_command("demo_surveys", seed=1, if_empty=True)
    open_ = Survey.objects.get(status=Status.OPEN)
    closed = Survey.objects.get(status=Status.CLOSED)
    assert open_.anonymous and not closed.anonymous
    assert Response.objects.filter(survey=open_, person__isnull=False).count() == 0
    assert Response.objects.filter(survey=closed, person__isnull=True).count() == 0
    assert closed.responses.exists() and open_.responses.exists()
    member = User.objects.get(email="member@demo.odaq.kz")
    mine = selectors.open_surveys_for(member.person)
    assert [s.pk for s in mine] == [open_.pk] and not mine[0].answered
    call_command("demo_surveys", seed=1, if_empty=True)  # a second run changes nothing
    assert Survey.objects.count() == 2

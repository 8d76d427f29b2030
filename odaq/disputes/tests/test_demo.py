from io import StringIO

import pytest
from django.core.management import call_command

from odaq.disputes.models import Dispute, Hearing, Stage
from odaq.disputes.services import tick

pytestmark = pytest.mark.django_db


def test_demo_disputes_grow_from_demo_appeals():
    call_command("demo_data", members=400, seed=1, verbosity=0)
    call_command("demo_appeals", count=600, seed=1, verbosity=0)
    out = StringIO()
    call_command("demo_disputes", seed=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Demo disputes: ")
    disputes = Dispute.objects.all()
    assert disputes.count() > 20 and all(d.appeal_id for d in disputes)
    assert Dispute.objects.filter(person__user__email="member@demo.odaq.kz").exists()
    assert set(Stage.objects.exclude(outcome="").values_list("outcome", flat=True)) >= {"won", "lost"}
    assert Stage.objects.values("dispute").distinct().count() >= disputes.count() * 0.9  # recent ones: none yet
    assert Dispute.objects.filter(recovered__gt=0).exists() and Dispute.objects.filter(reinstated=True).exists()
    assert Dispute.objects.filter(status="closed").exists() and Dispute.objects.filter(status="open").exists()
    assert Hearing.objects.exists()
    assert len(set(disputes.values_list("number", flat=True))) == disputes.count()
    tick()
    again = StringIO()
    call_command("demo_disputes", if_empty=True, stdout=again)
    assert "already exist" in again.getvalue() and Dispute.objects.count() == disputes.count()

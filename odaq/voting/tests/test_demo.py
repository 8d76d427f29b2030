import json
from io import StringIO

import pytest
from django.core.management import call_command

from odaq.core.models import User
from odaq.voting import selectors, services, verify
from odaq.voting.models import Election, Status


@pytest.fixture
def demo(db):
    call_command("demo_data", "--members", "300", "--seed", "7", stdout=StringIO())
    out = StringIO()
    call_command("demo_voting", "--seed", "1", "--if-empty", "--voters", "20", stdout=out)
    return out.getvalue()


def test_demo_member_can_vote_and_a_result_is_published(demo, client):
    member = User.objects.get(email="member@demo.odaq.kz")
    open_votes = list(selectors.open_for_member(member.person))
    assert len(open_votes) == 1
    published = Election.objects.get(status=Status.PUBLISHED)
    expected = min(20, published.electorate_count - 1)
    assert published.result["ballots"] == expected >= 5 and not published.result["suppressed"]
    published = services.ensure_ballot_list(published)
    assert published.ballot_list_sha256, "publishing writes the list"
    data = json.loads(published.ballot_list.read())
    assert verify.verify(data, published.chain_head)["ballots"] == expected
    out = StringIO()
    call_command("demo_voting", "--seed", "1", "--if-empty", stdout=out)
    assert "nothing to do" in out.getvalue() and Election.objects.count() == 2

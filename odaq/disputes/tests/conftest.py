from types import SimpleNamespace

import pytest

from odaq.appeals.tests.factories import ensure_topics, file_appeal
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant


@pytest.fixture(autouse=True)
def _topics(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("db")
    ensure_topics()


@pytest.fixture
def cases(people, tree):
    """Appeals of member A (one confidential) and of member B (region B, with its lawyer)."""
    ns = SimpleNamespace(people=people, tree=tree)
    ns.appeal_a = file_appeal(people.member_user, people.member_a.person, subject="Dismissed without consent",
                              employer="School A1a")
    ns.secret_a = file_appeal(people.member_user, people.member_a.person, subject="Secret case", confidential=True)
    ns.lawyer_b = UserFactory(display_name="Lawyer B")
    grant(ns.lawyer_b, Role.LAWYER, tree.region_b)
    ns.member_b_user = UserFactory(display_name="Member B")
    ns.member_b = MembershipFactory(organisation=tree.school_b, person=PersonFactory(user=ns.member_b_user))
    ns.appeal_b = file_appeal(ns.member_b_user, ns.member_b.person, subject="Appeal B")
    return ns

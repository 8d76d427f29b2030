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
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    ensure_topics()


@pytest.fixture(autouse=True)
def _exports_inline(settings):
    settings.ODAQ_EXPORTS_RUN = "inline"  # exports are built in the request (on commit) in these tests


@pytest.fixture
def appeals(people, tree):
    """Appeals of member A (school A1a): an ordinary one and a confidential one; one in region B;
    and a lawyer of region B."""
    ns = SimpleNamespace()
    ns.open_a = file_appeal(people.member_user, people.member_a.person, subject="Open appeal A")
    ns.secret_a = file_appeal(people.member_user, people.member_a.person, subject="Secret appeal A",
                              confidential=True)
    ns.lawyer_b = UserFactory(display_name="Lawyer B")
    grant(ns.lawyer_b, Role.LAWYER, tree.region_b)
    ns.member_b_user = UserFactory(display_name="Member B")
    ns.member_b = MembershipFactory(organisation=tree.school_b, person=PersonFactory(user=ns.member_b_user))
    ns.appeal_b = file_appeal(ns.member_b_user, ns.member_b.person, subject="Appeal B")
    return ns

import pytest

from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory


@pytest.fixture
def voters(tree):
    """Users with active memberships in school A1a (their person is ``user.person``)."""

    def make(n, organisation=None):
        users = []
        for _ in range(n):
            user = UserFactory()
            MembershipFactory(organisation=organisation or tree.school_a, person=PersonFactory(user=user))
            users.append(user)
        return users

    return make

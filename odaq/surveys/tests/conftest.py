import pytest

from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory

from .factories import full_survey


@pytest.fixture
def member_factory():
    """A member with a login in ``organisation``."""

    def make(organisation, **person):
        user = UserFactory()
        return MembershipFactory(organisation=organisation, person=PersonFactory(user=user, **person)).person

    return make


@pytest.fixture
def survey_a(tree, people):
    """An open anonymous survey of region A with one question of every kind."""
    return full_survey(tree.region_a)

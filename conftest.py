"""Shared fixtures: a small union with two regions and a user for every role."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import translation

from odaq.orgs.choices import Level, Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant, make_org


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Code called outside a request (services, importers) speaks English in tests unless a test
    # asks otherwise; requests still get Kazakh by default through the language middleware.
    translation.activate("en")
    # Throttles and rate limits count in the cache: each test starts with none spent (no test may depend on
    # how many questions the tests before it asked within the same minute).
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fast hashing in tests only: real hashers are for real passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ODAQ_LAW_DENSE_IN_BACKGROUND = False  # tests see the finished hybrid index
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "law_index"
    settings.ODAQ_AUDIT_CHECKPOINT_DIR = tmp_path / "audit"


@pytest.fixture
def tree(db):
    """central → region A (district A1 → school A1a, A1b) and region B (district B1 → school B1a)."""
    central = make_org(None, Level.CENTRAL, "Central committee", code="00")
    region_a = make_org(central, Level.REGION, "Region A", code="11")
    region_b = make_org(central, Level.REGION, "Region B", code="12")
    district_a = make_org(region_a, Level.DISTRICT, "District A1")
    district_b = make_org(region_b, Level.DISTRICT, "District B1")
    school_a = make_org(district_a, Level.PRIMARY, "School A1a", employer_kind="school",
                        employer_name="School A1a", employer_bin="123456789012")
    school_a2 = make_org(district_a, Level.PRIMARY, "School A1b", employer_kind="school")
    school_b = make_org(district_b, Level.PRIMARY, "School B1a", employer_kind="school")
    return SimpleNamespace(central=central, region_a=region_a, region_b=region_b, district_a=district_a,
                           district_b=district_b, school_a=school_a, school_a2=school_a2, school_b=school_b)


@pytest.fixture
def people(tree):
    """A user for every role of region A (chair on school A1a), a central admin, and members."""

    def staff(role, org):
        user = UserFactory(display_name=f"{role} user")
        grant(user, role, org)
        return user

    ns = SimpleNamespace(
        chair=staff(Role.CHAIR, tree.school_a),
        lawyer=staff(Role.LAWYER, tree.region_a),
        regional_staff=staff(Role.REGIONAL_STAFF, tree.region_a),
        regional_admin=staff(Role.REGIONAL_ADMIN, tree.region_a),
        auditor=staff(Role.AUDITOR, tree.region_a),
        central_admin=staff(Role.CENTRAL_ADMIN, tree.central),
    )
    member_user = UserFactory(display_name="Member A")
    ns.member_user = member_user
    ns.member_a = MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=member_user))
    ns.member_a2 = MembershipFactory(organisation=tree.school_a2)
    ns.member_b = MembershipFactory(organisation=tree.school_b)
    return ns

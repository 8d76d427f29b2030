"""Demo data: valid and unique identities, a consistent tree, one login per role, determinism."""

from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from odaq.core.audit_models import AuditRecord
from odaq.core.iin import is_valid_iin
from odaq.core.models import User
from odaq.orgs import selectors
from odaq.orgs.choices import Level, MembershipStatus, Role
from odaq.orgs.demo.builder import DemoOptions, build_demo
from odaq.orgs.demo.staff import DEMO_ACCOUNTS, DEMO_PASSWORD
from odaq.orgs.demo.tree import default_sizes
from odaq.orgs.models import Consent, Membership, Organisation, Person, RoleAssignment

PARENT_LEVEL = {
    Level.REGION: {Level.CENTRAL},
    Level.BRANCH: {Level.CENTRAL},
    Level.DISTRICT: {Level.REGION},
    Level.PRIMARY: {Level.DISTRICT, Level.BRANCH},
}


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("demo_data", "--members", "200", "--seed", "7", stdout=out)
    return out.getvalue()


def test_every_person_has_a_valid_unique_iin_and_phone(demo):
    people = list(Person.objects.values_list("iin", "phone", "last_name", "first_name", "search_name"))
    assert len(people) == 200 + 3  # generated members + demo chair, member and pending member
    assert all(is_valid_iin(iin) for iin, *_ in people)
    assert len({iin for iin, *_ in people}) == len(people)
    phones = [phone for _, phone, *_ in people]
    assert len(set(phones)) == len(phones)
    assert all(p.startswith("+77") and len(p) == 12 and p[1:].isdigit() for p in phones)
    assert all(last and first and search for _, _, last, first, search in people)
    young = Person.objects.filter(young_specialist=True).count()
    assert 2 <= young <= 50
    assert set(Person.objects.values_list("language", flat=True)) == {"kk", "ru"}


def test_memberships_and_consents(demo):
    assert Membership.objects.filter(status=MembershipStatus.ACTIVE).count() > 150
    assert not Membership.objects.exclude(organisation__level=Level.PRIMARY).exists()
    assert not Person.objects.filter(memberships__isnull=True).exists()
    assert not Person.objects.exclude(consents__purpose="membership").exists()
    assert not Membership.objects.filter(status=MembershipStatus.LEFT, left_on__isnull=True).exists()
    assert set(Consent.objects.values_list("text_version", flat=True)) == {django_settings.ODAQ_CONSENT_VERSION}


def test_tree_levels_are_consistent_and_treebeard_works(demo):
    tree = Organisation.objects
    assert tree.find_problems() == ([], [], [], [], [])
    central = Organisation.objects.get(level=Level.CENTRAL)
    assert central.is_root() and central.code == "00" and tree.get_root_nodes().count() == 1
    codes = set(Organisation.objects.filter(level=Level.REGION).values_list("code", flat=True))
    assert codes == {f"{n:02d}" for n in range(1, 21)}
    assert Organisation.objects.filter(level=Level.BRANCH).count() >= 1
    for org in Organisation.objects.exclude(level=Level.CENTRAL):
        assert tree.get_parent(org).level in PARENT_LEVEL[org.level], org
    for org in Organisation.objects.exclude(level=Level.PRIMARY):
        assert tree.get_children(org).count() == org.numchild > 0, org
    primaries = Organisation.objects.filter(level=Level.PRIMARY)
    assert not primaries.filter(employer_kind="").exists()
    assert all(len(b) == 12 and b.isdigit() for b in primaries.values_list("employer_bin", flat=True))
    assert tree.get_descendants(central).count() == Organisation.objects.count() - 1
    region = Organisation.objects.get(level=Level.REGION, code="01")
    below = tree.get_descendants(region)
    assert below.filter(level=Level.PRIMARY).exists()
    assert set(below.values_list("pk", flat=True)) == set(
        Organisation.objects.filter(region.subtree_q()).exclude(pk=region.pk).values_list("pk", flat=True)
    )
    # treebeard keeps working on the bulk-built tree
    new = tree.add_child(region, dict(level=Level.DISTRICT, name_kk="Жаңа аудан", name_ru="Новый район"))
    region.refresh_from_db()
    assert tree.get_parent(new) == region and tree.get_children(region).filter(pk=new.pk).exists()


def test_every_role_has_a_demo_login(demo):
    users = {u.email: u for u in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS])}
    assert len(users) == len(DEMO_ACCOUNTS)
    assert all(u.check_password(DEMO_PASSWORD) and u.phone for u in users.values())
    granted = set(RoleAssignment.objects.filter(user__in=users.values()).values_list("role", flat=True))
    assert granted == set(Role.values)
    member = Membership.objects.get(person__user=users["member@demo.odaq.kz"])
    chair_org = RoleAssignment.objects.get(role=Role.CHAIR).organisation
    assert member.status == MembershipStatus.ACTIVE and member.organisation == chair_org
    pending = Membership.objects.get(person__user=users["pending@demo.odaq.kz"])
    assert pending.status == MembershipStatus.PENDING and pending.organisation == chair_org
    region = RoleAssignment.objects.get(role=Role.REGIONAL_ADMIN).organisation
    assert region.code == "01" and chair_org.path.startswith(region.path)
    assert RoleAssignment.objects.get(role=Role.CENTRAL_ADMIN).organisation.level == Level.CENTRAL

    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert all(a.email in out.getvalue() and a.phone in out.getvalue() for a in DEMO_ACCOUNTS)
    assert DEMO_PASSWORD in out.getvalue()


def test_demo_members_are_found_by_staff_search(demo):
    admin = User.objects.get(email="central.admin@demo.odaq.kz")
    person = Person.objects.filter(memberships__status=MembershipStatus.ACTIVE).order_by("pk").first()
    assert list(selectors.member_list(admin, query=person.iin).values_list("person", flat=True)) == [person.pk]
    assert selectors.member_list(admin, query=person.iin[:6]).filter(person=person).exists()
    assert selectors.member_list(admin, query=person.last_name[:4]).filter(person=person).exists()
    regional = User.objects.get(email="regional.admin@demo.odaq.kz")
    region = RoleAssignment.objects.get(user=regional).organisation
    seen = selectors.member_list(regional)
    assert seen.exists() and not seen.exclude(organisation__path__startswith=region.path).exists()


def test_one_audit_record_for_the_build(demo):
    assert AuditRecord.objects.filter(action="demo.built").count() == 1
    assert AuditRecord.objects.get(action="demo.built").data["people"] == 200


def test_if_empty_does_not_duplicate(demo):
    before = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    out = StringIO()
    call_command("demo_data", "--members", "200", "--seed", "7", "--if-empty", stdout=out)
    assert "already" in out.getvalue()
    assert (Organisation.objects.count(), Person.objects.count(), User.objects.count()) == before
    with pytest.raises(CommandError):
        call_command("demo_data", "--members", "200", stdout=StringIO())
    assert Person.objects.count() == before[1]


class _RollBack(Exception):
    pass


def _build_and_forget(seed: int) -> tuple[list, list]:
    """Build into the (empty) database, read it back, then roll everything back."""
    result = ([], [])
    try:
        with transaction.atomic():
            build_demo(DemoOptions(members=120, seed=seed, regions=5), out=lambda _msg: None)
            result = (
                list(Person.objects.order_by("pk").values_list("iin", "last_name", "phone")),
                list(Organisation.objects.order_by("path").values_list("path", "name_ru", "employer_bin")),
            )
            raise _RollBack
    except _RollBack:
        pass
    assert not Person.objects.exists() and not Organisation.objects.exists()
    return result


def test_same_seed_gives_the_same_data(db):
    first = _build_and_forget(42)
    second = _build_and_forget(42)
    other = _build_and_forget(43)
    assert first[0] and first == second
    assert [iin for iin, *_ in first[0]] != [iin for iin, *_ in other[0]]


def test_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_data", "--members", "10", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("demo_logins", stdout=StringIO())
    assert not Organisation.objects.exists()


def test_default_sizes_scale_with_members():
    big = default_sizes(750_000)
    assert big.regions + big.branches == 25
    assert sum(big.districts) == 250 and big.primaries == 12_000
    small = default_sizes(3000)
    assert small.regions == 20 and 50 <= sum(small.districts) <= 70 and 150 <= small.primaries <= 220
    assert default_sizes(10, districts_per_region=2).districts == [2] * 20

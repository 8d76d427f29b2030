"""Demo accounts: one login per role, all with the same demo password."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password

from odaq.core.models import User
from odaq.orgs.choices import ConsentPurpose, Level, MembershipStatus, Role
from odaq.orgs.models import Consent, Membership, Organisation, Person, RoleAssignment

from .people import REFERENCE_DAY, Identity, at

DEMO_PASSWORD = "odaq-demo-2026"
DEMO_DOMAIN = "demo.odaq.kz"


@dataclass(frozen=True)
class DemoAccount:
    key: str
    label: str  # shown by demo_logins
    role: str  # a Role value, or "member" / "pending" for people without a staff role
    where: str  # "central", "region" or "primary"
    phone: str

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


DEMO_ACCOUNTS = [
    DemoAccount("central.admin", "Central administrator", Role.CENTRAL_ADMIN, "central", "+77000000001"),
    DemoAccount("regional.admin", "Regional administrator", Role.REGIONAL_ADMIN, "region", "+77000000002"),
    DemoAccount("regional.staff", "Regional staff", Role.REGIONAL_STAFF, "region", "+77000000003"),
    DemoAccount("lawyer", "Lawyer (legal inspector)", Role.LAWYER, "region", "+77000000004"),
    DemoAccount("auditor", "Auditor (read only)", Role.AUDITOR, "region", "+77000000005"),
    DemoAccount("chair", "Primary organisation chair", Role.CHAIR, "primary", "+77000000006"),
    DemoAccount("member", "Member", "member", "primary", "+77000000007"),
    DemoAccount("pending", "Self-registered, waiting for approval", "pending", "primary", "+77000000008"),
]
RESERVED_PHONES = [a.phone for a in DEMO_ACCOUNTS]
WITH_PERSON = {"chair": MembershipStatus.ACTIVE, "member": MembershipStatus.ACTIVE, "pending": MembershipStatus.PENDING}


def demo_places() -> dict[str, Organisation]:
    """The central committee, the first region (code 01) and its first school."""
    central = Organisation.objects.get(level=Level.CENTRAL, depth=1)
    region = Organisation.objects.filter(level=Level.REGION).order_by("code").first()
    primaries = Organisation.objects.filter(region.subtree_q(), level=Level.PRIMARY).order_by("path")
    primary = primaries.filter(employer_kind="school").first() or primaries.first()
    return {"central": central, "region": region, "primary": primary}


def create_demo_accounts(identity: Identity) -> list[User]:
    places = demo_places()
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is deliberately slow
    users = []
    for account in DEMO_ACCOUNTS:
        place = places[account.where]
        fields = identity.person(place.employer_kind or "school", young=account.key == "pending")
        user = User.objects.create(
            email=account.email, phone=account.phone, password=password, language=fields["language"],
            display_name=f"{fields['first_name']} {fields['last_name']}",
        )
        users.append(user)
        if account.key in WITH_PERSON:
            fields.pop("born")
            fields.update(phone=account.phone, email=account.email)
            person = Person.objects.create(user=user, **fields)
            status = WITH_PERSON[account.key]
            joined = REFERENCE_DAY if status == MembershipStatus.PENDING else REFERENCE_DAY.replace(year=2015)
            Membership.objects.create(person=person, organisation=place, status=status, joined_on=joined,
                                      card_number=f"{places['region'].code}-DEMO-{account.key}")
            Consent.objects.create(person=person, purpose=ConsentPurpose.MEMBERSHIP, given_at=at(joined, identity.rng),
                                   text_version=settings.ODAQ_CONSENT_VERSION)
        if account.role in Role.values:
            RoleAssignment.objects.create(user=user, role=account.role, organisation=place)
    return users


def demo_logins() -> list[dict]:
    """Rows for the demo_logins command: role, e-mail, phone, password, organisation."""
    users = {u.email: u for u in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS])}
    rows = []
    for account in DEMO_ACCOUNTS:
        user = users.get(account.email)
        if user is None:
            continue
        grant = user.roles.filter(revoked_at__isnull=True).select_related("organisation").first()
        membership = Membership.objects.filter(person__user=user).select_related("organisation").first()
        org = grant.organisation if grant else (membership.organisation if membership else None)
        rows.append(dict(role=account.label, email=account.email, phone=account.phone, password=DEMO_PASSWORD,
                         organisation=org.name if org else "", name=user.display_name))
    return rows

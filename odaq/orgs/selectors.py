"""Reads for staff and members. Staff reads always pass through ``scopes.scope_q``."""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Collate, Length, Substr
from django.shortcuts import get_object_or_404

from odaq.core import audit
from odaq.core.audit_models import AuditRecord

from .choices import Level, MembershipStatus
from .models import Application, Consent, Membership, Organisation, Person, RoleAssignment, build_search_name
from .scopes import Cap, scope_paths, scope_q


def organisations_for(user, cap: Cap = Cap.VIEW_MEMBERS) -> QuerySet[Organisation]:
    return Organisation.objects.filter(scope_q(user, cap, field="path")).order_by("path")


def primary_organisations_for(user, cap: Cap = Cap.CHANGE_MEMBERS) -> QuerySet[Organisation]:
    return organisations_for(user, cap).filter(level=Level.PRIMARY)


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("path")


def parent_id_subquery() -> Subquery:
    """The parent's id from the materialised path, for annotating lists without a query per row."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organisation.steplen)
    return Subquery(Organisation.objects.filter(path=parent_path).values("pk")[:1])


def memberships_for(user, cap: Cap = Cap.VIEW_MEMBERS) -> QuerySet[Membership]:
    return Membership.objects.filter(scope_q(user, cap, field="organisation__path"))


def member_list(
    user,
    *,
    query: str = "",
    organisation: Organisation | None = None,
    status: str = "",
) -> QuerySet[Membership]:
    """Memberships the user may see, filtered by a subtree, status and a name or IIN query.

    A name query first matches the start of "last first middle" (what staff type: a surname,
    then a first name), read in index order; only when nothing starts so does it look for the
    words anywhere in the name.
    """
    qs = memberships_for(user).select_related("person", "organisation")
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    if status:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=MembershipStatus.LEFT)
    query = (query or "").strip()
    if not query:
        return qs.order_by("person__last_name", "person__first_name", "pk")
    digits = query.replace(" ", "")
    if digits.isdigit():
        return qs.filter(person__iin__startswith=digits).order_by("person__last_name", "person__first_name", "pk")
    name = build_search_name(query)
    by_prefix = qs.alias(sortable_name=_bytewise("person__search_name")).filter(sortable_name__startswith=name)
    if by_prefix.exists():
        return by_prefix.order_by("sortable_name", "pk")
    for token in name.split()[:3]:
        qs = qs.filter(person__search_name__contains=token)
    return qs.order_by("person__last_name", "person__first_name", "pk")


def _bytewise(field: str) -> Collate:
    """The field in byte order, which the prefix index on PostgreSQL (COLLATE "C") can serve."""
    return Collate(field, "C" if connection.vendor == "postgresql" else "BINARY")


def membership_for(user, pk: int, cap: Cap = Cap.VIEW_MEMBERS) -> Membership:
    return get_object_or_404(memberships_for(user, cap).select_related("person", "organisation"), pk=pk)


def person_detail_for(user, membership_pk: int, request=None) -> Membership:
    """A member's card with personal data; every view is written to the audit log."""
    membership = membership_for(user, membership_pk)
    audit.record(
        "person.viewed",
        actor=user,
        obj=membership.person,
        request=request,
        scope=membership.organisation,
        data={"membership": membership.pk},
    )
    return membership


def pending_memberships_for(user) -> QuerySet[Membership]:
    return memberships_for(user, Cap.CHANGE_MEMBERS).filter(status=MembershipStatus.PENDING)


def roles_for(user) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(scope_q(user, Cap.MANAGE_ROLES), revoked_at__isnull=True)
        .select_related("user", "organisation")
        .order_by("organisation__path", "role")
    )


def my_person(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def my_application(user) -> Application | None:
    """The account's application waiting for a chair to confirm her against the record (its own submitted details
    only: nothing of the person on record)."""
    if not user.is_authenticated:
        return None
    return (Application.objects.filter(user=user, membership__status=MembershipStatus.PENDING)
            .select_related("membership__organisation").first())


def pending_applications(memberships) -> dict[int, Application]:
    """Applications of these pending memberships, by membership id (for the approvals page)."""
    return {a.membership_id: a for a in Application.objects.filter(membership__in=list(memberships))}


def current_membership(person: Person | None, *, active: bool = False) -> Membership | None:
    """The person's current membership (at most one is not "left"), with its organisation; with
    ``active=True`` only if it is active (pending and suspended members may not file appeals or answer
    surveys)."""
    if person is None:
        return None
    qs = person.memberships.exclude(status=MembershipStatus.LEFT)
    if active:
        qs = qs.filter(status=MembershipStatus.ACTIVE)
    return qs.select_related("organisation").order_by("-joined_on", "-pk").first()


def last_membership(person: Person) -> Membership | None:
    """The most recent membership, current or left."""
    return person.memberships.select_related("organisation").order_by("-joined_on", "-pk").first()


def my_memberships(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("organisation").order_by("-joined_on")


def my_consents(person: Person) -> QuerySet[Consent]:
    return person.consents.all()


def ancestors_and_self(organisation: Organisation) -> list[Organisation]:
    return [*Organisation.objects.get_ancestors(organisation), organisation]


def scoped_person_q(user, cap: Cap) -> Q:
    return scope_q(user, cap, field="memberships__organisation__path")


def member_counts_for(user) -> dict[str, int]:
    """Memberships in the user's scope counted by status (every status present, zero if none)."""
    counts = dict.fromkeys(MembershipStatus.values, 0)
    rows = memberships_for(user).order_by().values_list("status").annotate(n=Count("pk"))
    for status, n in rows:
        counts[status] = n
    return counts


def current_member_iins(iins: Iterable[str]) -> set[str]:
    """Which of these IINs already belong to a current (not left) member anywhere in the union.

    Deliberately not scoped: a person may hold one current membership in the whole union, so
    an import must know about members outside the operator's subtree. Only IINs are returned.
    """
    wanted = sorted(set(iins))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(
            Membership.objects.filter(person__iin__in=wanted[start : start + 500])
            .exclude(status=MembershipStatus.LEFT)
            .values_list("person__iin", flat=True)
        )
    return found


def audit_records_for(user, *, action: str = "") -> QuerySet[AuditRecord]:
    """The audit log, newest first, for holders of ``Cap.VIEW_AUDIT``, limited to their subtree.

    Records that concern no organisation (e.g. a staff login) are visible at the central level only.
    """
    paths = scope_paths(user, Cap.VIEW_AUDIT)
    if not paths:
        return AuditRecord.objects.none()
    qs = AuditRecord.objects.order_by("-seq")
    if not any(len(p) == Organisation.steplen for p in paths):
        qs = qs.filter(scope_q(user, Cap.VIEW_AUDIT, field="scope_path"))
    action = (action or "").strip()
    if action:
        qs = qs.filter(action__startswith=action)
    return qs

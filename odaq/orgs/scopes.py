"""Who may do what where. A staff role on a node covers that node's subtree.

Every staff queryset is filtered through ``scope_q``; there is no unscoped staff read.
"""

from enum import StrEnum

from django.db.models import Q

from .choices import Role


class Cap(StrEnum):
    VIEW_MEMBERS = "view_members"
    CHANGE_MEMBERS = "change_members"
    MANAGE_ROLES = "manage_roles"
    PUBLISH_NEWS = "publish_news"
    VIEW_AUDIT = "view_audit"
    VIEW_APPEALS = "view_appeals"  # chairs: their primary organisation, never confidential appeals
    HANDLE_APPEALS = "handle_appeals"  # assign, answer, close, escalate
    FILE_APPEALS = "file_appeals"  # file on a member's behalf
    REVIEW_AI = "review_ai"  # expert review of AI answers, approved answer cards
    VIEW_AI_RECORDS = "view_ai_records"
    ORGANISE_VOTES = "organise_votes"
    RUN_SURVEYS = "run_surveys"


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.CHAIR: frozenset({Cap.VIEW_MEMBERS, Cap.CHANGE_MEMBERS, Cap.PUBLISH_NEWS, Cap.VIEW_APPEALS,
                           Cap.FILE_APPEALS, Cap.ORGANISE_VOTES, Cap.RUN_SURVEYS}),
    Role.LAWYER: frozenset({Cap.VIEW_MEMBERS, Cap.VIEW_APPEALS, Cap.HANDLE_APPEALS, Cap.REVIEW_AI,
                            Cap.VIEW_AI_RECORDS}),
    Role.REGIONAL_STAFF: frozenset({Cap.VIEW_MEMBERS, Cap.PUBLISH_NEWS, Cap.VIEW_APPEALS, Cap.FILE_APPEALS,
                                    Cap.ORGANISE_VOTES, Cap.RUN_SURVEYS}),
    Role.REGIONAL_ADMIN: frozenset({Cap.VIEW_MEMBERS, Cap.CHANGE_MEMBERS, Cap.MANAGE_ROLES, Cap.PUBLISH_NEWS,
                                    Cap.VIEW_APPEALS, Cap.HANDLE_APPEALS, Cap.FILE_APPEALS, Cap.VIEW_AI_RECORDS,
                                    Cap.ORGANISE_VOTES, Cap.RUN_SURVEYS}),
    Role.CENTRAL_ADMIN: frozenset(Cap),
    Role.AUDITOR: frozenset({Cap.VIEW_MEMBERS, Cap.VIEW_AUDIT, Cap.VIEW_APPEALS, Cap.VIEW_AI_RECORDS}),
}

# Roles an administrator may hand out; nobody but a central admin creates another central admin.
GRANTABLE: dict[str, frozenset[str]] = {
    Role.REGIONAL_ADMIN: frozenset(
        {Role.CHAIR, Role.LAWYER, Role.REGIONAL_STAFF, Role.REGIONAL_ADMIN, Role.AUDITOR}
    ),
    Role.CENTRAL_ADMIN: frozenset(Role),
}


def active_roles(user) -> list[tuple[str, str, int]]:
    """(role, organisation path, organisation id) of the user's current grants, cached per request."""
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_odaq_roles", None)
    if cached is None:
        cached = list(
            user.roles.filter(revoked_at__isnull=True).values_list(
                "role", "organisation__path", "organisation_id"
            )
        )
        user._odaq_roles = cached
    return cached


def forget_roles(user) -> None:
    if hasattr(user, "_odaq_roles"):
        del user._odaq_roles


def is_staff_member(user) -> bool:
    return bool(active_roles(user))


def _minimal(paths: set[str]) -> list[str]:
    out: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(p) for p in out):
            out.append(path)
    return out


def scope_paths(user, cap: Cap) -> list[str]:
    return _minimal({path for role, path, _ in active_roles(user) if cap in ROLE_CAPS.get(role, ())})


def scope_q(user, cap: Cap, field: str = "organisation__path") -> Q:
    """A filter matching objects whose organisation lies in the user's scope for ``cap``."""
    paths = scope_paths(user, cap)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def can(user, cap: Cap, organisation) -> bool:
    return any(organisation.path.startswith(p) for p in scope_paths(user, cap))


def has_cap(user, cap: Cap) -> bool:
    return bool(scope_paths(user, cap))


def grantable_roles(user, organisation) -> set[str]:
    allowed: set[str] = set()
    for role, path, _ in active_roles(user):
        if organisation.path.startswith(path):
            allowed |= GRANTABLE.get(role, frozenset())
    return allowed


def _related(obj, name: str, model):
    """``obj.<name>`` when ``obj`` is a model instance whose field ``name`` points to ``model``, else None."""
    from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist

    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.related_model is not model:
        return None
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:  # a user without a person
        return None


def audit_scope(obj) -> str:
    """The organisation path an audit record about ``obj`` belongs to (empty: central only).

    An organisation is its own scope; an object with an ``organisation`` is in that organisation's; a person
    (or an object of a person: a consent, a user account) is in the organisation of her current membership,
    else of her last one. ``core.audit`` uses this for records whose caller passes no ``scope``.
    """
    from .models import Organisation, Person
    from .selectors import current_membership, last_membership

    if obj is None:
        return ""
    if isinstance(obj, Organisation):
        return obj.path
    organisation = _related(obj, "organisation", Organisation)
    if organisation is not None:
        return organisation.path
    person = obj if isinstance(obj, Person) else _related(obj, "person", Person)
    if person is None:
        return ""
    membership = current_membership(person) or last_membership(person)
    return membership.organisation.path if membership else ""

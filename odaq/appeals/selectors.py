"""Reads. Who sees which appeal is decided here, in ``visible_q`` / ``staff_q`` and nowhere else, so every
page, search, export and API endpoint inherits the confidentiality rule:

* the member sees her own appeals (also those a chair filed on her behalf);
* staff who handle appeals (lawyers, administrators) and auditors see every appeal of their subtree;
* other staff with the view right (primary-organisation chairs, regional staff) see only the
  *non-confidential* appeals of their subtree.
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from odaq.core import audit
from odaq.core.models import User
from odaq.orgs.choices import Level, Role
from odaq.orgs.models import Organisation, Person, RoleAssignment
from odaq.orgs.scopes import Cap, can, has_cap, scope_paths, scope_q

from .choices import OPEN
from .models import Appeal, AppealEvent, Attachment, Topic

ORG = "organisation__path"


def _paths_q(paths: list[str]) -> Q:
    """Appeals whose organisation lies under one of ``paths``. A region or the root is matched through the
    appeal's ``region`` (its ancestor right under the root, or the node itself), which needs no join."""
    q = Q(pk__in=[])
    shallow = [p for p in paths if len(p) <= 2 * Organisation.steplen]
    if shallow:
        shallow_q = Q()
        for path in shallow:
            shallow_q |= Q(path__startswith=path)
        regions = list(Organisation.objects.filter(shallow_q, depth__lte=2).values_list("pk", flat=True))
        q |= Q(region_id__in=regions)
    for path in paths:
        if path not in shallow:
            q |= Q(**{f"{ORG}__startswith": path})
    return q


def staff_q(user) -> Q:
    """The one place that decides which appeals a staff member sees."""
    view = scope_paths(user, Cap.VIEW_APPEALS)
    # Every role that handles appeals or audits also holds the view right on the same node.
    roots = sorted(set(scope_paths(user, Cap.HANDLE_APPEALS) + scope_paths(user, Cap.VIEW_AUDIT)))
    full = [p for p in roots if not any(p != other and p.startswith(other) for other in roots)]
    limited = [p for p in view if not any(p.startswith(root) for root in full)]
    return _paths_q(full) | (_paths_q(limited) & Q(confidential=False)) if limited else _paths_q(full)


def sees_confidential(user, appeal: Appeal) -> bool:
    org = appeal.organisation
    return can(user, Cap.HANDLE_APPEALS, org) or (can(user, Cap.VIEW_AUDIT, org) and can(user, Cap.VIEW_APPEALS, org))


def staff_appeals(user) -> QuerySet[Appeal]:
    if not has_cap(user, Cap.VIEW_APPEALS):
        return Appeal.objects.none()
    return Appeal.objects.filter(staff_q(user))


def _own_q(user) -> Q:
    """The member's own appeals, through a subquery rather than a join (it is OR-ed with the staff scope)."""
    return Q(person__in=Person.objects.filter(user=user).values("pk"))


def my_appeals(user) -> QuerySet[Appeal]:
    if not user.is_authenticated:
        return Appeal.objects.none()
    return Appeal.objects.filter(_own_q(user))


def visible_appeals(user) -> QuerySet[Appeal]:
    if not user.is_authenticated:
        return Appeal.objects.none()
    q = _own_q(user)
    if has_cap(user, Cap.VIEW_APPEALS):
        q |= staff_q(user)
    return Appeal.objects.filter(q)


def _related(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    return qs.select_related("topic", "person", "organisation", "region", "assignee")


def my_appeal(user, pk: int) -> Appeal:
    return get_object_or_404(_related(my_appeals(user)), pk=pk)


def staff_appeal(user, pk: int) -> Appeal:
    return get_object_or_404(_related(staff_appeals(user)), pk=pk)


def audit_read(user, appeal: Appeal, *, request=None, channel: str = "page") -> None:
    """Write the audit record of one detail read of an appeal by someone other than its member.

    The one helper for every detail read (the staff card and the API's appeal and timeline), so a confidential
    appeal leaves the same trace whichever way it is read."""
    if appeal.person.user_id is not None and appeal.person.user_id == user.pk:
        return  # the member reading her own appeal
    audit.record("appeal.viewed", actor=user, obj=appeal, request=request, scope=appeal.organisation,
                 data={"confidential": appeal.confidential, "channel": channel})


def can_handle(user, appeal: Appeal) -> bool:
    return can(user, Cap.HANDLE_APPEALS, appeal.organisation)


def queue(user, *, status: str = "", topic: Topic | None = None, organisation: Organisation | None = None,
          assignee: User | None = None, unassigned: bool = False, overdue: bool = False,
          date_from: dt.date | None = None, date_to: dt.date | None = None, q: str = "") -> QuerySet[Appeal]:
    """The staff queue, most urgent first (nearest deadline), filtered."""
    qs = staff_appeals(user)
    if organisation is not None:
        if organisation.level == Level.REGION or organisation.depth == 2:
            qs = qs.filter(region=organisation)
        else:
            qs = qs.filter(organisation__path__startswith=organisation.path)
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if topic is not None:
        qs = qs.filter(topic=topic)
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    elif unassigned:
        qs = qs.filter(assignee__isnull=True)
    if overdue:
        qs = qs.filter(status__in=OPEN, due_date__lt=timezone.localdate())
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(number=q) | Q(subject__icontains=q) | Q(description__icontains=q))
    if overdue or status in ("open", *OPEN):
        return _related(qs).order_by("due_date", "pk")
    return _related(qs).order_by("-created_at", "-pk")


def timeline(appeal: Appeal, *, for_member: bool) -> list[AppealEvent]:
    qs = appeal.events.select_related("actor").prefetch_related("attachments")
    if for_member:
        qs = qs.filter(visible_to_member=True)
    return list(qs)


def attachment_for(user, pk: int) -> Attachment:
    """An attachment of an appeal the user sees; a member sees only files of messages shown to her."""
    attachment = get_object_or_404(Attachment.objects.select_related("appeal__organisation", "event"), pk=pk)
    appeal = attachment.appeal
    if staff_appeals(user).filter(pk=appeal.pk).exists():
        return attachment
    if my_appeals(user).filter(pk=appeal.pk).exists() and (
        attachment.event is None or attachment.event.visible_to_member
    ):
        return attachment
    from django.http import Http404

    raise Http404


def handlers_for(user, appeal: Appeal | None = None) -> QuerySet[User]:
    """People the user may assign appeals to: holders of a handling role inside the user's handling scope."""
    roles = RoleAssignment.objects.filter(revoked_at__isnull=True, role__in=[Role.LAWYER, Role.REGIONAL_ADMIN,
                                                                            Role.CENTRAL_ADMIN])
    if appeal is not None:
        path = appeal.organisation.path
        ancestors = [path[:n] for n in range(Organisation.steplen, len(path) + 1, Organisation.steplen)]
        roles = roles.filter(organisation__path__in=ancestors)
    else:
        roles = roles.filter(scope_q(user, Cap.HANDLE_APPEALS, ORG))
    return User.objects.filter(pk__in=roles.values("user_id")).order_by("display_name", "pk")


def topics() -> QuerySet[Topic]:
    return Topic.objects.filter(active=True)


def my_open_count(user) -> int:
    return my_appeals(user).filter(status__in=OPEN).count()


def my_exports(user) -> QuerySet:
    """The exports this user asked for (nobody else's: an export is its requester's alone)."""
    from .models import AppealExport

    return AppealExport.objects.filter(requested_by=user)


def my_export(user, pk: int):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(my_exports(user), pk=pk)

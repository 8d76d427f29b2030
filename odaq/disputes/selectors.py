"""Reads. Who sees which dispute follows the appeals' rule exactly (``odaq.appeals.selectors.staff_q``): the
dispute carries the same ``organisation``, ``region`` and ``confidential`` fields, so lawyers and auditors see
every dispute of their subtree, chairs and regional staff only the non-confidential ones, and the member her
own."""

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from odaq.appeals.selectors import staff_q
from odaq.core import audit
from odaq.orgs.models import Organisation, Person
from odaq.orgs.scopes import Cap, can, has_cap

from .choices import Outcome, Status
from .models import Dispute, Document, Hearing, Stage


def staff_disputes(user) -> QuerySet[Dispute]:
    if not user.is_authenticated or not has_cap(user, Cap.VIEW_APPEALS):
        return Dispute.objects.none()
    return Dispute.objects.filter(staff_q(user))


def _own_q(user) -> Q:
    """Her disputes, through two indexed subqueries (no join, which would make the OR a scan of every dispute)."""
    persons = Person.objects.filter(user=user).values("pk")
    others = Dispute.members.through.objects.filter(person__in=persons).values("dispute_id")
    return Q(person__in=persons) | Q(pk__in=others)


def my_disputes(user) -> QuerySet[Dispute]:
    if not user.is_authenticated:
        return Dispute.objects.none()
    return Dispute.objects.filter(_own_q(user))


def visible_disputes(user) -> QuerySet[Dispute]:
    if not user.is_authenticated:
        return Dispute.objects.none()
    return Dispute.objects.filter(Q(pk__in=my_disputes(user).values("pk")) | Q(pk__in=staff_disputes(user)
                                                                                .values("pk")))


def _related(qs: QuerySet[Dispute]) -> QuerySet[Dispute]:
    return qs.select_related("person", "organisation", "region", "topic", "lawyer", "appeal")


def staff_dispute(user, pk: int) -> Dispute:
    return get_object_or_404(_related(staff_disputes(user)), pk=pk)


def my_dispute(user, pk: int) -> Dispute:
    return get_object_or_404(_related(my_disputes(user)), pk=pk)


def can_handle(user, dispute: Dispute) -> bool:
    return can(user, Cap.HANDLE_APPEALS, dispute.organisation)


def audit_read(user, dispute: Dispute, *, request=None, channel: str = "page") -> None:
    if dispute.person_id and dispute.person.user_id == user.pk:
        return
    audit.record("dispute.viewed", actor=user, obj=dispute, request=request, scope=dispute.organisation,
                 data={"confidential": dispute.confidential, "channel": channel})


def dispute_list(user, *, status: str = "", mine: bool = False, region: Organisation | None = None,
                 q: str = "") -> QuerySet[Dispute]:
    """The lawyer's list: her scope, nearest time limit first."""
    qs = staff_disputes(user)
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(lawyer=user)
    if region is not None:
        qs = qs.filter(region=region)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(number=q) | Q(subject__icontains=q) | Q(employer__icontains=q))
    return _related(qs).order_by("status", "next_deadline", "-created_at", "-pk")


def stages(dispute: Dispute) -> list[Stage]:
    return list(dispute.stages.prefetch_related("hearings", "documents"))


def current_stage(dispute: Dispute, stage_list=None) -> Stage | None:
    done = [s for s in (stage_list if stage_list is not None else stages(dispute)) if not s.skipped]
    return done[-1] if done else None


def next_hearing(dispute: Dispute) -> Hearing | None:
    return (Hearing.objects.filter(stage__dispute=dispute, starts_at__gte=timezone.now())
            .select_related("stage").order_by("starts_at").first())


def member_documents(dispute: Dispute) -> QuerySet[Document]:
    return dispute.documents.filter(shared_with_member=True)


def document_for(user, pk: int) -> Document:
    """A document of a dispute the user sees; the member only documents shared with her."""
    document = get_object_or_404(Document.objects.select_related("dispute__organisation"), pk=pk)
    if staff_disputes(user).filter(pk=document.dispute_id).exists():
        return document
    if document.shared_with_member and my_disputes(user).filter(pk=document.dispute_id).exists():
        return document
    raise Http404


def hearings(user, *, lawyer_id: int | None = None, region_id: int | None = None,
             start: dt.datetime | None = None) -> QuerySet[Hearing]:
    """Hearings of the disputes the user sees (optionally one lawyer's, one region's), from ``start`` on."""
    qs = Hearing.objects.filter(stage__dispute__in=staff_disputes(user).values("pk"))
    if lawyer_id:
        qs = qs.filter(stage__dispute__lawyer_id=lawyer_id)
    if region_id:
        qs = qs.filter(stage__dispute__region_id=region_id)
    if start is not None:
        qs = qs.filter(starts_at__gte=start)
    return qs.select_related("stage__dispute__region", "stage__dispute__lawyer").order_by("starts_at", "pk")


GROUPS = {
    "region": ("region_id", "region__name_ru", "region__name_kk"),
    "topic": ("topic_id", "topic__name_ru", "topic__name_kk"),
    "employer": ("employer", "employer", "employer"),
    "month": ("month", "month", "month"),
}


def outcomes_summary(user, *, by: str = "region", date_from: dt.date | None = None,
                     date_to: dt.date | None = None) -> list[dict]:
    """Disputes, outcomes, sums awarded and recovered and reinstatements, grouped by region, topic, employer
    or month (of opening), over the disputes the user sees. For the staff report and, later, analytics."""
    qs = staff_disputes(user)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    key, name_ru, name_kk = GROUPS.get(by, GROUPS["region"])
    if by == "month":
        qs = qs.annotate(month=TruncMonth("created_at"))
        fields = ["month"]
    else:
        fields = sorted({key, name_ru, name_kk})
    rows = (qs.order_by().values(*fields).annotate(
        disputes=Count("pk"),
        closed=Count("pk", filter=Q(status=Status.CLOSED)),
        won=Count("pk", filter=Q(outcome__in=[Outcome.WON, Outcome.PARTLY, Outcome.SETTLED])),
        lost=Count("pk", filter=Q(outcome=Outcome.LOST)),
        awarded_sum=Sum("awarded"), recovered_sum=Sum("recovered"),
        reinstated_count=Count("pk", filter=Q(reinstated=True)),
    ).order_by(*([key] if by == "month" else ["-recovered_sum", key])))
    from django.utils.translation import get_language

    out = []
    for row in rows:
        if by == "month":
            label = row["month"].strftime("%Y-%m") if row["month"] else "—"
        else:
            label = row[name_kk if get_language() == "kk" else name_ru] or "—"
        out.append({"key": row[key] if by != "month" else label, "label": label, "disputes": row["disputes"],
                    "closed": row["closed"], "won": row["won"], "lost": row["lost"],
                    "awarded": row["awarded_sum"] or 0, "recovered": row["recovered_sum"] or 0,
                    "reinstated": row["reinstated_count"]})
    return out

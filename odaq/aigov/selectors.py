"""Reads of AI records and approved answers; staff reads are scoped through ``scope_q``.

Records of members belong to the member's organisation; records without one (the public page, the API without
a membership) are read and reviewed only at the central level.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from odaq.orgs.models import Organisation
from odaq.orgs.scopes import Cap, scope_paths, scope_q

from .choices import ReviewStatus
from .models import AIRecord, AnswerCard


def is_central(user, cap: Cap) -> bool:
    return any(len(path) == Organisation.steplen for path in scope_paths(user, cap))


def scoped_q(user, cap: Cap) -> Q:
    q = scope_q(user, cap, field="organisation__path")
    if is_central(user, cap):
        q |= Q(organisation__isnull=True)
    return q


def may(user, cap: Cap, record: AIRecord) -> bool:
    if record.organisation_id is None:
        return is_central(user, cap)
    return any(record.organisation.path.startswith(p) for p in scope_paths(user, cap))


def records_for(user, *, status: str = "", channel: str = "", language: str = "", flag: str = "",
                q: str = "") -> QuerySet[AIRecord]:
    qs = AIRecord.objects.filter(scoped_q(user, Cap.VIEW_AI_RECORDS)).select_related("organisation", "reviewer")
    if status:
        qs = qs.filter(review_status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if language:
        qs = qs.filter(language=language)
    if q:
        qs = qs.filter(question__icontains=q)
    if flag:
        # JSON containment differs between databases; the flag list is short, so match its JSON text.
        qs = qs.filter(flags__icontains=f'"{flag}"')
    return qs.order_by("-created_at", "-pk")


def review_queue(user) -> QuerySet[AIRecord]:
    return (AIRecord.objects.filter(scoped_q(user, Cap.REVIEW_AI), review_status=ReviewStatus.PENDING)
            .select_related("organisation").order_by("review_requested_at", "pk"))


def record_for(user, pk: int, *caps: Cap) -> AIRecord:
    """One record inside the user's scope for any of ``caps`` (404 outside it)."""
    q = Q(pk__in=[])
    for cap in caps:
        q |= scoped_q(user, cap)
    return get_object_or_404(AIRecord.objects.filter(q).select_related("organisation", "user"), pk=pk)


def usable_cards() -> list[AnswerCard]:
    return list(AnswerCard.objects.filter(active=True, needs_review=False, approved_at__isnull=False)
                .select_related("approved_by"))


def cards_for_review() -> QuerySet[AnswerCard]:
    """Cards waiting for a lawyer: starter drafts and cards whose cited article changed."""
    return AnswerCard.objects.filter(active=True, needs_review=True).order_by("-updated_at", "pk")


def cards_for(user) -> QuerySet[AnswerCard]:
    """Central reviewers see every approved answer; others those made from answers in their scope."""
    qs = AnswerCard.objects.select_related("approved_by").order_by("-needs_review", "-approved_at")
    if is_central(user, Cap.REVIEW_AI):
        return qs
    return qs.filter(source_record__in=AIRecord.objects.filter(scoped_q(user, Cap.REVIEW_AI)))

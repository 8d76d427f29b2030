"""Reads of the practice base. Lawyers read every published decision and the drafts of their regions (and their
own uploads); other signed-in users read only decisions published for members; visitors read nothing."""

from django.db.models import Count, Q, QuerySet

from odaq.orgs.scopes import Cap, has_cap, scope_q

from .models import Audience, CitedArticle, Decision, SavedSearch, Status


def is_lawyer(user) -> bool:
    return bool(user.is_authenticated and has_cap(user, Cap.HANDLE_APPEALS))


def visible_decisions(user) -> QuerySet[Decision]:
    qs = Decision.objects.select_related("region")
    if not user.is_authenticated:
        return qs.none()
    if is_lawyer(user):
        return qs.filter(Q(status=Status.PUBLISHED) | scope_q(user, Cap.HANDLE_APPEALS, "region__path")
                         | Q(uploaded_by=user))
    return qs.filter(status=Status.PUBLISHED, audience=Audience.MEMBERS)


def reviewable_decisions(user) -> QuerySet[Decision]:
    """Drafts this lawyer may review and publish: her regions' and her own uploads."""
    if not is_lawyer(user):
        return Decision.objects.none()
    return Decision.objects.filter(status=Status.DRAFT).filter(
        scope_q(user, Cap.HANDLE_APPEALS, "region__path") | Q(uploaded_by=user))


def _contains(field: str, word: str) -> Q:
    """Case-insensitive for Cyrillic on SQLite too (its LIKE folds ASCII only)."""
    q = Q()
    for form in {word, word.lower(), word.capitalize(), word.upper()}:
        q |= Q(**{f"{field}__icontains": form})
    return q


def search(qs: QuerySet[Decision], *, q: str = "", act: str = "", article: str = "", court: str = "",
           year: int | None = None, outcome: str = "", region=None) -> QuerySet[Decision]:
    for word in (q or "").split()[:10]:
        qs = qs.filter(_contains("text", word))
    if act and article:
        qs = qs.filter(cited__act=act, cited__article=article)
    elif act:
        qs = qs.filter(cited__act=act)
    if court:
        qs = qs.filter(_contains("court", court))
    if year:
        qs = qs.filter(decided_on__year=year)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if region is not None:
        qs = qs.filter(region=region)
    return qs.distinct()


def applied_count(user, act: str, article: str) -> int:
    """In how many decisions this reader may see the article is applied."""
    ids = CitedArticle.objects.filter(act=act, article=article).values("decision_id")
    return visible_decisions(user).filter(pk__in=ids).count()


def saved_searches(user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def article_counts(act: str) -> dict[str, int]:
    """Published decisions per article of one act (for reports)."""
    rows = (CitedArticle.objects.filter(act=act, decision__status=Status.PUBLISHED)
            .values("article").annotate(n=Count("decision", distinct=True)))
    return {r["article"]: r["n"] for r in rows}

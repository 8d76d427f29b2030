"""Writes of the practice base: import (de-identify, then store), review and publish, saved searches."""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from odaq.law.citations import extract
from odaq.law.selectors import citation_catalogue
from odaq.notify.services import notify
from odaq.orgs.scopes import Cap, can

from . import selectors
from .deid import deidentify
from .models import Audience, CitedArticle, Decision, SavedSearch, Status

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def guess_lang(text: str) -> str:
    letters = [ch for ch in text[:5000] if ch.isalpha()]
    kazakh = sum(ch in KAZAKH_LETTERS for ch in letters)
    return "kk" if letters and kazakh / len(letters) > 0.01 else "ru"


def _cite(decision: Decision) -> None:
    decision.cited.all().delete()
    seen = {}
    for c in extract(decision.text, citation_catalogue()):
        seen.setdefault((c.act, c.article), c)
    CitedArticle.objects.bulk_create([
        CitedArticle(decision=decision, act=c.act, article=c.article, point=c.point, subpoint=c.subpoint)
        for c in seen.values()])


@transaction.atomic
def import_decision(*, text: str, court: str, decided_on: dt.date, case_number: str, region=None, outcome: str = "",
                    lang: str = "", source_name: str = "", user=None) -> Decision:
    """De-identify ``text`` (the original is not kept) and store it as a draft awaiting a lawyer's review."""
    if user is not None and region is not None and not can(user, Cap.HANDLE_APPEALS, region):
        raise PermissionDenied
    court, case_number = court.strip()[:300], case_number.strip()[:100]
    if not court or not case_number:
        raise ValidationError(_("Name the court and the case number."))
    lang = lang or guess_lang(text)
    clean, counts = deidentify(text, lang)
    decision = Decision.objects.create(
        court=court, decided_on=decided_on, case_number=case_number, region=region, outcome=outcome, lang=lang,
        text=clean, redactions=counts, source_name=source_name[:255],
        source_sha256=hashlib.sha256(text.encode()).hexdigest(), uploaded_by=user)
    _cite(decision)
    return decision


@transaction.atomic
def publish(decision: Decision, user, *, text: str, audience: str, outcome: str = "") -> Decision:
    """A lawyer has read the de-identified text (and may have redacted more) and publishes it."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not selectors.reviewable_decisions(user).filter(pk=decision.pk).exists():
        raise PermissionDenied
    if audience not in Audience.values:
        raise ValidationError(_("Choose who may read the decision."))
    decision.text = text.strip() or decision.text
    decision.audience = audience
    decision.outcome = outcome or decision.outcome
    decision.status = Status.PUBLISHED
    decision.reviewed_by = user
    decision.published_at = timezone.now()
    decision.save(update_fields=["text", "audience", "outcome", "status", "reviewed_by", "published_at"])
    _cite(decision)
    transaction.on_commit(lambda: alert_saved_searches(decision.pk))
    return decision


def matches(saved: SavedSearch, decision: Decision) -> bool:
    qs = selectors.search(selectors.visible_decisions(saved.user).filter(pk=decision.pk), q=saved.q, act=saved.act,
                          article=saved.article, court=saved.court, year=saved.year, outcome=saved.outcome,
                          region=saved.region)
    return qs.exists()


def alert_saved_searches(decision_id: int) -> int:
    decision = Decision.objects.get(pk=decision_id)
    sent = 0
    for saved in SavedSearch.objects.select_related("user", "region"):
        if saved.user_id == decision.reviewed_by_id or not matches(saved, decision):
            continue
        notify(saved.user, subject=gettext_lazy("A new court decision matches your saved search"),
               body=str(decision), url=f"/practice/{decision.pk}/", kind="practice")
        sent += 1
    return sent


@transaction.atomic
def save_search(user, **criteria) -> SavedSearch:
    if not selectors.is_lawyer(user):
        raise PermissionDenied
    return SavedSearch.objects.create(user=user, **criteria)


@transaction.atomic
def delete_search(user, pk: int) -> None:
    SavedSearch.objects.filter(user=user, pk=pk).delete()

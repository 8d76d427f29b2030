"""Writes of AI governance: storing every AI answer, queueing it for review, decisions, cards, feedback."""

import random

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.core import audit
from odaq.law.models import Act, Article, Citation
from odaq.orgs.scopes import Cap

from . import selectors
from .choices import DECISION_STATUS, Decision, Feedback, Flag, ReviewStatus
from .models import ANSWER_MAX, NOTE_MAX, AIRecord, AnswerCard
from .signals import card_changed

QUEUE_FLAGS = {Flag.SENSITIVE, Flag.STRIPPED, Flag.NEGATIVE, Flag.ASKED_LAWYER, Flag.SAMPLE, Flag.STALE_CARD}


def _check_card(*, errors: dict, texts: dict, articles) -> list:
    """Required texts and at least one cited article that the knowledge base holds (in either language); raises a
    ValidationError with every problem found (``errors`` may already hold some); returns the articles found."""
    for name, value in texts.items():
        if not (value or "").strip():
            errors.setdefault(name, _("This field is required."))
    found = _current_articles([(a, n, lg) for a, n in articles for lg in ("kk", "ru")])
    missing = [f"{a} {n}" for a, n in articles if not any(k[:2] == (a, n) for k in found)]
    if not articles:
        errors["articles"] = _("Cite at least one article.")
    elif missing:
        errors["articles"] = format_lazy(_("Not in the knowledge base: {articles}"), articles=", ".join(missing))
    if errors:
        raise ValidationError(errors)
    return found


def _current_articles(keys):
    keys = list(keys)
    if not keys:
        return {}
    rows = Article.objects.filter(edition__is_current=True, act__adilet_id__in={a for a, _n, _l in keys},
                                  number__in={n for _a, n, _l in keys}).select_related("act")
    return {(a.act.adilet_id, a.number, a.lang): a for a in rows}


def _cite(obj, keys) -> None:
    """law.Citation rows for what ``obj`` cites, with the hash of the article text as it was."""
    articles = _current_articles(keys)
    ct = ContentType.objects.get_for_model(obj)
    Citation.objects.bulk_create([
        Citation(act=a.act, number=a.number, lang=a.lang, text_hash=a.text_hash, content_type=ct,
                 object_id=str(obj.pk)) for a in articles.values()])


def _queue(record: AIRecord, flag: str) -> None:
    if flag not in record.flags:
        record.flags = [*record.flags, flag]
    fields = ["flags"]
    if record.review_status in (ReviewStatus.NONE, ReviewStatus.APPROVED) and flag in QUEUE_FLAGS:
        record.review_status = ReviewStatus.PENDING
        record.review_requested_at = timezone.now()
        fields += ["review_status", "review_requested_at"]
    record.save(update_fields=fields)


def create_record(result, *, channel: str, user=None, organisation=None, conversation=None, request=None,
                  sample: float | None = None) -> AIRecord:
    """Store one AI answer as shown, queue it for review when the rules say so, and audit it."""
    sample = settings.ODAQ_AI_REVIEW_SAMPLE if sample is None else sample
    flags = list(result.flags)
    if not set(flags) & QUEUE_FLAGS and random.random() < sample:  # noqa: S311 - sampling, not security
        flags.append(Flag.SAMPLE)
    queued = bool(set(flags) & QUEUE_FLAGS)
    keys = [(s.act, s.number, s.lang) for s in result.sources]
    articles = _current_articles(keys)
    sources = [{"act": s.act, "number": s.number, "lang": s.lang,
                "article": getattr(articles.get((s.act, s.number, s.lang)), "pk", None),
                "edition": getattr(articles.get((s.act, s.number, s.lang)), "edition_id", None)}
               for s in result.sources]
    now = timezone.now()
    with transaction.atomic():
        record = AIRecord.objects.create(
            channel=channel, language=result.language, question=result.question[:2000], topic=result.topic,
            sources=sources, composer=result.composer, model_id=result.model_id[:200],
            prompt_version=result.prompt_version, answer=result.text[:ANSWER_MAX], citations=result.citations,
            notes=result.notes, latency_ms=result.latency_ms, flags=flags, card=result.card,
            user=user if getattr(user, "is_authenticated", False) else None, organisation=organisation,
            conversation=conversation, review_status=ReviewStatus.PENDING if queued else ReviewStatus.NONE,
            review_requested_at=now if queued else None,
        )
        good = {(c["act"], c["number"]) for c in result.citations if c.get("verified")}
        _cite(record, [k for k in keys if k[:2] in good])
        audit.record("ai.answered", actor=record.user, obj=record, request=request, scope=organisation,
                     data={"record": record.pk, "channel": channel, "composer": record.composer,
                           "model": record.model_id, "prompt": record.prompt_version, "flags": flags})
    return record


def request_review(record: AIRecord, *, request=None) -> AIRecord:
    """The member asks a lawyer to check the answer ("Ask a lawyer to check")."""
    with transaction.atomic():
        record = AIRecord.objects.select_for_update().get(pk=record.pk)
        _queue(record, Flag.ASKED_LAWYER)
        audit.record("ai.review_requested", obj=record, request=request, data={"record": record.pk})
    return record


def give_feedback(record: AIRecord, value: str, comment: str = "", *, request=None) -> AIRecord:
    if value not in (Feedback.UP, Feedback.DOWN):
        raise ValidationError({"feedback": _("Choose helpful or not helpful.")})
    comment = (comment or "").strip()
    if len(comment) > NOTE_MAX:
        raise ValidationError({"comment": _("The comment is too long.")})
    with transaction.atomic():
        record = AIRecord.objects.select_for_update().get(pk=record.pk)
        record.feedback, record.feedback_comment = value, comment
        record.save(update_fields=["feedback", "feedback_comment"])
        if value == Feedback.DOWN:
            _queue(record, Flag.NEGATIVE)
    return record


def decide(record: AIRecord, reviewer, decision: str, *, note: str = "", corrected_answer: str = "",
           articles: list[tuple[str, str]] | None = None, request=None) -> AIRecord:
    """A lawyer's decision on a queued answer; the member is told about a correction.

    A correction cites ``articles`` (act, number) that must exist in the knowledge base: the member sees them
    as the corrected answer's sources, never the AI's."""
    if not selectors.may(reviewer, Cap.REVIEW_AI, record):
        raise PermissionDenied
    note, corrected_answer = (note or "").strip(), (corrected_answer or "").strip()
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("Choose approve, correct or reject.")
    if decision == Decision.CORRECT and not corrected_answer:
        errors["corrected_answer"] = _("Write the corrected answer.")
    if decision == Decision.REJECT and not note:
        errors["note"] = _("Say why the answer is rejected.")
    if len(note) > NOTE_MAX:
        errors["note"] = _("The note is too long.")
    if len(corrected_answer) > ANSWER_MAX:
        errors["corrected_answer"] = _("The answer is too long.")
    articles = list(dict.fromkeys(articles or [])) if decision == Decision.CORRECT else []
    found = _current_articles([(a, n, lg) for a, n in articles for lg in ("kk", "ru")])
    missing = [f"{a} {n}" for a, n in articles if not any(k[:2] == (a, n) for k in found)]
    if missing:
        errors["articles"] = format_lazy(_("Not in the knowledge base: {articles}"), articles=", ".join(missing))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = (AIRecord.objects.select_for_update(of=("self",)).select_related("user", "organisation")
                  .get(pk=record.pk))
        if record.review_status != ReviewStatus.PENDING:
            raise ValidationError({"decision": _("This answer is not waiting for review.")})
        record.review_status = DECISION_STATUS[decision]
        record.decision, record.review_note = decision, note
        record.corrected_answer = corrected_answer if decision == Decision.CORRECT else ""
        record.corrected_citations = [{"act": a, "number": n, "verified": True, "reason": ""} for a, n in articles]
        record.reviewer, record.reviewed_at = reviewer, timezone.now()
        record.save(update_fields=["review_status", "decision", "review_note", "corrected_answer",
                                   "corrected_citations", "reviewer", "reviewed_at"])
        audit.record("ai.reviewed", actor=reviewer, obj=record, request=request,
                     data={"record": record.pk, "decision": decision,
                           "articles": [f"{a}/{n}" for a, n in articles]})
        if record.user_id and (decision == Decision.CORRECT or Flag.ASKED_LAWYER in record.flags):
            _notify_member(record)
    return record


def _notify_member(record: AIRecord) -> None:
    from django.urls import reverse

    from odaq.notify.services import notify

    subjects = {
        Decision.CORRECT: _("A lawyer corrected the assistant's answer"),
        Decision.APPROVE: _("A lawyer checked the assistant's answer"),
        Decision.REJECT: _("A lawyer rejected the assistant's answer"),
    }
    answer = record.shown_answer
    note = record.review_note

    def body():
        parts = [str(format_lazy(_("Your question: {question}"), question=record.question))]
        if record.decision == Decision.CORRECT:
            parts += [str(_("Corrected answer:")), answer]
        if note:
            parts += [str(format_lazy(_("Lawyer's note: {note}"), note=note))]
        return "\n\n".join(parts)

    notify(record.user, subject=subjects[record.decision], body=body,
           url=reverse("assistant:record", args=[record.pk]), kind="ai.reviewed")


def card_is_stale(card: AnswerCard) -> bool:
    """True when an article the card cites changed since approval; the card then goes back to review."""
    cited = list(card.cited.select_related("act"))
    current = _current_articles([(c.act.adilet_id, c.number, c.lang) for c in cited])
    stale = any(getattr(current.get((c.act.adilet_id, c.number, c.lang)), "text_hash", None) != c.text_hash
                for c in cited)
    if stale:
        AnswerCard.objects.filter(pk=card.pk).update(needs_review=True)
        audit.record("ai.card_stale", obj=card, data={"card": card.pk})
    return stale


def save_card(reviewer, *, questions_kk: str, questions_ru: str, answer_kk: str, answer_ru: str,
              articles: list[tuple[str, str]], topic: str = "", card: AnswerCard | None = None,
              source_record: AIRecord | None = None, request=None) -> AnswerCard:
    """Create or re-approve a bilingual approved answer citing ``articles`` as they read now."""
    if not selectors.is_central(reviewer, Cap.REVIEW_AI) and not (
            source_record is not None and selectors.may(reviewer, Cap.REVIEW_AI, source_record)):
        raise PermissionDenied
    found = _check_card(errors={}, texts={"questions_kk": questions_kk, "questions_ru": questions_ru,
                                          "answer_kk": answer_kk, "answer_ru": answer_ru}, articles=articles)
    with transaction.atomic():
        if card is None:
            card = AnswerCard(source_record=source_record)
        card.questions_kk, card.questions_ru = questions_kk.strip(), questions_ru.strip()
        card.answer_kk, card.answer_ru, card.topic = answer_kk.strip(), answer_ru.strip(), topic
        card.approved_by, card.approved_at, card.needs_review, card.active = reviewer, timezone.now(), False, True
        card.save()
        card.cited.all().delete()
        _cite(card, list(found))
        audit.record("ai.card_approved", actor=reviewer, obj=card, request=request,
                     data={"card": card.pk, "articles": [f"{a}/{n}" for a, n in articles]})
    transaction.on_commit(lambda: card_changed.send(sender=AnswerCard, card_id=card.pk))
    return card


def draft_starter_card(*, key: str, questions_kk: str, questions_ru: str, answer_kk: str, answer_ru: str,
                       articles: list[tuple[str, str]], topic: str = "") -> tuple[AnswerCard, bool]:
    """Load a starter answer written in advance as a draft waiting for a lawyer; (card, created).

    Idempotent by ``key``: a card already loaded (a draft, approved, edited or retired by a lawyer) is left as it
    is. A card citing an article the knowledge base does not hold is refused (``ValidationError``)."""
    key = (key or "").strip()
    errors = {}
    if not key or len(key) > 64:
        errors["key"] = _("This field is required.")
    for name, value in (("questions_kk", questions_kk), ("questions_ru", questions_ru), ("answer_kk", answer_kk),
                        ("answer_ru", answer_ru)):
        if value and len(value) > ANSWER_MAX:
            errors[name] = _("The answer is too long.")
    articles = list(dict.fromkeys(articles or []))
    found = _check_card(errors=errors, texts={"questions_kk": questions_kk, "questions_ru": questions_ru,
                                              "answer_kk": answer_kk, "answer_ru": answer_ru}, articles=articles)
    with transaction.atomic():
        existing = AnswerCard.objects.select_for_update().filter(starter_key=key).first()
        if existing is not None:
            return existing, False
        card = AnswerCard.objects.create(
            starter_key=key, questions_kk=questions_kk.strip(), questions_ru=questions_ru.strip(),
            answer_kk=answer_kk.strip(), answer_ru=answer_ru.strip(), topic=topic, active=True, needs_review=True,
            approved_by=None, approved_at=None)
        _cite(card, list(found))
        audit.record("ai.card_drafted", obj=card, data={"card": card.pk, "starter": key,
                                                        "articles": [f"{a}/{n}" for a, n in articles]})
    return card, True


def approve_card(card: AnswerCard, reviewer, *, request=None) -> AnswerCard:
    """A lawyer approves a card as it reads (a starter draft, or one whose article changed): ``save_card``."""
    cited = sorted({(c.act.adilet_id, c.number) for c in card.cited.select_related("act")})
    return save_card(reviewer, card=card, questions_kk=card.questions_kk, questions_ru=card.questions_ru,
                     answer_kk=card.answer_kk, answer_ru=card.answer_ru, articles=cited, topic=card.topic,
                     request=request)


def acts_known() -> set[str]:
    return set(Act.objects.values_list("adilet_id", flat=True))


def retire_card(card: AnswerCard, reviewer, *, request=None) -> AnswerCard:
    if not selectors.is_central(reviewer, Cap.REVIEW_AI):
        raise PermissionDenied
    with transaction.atomic():
        AnswerCard.objects.filter(pk=card.pk).update(active=False)
        audit.record("ai.card_retired", actor=reviewer, obj=card, request=request, data={"card": card.pk})
    transaction.on_commit(lambda: card_changed.send(sender=AnswerCard, card_id=card.pk))
    card.active = False
    return card

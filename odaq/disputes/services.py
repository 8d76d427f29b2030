"""Every write to a dispute: check the right, change, keep the sums and the next time limit, write the
timeline and the audit log, notify."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.appeals.attachments import check_files
from odaq.appeals.calendar import add_working_days, remind_days
from odaq.appeals.models import Appeal, Topic
from odaq.appeals.routing import region_of
from odaq.appeals.selectors import can_handle as can_handle_appeal
from odaq.appeals.text import clean_text
from odaq.core import audit
from odaq.law.selectors import article_exists, current_articles
from odaq.orgs.models import Organisation, Person
from odaq.orgs.scopes import Cap, can

from . import deadlines, notices
from .choices import STAGE_ORDER, ClaimKind, DocumentKind, EventKind, Kind, Outcome, StageKind, Status
from .models import TEXT_MAX, Claim, Dispute, DisputeEvent, Document, Hearing, LegalBasis, Stage
from .selectors import can_handle

AMOUNT_MAX = 10**12  # tenge; anything above is a typing error


def _require(actor, dispute: Dispute) -> None:
    if not can_handle(actor, dispute):
        raise PermissionDenied


def _locked(dispute: Dispute) -> Dispute:
    fresh = Dispute.objects.select_for_update(of=("self",)).select_related("organisation", "person").get(
        pk=dispute.pk)
    dispute.__dict__.update(fresh.__dict__)
    return dispute


def _event(dispute: Dispute, kind: str, actor=None, *, data: dict | None = None, visible: bool = True):
    return DisputeEvent.objects.create(dispute=dispute, kind=kind, actor=actor, data=data or None,
                                       visible_to_member=visible)


def _amount(value, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        amount = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number of tenge.")}, code="amount") from None
    if amount < 0 or amount > AMOUNT_MAX:
        raise ValidationError({field: _("Enter a whole number of tenge.")}, code="amount")
    return amount


def _bin(value: str) -> str:
    value = (value or "").strip()
    if value and (len(value) != 12 or not value.isdigit()):
        raise ValidationError({"employer_bin": _("A BIN has 12 digits.")}, code="bin")
    return value


def refresh(dispute: Dispute) -> None:
    """Recompute the sums, the outcome and the next time limit from the stages and claims."""
    stage_list = list(dispute.stages.all())
    decided = [s for s in stage_list if not s.skipped and s.outcome]
    last = decided[-1] if decided else None
    dispute.recovered = sum(s.recovered or 0 for s in stage_list)
    awarded = [s.awarded for s in decided if s.awarded is not None]
    dispute.awarded = awarded[-1] if awarded else 0
    dispute.reinstated = bool(last and last.reinstated)
    dispute.outcome = last.outcome if last else ""
    limit = deadlines.next_limit(dispute, stage_list, list(dispute.claims.all())) if dispute.is_open else None
    dispute.next_deadline = limit.date if limit else None
    dispute.next_deadline_code = limit.code if limit else ""
    dispute.save(update_fields=["recovered", "awarded", "reinstated", "outcome", "next_deadline",
                                "next_deadline_code"])


def _set_number(dispute: Dispute) -> None:
    year = timezone.localdate(dispute.created_at).year
    dispute.number = f"{dispute.region.code or '00'}-TD-{year}-{dispute.pk:05d}"
    dispute.save(update_fields=["number"])


@transaction.atomic
def open_from_appeal(actor, appeal: Appeal, *, request=None) -> tuple[Dispute, bool]:
    """One click on the appeal card: the appeal's member, employer, topic and confidentiality carried over.
    An open dispute already made from this appeal is returned instead of a second one."""
    if not can_handle_appeal(actor, appeal):
        raise PermissionDenied
    existing = Dispute.objects.filter(appeal=appeal, status=Status.OPEN).first()
    if existing is not None:
        return existing, False
    organisation = appeal.organisation
    dispute = Dispute.objects.create(
        number=f"tmp-{appeal.pk}-{timezone.now().timestamp()}", appeal=appeal, kind=Kind.INDIVIDUAL,
        person=appeal.person, organisation=organisation, region=appeal.region, topic=appeal.topic,
        subject=appeal.subject, employer=appeal.employer or organisation.employer_name or organisation.name_ru,
        employer_bin=organisation.employer_bin or "", confidential=appeal.confidential,
        lawyer=actor, created_by=actor)
    _set_number(dispute)
    _opened(actor, dispute, request)
    return dispute, True


@transaction.atomic
def open_dispute(actor, *, organisation: Organisation, subject: str, employer: str = "", employer_bin: str = "",
                 kind: str = Kind.INDIVIDUAL, person: Person | None = None, topic: Topic | None = None,
                 confidential: bool = False, request=None) -> Dispute:
    """A dispute on its own (no appeal before it), e.g. a collective one brought to the union directly."""
    if not can(actor, Cap.HANDLE_APPEALS, organisation):
        raise PermissionDenied
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose individual or collective.")})
    subject = clean_text(subject, field="subject", max_length=200)
    employer = clean_text(employer or organisation.employer_name or organisation.name_ru, field="employer",
                          max_length=255)
    dispute = Dispute.objects.create(
        number=f"tmp-{timezone.now().timestamp()}-{organisation.pk}", kind=kind, person=person,
        organisation=organisation, region=region_of(organisation), topic=topic, subject=subject, employer=employer,
        employer_bin=_bin(employer_bin or organisation.employer_bin), confidential=confidential, lawyer=actor,
        created_by=actor)
    _set_number(dispute)
    _opened(actor, dispute, request)
    return dispute


def _opened(actor, dispute: Dispute, request) -> None:
    _event(dispute, EventKind.OPENED, actor, data={"appeal": dispute.appeal.number} if dispute.appeal_id else None)
    audit.record("dispute.opened", actor=actor, obj=dispute, request=request, scope=dispute.organisation,
                 data={"number": dispute.number, "appeal": dispute.appeal_id})
    notices.to_member(dispute, "opened")


@transaction.atomic
def add_member(actor, dispute: Dispute, person: Person) -> None:
    """Another member joins a collective dispute."""
    _require(actor, _locked(dispute))
    if dispute.kind != Kind.COLLECTIVE:
        raise ValidationError(_("Only a collective dispute has more than one member."), code="not_collective")
    dispute.members.add(person)


@transaction.atomic
def set_dates(actor, dispute: Dispute, *, dismissal_served_on: dt.date | None, violation_known_on: dt.date | None,
              no_commission: bool) -> Dispute:
    """The starting points of the time limits (art. 160)."""
    _require(actor, _locked(dispute))
    today = timezone.localdate()
    for field, value in (("dismissal_served_on", dismissal_served_on), ("violation_known_on", violation_known_on)):
        if value is not None and value > today:
            raise ValidationError({field: _("This date cannot be in the future.")})
    dispute.dismissal_served_on, dispute.violation_known_on = dismissal_served_on, violation_known_on
    dispute.no_commission = no_commission
    dispute.save(update_fields=["dismissal_served_on", "violation_known_on", "no_commission"])
    refresh(dispute)
    return dispute


@transaction.atomic
def add_claim(actor, dispute: Dispute, *, kind: str, amount=None, description: str = "") -> Claim:
    _require(actor, _locked(dispute))
    if kind not in ClaimKind.values:
        raise ValidationError({"kind": _("Choose a kind of claim.")})
    claim = Claim.objects.create(dispute=dispute, kind=kind, amount=_amount(amount, "amount"),
                                 description=clean_text(description, field="description", max_length=500,
                                                        required=False))
    _event(dispute, EventKind.CLAIM, actor, data={"kind": kind, "amount": claim.amount})
    refresh(dispute)
    return claim


@transaction.atomic
def add_basis(actor, dispute: Dispute, *, act: str, article: str) -> LegalBasis:
    """An article of the knowledge base; one that does not exist there (or is repealed) is refused."""
    _require(actor, _locked(dispute))
    act, article = (act or "").strip()[:32], (article or "").strip()[:16]
    if not act or not article or not article_exists(act, article):
        raise ValidationError({"article": _("There is no such article in the legal knowledge base.")},
                              code="no_article")
    if dispute.basis.filter(act=act, article=article).exists():
        raise ValidationError({"article": _("This article is already in the legal basis.")}, code="duplicate")
    title = current_articles(act).filter(number=article).values_list("title", flat=True).first() or ""
    basis = LegalBasis.objects.create(dispute=dispute, act=act, article=article, title=title[:500])
    _event(dispute, EventKind.BASIS, actor, data={"act": act, "article": article})
    return basis


def _last_stage(dispute: Dispute) -> Stage | None:
    return dispute.stages.order_by("-sequence", "-pk").first()


def _check_order(dispute: Dispute, kind: str, *, repeat: bool, skipping: bool) -> int:
    if kind not in StageKind.values:
        raise ValidationError({"kind": _("Choose a stage.")})
    if not dispute.is_open:
        raise ValidationError(_("The dispute is closed."), code="closed")
    last = _last_stage(dispute)
    if last is None:
        return 1
    if not last.skipped and not last.outcome:
        raise ValidationError(_("Record the outcome of the current stage first."), code="undecided")
    if skipping and repeat:
        raise ValidationError(_("A repeated stage cannot be skipped."), code="skip_repeat")
    if not repeat and STAGE_ORDER[kind] <= STAGE_ORDER[last.kind]:
        raise ValidationError({"kind": _("Stages go in order; to go through a stage again, mark it as repeated.")},
                              code="order")
    return last.sequence + 1


@transaction.atomic
def add_stage(actor, dispute: Dispute, *, kind: str, body: str = "", case_number: str = "",
              filed_on: dt.date | None = None, repeat: bool = False) -> Stage:
    _require(actor, _locked(dispute))
    sequence = _check_order(dispute, kind, repeat=repeat, skipping=False)
    stage = Stage.objects.create(dispute=dispute, kind=kind, sequence=sequence, repeat=repeat,
                                 body=clean_text(body, field="body", max_length=255, required=False),
                                 case_number=clean_text(case_number, field="case_number", max_length=64,
                                                        required=False), filed_on=filed_on)
    _event(dispute, EventKind.STAGE, actor, data={"stage": kind, "repeat": repeat})
    refresh(dispute)
    notices.to_member(dispute, "stage")
    return stage


@transaction.atomic
def skip_stage(actor, dispute: Dispute, *, kind: str) -> Stage:
    """Record that the dispute passes a stage by (e.g. no conciliation commission at the employer)."""
    _require(actor, _locked(dispute))
    sequence = _check_order(dispute, kind, repeat=False, skipping=True)
    stage = Stage.objects.create(dispute=dispute, kind=kind, sequence=sequence, skipped=True)
    _event(dispute, EventKind.SKIPPED, actor, data={"stage": kind})
    if kind == StageKind.CONCILIATION and not dispute.no_commission:
        dispute.no_commission = True
        dispute.save(update_fields=["no_commission"])
    refresh(dispute)
    return stage


@transaction.atomic
def decide_stage(actor, stage: Stage, *, outcome: str, decided_on: dt.date,
                 decision_received_on: dt.date | None = None, awarded=None, recovered=None,
                 reinstated: bool = False, note: str = "", case_number: str = "") -> Stage:
    """The stage's outcome, with what was awarded and what the employer actually paid."""
    dispute = _locked(stage.dispute)
    _require(actor, dispute)
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    if stage.skipped:
        raise ValidationError(_("A skipped stage has no outcome."), code="skipped")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if decided_on is None or decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("Give the date of the decision (not in the future).")})
    if stage.filed_on and decided_on < stage.filed_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the filing.")})
    if decision_received_on is not None and decision_received_on < decided_on:
        raise ValidationError({"decision_received_on": _("The decision cannot be received before it is made.")})
    stage.outcome, stage.decided_on, stage.decision_received_on = outcome, decided_on, decision_received_on
    stage.awarded, stage.recovered = _amount(awarded, "awarded"), _amount(recovered, "recovered")
    stage.reinstated = bool(reinstated)
    stage.note = clean_text(note, field="note", max_length=1000, required=False)
    if case_number:
        stage.case_number = clean_text(case_number, field="case_number", max_length=64, required=False)
    stage.save()
    _event(dispute, EventKind.DECIDED, actor, data={"stage": stage.kind, "outcome": outcome,
                                                     "awarded": stage.awarded, "recovered": stage.recovered})
    refresh(dispute)
    audit.record("dispute.decided", actor=actor, obj=dispute, scope=dispute.organisation,
                 data={"stage": stage.kind, "outcome": outcome, "awarded": stage.awarded,
                       "recovered": stage.recovered})
    notices.to_member(dispute, "decided")
    return stage


@transaction.atomic
def record_recovery(actor, stage: Stage, *, recovered) -> Stage:
    """Money actually paid after the decision (often weeks later)."""
    dispute = _locked(stage.dispute)
    _require(actor, dispute)
    stage.recovered = _amount(recovered, "recovered")
    stage.save(update_fields=["recovered"])
    refresh(dispute)
    return stage


@transaction.atomic
def add_hearing(actor, stage: Stage, *, starts_at: dt.datetime, place: str = "", note: str = "") -> Hearing:
    dispute = _locked(stage.dispute)
    _require(actor, dispute)
    if stage.skipped:
        raise ValidationError(_("A skipped stage has no hearings."), code="skipped")
    if starts_at is None or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the date and time of the hearing.")})
    hearing = Hearing.objects.create(stage=stage, starts_at=starts_at,
                                     place=clean_text(place, field="place", max_length=255, required=False),
                                     note=clean_text(note, field="note", max_length=500, required=False))
    _event(dispute, EventKind.HEARING, actor, data={"stage": stage.kind, "starts_at": starts_at.isoformat()})
    notices.to_member(dispute, "hearing", when=starts_at)
    return hearing


def add_documents(actor, dispute: Dispute, files, *, kind: str = DocumentKind.OTHER, stage: Stage | None = None,
                  shared: bool = False) -> list[Document]:
    """Files checked by content (the appeals' rules: PDF, DOCX, JPEG, PNG, HEIC; size and count limits)."""
    if not can_handle(actor, dispute):
        raise PermissionDenied
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose a kind of document.")})
    if stage is not None and stage.dispute_id != dispute.pk:
        raise ValidationError({"stage": _("Choose a stage of this dispute.")})
    checked = check_files(files)
    if not checked:
        raise ValidationError({"files": _("Choose a file.")}, code="no_file")
    with transaction.atomic():
        _locked(dispute)
        documents = []
        for f in checked:
            document = Document(dispute=dispute, stage=stage, kind=kind, shared_with_member=shared, name=f.name,
                                content_type=f.content_type, size=f.size, sha256=f.sha256, uploaded_by=actor)
            document.file.save(f.name, ContentFile(f.content), save=False)
            document.save()
            documents.append(document)
        _event(dispute, EventKind.DOCUMENT, actor, data={"count": len(documents), "kind": kind}, visible=shared)
    return documents


@transaction.atomic
def share_document(actor, document: Document, shared: bool) -> Document:
    _require(actor, _locked(document.dispute))
    document.shared_with_member = shared
    document.save(update_fields=["shared_with_member"])
    return document


@transaction.atomic
def assign(actor, dispute: Dispute, lawyer) -> Dispute:
    _require(actor, _locked(dispute))
    if not can(lawyer, Cap.HANDLE_APPEALS, dispute.organisation):
        raise ValidationError({"lawyer": _("This person does not handle appeals of this organisation.")})
    dispute.lawyer = lawyer
    dispute.save(update_fields=["lawyer"])
    if lawyer.pk != actor.pk:
        notices.to_lawyer(dispute, "assigned")
    return dispute


@transaction.atomic
def close(actor, dispute: Dispute, *, request=None) -> Dispute:
    _require(actor, _locked(dispute))
    if not dispute.is_open:
        return dispute
    dispute.status, dispute.closed_at = Status.CLOSED, timezone.now()
    dispute.save(update_fields=["status", "closed_at"])
    refresh(dispute)
    _event(dispute, EventKind.CLOSED, actor)
    audit.record("dispute.closed", actor=actor, obj=dispute, request=request, scope=dispute.organisation,
                 data={"outcome": dispute.outcome, "recovered": dispute.recovered})
    notices.to_member(dispute, "closed")
    return dispute


HEARING_NOTICE = dt.timedelta(days=2)


def tick(today: dt.date | None = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Warn the lawyer a few working days before a time limit (once per limit date, like appeal deadlines);
    remind the lawyer and the member of a hearing two days before it."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    horizon = add_working_days(today, remind_days())
    counts = {"deadlines": 0, "hearings": 0}
    due = (Dispute.objects.filter(status=Status.OPEN, next_deadline__isnull=False, next_deadline__lte=horizon,
                                  next_deadline__gte=today).values_list("pk", flat=True))
    for pk in due:
        with transaction.atomic():
            dispute = _locked(Dispute(pk=pk))
            if dispute.deadline_reminded_for == dispute.next_deadline or dispute.next_deadline is None:
                continue
            dispute.deadline_reminded_for = dispute.next_deadline
            dispute.save(update_fields=["deadline_reminded_for"])
            _event(dispute, EventKind.DEADLINE, visible=False,
                   data={"code": dispute.next_deadline_code, "date": dispute.next_deadline.isoformat()})
            notices.to_lawyer(dispute, "deadline", when=dispute.next_deadline)
            counts["deadlines"] += 1
    soon = Hearing.objects.filter(reminded_at__isnull=True, starts_at__gte=now, starts_at__lte=now + HEARING_NOTICE,
                                  stage__dispute__status=Status.OPEN).values_list("pk", flat=True)
    for pk in soon:
        with transaction.atomic():
            hearing = Hearing.objects.select_for_update().select_related("stage__dispute").get(pk=pk)
            if hearing.reminded_at is not None:
                continue
            hearing.reminded_at = timezone.now()
            hearing.save(update_fields=["reminded_at"])
            dispute = hearing.stage.dispute
            notices.to_lawyer(dispute, "hearing", when=hearing.starts_at)
            notices.to_member(dispute, "hearing", when=hearing.starts_at)
            counts["hearings"] += 1
    return counts


TEXT_LIMIT = TEXT_MAX

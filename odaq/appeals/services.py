"""Every write to an appeal: check the right, move the state machine, write the timeline, audit, notify."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core import audit
from odaq.orgs.models import Membership, Person
from odaq.orgs.scopes import Cap, can, has_cap
from odaq.orgs.selectors import current_membership

from . import calendar, notices, routing, workflow
from .attachments import CheckedFile, check_files
from .choices import OPEN, Channel, EventKind, ExportStatus, Result, Status
from .models import SUBJECT_MAX, TEXT_MAX, Appeal, AppealCounter, AppealEvent, AppealExport, Attachment, Topic
from .selectors import can_handle
from .text import clean_text, plain


@dataclass
class Filing:
    topic: Topic
    subject: str
    description: str
    employer: str = ""
    confidential: bool = False
    answer_language: str = "kk"
    answer_channel: str = Channel.CABINET
    ai_record_id: int | None = None


def _check_filer(actor, person: Person) -> Membership:
    membership = current_membership(person, active=True)
    if membership is None:
        raise ValidationError(_("Only a member with an active membership can file an appeal."), code="not_member")
    if person.user_id == actor.pk:
        return membership
    if can(actor, Cap.FILE_APPEALS, membership.organisation):
        return membership
    raise PermissionDenied


def _clean_filing(data: Filing) -> Filing:
    errors = {}
    for field, limit in (("subject", SUBJECT_MAX), ("description", TEXT_MAX), ("employer", 255)):
        try:
            setattr(data, field, clean_text(getattr(data, field), field=field, max_length=limit,
                                            required=field != "employer"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not data.topic.active:
        errors["topic"] = [_("This topic is no longer in use; choose another.")]
    if data.answer_channel not in Channel.values:
        errors["answer_channel"] = [_("Choose a valid way to answer.")]
    if data.answer_language not in ("kk", "ru"):
        errors["answer_language"] = [_("Choose Kazakh or Russian.")]
    if errors:
        raise ValidationError(errors)
    return data


def _existing(key: str | None, actor) -> Appeal | None:
    if not key:
        return None
    appeal = Appeal.objects.filter(idempotency_key=key).first()
    if appeal is not None and appeal.filed_by_id != actor.pk:
        raise ValidationError(_("This form was already used by someone else; reload the page."), code="key_taken")
    return appeal


def _next_number(region, year: int) -> str:
    AppealCounter.objects.bulk_create([AppealCounter(region=region, year=year)], ignore_conflicts=True)
    counter = AppealCounter.objects.select_for_update().get(region=region, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{region.code or '00'}-{year}-{counter.last:05d}"


def _event(appeal: Appeal, kind: str, actor=None, *, text: str = "", data: dict | None = None, visible: bool = True,
           status: str = "") -> AppealEvent:
    """A timeline step. ``text`` is what a person wrote; anything else about the step goes in ``data``
    (``AppealEvent.details`` turns it into a translated line)."""
    return AppealEvent.objects.create(appeal=appeal, kind=kind, actor=actor, text=text, data=data or None,
                                      visible_to_member=visible, status=status or appeal.status)


def _assignee_data(assignee) -> dict:
    return {"assignee": assignee.pk, "assignee_name": str(assignee)}


def _store_files(appeal: Appeal, event: AppealEvent | None, files: list[CheckedFile], actor) -> None:
    for f in files:
        attachment = Attachment(appeal=appeal, event=event, name=f.name, content_type=f.content_type, size=f.size,
                                sha256=f.sha256, uploaded_by=actor)
        attachment.file.save(f.name, ContentFile(f.content), save=False)
        attachment.save()


def file_appeal(actor, person: Person, data: Filing, *, files=(), idempotency_key: str | None = None,
                request=None) -> tuple[Appeal, bool]:
    """Register an appeal (number, deadline, route). Returns (appeal, created); a repeated idempotency key
    returns the appeal filed the first time and creates nothing."""
    membership = _check_filer(actor, person)
    key = (idempotency_key or "").strip()[:64] or None
    existing = _existing(key, actor)
    if existing is not None:
        return existing, False
    data = _clean_filing(data)
    checked = check_files(files)
    try:
        with transaction.atomic():
            appeal = _register(actor, person, membership, data, checked, key, request)
    except IntegrityError:
        existing = _existing(key, actor)
        if existing is None:
            raise
        return existing, False
    return appeal, True


def _register(actor, person, membership, data: Filing, checked, key, request) -> Appeal:
    organisation = membership.organisation
    region = routing.region_of(organisation)
    now = timezone.now()
    number = _next_number(region, timezone.localdate(now).year)  # locks the region's counter row
    existing = _existing(key, actor)  # a twin request that held the lock before us has committed by now
    if existing is not None:
        raise IntegrityError("idempotency key already used")
    on_behalf = person.user_id != actor.pk
    appeal = Appeal.objects.create(
        number=number, person=person, organisation=organisation, region=region, filed_by=actor, topic=data.topic,
        subject=data.subject, description=data.description,
        employer=data.employer or organisation.employer_name or organisation.name_ru,
        confidential=data.confidential and not on_behalf, answer_language=data.answer_language,
        answer_channel=data.answer_channel, status=Status.SUBMITTED, created_at=now,
        idempotency_key=key, ai_record_id=data.ai_record_id,
    )
    submitted = _event(appeal, EventKind.SUBMITTED, actor, data={"on_behalf": True} if on_behalf else None)
    _store_files(appeal, submitted, checked, actor)
    appeal.status = workflow.target(appeal.status, "register")
    appeal.due_date = calendar.add_working_days(timezone.localdate(now), calendar.answer_days())
    appeal.assignee = routing.duty_lawyer(region)
    appeal.save(update_fields=["status", "due_date", "assignee"])
    _event(appeal, EventKind.REGISTERED)
    if appeal.assignee:
        _event(appeal, EventKind.ASSIGNED, data=_assignee_data(appeal.assignee), visible=False)
        notices.to_assignee(appeal, "assigned")
    audit.record("appeal.filed", actor=actor, obj=appeal, request=request,
                 data={"number": number, "on_behalf": on_behalf, "files": len(checked)})
    notices.to_member(appeal, "registered")
    return appeal


def _locked(appeal: Appeal) -> Appeal:
    fresh = (Appeal.objects.select_for_update(of=("self",)).select_related("organisation", "person", "topic")
             .get(pk=appeal.pk))
    appeal.__dict__.update(fresh.__dict__)
    return appeal


def _require_handler(actor, appeal: Appeal) -> None:
    if not can_handle(actor, appeal):
        raise PermissionDenied


def _move(appeal: Appeal, action: str, fields: list[str] | None = None) -> None:
    appeal.status = workflow.target(appeal.status, action)
    appeal.save(update_fields=["status", *(fields or [])])


@transaction.atomic
def assign(actor, appeal: Appeal, assignee, *, request=None) -> Appeal:
    _require_handler(actor, _locked(appeal))
    if not can(assignee, Cap.HANDLE_APPEALS, appeal.organisation):
        raise ValidationError({"assignee": _("This person does not handle appeals of this organisation.")})
    if appeal.assignee_id == assignee.pk:
        return appeal
    appeal.assignee = assignee
    appeal.save(update_fields=["assignee"])
    _event(appeal, EventKind.ASSIGNED, actor, data=_assignee_data(assignee), visible=False)
    audit.record("appeal.assigned", actor=actor, obj=appeal, request=request, data={"assignee": assignee.pk})
    if assignee.pk != actor.pk:
        notices.to_assignee(appeal, "assigned")
    return appeal


def bulk_assign(actor, appeals, assignee, *, request=None) -> int:
    done = 0
    for appeal in appeals:
        assign(actor, appeal, assignee, request=request)
        done += 1
    return done


@transaction.atomic
def escalate(actor, appeal: Appeal, reason: str, *, request=None) -> Appeal:
    _require_handler(actor, _locked(appeal))
    reason = clean_text(reason, field="text", max_length=2000)
    if appeal.escalated:
        raise ValidationError(_("This appeal is already with the central committee."), code="escalated")
    if not appeal.is_open:
        raise ValidationError(_("Only an appeal still waiting for an answer can be escalated."), code="closed")
    _escalate(appeal, actor, reason=reason)
    audit.record("appeal.escalated", actor=actor, obj=appeal, request=request)
    return appeal


def _escalate(appeal: Appeal, actor, *, reason: str = "", cause: str = "") -> None:
    """``reason``: what the lawyer wrote; ``cause``: why the platform escalated by itself (e.g. "overdue")."""
    appeal.escalated = True
    central = routing.central_legal_service()
    appeal.assignee = central or appeal.assignee
    appeal.save(update_fields=["escalated", "assignee"])
    _event(appeal, EventKind.ESCALATED, actor, text=reason, data={"cause": cause} if cause else None, visible=False)
    if central:
        notices.to_assignee(appeal, "escalated")


@transaction.atomic
def take(actor, appeal: Appeal) -> Appeal:
    _require_handler(actor, _locked(appeal))
    fields = []
    if appeal.assignee_id is None:
        appeal.assignee = actor
        fields.append("assignee")
    _move(appeal, "take", fields)
    _event(appeal, EventKind.TAKEN, actor)
    return appeal


@transaction.atomic
def ask(actor, appeal: Appeal, text: str, *, files=()) -> AppealEvent:
    _require_handler(actor, _locked(appeal))
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    checked = check_files(files)
    _move(appeal, "ask")
    event = _event(appeal, EventKind.QUESTION, actor, text=text)
    _store_files(appeal, event, checked, actor)
    notices.to_member(appeal, "question")
    return event


@transaction.atomic
def comment(actor, appeal: Appeal, text: str) -> AppealEvent:
    _require_handler(actor, _locked(appeal))
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    return _event(appeal, EventKind.COMMENT, actor, text=text, visible=False)


@transaction.atomic
def reply(user, appeal: Appeal, text: str, *, files=()) -> AppealEvent:
    """The member writes to the union: an answer to a question, or more facts while the appeal is open."""
    if _locked(appeal).person.user_id != user.pk:
        raise PermissionDenied
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    checked = check_files(files)
    if appeal.status == Status.WAITING:
        _move(appeal, "reply")
    elif appeal.status not in OPEN:
        raise ValidationError(_("The appeal is answered; reopen it to write again."), code="transition_refused")
    event = _event(appeal, EventKind.REPLY, user, text=text)
    _store_files(appeal, event, checked, user)
    notices.to_assignee(appeal, "reply")
    return event


@transaction.atomic
def answer(actor, appeal: Appeal, *, text: str, result: str, legal_basis: str = "", economic_effect=None,
           files=()) -> AppealEvent:
    _require_handler(actor, _locked(appeal))
    errors = {}
    try:
        text = clean_text(text, field="text", max_length=TEXT_MAX)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if result not in Result.values:
        errors["result"] = [_("Choose the result.")]
    if economic_effect not in (None, "") and (not isinstance(economic_effect, int) or economic_effect < 0
                                              or economic_effect > 10**12):
        errors["economic_effect"] = [_("The economic effect is a whole number of tenge, not negative.")]
    if errors:
        raise ValidationError(errors)
    checked = check_files(files)
    appeal.result = result
    appeal.legal_basis = plain(legal_basis)[:500]
    appeal.economic_effect = economic_effect if economic_effect not in (None, "") else None
    appeal.answered_at = timezone.now()
    if appeal.assignee_id is None:
        appeal.assignee = actor
    _move(appeal, "answer", ["result", "legal_basis", "economic_effect", "answered_at", "assignee"])
    event = _event(appeal, EventKind.ANSWER, actor, text=text)
    _store_files(appeal, event, checked, actor)
    notices.to_member(appeal, "answered")
    return event


@transaction.atomic
def close(actor, appeal: Appeal) -> Appeal:
    _require_handler(actor, _locked(appeal))
    appeal.closed_at = timezone.now()
    _move(appeal, "close", ["closed_at"])
    _event(appeal, EventKind.CLOSED, actor)
    return appeal


@transaction.atomic
def reopen(user, appeal: Appeal, text: str) -> Appeal:
    if _locked(appeal).person.user_id != user.pk:
        raise PermissionDenied
    text = clean_text(text, field="text", max_length=TEXT_MAX)
    answered = appeal.answered_at or appeal.closed_at
    if answered is None or timezone.now() - answered > dt.timedelta(days=workflow.REOPEN_DAYS):
        raise ValidationError(_("An appeal can be reopened within %(days)s days of the answer.")
                              % {"days": workflow.REOPEN_DAYS}, code="reopen_late")
    today = timezone.localdate()
    appeal.due_date = calendar.add_working_days(today, calendar.answer_days())
    appeal.closed_at = None
    appeal.reminded_at = appeal.overdue_at = None
    _move(appeal, "reopen", ["due_date", "closed_at", "reminded_at", "overdue_at"])
    _event(appeal, EventKind.REOPENED, user, text=text)
    notices.to_member(appeal, "reopened")
    notices.to_assignee(appeal, "reopened")
    return appeal


@transaction.atomic
def extend(actor, appeal: Appeal, reason: str) -> Appeal:
    _require_handler(actor, _locked(appeal))
    reason = clean_text(reason, field="reason", max_length=500)
    if appeal.extended:
        raise ValidationError(_("The deadline can be extended only once."), code="extended")
    if not appeal.is_open:
        raise ValidationError(_("Only an appeal still waiting for an answer can be extended."), code="closed")
    start = timezone.localdate(appeal.created_at)
    appeal.due_date = calendar.add_working_days(start, calendar.extended_days())
    appeal.extended, appeal.extension_reason = True, reason
    appeal.reminded_at = appeal.overdue_at = None
    appeal.save(update_fields=["due_date", "extended", "extension_reason", "reminded_at", "overdue_at"])
    _event(appeal, EventKind.EXTENDED, actor, text=reason, data={"due_date": appeal.due_date.isoformat()})
    notices.to_member(appeal, "extended")
    return appeal


@transaction.atomic
def rate(user, appeal: Appeal, rating, comment: str = "") -> Appeal:
    if _locked(appeal).person.user_id != user.pk:
        raise PermissionDenied
    if appeal.status not in (Status.ANSWERED, Status.CLOSED):
        raise ValidationError(_("You can rate the help once the appeal is answered."), code="not_answered")
    if appeal.rating is not None:
        raise ValidationError(_("You have already rated this appeal."), code="rated")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    appeal.rating = rating
    appeal.rating_comment = clean_text(comment, field="comment", max_length=1000, required=False)
    appeal.rated_at = timezone.now()
    appeal.save(update_fields=["rating", "rating_comment", "rated_at"])
    _event(appeal, EventKind.RATED, user, data={"rating": rating}, visible=True)
    return appeal


def tick(today: dt.date | None = None) -> dict[str, int]:
    """Remind assignees a few working days before the deadline; escalate what became overdue."""
    today = today or timezone.localdate()
    horizon = calendar.add_working_days(today, calendar.remind_days())
    counts = {"reminded": 0, "overdue": 0}
    open_ = Appeal.objects.filter(status__in=OPEN)
    for pk in open_.filter(reminded_at__isnull=True, due_date__lte=horizon, due_date__gte=today).values_list(
            "pk", flat=True):
        with transaction.atomic():
            appeal = _locked(Appeal(pk=pk))
            if appeal.reminded_at is None and appeal.is_open:
                appeal.reminded_at = timezone.now()
                appeal.save(update_fields=["reminded_at"])
                _event(appeal, EventKind.REMINDER, visible=False, data={"due_date": appeal.due_date.isoformat()})
                notices.to_assignee(appeal, "reminder")
                counts["reminded"] += 1
    for pk in open_.filter(overdue_at__isnull=True, due_date__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            appeal = _locked(Appeal(pk=pk))
            if appeal.overdue_at is None and appeal.is_open:
                appeal.overdue_at = timezone.now()
                appeal.save(update_fields=["overdue_at"])
                _event(appeal, EventKind.OVERDUE, visible=False, data={"due_date": appeal.due_date.isoformat()})
                if not appeal.escalated:
                    _escalate(appeal, None, cause="overdue")
                counts["overdue"] += 1
    purge_exports()  # old export files go with the daily tick
    return counts


@transaction.atomic
def set_duty_lawyer(actor, region, user_id: int | None, *, request=None) -> None:
    """Choose (or clear, with None) the lawyer on duty of a region; she must handle appeals there."""
    from odaq.core.models import User

    from .models import DutyLawyer

    if not can(actor, Cap.MANAGE_ROLES, region):
        raise PermissionDenied
    if user_id is None:
        DutyLawyer.objects.filter(region=region).delete()
    else:
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not can(user, Cap.HANDLE_APPEALS, region):
            raise ValidationError(_("This person does not handle appeals of this region."), code="not_handler")
        DutyLawyer.objects.update_or_create(region=region, defaults={"user": user})
    audit.record("appeals.duty_set", actor=actor, obj=region, request=request, data={"user": user_id})


# --- Exports of the queue: requested on a page, built in the background, downloaded by the requester only.

EXPORT_KEEP_DAYS = 7
EXPORT_QUERY_MAX = 2000


def request_export(user, query: str, kind: str, *, request=None) -> AppealExport:
    """Queue an export of the staff queue with the filters of ``query`` (a URL query string)."""
    import secrets

    from django.utils.translation import get_language

    if not has_cap(user, Cap.VIEW_APPEALS):
        raise PermissionDenied
    if kind not in ("csv", "xlsx"):
        raise ValidationError(_("Choose CSV or XLSX."))
    if len(query) > EXPORT_QUERY_MAX:
        raise ValidationError(_("These filters are too long."))
    with transaction.atomic():
        job = AppealExport.objects.create(requested_by=user, token=secrets.token_hex(16), kind=kind, query=query,
                                          language=(get_language() or "kk")[:8])
        audit.record("appeals.export_requested", actor=user, obj=job, request=request,
                     data={"format": kind, "filters": query})
        transaction.on_commit(lambda: start_export(job.pk))
    return job


def start_export(job_id: int) -> None:
    """Hand the export to a worker: Celery in production; in the embedded default a thread of this process,
    so the page answers at once and shows the progress (ODAQ_EXPORTS_RUN=inline builds it in the request)."""
    from django.conf import settings

    mode = settings.ODAQ_EXPORTS_RUN
    if mode == "inline":
        build_export(job_id)
    elif mode == "thread":
        import threading

        threading.Thread(target=_build_in_thread, args=(job_id,), name=f"appeal-export-{job_id}",
                         daemon=True).start()
    else:
        from .tasks import build_appeal_export

        build_appeal_export.delay(job_id)


def _build_in_thread(job_id: int) -> None:
    from django.db import close_old_connections, connection

    close_old_connections()
    try:
        build_export(job_id)
    finally:
        connection.close()


def build_export(job_id: int) -> str:
    """Write the file of a queued export under MEDIA_ROOT, reporting progress as it goes."""
    import logging
    import tempfile

    from django.core.files import File
    from django.http import QueryDict
    from django.utils import translation

    from .exports import EXPORT_MAX, write_export
    from .forms import queue_filter_form
    from .selectors import queue

    with transaction.atomic():
        job = AppealExport.objects.select_for_update().select_related("requested_by").filter(pk=job_id).first()
        if job is None or job.status != ExportStatus.QUEUED:
            return job.status if job else "missing"
        job.status = ExportStatus.RUNNING
        job.save(update_fields=["status"])
    user = job.requested_by
    try:
        with translation.override(job.language):
            if not (user.is_active and has_cap(user, Cap.VIEW_APPEALS)):
                raise PermissionDenied("the requester may no longer view appeals")
            form = queue_filter_form(user, QueryDict(job.query))
            qs = queue(user, **form.filters())
            total = min(qs.select_related(None).order_by().count(), EXPORT_MAX)
            AppealExport.objects.filter(pk=job.pk).update(rows_total=total)

            def progress(done: int) -> None:
                AppealExport.objects.filter(pk=job.pk).update(rows_done=done)

            with tempfile.TemporaryFile() as out:
                rows = write_export(qs, job.kind, out, progress)
                out.seek(0)
                job.file.save(job.filename, File(out), save=False)
    except Exception as exc:  # noqa: BLE001 - the requester sees "failed"; the log has the details
        logging.getLogger(__name__).exception("appeal export failed", extra={"export": job.pk})
        AppealExport.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED, error=str(exc)[:500],
                                                      finished_at=timezone.now())
        return "failed"
    with transaction.atomic():
        AppealExport.objects.filter(pk=job.pk).update(status=ExportStatus.DONE, rows_done=rows, rows_total=rows,
                                                      file=job.file.name, finished_at=timezone.now())
        audit.record("appeals.exported", actor=user, obj=job,
                     data={"format": job.kind, "rows": rows, "filters": job.query, "export": job.pk})
    return "done"


def record_export_download(user, job: AppealExport, *, request=None) -> None:
    audit.record("appeals.export_downloaded", actor=user, obj=job, request=request,
                 data={"format": job.kind, "rows": job.rows_done, "export": job.pk})


def purge_exports(now=None) -> int:
    """Delete export files (and their rows) older than EXPORT_KEEP_DAYS."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=EXPORT_KEEP_DAYS)
    removed = 0
    for job in AppealExport.objects.filter(created_at__lt=cutoff).only("pk", "file"):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed

"""Every write of the surveys app: validate, check the organiser's scope, change, audit.

Lifecycle: draft (questions may change) → open (nothing changes any more) → closed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core import audit
from odaq.orgs.choices import Position
from odaq.orgs.models import Organisation, Person
from odaq.orgs.scopes import Cap, can
from odaq.orgs.selectors import ancestors_and_self, current_membership

from . import selectors
from .answers import check_answers
from .choices import MAX_OPTIONS, MAX_QUESTIONS, MIN_GROUP, Kind, Status
from .models import Answer, Participation, Question, Response, Survey
from .tasks import notify_due_surveys

SURVEY_FIELDS = ["organisation", "title_kk", "title_ru", "intro_kk", "intro_ru", "anonymous", "young_only",
                 "positions", "opens_at", "closes_at"]
QUESTION_FIELDS = ["kind", "text_kk", "text_ru", "required", "options"]


class AlreadyAnswered(ValidationError):
    pass


def _check_organiser(user, organisation: Organisation) -> None:
    if not can(user, Cap.RUN_SURVEYS, organisation):
        raise PermissionDenied(_("You may not run surveys for this organisation."))


def _check_draft(survey: Survey) -> None:
    if not survey.editable:
        raise ValidationError(_("This survey is already open: its questions and settings can no longer change."))


def _check_survey_data(data: dict) -> None:
    errors = {}
    positions = data.get("positions") or []
    if not isinstance(positions, list) or any(p not in Position.values for p in positions):
        errors["positions"] = [_("Choose positions from the list.")]
    opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
    if closes_at is None:
        errors["closes_at"] = [_("Set the closing time.")]
    elif opens_at is not None and closes_at <= opens_at:
        errors["closes_at"] = [_("The survey must close after it opens.")]
    if not (data.get("title_kk") or "").strip() or not (data.get("title_ru") or "").strip():
        errors["title_kk"] = [_("Write the title in Kazakh and in Russian.")]
    if errors:
        raise ValidationError(errors)


def create_survey(user, data: dict, *, request=None) -> Survey:
    _check_organiser(user, data["organisation"])
    _check_survey_data(data)
    with transaction.atomic():
        survey = Survey.objects.create(created_by=user, **{k: data.get(k) for k in SURVEY_FIELDS
                                                            if data.get(k) is not None})
        audit.record("survey.created", actor=user, obj=survey, request=request,
                     data={"title_ru": survey.title_ru, "anonymous": survey.anonymous})
    return survey


def update_survey(user, survey: Survey, data: dict, *, request=None) -> Survey:
    _check_organiser(user, survey.organisation)
    _check_organiser(user, data.get("organisation", survey.organisation))
    _check_survey_data(data)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        _check_draft(survey)
        changed = [k for k in SURVEY_FIELDS if k in data and getattr(survey, k) != data[k]]
        for key in changed:
            setattr(survey, key, data[key])
        if changed:
            survey.save(update_fields=changed)
            audit.record("survey.changed", actor=user, obj=survey, request=request, data={"fields": changed})
    return survey


def _clean_options(kind: str, options) -> list[dict]:
    if kind not in (Kind.SINGLE, Kind.MULTIPLE, Kind.MATRIX):
        return []
    if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
        raise ValidationError({"options": [_("Give the answers or rows as lines of text, one per line.")]})
    cleaned = [{"kk": str(o.get("kk", "")).strip()[:300], "ru": str(o.get("ru", "")).strip()[:300]} for o in options]
    if len(cleaned) < (1 if kind == Kind.MATRIX else 2):
        raise ValidationError({"options": [_("Give at least two answers, one per line.") if kind != Kind.MATRIX
                                           else _("Give at least one row, one per line.")]})
    if len(cleaned) > MAX_OPTIONS:
        raise ValidationError({"options": [_("At most %(n)d lines.") % {"n": MAX_OPTIONS}]})
    if any(not o["kk"] or not o["ru"] for o in cleaned):
        raise ValidationError({"options": [
            _("Each line needs both languages: the Kazakh and Russian lists must have the same number of lines.")]})
    if len({o["ru"].lower() for o in cleaned}) != len(cleaned) or len({o["kk"].lower() for o in cleaned}) != len(
            cleaned):
        raise ValidationError({"options": [_("The same line is given twice.")]})
    return cleaned


def _check_question_data(data: dict) -> dict:
    if data.get("kind") not in Kind.values:
        raise ValidationError({"kind": [_("Choose a kind of question.")]})
    if not (data.get("text_kk") or "").strip() or not (data.get("text_ru") or "").strip():
        raise ValidationError({"text_kk": [_("Write the question in Kazakh and in Russian.")]})
    return {"kind": data["kind"], "text_kk": data["text_kk"].strip()[:500], "text_ru": data["text_ru"].strip()[:500],
            "required": bool(data.get("required", True)), "options": _clean_options(data["kind"], data.get("options"))}


def add_question(user, survey: Survey, data: dict, *, request=None) -> Question:
    _check_organiser(user, survey.organisation)
    fields = _check_question_data(data)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        _check_draft(survey)
        if survey.questions.count() >= MAX_QUESTIONS:
            raise ValidationError(_("A survey has at most %(n)d questions.") % {"n": MAX_QUESTIONS})
        last = survey.questions.aggregate(m=Max("order"))["m"]
        question = Question.objects.create(survey=survey, order=(last or 0) + 1, **fields)
        audit.record("survey.question_added", actor=user, obj=survey, request=request,
                     data={"question": question.pk, "kind": question.kind})
    return question


def update_question(user, question: Question, data: dict, *, request=None) -> Question:
    _check_organiser(user, question.survey.organisation)
    fields = _check_question_data(data)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=question.survey_id)
        _check_draft(survey)
        for key, value in fields.items():
            setattr(question, key, value)
        question.save(update_fields=list(fields))
        audit.record("survey.question_changed", actor=user, obj=survey, request=request,
                     data={"question": question.pk})
    return question


def delete_question(user, question: Question, *, request=None) -> None:
    _check_organiser(user, question.survey.organisation)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=question.survey_id)
        _check_draft(survey)
        pk = question.pk
        question.delete()
        audit.record("survey.question_deleted", actor=user, obj=survey, request=request, data={"question": pk})


def move_question(user, question: Question, direction: str, *, request=None) -> None:
    """Swap a question with its neighbour above ("up") or below ("down")."""
    _check_organiser(user, question.survey.organisation)
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a question up or down."))
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=question.survey_id)
        _check_draft(survey)
        ordered = list(survey.questions.order_by("order", "pk"))
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, q in enumerate(ordered, start=1):
            if q.order != position:
                Question.objects.filter(pk=q.pk).update(order=position)


def open_survey(user, survey: Survey, *, request=None) -> Survey:
    """Open a draft: from now on nothing about it may change. Members are notified once it has begun."""
    _check_organiser(user, survey.organisation)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        _check_draft(survey)
        now = timezone.now()
        if not survey.questions.exists():
            raise ValidationError(_("Add at least one question before opening the survey."))
        if survey.closes_at <= now:
            raise ValidationError(_("The closing time has already passed: change it before opening."))
        survey.status, survey.opened_at = Status.OPEN, now
        if survey.opens_at is None or survey.opens_at < now:
            survey.opens_at = now
        survey.save(update_fields=["status", "opened_at", "opens_at"])
        audit.record("survey.opened", actor=user, obj=survey, request=request,
                     data={"opens_at": survey.opens_at, "closes_at": survey.closes_at,
                           "questions": survey.questions.count()})
        transaction.on_commit(notify_due_surveys.delay)
    return survey


def close_survey(user, survey: Survey, *, request=None) -> Survey:
    _check_organiser(user, survey.organisation)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.status != Status.OPEN:
            raise ValidationError(_("Only an open survey can be closed."))
        now = timezone.now()
        survey.status, survey.closed_at = Status.CLOSED, now
        survey.closes_at = min(survey.closes_at, now)
        survey.save(update_fields=["status", "closed_at", "closes_at"])
        audit.record("survey.closed", actor=user, obj=survey, request=request,
                     data={"responses": survey.responses.count()})
    return survey


def submit_response(person: Person | None, survey: Survey, raw: dict) -> Response:
    """Store one member's answers. The participation row and the response are written in one
    transaction; a second response of the same member is refused (unique constraint) and changes nothing."""
    if person is None or not selectors.is_eligible(survey, person):
        raise PermissionDenied(_("This survey is not addressed to you."))
    if not survey.is_accepting:
        raise ValidationError(_("This survey is not open for answers."))
    if selectors.has_answered(survey, person):
        raise AlreadyAnswered(_("You have already answered this survey. Only one response per member is counted."))
    questions = list(survey.questions.all())
    clean = check_answers(questions, raw)
    membership = current_membership(person, active=True)
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, person=person, organisation=membership.organisation)
            response = Response.objects.create(survey=survey, organisation=_response_organisation(survey, membership),
                                               person=None if survey.anonymous else person)
            Answer.objects.bulk_create([Answer(response=response, question=q, option=option, number=number,
                                               text=text) for q, option, number, text in clean.rows])
    except IntegrityError as exc:
        raise AlreadyAnswered(
            _("You have already answered this survey. Only one response per member is counted.")) from exc
    return response


def _response_organisation(survey: Survey, membership) -> Organisation:
    """Where an answer is counted. In anonymous surveys: the member's organisation only if at least MIN_GROUP
    members are asked there, else the nearest organisation above it that has that many (at most the survey's
    own), so that even the database never ties an anonymous response to a tiny group."""
    if not survey.anonymous:
        return membership.organisation
    eligible = selectors.eligible_memberships(survey)
    for node in reversed(ancestors_and_self(membership.organisation)):
        if len(node.path) <= len(survey.organisation.path):
            break
        if eligible.filter(organisation__path__startswith=node.path).count() >= MIN_GROUP:
            return node
    return survey.organisation


def record_export(user, survey: Survey, fmt: str, *, request=None) -> None:
    _check_organiser(user, survey.organisation)
    audit.record("survey.exported", actor=user, obj=survey, request=request,
                 data={"format": fmt, "responses": survey.responses.count()})


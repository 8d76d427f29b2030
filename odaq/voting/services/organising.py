"""Organising a vote before it opens: the vote itself, its questions, delegates, readiness and schedule."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from odaq.core import audit
from odaq.core.iin import validate_iin
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.models import Membership, Person

from ..models import Delegate, Election, Electorate, Kind, Option, Question, Status
from .common import _check_editable, _check_scope

MAX_DELEGATES_CSV = 2_000_000  # bytes
YES_NO = (gettext_noop("Yes"), gettext_noop("No"), gettext_noop("Abstain"))


ELECTION_FIELDS = ["organisation", "title_kk", "title_ru", "description_kk", "description_ru", "opens_at",
                   "closes_at", "electorate", "quorum"]


def _check_times(opens_at, closes_at) -> None:
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The vote must close after it opens.")})


def create_election(user, data: dict, *, request=None) -> Election:
    _check_scope(user, data["organisation"])
    _check_times(data["opens_at"], data["closes_at"])
    with transaction.atomic():
        election = Election.objects.create(created_by=user, **{f: data[f] for f in ELECTION_FIELDS if f in data})
        audit.record("voting.created", actor=user, obj=election, request=request,
                     data={f: data[f] for f in ELECTION_FIELDS if f != "organisation" and f in data})
    return election


def update_election(user, election: Election, data: dict, *, request=None) -> Election:
    _check_scope(user, election.organisation)
    _check_scope(user, data.get("organisation", election.organisation))
    _check_times(data.get("opens_at", election.opens_at), data.get("closes_at", election.closes_at))
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        _check_editable(election)
        changed = {}
        for field in ELECTION_FIELDS:
            if field in data and getattr(election, field) != data[field]:
                setattr(election, field, data[field])
                changed[field] = str(data[field])
        if changed:
            election.save()
            audit.record("voting.changed", actor=user, obj=election, request=request, data=changed)
    return election


def _yes_no_texts() -> list[tuple[str, str]]:
    texts = []
    for english in YES_NO:
        pair = []
        for lang in ("kk", "ru"):
            with translation.override(lang):
                pair.append(gettext(english))
        texts.append(tuple(pair))
    return texts


def add_question(user, election: Election, data: dict, options: list[tuple[str, str]], *,
                 request=None) -> Question:
    """Add a question; yes/no/abstain questions get their three options automatically."""
    _check_scope(user, election.organisation)
    kind = data["kind"]
    if kind == Kind.YES_NO:
        options, k = _yes_no_texts(), 1
    else:
        k = 1 if kind == Kind.ONE else int(data.get("k") or 1)
        if len(options) < 2:
            raise ValidationError({"options": _("Give at least two options.")})
        if kind in (Kind.UP_TO_K, Kind.SEATS) and not 1 <= k < len(options) + (kind == Kind.UP_TO_K):
            raise ValidationError({"k": _("k must be at least 1 and smaller than the number of options.")})
    if len({kk.casefold() for kk, _ru in options}) != len(options):
        raise ValidationError({"options": _("Two options have the same text.")})
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        _check_editable(election)
        position = election.questions.count()
        question = Question.objects.create(election=election, position=position, kind=kind, k=k,
                                           rule=data["rule"], text_kk=data["text_kk"], text_ru=data["text_ru"])
        Option.objects.bulk_create([Option(question=question, position=i, text_kk=kk, text_ru=ru)
                                    for i, (kk, ru) in enumerate(options)])
        audit.record("voting.changed", actor=user, obj=election, request=request,
                     data={"added_question": question.text_ru, "kind": kind, "options": len(options)})
    return question


def delete_question(user, question: Question, *, request=None) -> None:
    election = question.election
    _check_scope(user, election.organisation)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        _check_editable(election)
        audit.record("voting.changed", actor=user, obj=election, request=request,
                     data={"deleted_question": question.text_ru})
        question.delete()


def parse_delegates(election: Election, content: bytes) -> list[tuple[Person, int]]:
    """CSV rows ``IIN,weight``; each person must be an active member under the organising body."""
    if len(content) > MAX_DELEGATES_CSV:
        raise ValidationError(_("The file is too large."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file must be CSV in UTF-8.")) from exc
    rows, errors, seen = [], [], set()
    for line_no, row in enumerate(csv.reader(io.StringIO(text), delimiter=";" if ";" in text[:200] else ","), 1):
        if not row or not "".join(row).strip():
            continue
        if line_no == 1 and not row[0].strip().isdigit():
            continue  # a header line
        iin = row[0].strip()
        weight_text = row[1].strip() if len(row) > 1 else "1"
        try:
            validate_iin(iin)
        except ValidationError:
            errors.append(gettext("Line %(line)s: the IIN is not valid.") % {"line": line_no})
            continue
        if not weight_text.isdigit() or not 1 <= int(weight_text) <= 10_000:
            errors.append(gettext("Line %(line)s: the weight must be a whole number from 1 to 10000.")
                          % {"line": line_no})
            continue
        if iin in seen:
            errors.append(gettext("Line %(line)s: this IIN is listed twice.") % {"line": line_no})
            continue
        seen.add(iin)
        rows.append((line_no, iin, int(weight_text)))
    active = Membership.objects.filter(
        person__iin__in=[iin for _l, iin, _w in rows], status=MembershipStatus.ACTIVE,
        organisation__path__startswith=election.organisation.path,
    ).select_related("person")
    people = {m.person.iin: m.person for m in active}
    out = []
    for line_no, iin, weight in rows:
        if iin not in people:
            errors.append(gettext("Line %(line)s: no active member with this IIN under the organising body.")
                          % {"line": line_no})
        else:
            out.append((people[iin], weight))
    if errors:
        raise ValidationError(errors[:50])
    if not out:
        raise ValidationError(_("The file has no delegates."))
    return out


def import_delegates(user, election: Election, content: bytes, *, request=None) -> int:
    """Replace the delegate list; all rows are checked first, so a bad file changes nothing."""
    _check_scope(user, election.organisation)
    delegates = parse_delegates(election, content)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        _check_editable(election)
        Delegate.objects.filter(election=election).delete()
        Delegate.objects.bulk_create([Delegate(election=election, person=p, weight=w) for p, w in delegates])
        audit.record("voting.delegates_imported", actor=user, obj=election, request=request,
                     data={"delegates": len(delegates), "total_weight": sum(w for _p, w in delegates)})
    return len(delegates)


def readiness_problems(election: Election) -> list[str]:
    problems = []
    questions = list(election.questions.prefetch_related("options"))
    if not questions:
        problems.append(gettext("Add at least one question."))
    for q in questions:
        if len(q.options.all()) < 2:
            problems.append(gettext("Question “%(q)s” needs at least two options.") % {"q": q.text})
    if election.electorate == Electorate.DELEGATES and not election.delegates.exists():
        problems.append(gettext("Import the list of delegates."))
    if election.closes_at <= timezone.now():
        problems.append(gettext("The closing time has already passed."))
    return problems


def schedule_election(user, election: Election, *, request=None) -> Election:
    """Draft → scheduled: the vote opens by itself at its opening time (it can still be edited until then)."""
    _check_scope(user, election.organisation)
    problems = readiness_problems(election)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if election.status != Status.DRAFT:
            raise ValidationError(_("Only a draft can be scheduled."))
        election.status = Status.SCHEDULED
        election.save(update_fields=["status"])
        audit.record("voting.scheduled", actor=user, obj=election, request=request)
    return election

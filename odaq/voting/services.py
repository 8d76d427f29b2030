"""Every write of the voting app. Casting writes one roll row and one ballot in one transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import secrets
import uuid
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import connection, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from odaq.core import audit, db
from odaq.core.iin import validate_iin
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.models import Membership, Person
from odaq.orgs.scopes import Cap, can

from . import ballot_list, verify
from .models import Ballot, Delegate, Election, Electorate, Eligible, Kind, Option, Question, Status, VoterRoll

logger = logging.getLogger(__name__)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters and digits, none easily confused
SMALL_GROUP = 5  # no result is shown for fewer voters than this
MAX_DELEGATES_CSV = 2_000_000  # bytes
YES_NO = (gettext_noop("Yes"), gettext_noop("No"), gettext_noop("Abstain"))


class VoteRefused(Exception):
    """A cast that is refused; ``str(exc)`` is a translated message for the voter."""

    def __init__(self, message, code: str = "refused"):
        super().__init__(message)
        self.message, self.code = message, code

    def __str__(self) -> str:
        return str(self.message)


# --- organising ------------------------------------------------------------------------------------------

def _check_scope(user, organisation) -> None:
    if not can(user, Cap.ORGANISE_VOTES, organisation):
        raise PermissionDenied(gettext("You may not organise votes for this organisation."))


def _check_editable(election: Election) -> None:
    if not election.editable:
        raise ValidationError(_("The vote has opened: nothing about it can be changed any more."))


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


def open_election(election: Election, *, user=None, request=None, announce: bool = True) -> Election:
    """Scheduled → open. Freezes the electorate. Staff may open early ("open now")."""
    if user is not None:
        _check_scope(user, election.organisation)
    problems = readiness_problems(election)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if election.status != Status.SCHEDULED:
            raise ValidationError(_("Only a scheduled vote can be opened."))
        _freeze_electorate(election)
        agg = Eligible.objects.filter(election=election).values_list("weight", flat=True)
        election.electorate_count = agg.count()
        election.electorate_weight = sum(agg) if election.electorate == Electorate.DELEGATES else \
            election.electorate_count
        election.status, election.opened_at = Status.OPEN, now
        if election.opens_at > now:
            election.opens_at = now
        election.save()
        audit.record("voting.opened", actor=user, obj=election, request=request,
                     data={"electorate_count": election.electorate_count,
                           "electorate_weight": election.electorate_weight})
        if announce:
            from .announcements import announce_election

            pk = election.pk
            transaction.on_commit(lambda: announce_election.delay(pk))
    return election


def _freeze_electorate(election: Election) -> None:
    Eligible.objects.filter(election=election).delete()
    if election.electorate == Electorate.DELEGATES:
        rows = Delegate.objects.filter(election=election).values_list("person_id", "weight")
        members = dict(Membership.objects.filter(person_id__in=[p for p, _w in rows]).exclude(
            status=MembershipStatus.LEFT).values_list("person_id", "organisation_id"))
        Eligible.objects.bulk_create([Eligible(election=election, person_id=p, weight=w,
                                               organisation_id=members.get(p)) for p, w in rows])
        return
    # Active members of the subtree, in one INSERT … SELECT (hundreds of thousands of rows).
    eligible, membership = Eligible._meta.db_table, Membership._meta.db_table
    org = election.organisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {eligible} (election_id, person_id, organisation_id, weight) "
            f"SELECT %s, m.person_id, m.organisation_id, 1 FROM {membership} m "
            f"JOIN {org} o ON o.id = m.organisation_id WHERE m.status = %s AND o.path LIKE %s",
            [election.pk, MembershipStatus.ACTIVE, election.organisation.path + "%"],
        )


# --- casting ---------------------------------------------------------------------------------------------

_DEFINITIONS: dict[tuple, dict[str, tuple[set[int], int]]] = {}


def _question_limits(election_id: int, opened_at) -> dict[str, tuple[set[int], int]]:
    """{question id: (option ids, most choices)}; cached, since nothing changes once a vote is open."""
    key = (election_id, opened_at)
    cached = _DEFINITIONS.get(key)
    if cached is None:
        cached = {}
        for q in Question.objects.filter(election_id=election_id).prefetch_related("options"):
            cached[str(q.pk)] = ({o.pk for o in q.options.all()}, q.max_choices)
        if opened_at is not None:
            _DEFINITIONS[key] = cached
    return cached


def clean_choices(limits: dict[str, tuple[set[int], int]], raw) -> dict[str, list[int]]:
    """Check a ballot's choices against the vote's questions (``_question_limits``); raise VoteRefused with a clear
    message when anything is wrong."""
    if not isinstance(raw, dict):
        raise VoteRefused(_("The ballot is malformed."), "malformed")
    clean = {}
    for key, chosen in raw.items():
        key = str(key)
        if key not in limits:
            raise VoteRefused(_("The ballot answers a question that is not in this vote."), "unknown_question")
        if isinstance(chosen, (int, str)):
            chosen = [chosen]
        if not isinstance(chosen, list) or not all(isinstance(o, (int, str)) for o in chosen):
            raise VoteRefused(_("The ballot is malformed."), "malformed")
        try:
            ids = [int(o) for o in chosen]
        except ValueError as exc:
            raise VoteRefused(_("The ballot names an option that does not exist."), "unknown_option") from exc
        allowed, most = limits[key]
        if not set(ids) <= allowed:
            raise VoteRefused(_("The ballot names an option that does not exist."), "unknown_option")
        if len(set(ids)) != len(ids):
            raise VoteRefused(_("An option is chosen twice."), "repeated")
        if len(ids) > most:
            raise VoteRefused(_("Too many options are chosen for a question."), "too_many")
        if ids:
            clean[key] = sorted(ids)
    if set(clean) != set(limits):
        raise VoteRefused(_("Please answer every question."), "unanswered")
    return clean


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normal_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())[:16]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


class _Place(NamedTuple):
    """A vote's state and the voter's place in its frozen electorate (person and weight are None if absent)."""

    status: str
    closes_at: object
    opened_at: object
    person_id: int | None
    weight: int | None
    electorate: str


def _open_election_and_eligibility(election_id: int, person_id: int | None, user_id: int | None) -> _Place:
    """One prepared statement: the vote's state and the voter's place in the frozen electorate. The write
    re-checks the state under a lock (``_cast_in_one_statement``)."""
    voter = "%s" if person_id is not None else f"(SELECT p.id FROM {Person._meta.db_table} p WHERE p.user_id = %s)"
    _count, rows = db.execute(
        f"SELECT e.status, e.closes_at, e.opened_at, g.person_id, g.weight, e.electorate "
        f"FROM {Election._meta.db_table} e "
        f"LEFT JOIN {Eligible._meta.db_table} g ON g.election_id = e.id AND g.person_id = {voter} WHERE e.id = %s",
        [person_id if person_id is not None else user_id, election_id])
    if not rows:
        raise VoteRefused(_("There is no such vote."), "not_found")
    place = _Place(*rows[0])
    if timezone.is_naive(place.closes_at):  # SQLite's cursor gives naive UTC
        place = place._replace(closes_at=timezone.make_aware(place.closes_at, dt.UTC))
    if place.status != Status.OPEN or timezone.now() >= place.closes_at:
        raise VoteRefused(_("This vote is not open: ballots are not accepted."), "closed")
    return place


def cast_ballot(user, election_id: int, raw_choices, *, email_receipt: bool = False) -> str:
    """Record one member's vote. Returns the tracking code; it is not stored anywhere near her name."""
    if not user.is_authenticated:
        raise VoteRefused(_("Only union members can vote."), "not_member")
    code = cast_for_person(None, election_id, raw_choices, user=user)
    if email_receipt and user.email:
        election = Election.objects.get(pk=election_id)
        transaction.on_commit(lambda: _email_receipt(user, election, code))
    return code


def cast_for_person(person: Person | None, election_id: int, raw_choices, *, user=None) -> str:
    """The roll row and the ballot, together or not at all; a second attempt finds her already on the roll.

    Few round trips on purpose (this is the hot path of a union-wide vote). On PostgreSQL: one read of the vote
    and her place in the electorate (frozen at opening, so it cannot change under us), then one statement that
    share-locks the vote's row while it is still open, writes the roll row (``ON CONFLICT DO NOTHING``) and the
    ballot only if the roll row was written — atomic as a single statement, so no BEGIN/COMMIT round trips.
    Closing takes the row ``FOR UPDATE``: a cast in flight either lands before the count or finds the vote closed.
    Once a process has taken a ballot for a members' vote, the next ones are that statement alone, with the
    read folded in (``_cast_for_known_vote``).
    Elsewhere (SQLite, which serialises writers) the same steps run in one transaction."""
    if connection.vendor == "postgresql":
        return _cast_in_one_statement(person, election_id, raw_choices, user=user)
    with transaction.atomic():
        person_id, weight, choices, code, digest = _prepare_cast(person, election_id, raw_choices, user=user)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {VoterRoll._meta.db_table} (id, election_id, person_id) VALUES (%s, %s, %s) "
                           "ON CONFLICT (election_id, person_id) DO NOTHING",
                           [uuid.uuid4().hex, election_id, person_id])
            if cursor.rowcount != 1:
                raise VoteRefused(_("You have already voted in this vote: each member votes once."), "already_voted")
        Ballot.objects.create(election_id=election_id, tracking_code=code, choices=choices, weight=weight,
                              digest=digest)
    return code


def _prepare_cast(person, election_id, raw_choices, *, user):
    """Everything a cast needs before writing: her place in the electorate, the checked choices, a fresh code."""
    place = _open_election_and_eligibility(election_id, person.pk if person else None,
                                           user.pk if user is not None else None)
    if place.person_id is None:
        if person is None and not Person.objects.filter(user=user).exists():
            raise VoteRefused(_("Only union members can vote."), "not_member")
        raise VoteRefused(_("You are not in the electorate of this vote."), "not_eligible")
    limits = _question_limits(election_id, place.opened_at)
    if place.electorate == Electorate.MEMBERS:
        _KNOWN[election_id] = (place.opened_at, limits)
    choices = clean_choices(limits, raw_choices)
    code = new_tracking_code()
    return place.person_id, place.weight, choices, code, verify.ballot_digest(code, choices, place.weight)


# Open votes of a members' electorate (everyone's weight is 1) that this process has taken a ballot for:
# {election id: (opened at, question limits)}. A stale entry only costs one statement that writes nothing.
_KNOWN: dict[int, tuple] = {}


def _cast_for_known_vote(user_id: int, election_id: int, raw_choices) -> str | None:
    """The steady state of a busy vote, in one statement: the same checks and writes as the two-step path (the
    vote open and unchanged since opening, her place in its electorate, the roll row, then the ballot). None
    when anything is off — bad choices, not eligible, closed, already voted — and the two-step path then says
    exactly what."""
    opened_at, limits = _KNOWN[election_id]
    try:
        choices = clean_choices(limits, raw_choices)
    except VoteRefused:
        return None
    code = new_tracking_code()
    voter = (f"SELECT g.election_id, g.person_id FROM (SELECT id FROM {Election._meta.db_table} WHERE id = %s "
             "AND status = %s AND closes_at > %s AND opened_at = %s FOR SHARE) e "
             f"JOIN {Eligible._meta.db_table} g ON g.election_id = e.id WHERE g.weight = 1 "
             f"AND g.person_id = (SELECT p.id FROM {Person._meta.db_table} p WHERE p.user_id = %s)")
    params = [election_id, str(Status.OPEN), timezone.now(), opened_at, user_id]
    digest = verify.ballot_digest(code, choices, 1)
    return code if _write_roll_and_ballot(voter, params, election_id, code, choices, 1, digest) else None


def _write_roll_and_ballot(voter: str, params: list, election_id: int, code, choices, weight, digest) -> bool:
    """One statement: the roll row for the voter that the query ``voter`` gives as (election_id, person_id)
    (``ON CONFLICT DO NOTHING``), then the ballot only if that row was written. False when nothing was written."""
    written, _rows = db.execute(
        f"WITH v AS ({voter}), "
        f"r AS (INSERT INTO {VoterRoll._meta.db_table} (id, election_id, person_id) "
        "SELECT %s, v.election_id, v.person_id FROM v ON CONFLICT (election_id, person_id) DO NOTHING RETURNING 1) "
        f"INSERT INTO {Ballot._meta.db_table} (id, election_id, tracking_code, choices, weight, digest, prev_hash, "
        "hash) SELECT %s, %s, %s, %s::jsonb, %s, %s, '', '' WHERE EXISTS (SELECT 1 FROM r)",
        [*params, uuid.uuid4(), uuid.uuid4(), election_id, code, json.dumps(choices), weight, digest])
    return written == 1


def _cast_in_one_statement(person, election_id, raw_choices, *, user) -> str:
    if person is None and election_id in _KNOWN:
        code = _cast_for_known_vote(user.pk, election_id, raw_choices)
        if code is not None:
            return code
    try:
        person_id, weight, choices, code, digest = _prepare_cast(person, election_id, raw_choices, user=user)
    except VoteRefused as refused:
        if refused.code in ("closed", "not_found"):
            _KNOWN.pop(election_id, None)  # a vote that has closed is not tried in one statement again
        raise
    voter = (f"SELECT id AS election_id, %s::bigint AS person_id FROM {Election._meta.db_table} "
             "WHERE id = %s AND status = %s AND closes_at > %s FOR SHARE")
    if _write_roll_and_ballot(voter, [person_id, election_id, str(Status.OPEN), timezone.now()],
                              election_id, code, choices, weight, digest):
        return code
    # Nothing was written: the vote closed in the meantime, or she is already on the roll.
    if not Election.objects.filter(pk=election_id, status=Status.OPEN, closes_at__gt=timezone.now()).exists():
        raise VoteRefused(_("This vote is not open: ballots are not accepted."), "closed")
    raise VoteRefused(_("You have already voted in this vote: each member votes once."), "already_voted")


def _email_receipt(user, election: Election, code: str) -> None:
    """Sent straight away, never stored: an in-cabinet copy would tie the code to the member."""
    from odaq.notify.services import language_of

    with translation.override(language_of(user)):
        subject = gettext("Your tracking code for “%(title)s”") % {"title": election.title}
        body = render_to_string("voting/email/receipt.txt", {"election": election, "code": code})
    send_mail(subject, body, None, [user.email], fail_silently=True)


# --- closing, counting, publishing -------------------------------------------------------------------------

def close_election(election: Election, *, user=None, request=None) -> Election:
    """Open → closed (only once the closing time has come), then count."""
    if user is not None:
        _check_scope(user, election.organisation)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)  # waits for casts in flight
        if election.status != Status.OPEN:
            raise ValidationError(_("Only an open vote can be closed."))
        if timezone.now() < election.closes_at:
            raise ValidationError(_("The vote closes at its closing time; it cannot be closed earlier."))
        election.status, election.closed_at = Status.CLOSED, timezone.now()
        election.save(update_fields=["status", "closed_at"])
        audit.record("voting.closed", actor=user, obj=election, request=request,
                     data={"voters": VoterRoll.objects.filter(election=election).count()})
    return count_election(election)


def election_definition(election: Election) -> dict:
    """What the ballot list starts from; its hash is the first link of the chain."""
    return {
        "id": election.pk,
        "organisation_kk": election.organisation.name_kk,
        "organisation_ru": election.organisation.name_ru,
        "title_kk": election.title_kk,
        "title_ru": election.title_ru,
        "electorate": election.electorate,
        "quorum": election.quorum,
        "electorate_count": election.electorate_count,
        "electorate_weight": election.electorate_weight,
        "opens_at": election.opens_at.isoformat(),
        "closes_at": election.closes_at.isoformat(),
        "questions": [
            {"id": q.pk, "kind": q.kind, "k": q.k, "rule": q.rule, "text_kk": q.text_kk, "text_ru": q.text_ru,
             "options": [{"id": o.pk, "text_kk": o.text_kk, "text_ru": o.text_ru} for o in q.options.all()]}
            for q in election.questions.prefetch_related("options")
        ],
    }


def count_election(election: Election) -> Election:
    """Chain the ballots in tracking-code order, count them and store result and chain head.

    The ballots are rewritten in tracking-code order, so even the table's physical order no longer
    reflects the order in which they were cast. A ballot changed in the database after it was cast stops
    the count (audited as ``voting.integrity_failed``)."""
    try:
        return _count(election)
    except BallotTampered as exc:
        audit.record("voting.integrity_failed", obj=election, data={"tracking_code": exc.args[0]})
        raise RuntimeError(f"ballot {exc.args[0]} was changed after it was cast") from exc


class BallotTampered(Exception):
    pass


def _count(election: Election) -> Election:
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if election.status != Status.CLOSED or election.result is not None:
            return election
        definition = election_definition(election)
        prev = verify.genesis(definition)
        counts = {str(q["id"]): {str(o["id"]): 0 for o in q["options"]} for q in definition["questions"]}
        cast = dict.fromkeys(counts, 0)
        rows, turnout = [], 0
        for pk, code, text, weight, digest in _ballots_in_code_order(election):
            choices = json.loads(text)
            if verify.ballot_digest(code, choices, weight) != digest:
                raise BallotTampered(code)
            turnout += weight
            for key, chosen in choices.items():
                cast[key] += weight
                for option in chosen:
                    counts[key][str(option)] += weight
            prev, chained = verify.link(prev, digest), prev
            rows.append((pk, code, text, weight, digest, chained, prev))
        _rewrite_ballots(election, rows)
        result = _result(definition, rows, counts, cast, turnout)
        election.result, election.chain_head = result, prev
        election.save(update_fields=["result", "chain_head"])
        audit.record("voting.counted", obj=election,
                     data={"chain_head": prev, "ballots": len(rows), "result_sha256": verify.sha256(
                         verify.canonical(result))})
    return election


def _result(definition: dict, rows: list, counts: dict, cast: dict, turnout: int) -> dict:
    electorate_weight = definition["electorate_weight"]
    quorum_ok = verify.quorum_reached(definition["quorum"], turnout, electorate_weight)
    result = {"ballots": len(rows), "turnout_weight": turnout, "electorate_weight": electorate_weight,
              "electorate_count": definition["electorate_count"], "quorum": definition["quorum"],
              "quorum_reached": quorum_ok, "suppressed": len(rows) < SMALL_GROUP, "questions": []}
    if result["suppressed"]:
        return result  # too few voters: nothing about the choices is published
    for q in definition["questions"]:
        key = str(q["id"])
        result["questions"].append({"id": key, "cast": cast[key], "counts": counts[key],
                                    **verify.decide(q, counts[key], cast[key], electorate_weight, quorum_ok)})
    return result


def _ballots_in_code_order(election: Election):
    """(id, tracking code, choices as JSON text, weight, digest) of every ballot. A plain cursor: through the ORM,
    building 600,000 rows took longer than checking and counting them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, tracking_code, choices, weight, digest FROM {Ballot._meta.db_table} "
                       "WHERE election_id = %s ORDER BY tracking_code", [election.pk])
        while chunk := cursor.fetchmany(10_000):
            yield from chunk


def _rewrite_ballots(election: Election, rows: list) -> None:
    """Rows as ``_count`` builds them: (id, code, choices as JSON text, weight, digest, prev_hash, hash)."""
    Ballot.objects.filter(election=election).delete()
    if connection.vendor == "postgresql":
        columns = "id, election_id, tracking_code, choices, weight, digest, prev_hash, hash"
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {Ballot._meta.db_table} ({columns}) FROM STDIN") as copy:
                for pk, code, text, weight, digest, prev_hash, hash_ in rows:
                    copy.write_row((pk, election.pk, code, text, weight, digest, prev_hash, hash_))
        return
    Ballot.objects.bulk_create(
        [Ballot(id=pk, election=election, tracking_code=code, choices=json.loads(text), weight=weight,
                digest=digest, prev_hash=prev_hash, hash=hash_)
         for pk, code, text, weight, digest, prev_hash, hash_ in rows],
        batch_size=2000,
    )


def publish_election(user, election: Election, *, request=None) -> Election:
    """Closed and counted → published: the result becomes public and the ballot list is written (once)."""
    _check_scope(user, election.organisation)
    written: list[str] = []
    try:
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=election.pk)
            if election.status != Status.CLOSED or election.result is None:
                raise ValidationError(_("Only a closed and counted vote can be published."))
            election.status, election.published_at = Status.PUBLISHED, timezone.now()
            if not election.result.get("suppressed", True):
                written.append(_store_ballot_list(election))
            election.save(update_fields=["status", "published_at", "ballot_list", "ballot_list_sha256"])
            audit.record("voting.published", actor=user, obj=election, request=request,
                         data={"chain_head": election.chain_head, "ballot_list_sha256": election.ballot_list_sha256})
    except BaseException:
        _forget_files(written)
        raise
    return election


def ensure_ballot_list(election: Election) -> Election:
    """The published vote with its ballot list, written now if it is missing (a vote published before lists were
    stored, or a file lost from storage). Http404 when the result is suppressed (too few voters)."""
    if election.status != Status.PUBLISHED or (election.result or {}).get("suppressed", True):
        raise Http404
    if ballot_list.stored(election):
        return election
    written: list[str] = []
    try:
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=election.pk)
            if not ballot_list.stored(election):
                written.append(_store_ballot_list(election))
                election.save(update_fields=["ballot_list", "ballot_list_sha256"])
                audit.record("voting.ballot_list_written", obj=election,
                             data={"ballot_list_sha256": election.ballot_list_sha256})
    except BaseException:
        _forget_files(written)
        raise
    return election


def _store_ballot_list(election: Election) -> str:
    name, sha = ballot_list.write(election, election_definition(election))
    election.ballot_list.name, election.ballot_list_sha256 = name, sha
    return name


def _forget_files(names: list[str]) -> None:
    """A list written by a transaction that did not commit."""
    for name in names:
        default_storage.delete(name)


def tick(now=None) -> dict[str, int]:
    """Open scheduled votes whose time has come, close and count those whose time is over."""
    now = now or timezone.now()
    done = {"opened": 0, "closed": 0, "counted": 0}
    for election in Election.objects.filter(status=Status.SCHEDULED, opens_at__lte=now, closes_at__gt=now):
        try:
            open_election(election)
            done["opened"] += 1
        except ValidationError:
            continue
    for election in Election.objects.filter(status=Status.OPEN, closes_at__lte=now):
        try:
            close_election(election)
        except RuntimeError:  # a ballot failed its integrity check: audited, needs a person to look at it
            logger.exception("vote %s could not be counted", election.pk)
        done["closed"] += 1
    for election in Election.objects.filter(status=Status.CLOSED, result__isnull=True):
        try:
            count_election(election)
            done["counted"] += 1
        except RuntimeError:
            logger.exception("vote %s could not be counted", election.pk)
    return done

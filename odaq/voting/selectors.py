"""Reads of the voting app. Staff reads pass through ``scope_q``; results exist only once published."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from odaq.core.i18n import localized
from odaq.orgs.models import Person
from odaq.orgs.scopes import Cap, scope_q

from .models import Ballot, Election, Eligible, Status, VoterRoll
from .services import SMALL_GROUP, normal_code


def elections_for_staff(user) -> QuerySet[Election]:
    return Election.objects.filter(scope_q(user, Cap.ORGANISE_VOTES, "organisation__path")).select_related(
        "organisation")


def election_for_staff(user, pk: int) -> Election:
    return get_object_or_404(elections_for_staff(user), pk=pk)


def embedded_database() -> bool:
    """True on the embedded default (SQLite): whoever reads its file can tie the latest ballots to voters by
    storage order (see docs/voting.md, "Secrecy"), so organisers are told to hold real votes on PostgreSQL."""
    return connection.vendor == "sqlite"


def my_person(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def open_for_member(person: Person | None) -> QuerySet[Election]:
    """Open votes in whose electorate the member is, with ``voted`` telling whether she has voted."""
    if person is None:
        return Election.objects.none()
    return Election.objects.filter(
        status=Status.OPEN, closes_at__gt=timezone.now(),
        pk__in=Eligible.objects.filter(person=person).values("election_id"),
    ).annotate(voted=Exists(VoterRoll.objects.filter(election=OuterRef("pk"), person=person))).order_by(
        "closes_at")


def is_eligible(election: Election, person: Person | None) -> bool:
    return person is not None and Eligible.objects.filter(election=election, person=person).exists()


def has_voted(election: Election, person: Person | None) -> bool:
    return person is not None and VoterRoll.objects.filter(election=election, person=person).exists()


def published() -> QuerySet[Election]:
    return Election.objects.filter(status=Status.PUBLISHED).select_related("organisation").order_by(
        "-closes_at")


def published_election(pk: int) -> Election:
    return get_object_or_404(published(), pk=pk)


def ballot_page_election(pk: int) -> Election:
    """Any vote that is or was open (members see the ballot page, or a note that it is closed)."""
    return get_object_or_404(Election.objects.exclude(status__in=[Status.DRAFT, Status.SCHEDULED]), pk=pk)


def turnout(election: Election) -> dict:
    voters = VoterRoll.objects.filter(election=election).count()
    total = election.electorate_count
    return {"voters": voters, "electorate": total, "percent": round(100 * voters / total, 1) if total else 0}


def turnout_by_organisation(election: Election) -> list[dict]:
    """Turnout per organisation; counts under SMALL_GROUP voters are hidden (None)."""
    voted = Exists(VoterRoll.objects.filter(election=OuterRef("election"), person=OuterRef("person")))
    rows = (Eligible.objects.filter(election=election).annotate(voted=voted)
            .values("organisation_id", "organisation__name_kk", "organisation__name_ru")
            .annotate(eligible=Count("pk"), voters=Count("pk", filter=Q(voted=True)))
            .order_by("organisation__name_ru"))
    out = []
    for row in rows[:500]:
        small = row["voters"] < SMALL_GROUP or row["eligible"] < SMALL_GROUP
        out.append({"name": localized(row, "organisation__name") or "—",
                    "eligible": row["eligible"], "voters": None if small else row["voters"]})
    return out


def find_tracking_code(election: Election, code: str) -> dict | None:
    """The published ballot with this tracking code (choices as option texts), or None."""
    if election.status != Status.PUBLISHED:
        return None
    ballot = Ballot.objects.filter(election=election, tracking_code=normal_code(code)).first()
    if ballot is None:
        return None
    options = {str(o.pk): o.text for q in election.questions.prefetch_related("options") for o in q.options.all()}
    chosen = [options.get(str(o), "?") for opts in ballot.choices.values() for o in opts]
    return {"code": ballot.tracking_code, "chosen": chosen, "hash": ballot.hash}


def result_view(election: Election) -> dict:
    """The published result shaped for the page: per question, options with votes and what was decided."""
    result = election.result or {}
    by_id = {q["id"]: q for q in result.get("questions", [])}
    questions = []
    for q in election.questions.prefetch_related("options"):
        data = by_id.get(str(q.pk))
        if data is None:
            questions.append({"question": q, "options": [], "outcome": None})
            continue
        cast = data["cast"] or 0
        options = [{"option": o, "votes": data["counts"].get(str(o.pk), 0),
                    "percent": round(100 * data["counts"].get(str(o.pk), 0) / cast, 1) if cast else 0,
                    "decided": str(o.pk) in data["decided"]} for o in q.options.all()]
        questions.append({"question": q, "options": options, "outcome": data["outcome"], "cast": cast,
                          "decided": [o["option"] for o in options if o["decided"]]})
    return {"result": result, "questions": questions}

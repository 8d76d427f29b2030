"""Building votes for tests without going through the staff pages."""

import datetime as dt

from django.utils import timezone

from odaq.voting import services
from odaq.voting.models import Election, Kind, Option, Question, Status


def make_election(organisation, *, questions=None, quorum="none", electorate="members", **extra) -> Election:
    """A draft vote. ``questions``: list of (kind, k, rule, option count)."""
    now = timezone.now()
    election = Election.objects.create(
        organisation=organisation, title_kk="Дауыс беру", title_ru="Голосование", quorum=quorum,
        electorate=electorate, opens_at=extra.pop("opens_at", now - dt.timedelta(minutes=5)),
        closes_at=extra.pop("closes_at", now + dt.timedelta(hours=1)), **extra)
    for position, (kind, k, rule, n) in enumerate(questions or [(Kind.YES_NO, 1, "simple", 3)]):
        question = Question.objects.create(election=election, position=position, kind=kind, k=k, rule=rule,
                                           text_kk=f"Сұрақ {position}", text_ru=f"Вопрос {position}")
        names = ["Yes", "No", "Abstain"] if kind == Kind.YES_NO else [f"Option {i}" for i in range(n)]
        for i, name in enumerate(names):
            Option.objects.create(question=question, position=i, text_kk=f"{name} kk", text_ru=f"{name} ru")
    return election


def open_election(election: Election) -> Election:
    Election.objects.filter(pk=election.pk).update(status=Status.SCHEDULED)
    election.refresh_from_db()
    return services.open_election(election, announce=False)


def close_election(election: Election) -> Election:
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    election.refresh_from_db()
    return services.close_election(election)


def options_of(election: Election) -> list[list[int]]:
    return [[o.pk for o in q.options.all()] for q in election.questions.prefetch_related("options")]


def choices(election: Election, *picks) -> dict:
    """``picks``: per question, indexes of the chosen options (an int or a list)."""
    out = {}
    for q, pick, ids in zip(election.questions.all(), picks, options_of(election), strict=True):
        out[str(q.pk)] = [ids[i] for i in (pick if isinstance(pick, list) else [pick])]
    return out

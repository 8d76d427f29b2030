"""Results of a survey: response rates per organisation, counts per question, free texts.

In anonymous surveys nothing is shown for a group smaller than ``MIN_GROUP``: an organisation's response rate
when it has fewer eligible members, the organisation of a free text when fewer responses came from it, and
the answers altogether while the survey has fewer responses.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count

from odaq.orgs.models import Organisation

from . import selectors
from .choices import MIN_GROUP, SCALE_MAX, SCALE_MIN, Kind
from .models import Answer, Participation, Question, Survey

MAX_RATE_ROWS = 500
MAX_TEXTS = 1000
CHART_WIDTH, ROW_HEIGHT = 280, 44


@dataclass
class Bar:
    label: str
    count: int
    percent: float = 0.0
    width: float = 0.0  # share of the longest bar, 0-100
    y: int = 0  # position in the chart

    @property
    def px(self) -> float:
        return round(self.width * CHART_WIDTH / 100, 1)


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[dict] = field(default_factory=list)
    texts_more: int = 0

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars)


@dataclass
class RateRow:
    organisation: Organisation
    eligible: int
    participants: int | None  # None: hidden (small group of an anonymous survey)

    @property
    def percent(self) -> float | None:
        if self.participants is None or not self.eligible:
            return None
        return round(100 * self.participants / self.eligible, 1)


@dataclass
class Results:
    survey: Survey
    responses: int
    eligible: int
    participants: int
    suppressed: bool
    rates: list[RateRow]
    rates_more: int
    questions: list[QuestionResult]

    @property
    def percent(self) -> float | None:
        return round(100 * self.participants / self.eligible, 1) if self.eligible else None


def _bars(labels: list[str], counts: dict[int, int], base: int) -> list[Bar]:
    bars = [Bar(label, counts.get(i, 0)) for i, label in enumerate(labels)]
    top = max((b.count for b in bars), default=0)
    for b in bars:
        b.percent = round(100 * b.count / base, 1) if base else 0.0
        b.width = round(100 * b.count / top, 1) if top else 0.0
    return bars


def small_groups(survey: Survey) -> set[int]:
    """Organisations from which fewer than MIN_GROUP responses came (their texts are shown without a name)."""
    counts = survey.responses.order_by().values("organisation").annotate(n=Count("pk"))
    return {row["organisation"] for row in counts if row["n"] < MIN_GROUP}


def response_rates(survey: Survey, limit: int | None = MAX_RATE_ROWS) -> tuple[list[RateRow], int, int, int]:
    """Rows of the organisations with members asked (the first ``limit`` in tree order), how many more there
    are, and the totals of members asked and taking part."""
    eligible = dict(selectors.eligible_memberships(survey).order_by().values_list("organisation")
                    .annotate(n=Count("pk")))
    taken = dict(Participation.objects.filter(survey=survey).order_by().values_list("organisation")
                 .annotate(n=Count("pk")))
    org_ids = sorted(set(eligible) | set(taken))
    orgs = Organisation.objects.filter(pk__in=org_ids).order_by("path")
    rows = []
    for org in (orgs[:limit] if limit is not None else orgs.iterator(chunk_size=2000)):
        n_eligible, n_taken = eligible.get(org.pk, 0), taken.get(org.pk, 0)
        hidden = survey.anonymous and n_eligible < MIN_GROUP
        rows.append(RateRow(org, n_eligible, None if hidden else n_taken))
    return rows, max(0, len(org_ids) - len(rows)), sum(eligible.values()), sum(taken.values())


def question_result(survey: Survey, question: Question, small: set[int]) -> QuestionResult:
    result = QuestionResult(question)
    answers = Answer.objects.filter(question=question).order_by()
    if question.kind in (Kind.MULTIPLE, Kind.MATRIX, Kind.TEXT):  # several rows (or none) per response
        result.answered = answers.values("response").distinct().count()
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        counts = dict(answers.values_list("option").annotate(n=Count("pk")))
        if question.kind == Kind.SINGLE:
            result.answered = sum(counts.values())
        result.bars = _bars(question.labels(), counts, result.answered)
    elif question.kind == Kind.SCALE:
        counts = dict(answers.values_list("number").annotate(n=Count("pk")))
        result.answered = sum(counts.values())
        labels = [str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)]
        result.bars = _bars(labels, {n - SCALE_MIN: counts.get(n, 0) for n in range(SCALE_MIN, SCALE_MAX + 1)},
                            result.answered)
        result.mean = answers.aggregate(m=Avg("number"))["m"]
    elif question.kind == Kind.MATRIX:
        means = {row["option"]: (row["m"], row["n"]) for row in
                 answers.values("option").annotate(m=Avg("number"), n=Count("pk"))}
        result.bars = []
        for i, label in enumerate(question.labels()):
            mean, n = means.get(i, (None, 0))
            result.bars.append(Bar(label, n, round(mean, 2) if mean is not None else 0.0,
                                   round(100 * (mean or 0) / SCALE_MAX, 1)))
    elif question.kind == Kind.TEXT:
        # Random keys: ordering by id is a random order, never the order of answering.
        texts = answers.exclude(text="")
        rows = list(texts.order_by("id").values_list("text", "response__organisation")[:MAX_TEXTS])
        total = texts.count()
        orgs = Organisation.objects.in_bulk({org for _text, org in rows if org})
        for text, org in rows:
            hide = survey.anonymous and (org in small or org is None)
            result.texts.append({"text": text, "organisation": None if hide else orgs.get(org)})
        result.texts_more = max(0, total - MAX_TEXTS)
    for i, bar in enumerate(result.bars):
        bar.y = i * ROW_HEIGHT
    return result


def survey_results(survey: Survey) -> Results:
    rates, more, eligible, participants = response_rates(survey)
    responses = survey.responses.count()
    suppressed = survey.anonymous and responses < MIN_GROUP
    small = small_groups(survey) if survey.anonymous else set()
    questions = [] if suppressed else [question_result(survey, q, small) for q in survey.questions.all()]
    return Results(survey, responses, eligible, participants, suppressed, rates, more, questions)

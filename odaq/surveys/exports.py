"""CSV and XLSX exports of a survey's responses: one row per response, in random order (by random key).

Anonymous surveys: no name, and the organisation is left empty when fewer than MIN_GROUP responses came from
it. Named surveys: also the member's name."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from odaq.orgs.models import Organisation, Person

from .choices import Kind
from .models import Answer, Survey
from .results import response_rates, small_groups

CHUNK = 5000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Keep spreadsheet programs from running a text as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table(survey: Survey):
    """Header and rows (lists of plain values)."""
    questions = list(survey.questions.all())
    columns: list[tuple[int, int | None]] = []
    header = [_("Organisation")] + ([] if survey.anonymous else [_("Member")])
    for n, q in enumerate(questions, start=1):
        if q.kind == Kind.MATRIX:
            for i, label in enumerate(q.labels()):
                columns.append((q.pk, i))
                header.append(f"{n}. {q.text} — {label}")
        else:
            columns.append((q.pk, None))
            header.append(f"{n}. {q.text}")
    labels = {q.pk: q.labels() for q in questions}
    kinds = {q.pk: q.kind for q in questions}
    small = small_groups(survey) if survey.anonymous else set()
    yield header
    names = {org.pk: org.name for org in Organisation.objects.filter(pk__in=survey.responses.values("organisation"))}
    people = {}
    if not survey.anonymous:
        people = {p.pk: p.full_name for p in Person.objects.filter(
            pk__in=survey.responses.values("person")).only("last_name", "first_name", "middle_name")}
    last = None
    while True:  # keyset pages in the order of the random keys
        page = survey.responses.order_by("id")
        if last is not None:
            page = page.filter(id__gt=last)
        chunk = list(page.values_list("id", "organisation_id", "person_id")[:CHUNK])
        if not chunk:
            break
        last = chunk[-1][0]
        values: dict = {}
        for response_id, question_id, option, number, text in Answer.objects.filter(
                response__in=[r[0] for r in chunk]).order_by("option").values_list(
                "response_id", "question_id", "option", "number", "text"):
            kind = kinds[question_id]
            if kind == Kind.MATRIX:
                values[(response_id, question_id, option)] = number
            elif kind in (Kind.SINGLE, Kind.MULTIPLE):
                key = (response_id, question_id, None)
                label = labels[question_id][option] if option < len(labels[question_id]) else ""
                values[key] = f"{values[key]}; {label}" if key in values else label
            elif kind == Kind.SCALE:
                values[(response_id, question_id, None)] = number
            else:
                values[(response_id, question_id, None)] = text
        for response_id, org_id, person_id in chunk:
            hide_org = survey.anonymous and (org_id in small or org_id is None)
            row = ["" if hide_org else names.get(org_id, "")]
            if not survey.anonymous:
                row.append(people.get(person_id, ""))
            row += [values.get((response_id, qid, i), "") for qid, i in columns]
            yield row


class _Echo:
    def write(self, value):
        return value


def csv_lines(survey: Survey):
    """The CSV line by line (UTF-8 with a BOM so that Excel reads it), for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    for row in table(survey):
        yield writer.writerow([_safe(v) for v in row]).encode("utf-8")


def as_csv(survey: Survey) -> bytes:
    return b"".join(csv_lines(survey))


def as_xlsx(survey: Survey) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Responses")[:31])
    for row in table(survey):
        sheet.append([_safe(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rates_csv(survey: Survey) -> bytes:
    """Members asked and taking part per organisation (hidden as in the results page)."""
    rows, _more, eligible, participants = response_rates(survey, limit=None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Organisation"), _("Members asked"), _("Took part"), "%"])
    for row in rows:
        hidden = row.participants is None
        writer.writerow([_safe(row.organisation.name), row.eligible, "" if hidden else row.participants,
                         "" if hidden else row.percent])
    writer.writerow([_("Total"), eligible, participants, round(100 * participants / eligible, 1) if eligible else ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

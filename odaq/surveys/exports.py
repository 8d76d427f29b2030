"""CSV and XLSX exports of a survey's responses: one row per response, in random order (by random key).

Anonymous surveys: no name, and the organisation is left empty when fewer than MIN_GROUP responses came from
it. Named surveys: also the member's name."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .choices import Kind
from .models import Answer, Survey
from .results import small_groups

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
    responses = survey.responses.select_related("organisation", "person").order_by("id")
    for start in range(0, responses.count(), 2000):
        chunk = list(responses[start:start + 2000])
        values: dict = {}
        for a in Answer.objects.filter(response__in=chunk).order_by("option"):
            kind = kinds[a.question_id]
            if kind == Kind.MATRIX:
                values[(a.response_id, a.question_id, a.option)] = a.number
            elif kind in (Kind.SINGLE, Kind.MULTIPLE):
                key = (a.response_id, a.question_id, None)
                label = labels[a.question_id][a.option] if a.option < len(labels[a.question_id]) else ""
                values[key] = f"{values[key]}; {label}" if key in values else label
            elif kind == Kind.SCALE:
                values[(a.response_id, a.question_id, None)] = a.number
            else:
                values[(a.response_id, a.question_id, None)] = a.text
        for r in chunk:
            hide_org = survey.anonymous and (r.organisation_id in small or r.organisation_id is None)
            row = ["" if hide_org else r.organisation.name]
            if not survey.anonymous:
                row.append(r.person.full_name if r.person else "")
            row += [values.get((r.pk, qid, i), "") for qid, i in columns]
            yield row


def as_csv(survey: Survey) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table(survey):
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def as_xlsx(survey: Survey) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Responses")[:31])
    for row in table(survey):
        sheet.append([_safe(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

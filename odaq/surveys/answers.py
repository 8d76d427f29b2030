"""Checking a member's answers against the questions. Input comes from the page form or the API JSON;
both are turned into one shape: {question id: raw value}. Nothing is written here."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import SCALE_MAX, SCALE_MIN, TEXT_MAX, Kind
from .models import Question


@dataclass
class Clean:
    """Checked answers of one response, ready to store: (question, option, number, text) tuples."""

    rows: list[tuple[Question, int | None, int | None, str]] = field(default_factory=list)


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) < 6:
        return int(value.strip())
    return None


def _blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _check_one(question: Question, value, out: Clean) -> None:
    kind = question.kind
    if kind == Kind.SINGLE:
        index = _int(value)
        if index is None or not 0 <= index < len(question.options):
            raise ValidationError(_("Choose one of the offered answers."))
        out.rows.append((question, index, None, ""))
    elif kind == Kind.MULTIPLE:
        values = value if isinstance(value, list) else [value]
        indexes = [_int(v) for v in values]
        if any(i is None or not 0 <= i < len(question.options) for i in indexes):
            raise ValidationError(_("Choose only among the offered answers."))
        if len(set(indexes)) != len(indexes):
            raise ValidationError(_("Each answer may be chosen once."))
        out.rows.extend((question, i, None, "") for i in sorted(indexes))
    elif kind == Kind.SCALE:
        number = _int(value)
        if number is None or not SCALE_MIN <= number <= SCALE_MAX:
            raise ValidationError(_("Choose a value from 1 to 5."))
        out.rows.append((question, None, number, ""))
    elif kind == Kind.MATRIX:
        if not isinstance(value, dict):
            raise ValidationError(_("Rate the rows from 1 to 5."))
        rows = {}
        for key, raw in value.items():
            row, number = _int(key), _int(raw)
            if row is None or not 0 <= row < len(question.options):
                raise ValidationError(_("This table has no such row."))
            if _blank(raw):
                continue
            if number is None or not SCALE_MIN <= number <= SCALE_MAX:
                raise ValidationError(_("Choose a value from 1 to 5."))
            rows[row] = number
        if question.required and len(rows) < len(question.options):
            raise ValidationError(_("Rate every row."))
        out.rows.extend((question, row, number, "") for row, number in sorted(rows.items()))
    elif kind == Kind.TEXT:
        if not isinstance(value, str):
            raise ValidationError(_("Write the answer as text."))
        text = value.replace("\x00", "").strip()
        if len(text) > TEXT_MAX:
            raise ValidationError(_("The answer is too long: at most %(max)d characters.") % {"max": TEXT_MAX})
        if text:
            out.rows.append((question, None, None, text))
        elif question.required:
            raise ValidationError(_("This question needs an answer."))


def check_answers(questions: list[Question], raw: dict) -> Clean:
    """Every error at once, keyed by question id; ValidationError if anything is wrong."""
    if not isinstance(raw, dict):
        raise ValidationError({"answers": [_("The answers must be an object keyed by question id.")]})
    known = {str(q.pk) for q in questions}
    errors: dict[str, list] = {}
    unknown = [k for k in raw if str(k) not in known]
    if unknown:
        errors["answers"] = [_("These are not questions of this survey: %(ids)s.") % {
            "ids": ", ".join(str(k)[:20] for k in unknown[:10])}]
    out = Clean()
    for question in questions:
        value = raw.get(str(question.pk), raw.get(question.pk))
        if _blank(value) or (isinstance(value, dict) and all(_blank(v) for v in value.values())):
            if question.required:
                errors[str(question.pk)] = [_("This question needs an answer.")]
            continue
        try:
            _check_one(question, value, out)
        except ValidationError as exc:
            errors[str(question.pk)] = exc.messages
    if errors:
        raise ValidationError(errors)
    return out


def from_post(questions: list[Question], post) -> dict:
    """The page form's fields (q<id>, q<id>_<row>) in the shape ``check_answers`` takes."""
    raw: dict = {}
    for q in questions:
        name = f"q{q.pk}"
        if q.kind == Kind.MULTIPLE:
            raw[str(q.pk)] = post.getlist(name)
        elif q.kind == Kind.MATRIX:
            raw[str(q.pk)] = {str(i): post.get(f"{name}_{i}", "") for i in range(len(q.options))}
        else:
            raw[str(q.pk)] = post.get(name, "")
    return raw

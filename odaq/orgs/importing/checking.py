"""Checking member rows: column mapping (with Kazakh and Russian aliases) and every value of every row."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from odaq.core.iin import is_valid_iin, validate_iin
from odaq.core.phone import normalise_phone

from .reading import Table, is_blank

COLUMNS = ("iin", "last_name", "first_name", "middle_name", "phone", "email", "language", "position",
           "young_specialist", "joined_on")
REQUIRED = ("iin", "last_name", "first_name")
COLUMN_LABELS = {
    "iin": gettext_lazy("IIN"),
    "last_name": gettext_lazy("last name"),
    "first_name": gettext_lazy("first name"),
    "middle_name": gettext_lazy("patronymic"),
    "phone": gettext_lazy("phone"),
    "email": gettext_lazy("e-mail"),
    "language": gettext_lazy("language"),
    "position": gettext_lazy("position"),
    "young_specialist": gettext_lazy("young specialist"),
    "joined_on": gettext_lazy("joined on"),
}

# Header aliases (English keys, Kazakh and Russian headers), compared after ``_norm``.
ALIASES = {
    "iin": ["iin", "ИИН", "ЖСН", "ИИН (ЖСН)", "ЖСН (ИИН)"],
    "last_name": ["last name", "surname", "Фамилия", "Тегі"],
    "first_name": ["first name", "Имя", "Аты"],
    "middle_name": ["middle name", "patronymic", "Отчество", "Әкесінің аты"],
    "phone": ["phone", "mobile", "Телефон", "Мобильный телефон", "Ұялы телефон"],
    "email": ["email", "e-mail", "Электронная почта", "Эл. почта", "Электрондық пошта", "Эл. пошта"],
    "language": ["language", "Язык", "Тіл", "Язык общения", "Қарым-қатынас тілі"],
    "position": ["position", "Должность", "Лауазымы", "Лауазым"],
    "young_specialist": ["young specialist", "Молодой специалист", "Жас маман"],
    "joined_on": ["joined on", "date joined", "Дата вступления", "Дата вступления в профсоюз",
                  "Кірген күні", "Мүшелікке кірген күні", "Кәсіподаққа кірген күні"],
}
IGNORED_HEADERS = {"№", "no", "n", "#", "№ п/п", "п/п", "р/с", "р/н"}  # row-number columns

LANGUAGES = {
    "kk": ["kk", "kz", "kaz", "kazakh", "қаз", "каз", "қазақ", "қазақша", "казахский", "казахский язык"],
    "ru": ["ru", "rus", "russian", "рус", "русский", "русский язык", "орыс", "орысша"],
}
POSITIONS = {
    "teacher": ["teacher", "учитель", "педагог", "мұғалім"],
    "kindergarten_teacher": ["kindergarten teacher", "воспитатель", "тәрбиеші"],
    "lecturer": ["lecturer", "преподаватель", "оқытушы"],
    "researcher": ["researcher", "научный сотрудник", "ғылыми қызметкер"],
    "other": ["other", "other staff", "другое", "прочее", "басқа", "басқа қызметкер"],
}
YES = {"1", "yes", "y", "true", "да", "иә", "ия", "+", "x", "х"}
NO = {"", "0", "no", "n", "false", "нет", "жоқ", "-"}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


def _norm(text: str) -> str:
    text = str(text).replace("\ufeff", "").casefold().replace("ё", "е").replace("_", " ").strip(" *:\t")
    return re.sub(r"\s+", " ", text)


def _alias_map(aliases: dict[str, list[str]]) -> dict[str, str]:
    return {_norm(alias): key for key, names in aliases.items() for alias in [key, *names]}


HEADER_KEYS = _alias_map(ALIASES)
LANGUAGE_KEYS = _alias_map(LANGUAGES)
POSITION_KEYS = _alias_map(POSITIONS)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS.get(self.column, self.column))


@dataclass
class ImportRow:
    number: int
    data: dict


@dataclass
class ImportReport:
    total: int
    valid: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})


def map_columns(headers: list, rows: list[tuple[int, list]] = ()) -> dict[int, str]:
    """Column index → field key; refuses missing, unknown and repeated columns by name."""
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for index, raw in enumerate(headers):
        label = "" if raw is None else str(raw).strip()
        if not label:
            if any(index < len(values) and not is_blank([values[index]]) for _n, values in rows):
                unknown.append(_("column %(n)s (no header)") % {"n": index + 1})
            continue
        key = HEADER_KEYS.get(_norm(label))
        if key is None:
            if _norm(label) not in IGNORED_HEADERS:
                unknown.append(f"«{label}»")
        elif key in mapping.values():
            repeated.append(f"«{label}»")
        else:
            mapping[index] = key
    problems = []
    missing = [key for key in REQUIRED if key not in mapping.values()]
    if missing:
        problems.append(_("Missing required columns: %(cols)s.") % {"cols": ", ".join(missing)})
    if unknown:
        problems.append(_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)})
    if repeated:
        problems.append(_("Columns given twice: %(cols)s.") % {"cols": ", ".join(repeated)})
    if problems:
        problems.append(_("Accepted columns: %(cols)s. Download the template to see the layout.")
                        % {"cols": ", ".join(COLUMNS)})
        raise ValidationError(" ".join(problems), code="columns")
    return mapping


# Checking --------------------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _iin(value) -> str:
    text = re.sub(r"\s", "", _text(value))
    if text.isdigit() and isinstance(value, int | float) and len(text) < 12:
        text = text.zfill(12)  # a number cell loses the leading zero of people born in 2000–2009
    elif text.isdigit() and len(text) == 11 and is_valid_iin("0" + text):
        text = "0" + text  # the same loss after a round trip through CSV
    validate_iin(text)
    return text


def _name(value, *, required: bool) -> str:
    text = re.sub(r"\s+", " ", _text(value))
    if required and not text:
        raise ValidationError(_("This column is required."))
    if len(text) > 100:
        raise ValidationError(_("At most 100 characters."))
    if any(c.isdigit() for c in text):
        raise ValidationError(_("A name cannot contain digits. Are the columns in the right order?"))
    return text


def _phone(value) -> str:
    text = _text(value)
    return normalise_phone(text) if text else ""


def _email(value) -> str:
    text = _text(value)
    if text:
        if len(text) > 254:
            raise ValidationError(_("At most 254 characters."))
        EmailValidator(_("Enter a valid e-mail address."))(text)
    return text


def _choice(value, keys: dict[str, str], default: str, message: str) -> str:
    text = _norm(_text(value))
    if not text:
        return default
    if text not in keys:
        raise ValidationError(message)
    return keys[text]


def _language(value) -> str:
    return _choice(value, LANGUAGE_KEYS, "kk", _("Unknown language: use kk or ru."))


def _position(value) -> str:
    return _choice(value, POSITION_KEYS, "teacher",
                   _("Unknown position: use one of %(codes)s.") % {"codes": ", ".join(POSITIONS)})


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _norm(_text(value))
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(_("Write yes or no (1 or 0)."))


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _text(value)
        if not text:
            return None
        for fmt in DATE_FORMATS:
            try:
                day = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ValidationError(_("Write the date as YYYY-MM-DD or DD.MM.YYYY."))
    if day > timezone.localdate():
        raise ValidationError(_("The date is in the future."))
    if day.year < 1950:
        raise ValidationError(_("The date is too far in the past."))
    return day


CHECKS: dict[str, Callable] = {
    "iin": _iin,
    "last_name": lambda v: _name(v, required=True),
    "first_name": lambda v: _name(v, required=True),
    "middle_name": lambda v: _name(v, required=False),
    "phone": _phone,
    "email": _email,
    "language": _language,
    "position": _position,
    "young_specialist": _flag,
    "joined_on": _date,
}


def validate_rows(table: Table, *, current_member_iins: Callable[[set[str]], set[str]]) -> ImportReport:
    """Check every row fully; ``current_member_iins`` says which IINs are already current members."""
    mapping = map_columns(table.headers, table.rows)
    report = ImportReport(total=len(table.rows))
    candidates: list[ImportRow] = []
    seen: dict[str, int] = {}
    for number, values in table.rows:
        data: dict = {}
        row_errors: list[RowError] = []
        for index, key in mapping.items():
            raw = values[index] if index < len(values) else None
            try:
                data[key] = CHECKS[key](raw)
            except ValidationError as exc:
                row_errors.extend(RowError(number, key, str(m)) for m in exc.messages)
        iin = data.get("iin")
        if iin:
            if iin in seen:
                row_errors.append(RowError(number, "iin", _("This IIN is also in row %(row)s.") % {"row": seen[iin]}))
            else:
                seen[iin] = number
        report.errors.extend(row_errors)
        if not row_errors:
            candidates.append(ImportRow(number, data))
    members = current_member_iins({row.data["iin"] for row in candidates}) if candidates else set()
    for row in candidates:
        if row.data["iin"] in members:
            report.errors.append(RowError(row.number, "iin", _("A person with this IIN is already a current member.")))
        else:
            report.valid.append(row)
    report.errors.sort(key=lambda e: (e.row, COLUMNS.index(e.column) if e.column in COLUMNS else -1))
    return report


"""Kazakhstan individual identification number (IIN / ЖСН / ИИН).

Twelve digits: YYMMDD birth date, a century-and-sex digit (1–6), four serial digits
and a check digit computed modulo 11 with two weight sequences.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_eleven: str) -> int | None:
    """Return the check digit for eleven digits, or None when no valid digit exists."""
    digits = [int(c) for c in first_eleven]
    value = sum(d * w for d, w in zip(digits, FIRST_WEIGHTS, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, SECOND_WEIGHTS, strict=True)) % 11
    return None if value == 10 else value


def birth_date(iin: str) -> dt.date | None:
    century = CENTURY.get(int(iin[6]))
    if century is None:
        return None
    try:
        return dt.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def validate_iin(value: str) -> None:
    value = (value or "").strip()
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("An IIN has exactly 12 digits."), code="iin_format")
    if int(value[6]) not in CENTURY:
        raise ValidationError(
            _("The 7th digit of an IIN (century and sex) must be from 1 to 6."), code="iin_century"
        )
    if birth_date(value) is None:
        raise ValidationError(_("The first six digits of an IIN must be a real birth date."), code="iin_date")
    if check_digit(value[:11]) != int(value[11]):
        raise ValidationError(_("The IIN check digit is wrong: please check the number."), code="iin_checksum")


def is_valid_iin(value: str) -> bool:
    try:
        validate_iin(value)
    except ValidationError:
        return False
    return True


def make_iin(born: dt.date, female: bool, serial: int) -> str | None:
    """Build a valid IIN (used by demo data and tests); None when the serial has no check digit."""
    century_digit = {1800: 1, 1900: 3, 2000: 5}[born.year // 100 * 100] + (1 if female else 0)
    head = f"{born:%y%m%d}{century_digit}{serial % 10000:04d}"
    digit = check_digit(head)
    return None if digit is None else head + str(digit)

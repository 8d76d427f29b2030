import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_phone(value: str) -> str:
    """Return a Kazakhstan mobile number as +7XXXXXXXXXX; raise ValidationError otherwise."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits[0] in "78":
        digits = "7" + digits[1:]
    elif len(digits) == 10:
        digits = "7" + digits
    if len(digits) != 11 or not digits.startswith("7"):
        raise ValidationError(_("Enter a phone number like +7 701 234 56 78."), code="phone")
    return "+" + digits


def looks_like_phone(value: str) -> bool:
    return "@" not in (value or "") and len(re.sub(r"\D", "", value or "")) >= 10

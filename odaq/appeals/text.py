"""User text is stored as plain text: tags are removed (nh3), entities turned back into characters, and the
templates escape it again on output."""

import html

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def plain(value: str | None) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\x00", "")
    return html.unescape(nh3.clean(value, tags=set(), strip_comments=True)).strip()


def clean_text(value: str | None, *, field: str, max_length: int, required: bool = True) -> str:
    text = plain(value)
    if required and not text:
        raise ValidationError({field: _("This field cannot be empty.")}, code="required")
    if len(text) > max_length:
        raise ValidationError({field: _("At most %(max)s characters, please.") % {"max": max_length}},
                              code="max_length")
    return text

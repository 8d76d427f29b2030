"""Sending notifications: one call stores the in-cabinet message and, on commit, queues the e-mail.

    notify(user, subject=_("Your appeal {number} was answered"), body=lambda: render_to_string(...),
           url=reverse("appeals:detail", args=[pk]), kind="appeal.answered")

``subject`` and ``body`` may be plain strings, lazy gettext strings (``format_lazy`` included) or zero-argument
callables; they are evaluated with the recipient's language active, so each member reads her own language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .models import BODY_MAX, SUBJECT_MAX, Notification

Text = str | Callable[[], Any] | Any


def language_of(user) -> str:
    """The recipient's language: her profile (the account's preferred language, which follows the member's card, the
    cabinet and the language switcher; else the card's), else the language of the request that causes the message
    (the active one), else the site default."""
    languages = {code for code, _name in settings.LANGUAGES}
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    for candidate in (getattr(user, "language", None), getattr(person, "language", None),
                      (translation.get_language() or "")[:2]):
        if candidate in languages:
            return candidate
    return settings.LANGUAGE_CODE


def _render(value: Text) -> str:
    if callable(value):
        value = value()
    return str(value or "")


def notify(user, *, subject: Text, body: Text = "", url: str = "", email: bool = True, kind: str = "") -> Notification:
    """Store a notification for ``user`` in her language; e-mail it after the transaction commits."""
    language = language_of(user)
    with translation.override(language):
        subject_text = " ".join(_render(subject).split())[:SUBJECT_MAX]
        body_text = _render(body).strip()[:BODY_MAX]
    if url and not url.startswith(("/", "https://", "http://")):
        raise ValueError("notification links must be site paths or http(s) URLs")
    wants_email = bool(email and getattr(user, "email", None))
    notification = Notification.objects.create(
        user=user, kind=kind[:60], subject=subject_text, body=body_text, url=url[:500], language=language,
        email_requested=wants_email,
    )
    if wants_email:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when ``ids`` is None); returns how many."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())

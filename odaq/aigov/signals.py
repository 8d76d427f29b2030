"""Signals other apps may listen to; aigov itself knows none of its listeners (producers depend on aigov)."""

from django.dispatch import Signal

# Sent after commit when an approved answer is created, re-approved or retired (kwargs: card_id).
card_changed = Signal()

"""Celery entry points of voting: they take ids and call a service. Tasks import services, never the reverse:
services enqueue through ``announcements`` (after commit)."""

from celery import shared_task

from .announcements import announce_election  # noqa: F401  (registered with the worker from here)
from .services import tick


@shared_task
def voting_tick() -> dict:
    """Open and close votes whose time has come (Celery beat, every minute)."""
    return tick()

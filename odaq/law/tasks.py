"""Search-index updates after imports: queued once however many imports ask (de-duplicated)."""

import threading
from contextlib import contextmanager

from celery import shared_task
from django.core.cache import cache

QUEUED_KEY = "law:index-update-queued"
_local = threading.local()


@contextmanager
def index_updates_deferred():
    """Inside this block imports only note that the index is stale; it is rebuilt once at the end."""
    _local.deferred, _local.pending = True, False
    try:
        yield
    finally:
        _local.deferred = False
        if _local.pending:
            schedule_index_update()


def schedule_index_update() -> bool:
    if getattr(_local, "deferred", False):
        _local.pending = True
        return False
    if not cache.add(QUEUED_KEY, 1, timeout=3600):
        return False  # an update is already queued; it will read the newest editions
    rebuild_index.delay()
    return True


@shared_task
def rebuild_index() -> int:
    """On a worker: embed new passages into the shared store, so web processes only load vectors.

    In the embedded default (``ODAQ_LAW_EMBED_ON_IMPORT`` off) the import stays quick and the web
    process computes the vectors in the background on first use.
    """
    cache.delete(QUEUED_KEY)
    from django.conf import settings

    if not settings.ODAQ_LAW_EMBED_ON_IMPORT:
        return 0
    from .search import rebuild

    return rebuild()

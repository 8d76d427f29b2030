"""Writing and verifying the audit log. Every sensitive read or write calls ``record``."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .audit_models import GENESIS, AuditRecord
from .net import client_ip

_LOCK_KEY = 0x0DA0A0D1


def _client_ip(request) -> str | None:
    return client_ip(request)


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return str(actor)[:200]


# Set by the app that owns the organisation tree (orgs): the scope of an object a caller gave no ``scope`` for.
_default_scope: Callable[[object], object] | None = None


def set_default_scope(resolver: Callable[[object], object] | None) -> None:
    global _default_scope
    _default_scope = resolver


def _scope_path(obj, scope) -> str:
    """The organisation path a record belongs to: ``scope`` (a path, or an object with ``.path``), else what
    the registered default says of ``obj``. Empty means "central only"."""
    if scope is None and obj is not None and _default_scope is not None:
        scope = _default_scope(obj)
    if scope is None:
        return ""
    return scope if isinstance(scope, str) else scope.path


def record(action: str, *, actor=None, obj=None, data: dict | None = None, request=None,
           scope=None) -> AuditRecord:
    """Append one record to the chain. Runs in (or opens) a transaction and serialises writers.

    ``scope`` (an organisation path or an object with ``.path``) says whose auditors may read it; by default
    the registered resolver (``orgs.scopes.audit_scope``) derives it from ``obj``.
    """
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    clean = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, ensure_ascii=False))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditRecord.objects.order_by("-seq").values("seq", "hash").first()
        rec = AuditRecord(
            seq=(last["seq"] + 1) if last else 1,
            prev_hash=last["hash"] if last else GENESIS,
            at=timezone.now(),
            actor_id=actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None,
            actor_label=_actor_label(actor),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            data=clean,
            ip=_client_ip(request),
            scope_path=_scope_path(obj, scope),
        )
        rec.hash = rec.compute_hash()
        rec.save()
    return rec


@dataclass
class VerifyResult:
    checked: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify_chain() -> VerifyResult:
    """Walk the chain in order; report the first record whose link or content does not hold."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for rec in AuditRecord.objects.order_by("seq").iterator(chunk_size=2000):
        if rec.seq != expected_seq:
            return VerifyResult(checked, expected_seq, f"record {expected_seq} is missing")
        if rec.prev_hash != prev_hash:
            return VerifyResult(checked, rec.seq, "link to the previous record is broken")
        if rec.compute_hash() != rec.hash:
            return VerifyResult(checked, rec.seq, "content was changed after it was written")
        prev_hash, expected_seq, checked = rec.hash, expected_seq + 1, checked + 1
    return VerifyResult(checked)

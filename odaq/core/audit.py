"""Writing and verifying the audit log. Every sensitive read or write calls ``record``."""

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .audit_models import GENESIS, AuditRecord
from .net import client_ip

_LOCK_KEY = 0x0DA0A0D1
CHECKPOINT_FILE = "checkpoints.jsonl"
log = logging.getLogger("odaq.audit")


def sign(seq: int, hash_: str) -> str:
    """HMAC of one link with ODAQ_AUDIT_KEY (kept outside the database)."""
    key = settings.ODAQ_AUDIT_KEY.encode()
    return hmac.new(key, f"{seq}:{hash_}".encode(), hashlib.sha256).hexdigest()


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
        rec.mac = sign(rec.seq, rec.hash)
        rec.save()
    return rec


def checkpoint_path() -> Path:
    return Path(settings.ODAQ_AUDIT_CHECKPOINT_DIR) / CHECKPOINT_FILE


def write_checkpoint() -> dict | None:
    """Append the head of the chain (sequence number, hash, HMAC) to the checkpoint file and to the log.

    The file is opened for appending only and synced to disk; a head already checkpointed is not written again.
    Returns the checkpoint, or None when the log is empty or unchanged since the last one."""
    head = AuditRecord.objects.order_by("-seq").values("seq", "hash").first()
    if head is None:
        return None
    last = _last_checkpoint()
    if last is not None and last.get("seq") == head["seq"]:
        return None
    point = {"seq": head["seq"], "hash": head["hash"], "at": timezone.now().isoformat(timespec="seconds"),
             "mac": sign(head["seq"], head["hash"])}
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (json.dumps(point, sort_keys=True) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    log.info("audit checkpoint", extra={"audit_checkpoint": point})
    return point


def _last_checkpoint() -> dict | None:
    """The last line of the checkpoint file, read from its end (the file grows by a line every ten minutes)."""
    path = checkpoint_path()
    if not path.exists():
        return None
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        fh.seek(max(0, fh.tell() - 4096))
        lines = fh.read().decode("utf-8", "replace").strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else None
    except ValueError:
        return None


def read_checkpoints() -> list[dict]:
    """Checkpoints in the order they were written; an unreadable line is kept as ``{"line": n}``."""
    path = checkpoint_path()
    if not path.exists():
        return []
    points = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                point = json.loads(line)
                point["seq"] = int(point["seq"])
                point["line"] = n
            except (ValueError, KeyError, TypeError):
                point = {"line": n}
            points.append(point)
    return points


@dataclass
class VerifyResult:
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    checkpoints: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def _bad_checkpoint(point: dict) -> bool:
    expected = sign(point["seq"], str(point.get("hash", ""))) if "seq" in point else ""
    return not expected or not hmac.compare_digest(expected, str(point.get("mac", "")))


def verify_chain() -> VerifyResult:
    """Walk the chain in order and report the first record whose link, content or key signature does not hold;
    then hold the chain against the checkpoints kept outside the database (a removed tail, a recomputed chain)."""
    points = read_checkpoints()
    for point in points:
        if _bad_checkpoint(point):
            reason = f"checkpoint line {point['line']} is not signed with the audit key"
            return VerifyResult(0, point.get("seq", 0), reason)
    by_seq = {p["seq"]: p for p in points}
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for rec in AuditRecord.objects.order_by("seq").iterator(chunk_size=2000):
        if rec.seq != expected_seq:
            return VerifyResult(checked, expected_seq, f"record {expected_seq} is missing")
        if rec.prev_hash != prev_hash:
            return VerifyResult(checked, rec.seq, "link to the previous record is broken")
        if rec.compute_hash() != rec.hash:
            return VerifyResult(checked, rec.seq, "content was changed after it was written")
        if not hmac.compare_digest(rec.mac, sign(rec.seq, rec.hash)):
            return VerifyResult(checked, rec.seq, "the key signature does not match: the chain was recomputed "
                                                  "from here by someone without the audit key")
        point = by_seq.get(rec.seq)
        if point is not None and point["hash"] != rec.hash:
            return VerifyResult(checked, rec.seq, f"differs from the checkpoint of {point.get('at')}: "
                                                  "the chain was recomputed from here or earlier")
        prev_hash, expected_seq, checked = rec.hash, expected_seq + 1, checked + 1
    result = VerifyResult(checked, checkpoints=len(points))
    if points:
        latest = max(points, key=lambda p: p["seq"])
        if latest["seq"] >= expected_seq:
            missing = latest["seq"] - expected_seq + 1
            result.broken_seq = expected_seq
            result.reason = (f"the last {missing} record(s), {expected_seq} to {latest['seq']}, are missing: "
                             f"the checkpoint of {latest.get('at')} saw record {latest['seq']}")
            return result
        if checked > latest["seq"]:
            result.notes.append(f"{checked - latest['seq']} record(s) after the latest checkpoint (record "
                                f"{latest['seq']}) are not yet checkpointed")
    elif checked:
        result.notes.append(f"no checkpoint in {checkpoint_path()}: a removed tail cannot be detected")
    return result

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection

from odaq.core import audit
from odaq.core.audit_models import AuditRecord


@pytest.fixture
def chain(db):
    return [audit.record(f"test.action{i}", data={"n": i, "name": "Әсел"}) for i in range(5)]


def test_chain_links_each_record_to_the_previous(chain):
    assert [r.seq for r in chain] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))
    result = audit.verify_chain()
    assert result.ok and result.checked == 5


def test_records_cannot_be_changed_or_deleted_through_the_orm(chain):
    rec = chain[0]
    rec.action = "forged"
    with pytest.raises(PermissionDenied):
        rec.save()
    with pytest.raises(PermissionDenied):
        rec.delete()
    with pytest.raises(PermissionDenied):
        AuditRecord.objects.filter(seq=1).update(action="x")
    with pytest.raises(PermissionDenied):
        AuditRecord.objects.all().delete()


def test_editing_a_stored_record_is_found_and_named(chain):
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditrecord SET data = %s WHERE seq = 3", ['{"n": 99, "name": "Әсел"}'])
    with pytest.raises(CommandError, match="record 3"):
        call_command("audit_verify")


def test_removing_a_record_is_found(chain):
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE seq = 2")
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == 2
    assert "missing" in result.reason


def test_rewriting_a_record_with_a_fresh_hash_breaks_the_next_link(chain):
    forged = AuditRecord.objects.get(seq=2)
    forged.action = "forged"
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditrecord SET action = %s, hash = %s, mac = %s WHERE seq = 2",
                    ["forged", forged.compute_hash(), audit.sign(2, forged.compute_hash())])
    result = audit.verify_chain()
    assert result.broken_seq == 3


def test_intact_log_passes_the_command(chain, capsys):
    call_command("audit_verify")
    assert "5 records verified" in capsys.readouterr().out


def test_every_record_is_signed_with_the_audit_key(chain):
    assert all(r.mac == audit.sign(r.seq, r.hash) for r in chain)


def test_deleting_the_last_records_is_found_through_the_checkpoint(chain, capsys):
    call_command("audit_checkpoint")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE seq > 3")
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == 4
    assert "last 2 record(s), 4 to 5, are missing" in result.reason
    with pytest.raises(CommandError, match="record 4"):
        call_command("audit_verify")


def test_a_chain_recomputed_without_the_key_is_found(chain, settings):
    """Record 3 is rewritten and 3..5 are re-linked with correct SHA-256 hashes, but the forger has no key."""
    settings_key = settings.ODAQ_AUDIT_KEY
    settings.ODAQ_AUDIT_KEY = "the forger's guess"
    prev = AuditRecord.objects.get(seq=2).hash
    forged = {}
    for rec in AuditRecord.objects.filter(seq__gte=3).order_by("seq"):
        rec.prev_hash = prev
        if rec.seq == 3:
            rec.action = "forged"
        rec.hash = rec.compute_hash()
        forged[rec.seq] = (rec.action, rec.prev_hash, rec.hash, audit.sign(rec.seq, rec.hash))
        prev = rec.hash
    settings.ODAQ_AUDIT_KEY = settings_key
    with connection.cursor() as cur:
        for seq, (action, prev_hash, hash_, mac) in forged.items():
            cur.execute("UPDATE core_auditrecord SET action = %s, prev_hash = %s, hash = %s, mac = %s WHERE seq = %s",
                        [action, prev_hash, hash_, mac, seq])
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == 3
    assert "without the audit key" in result.reason


def test_a_recomputed_chain_disagrees_with_an_earlier_checkpoint(chain, settings):
    """Even a forger holding the key cannot rewrite what a checkpoint outside the database has seen."""
    audit.write_checkpoint()
    prev = AuditRecord.objects.get(seq=4).hash
    rec = AuditRecord.objects.get(seq=5)
    rec.action, rec.prev_hash = "forged", prev
    rec.hash = rec.compute_hash()
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditrecord SET action = %s, hash = %s, mac = %s WHERE seq = 5",
                    ["forged", rec.hash, audit.sign(5, rec.hash)])
    result = audit.verify_chain()
    assert result.broken_seq == 5 and "checkpoint" in result.reason


def test_checkpoints_are_appended_once_per_head_and_signed(chain, settings):
    assert audit.write_checkpoint()["seq"] == 5
    assert audit.write_checkpoint() is None  # unchanged head
    audit.record("test.more")
    assert audit.write_checkpoint()["seq"] == 6
    lines = audit.checkpoint_path().read_text().splitlines()
    assert len(lines) == 2
    path = audit.checkpoint_path()
    path.write_text(lines[0] + "\n" + lines[1].replace('"seq": 6', '"seq": 9') + "\n")
    result = audit.verify_chain()
    assert not result.ok and "checkpoint line 2" in result.reason


def test_the_beat_schedule_writes_checkpoints(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["audit-checkpoint"]
    assert entry["task"] == "odaq.core.tasks.audit_checkpoint"

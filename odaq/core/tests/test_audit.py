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
        cur.execute("UPDATE core_auditrecord SET action = %s, hash = %s WHERE seq = 2",
                    ["forged", forged.compute_hash()])
    result = audit.verify_chain()
    assert result.broken_seq == 3


def test_intact_log_passes_the_command(chain, capsys):
    call_command("audit_verify")
    assert "5 records verified" in capsys.readouterr().out

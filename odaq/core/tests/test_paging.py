from odaq.core.audit import record
from odaq.core.audit_models import AuditRecord
from odaq.core.paging import CappedPaginator


def test_count_stops_at_the_cap_and_says_so(db):
    for i in range(7):
        record(f"x{i}")
    small = CappedPaginator(AuditRecord.objects.all(), 2)
    small.cap = 5
    assert small.count == 6 and small.capped
    assert [r.action for r in small.page(1)] == ["x0", "x1"]
    roomy = CappedPaginator(AuditRecord.objects.all(), 2)
    roomy.cap = 10
    assert roomy.count == 7 and not roomy.capped

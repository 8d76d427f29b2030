"""Real concurrency on PostgreSQL: two identical submissions at once make one appeal; parallel filings in one
region get distinct, gap-free numbers."""

import threading

import pytest
from django.db import connection, connections

from odaq.appeals import services
from odaq.appeals.models import Appeal
from odaq.appeals.tests.factories import filing

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def run_together(n, work):
    barrier, results, errors = threading.Barrier(n), [None] * n, []

    def target(i):
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def test_two_identical_submissions_make_one_appeal(people):
    user, person = people.member_user, people.member_a.person
    results = run_together(2, lambda i: services.file_appeal(user, person, filing(), idempotency_key="same-key"))
    (a, created_a), (b, created_b) = results
    assert a.pk == b.pk and sorted([created_a, created_b]) == [False, True]
    assert Appeal.objects.count() == 1


def test_numbers_unique_under_concurrency(people):
    user, person = people.member_user, people.member_a.person
    results = run_together(6, lambda i: services.file_appeal(user, person, filing(), idempotency_key=f"k{i}"))
    numbers = sorted(appeal.number for appeal, _created in results)
    assert len(set(numbers)) == 6 and Appeal.objects.count() == 6
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == [1, 2, 3, 4, 5, 6]

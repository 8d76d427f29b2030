"""One answer to "which membership is this person's now": ``orgs.selectors.current_membership``."""

import datetime as dt
import re
from pathlib import Path

import odaq
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.selectors import current_membership
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory

ODAQ = Path(odaq.__file__).parent


def test_current_membership_is_the_one_not_left_and_active_only_on_request(tree):
    person = PersonFactory()
    MembershipFactory(person=person, organisation=tree.school_b, status=MembershipStatus.LEFT,
                      joined_on=dt.date(2030, 1, 1))  # left later-dated: still not current
    pending = MembershipFactory(person=person, organisation=tree.school_a, status=MembershipStatus.PENDING,
                                joined_on=dt.date(2025, 1, 1))
    assert current_membership(person) == pending
    assert current_membership(person, active=True) is None
    pending.status = MembershipStatus.ACTIVE
    pending.save(update_fields=["status"])
    assert current_membership(person, active=True) == pending
    assert current_membership(None) is None


def test_no_app_keeps_its_own_variant_of_current_membership():
    variants = []
    for path in ODAQ.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path == ODAQ / "orgs" / "selectors.py":
            continue
        text = path.read_text(encoding="utf-8")
        own_query = "orgs" not in path.parts and re.search(r"memberships\.(exclude|filter)\(status", text)
        if re.search(r"def current_membership\b", text) or own_query:
            variants.append(str(path.relative_to(ODAQ)))
    assert variants == []

"""Build a plausible demo union: tree, people, memberships, consents and one login per role.

Everything comes from one ``random.Random(seed)``, so the same seed gives the same data. Rows are
written with ``bulk_create`` in batches; nothing is queried per row, so 750,000 members are fine.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db import transaction

from odaq.core import audit
from odaq.orgs.choices import Level
from odaq.orgs.models import Organisation

from .people import Identity, PeopleBuilder, allocate
from .staff import RESERVED_PHONES, create_demo_accounts
from .tree import TreeBuilder, default_sizes, save_tree, walk


@dataclass
class DemoOptions:
    members: int = 3000
    seed: int = 1
    regions: int = 20
    branches: int | None = None
    districts_per_region: int | None = None
    primaries: int | None = None
    batch: int = 5000


def build_demo(options: DemoOptions, out=print) -> dict:
    """Create the demo union in one transaction and return the counts (also written to the audit log)."""
    started = time.monotonic()
    rng = random.Random(options.seed)
    sizes = default_sizes(options.members, options.regions, options.branches, options.districts_per_region,
                          options.primaries)
    with transaction.atomic():
        root = TreeBuilder(rng, sizes).build()
        nodes = list(walk(root))
        out(f"Organisation tree: {len(nodes):,} nodes ({sizes.regions} regions, {sizes.branches} branches, "
            f"{sum(sizes.districts)} districts, {sizes.primaries} primary organisations)")
        pks = save_tree(root, options.batch)
        primaries = [(pks[n.path], n.employer_kind, n.region_code) for n in nodes if n.level == Level.PRIMARY]
        weights = [n.weight for n in nodes if n.level == Level.PRIMARY]
        out(f"Organisations saved in {time.monotonic() - started:.1f}s; generating {options.members:,} members")
        identity = Identity(rng, reserved_phones=RESERVED_PHONES)
        counts = PeopleBuilder(identity, primaries, options.batch, out).run(allocate(options.members, weights))
        users = create_demo_accounts(identity)
        levels = {level.value: sum(1 for n in nodes if n.level == level) for level in Level}
        counts = {"organisations": len(nodes), **levels, **counts, "demo_users": len(users),
                  "seed": options.seed, "seconds": round(time.monotonic() - started, 1)}
        audit.record("demo.built", data=counts)
    out(f"Demo union built in {counts['seconds']}s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()
                                                                   if k not in ("seed", "seconds")))
    return counts


def has_organisations() -> bool:
    return Organisation.objects.exists()

"""The demo organisation tree, built in memory with treebeard paths and saved with bulk_create."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from odaq.core.iin import check_digit
from odaq.orgs.choices import Level
from odaq.orgs.models import Organisation

from . import names

CENTRAL_KK = "Қазақстан білім және ғылым қызметкерлерінің салалық кәсіптік одағы — Орталық комитет"
CENTRAL_RU = "Казахстанский отраслевой профсоюз работников образования и науки — Центральный комитет"

# Shares of employer kinds among the primary organisations of a city or a rural district.
KIND_SHARES = {
    "city": {"school": 0.52, "kindergarten": 0.30, "college": 0.10, "other": 0.08},
    "district": {"school": 0.62, "kindergarten": 0.28, "college": 0.04, "other": 0.06},
}
# Relative size (members) of a primary organisation by employer kind.
KIND_WEIGHT = {"school": 1.0, "kindergarten": 0.45, "college": 1.3, "university": 3.5, "research": 1.0, "other": 0.35}
LEGAL_FORM = {"university": "НАО", "research": "РГП"}


@dataclass
class Node:
    level: str
    name_kk: str
    name_ru: str
    code: str = ""
    employer_kind: str = ""
    employer_name: str = ""
    employer_bin: str = ""
    address: str = ""
    region_code: str = ""
    weight: float = 1.0
    children: list[Node] = field(default_factory=list)
    path: str = ""
    depth: int = 0


@dataclass
class TreeSizes:
    regions: int
    branches: int
    districts: list[int]  # per region
    primaries: int


def default_sizes(members: int, regions: int = 20, branches: int | None = None,
                  districts_per_region: int | None = None, primaries: int | None = None) -> TreeSizes:
    """Scale the tree with the membership: ~3 districts per region at 3,000 members, 250/12,000 at 750,000."""
    regions = max(1, min(regions, len(names.REGIONS)))
    if branches is None:
        branches = 5 if members >= 100_000 else 1
    branches = max(0, min(branches, len(names.BRANCHES)))
    codes = [code for code, *_ in names.REGIONS[:regions]]
    if districts_per_region:
        per_region = [districts_per_region] * regions
    else:
        share = max(1.5, min(12.5, 12.5 * (members / 750_000) ** 0.25))
        total = round(share * regions)
        capacity = [len(names.districts_of(code)) for code in codes]
        scale = total / sum(capacity)
        per_region = [max(1, round(c * scale)) for c in capacity]
        i = 0
        while sum(per_region) != total:  # spread the rounding error one by one
            step = 1 if sum(per_region) < total else -1
            if per_region[i % regions] + step >= 1:
                per_region[i % regions] += step
            i += 1
    if primaries is None:
        primaries = round(12_000 * (members / 750_000) ** 0.76)
    primaries = max(primaries, sum(per_region) + branches)
    return TreeSizes(regions, branches, per_region, primaries)


class TreeBuilder:
    def __init__(self, rng: random.Random, sizes: TreeSizes):
        self.rng = rng
        self.sizes = sizes
        self.bins: set[str] = set()
        self.counters: dict[str, int] = {}

    # -- names and numbers -------------------------------------------------------------------------------------
    def employer_bin(self) -> str:
        while True:
            year, month, serial = self.rng.randint(95, 124) % 100, self.rng.randint(1, 12), self.rng.randint(0, 99999)
            head = f"{year:02d}{month:02d}40{serial:05d}"
            digit = check_digit(head)
            if digit is not None and head + str(digit) not in self.bins:
                self.bins.add(head + str(digit))
                return head + str(digit)

    def _listed(self, kind: str, pool: list[tuple[str, str]]) -> tuple[str, str]:
        n = self.counters.get(kind, 0)
        self.counters[kind] = n + 1
        kk, ru = pool[n % len(pool)]
        if n >= len(pool):
            part = n // len(pool) + 1
            kk, ru = f"{kk}, {part}-бөлімше", f"{ru}, подразделение № {part}"
        return kk, ru

    def _numbered(self, kind: str, patterns, number: int) -> tuple[str, str, str]:
        kk, ru, form = self.rng.choice(patterns)
        who_kk, who_ru = self.rng.choice(names.NAMESAKES)
        nick_kk, nick_ru = self.rng.choice(names.NICKNAMES)
        values = dict(n=number, who_kk=who_kk, who_ru=who_ru, nick_kk=nick_kk, nick_ru=nick_ru)
        return kk.format(**values), ru.format(**values), form

    def primary(self, kind: str, number: int, place_ru: str, owner_ru: str, region_code: str,
                branch: bool = False) -> Node:
        if kind == "university":
            kk, ru = self._listed(kind, names.UNIVERSITIES)
            form = LEGAL_FORM[kind]
        elif kind == "research":
            kk, ru = self._listed(kind, names.RESEARCH)
            form = LEGAL_FORM[kind]
        else:
            patterns = names.BRANCH_EMPLOYERS.get(kind) if branch else None
            kk, ru, form = self._numbered(kind, patterns or names.EMPLOYERS[kind], number)
        employer = f"{form} «{ru.replace('«', '„').replace('»', '“')}»" + (f" {owner_ru}" if owner_ru else "")
        street = self.rng.choice(names.STREETS)
        return Node(
            Level.PRIMARY, kk, ru, employer_kind=kind, employer_name=employer[:255], employer_bin=self.employer_bin(),
            address=f"{place_ru}, {street}, {self.rng.randint(1, 180)}", region_code=region_code,
            weight=KIND_WEIGHT[kind] * self.rng.uniform(0.5, 1.6),
        )

    # -- the tree ----------------------------------------------------------------------------------------------
    def build(self) -> Node:
        rng, sizes = self.rng, self.sizes
        root = Node(Level.CENTRAL, CENTRAL_KK, CENTRAL_RU, code="00", address="г. Астана, пр. Республики, 4")
        districts: list[tuple[Node, str, str, str, str]] = []  # node, kind, place, owner, region code
        for (code, _terr_kk, terr_ru, org_kk, org_ru), count in zip(
            names.REGIONS[: sizes.regions], sizes.districts, strict=True
        ):
            region = Node(Level.REGION, org_kk, org_ru, code=code, region_code=code, address=terr_ru)
            root.children.append(region)
            listed = names.districts_of(code)
            for i in range(count):
                kind, kk, ru = listed[i % len(listed)]
                if kind == "city":
                    d_kk, d_ru = f"{kk} қалалық ұйымы", f"Городская организация г. {ru}"
                    place, owner = f"г. {ru}", f"отдела образования г. {ru}"
                else:
                    d_kk, d_ru = f"{kk} аудандық ұйымы", f"{ru[:-2]}ая районная организация"
                    place, owner = f"{terr_ru}, {ru} район", f"отдела образования {ru[:-2]}ого района"
                if code in ("01", "02", "03"):
                    place = f"{terr_ru}, {ru} район"
                if i >= len(listed):
                    part = i // len(listed) + 1
                    d_kk, d_ru = f"{d_kk} — {part}-бөлімше", f"{d_ru} — отделение {part}"
                node = Node(Level.DISTRICT, d_kk, d_ru, code=f"{code}{i + 1:02d}", region_code=code, address=place)
                node.weight = rng.uniform(0.6, 1.6) * (2.0 if kind == "city" else 1.0)
                region.children.append(node)
                districts.append((node, kind, place, owner, code))
        branch_nodes = []
        for j, (kk, ru, kind) in enumerate(names.BRANCHES[: sizes.branches]):
            code = f"{21 + j:02d}"
            node = Node(Level.BRANCH, kk, ru, code=code, region_code=code, address="г. Астана")
            root.children.append(node)
            kinds = {"university": 0.7, "research": 0.3} if kind == "university" and sizes.branches < 2 else {kind: 1}
            branch_nodes.append((node, kinds))

        per_branch = max(1, round(sizes.primaries * 0.008))
        left = sizes.primaries - per_branch * len(branch_nodes)
        counts = self._spread(left, [d[0].weight for d in districts])
        for (node, kind, place, owner, code), count in zip(districts, counts, strict=True):
            kinds = list(KIND_SHARES[kind])
            picks = rng.choices(kinds, weights=list(KIND_SHARES[kind].values()), k=count)
            numbers: dict[str, int] = {}
            for pick in picks:
                numbers[pick] = numbers.get(pick, 0) + rng.randint(1, 3)
                node.children.append(self.primary(pick, numbers[pick], place, owner, code))
        for node, kinds in branch_nodes:
            picks = rng.choices(list(kinds), weights=list(kinds.values()), k=per_branch)
            for n, pick in enumerate(picks, start=1):
                node.children.append(self.primary(pick, n, "г. Астана", "", node.code, branch=True))
        assign_paths(root)
        return root

    def _spread(self, total: int, weights: list[float]) -> list[int]:
        """At least one per slot, the rest in proportion to the weights (largest remainder)."""
        counts = [1] * len(weights)
        extra = total - len(weights)
        if extra <= 0:
            return counts
        scale = extra / sum(weights)
        shares = [w * scale for w in weights]
        for i, s in enumerate(shares):
            counts[i] += int(s)
        order = sorted(range(len(weights)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
        for i in order[: total - sum(counts)]:
            counts[i] += 1
        return counts


def assign_paths(root: Node) -> None:
    """treebeard materialised paths; siblings sorted by ``name_ru`` like ``node_order_by``."""
    root.depth, root.path = 1, Organisation._get_path(None, 1, 1)
    stack = [root]
    while stack:
        node = stack.pop()
        node.children.sort(key=lambda c: c.name_ru)
        for index, child in enumerate(node.children, start=1):
            child.depth = node.depth + 1
            child.path = Organisation._get_path(node.path, child.depth, index)
            stack.append(child)


def walk(root: Node):
    """Nodes in path (pre-)order."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def save_tree(root: Node, batch: int) -> dict[str, int]:
    """bulk_create every node; return path → pk."""
    objs = [
        Organisation(
            path=n.path, depth=n.depth, numchild=len(n.children), level=n.level, name_kk=n.name_kk, name_ru=n.name_ru,
            code=n.code, employer_kind=n.employer_kind, employer_name=n.employer_name, employer_bin=n.employer_bin,
            address=n.address[:255],
        )
        for n in walk(root)
    ]
    for i in range(0, len(objs), batch):
        Organisation.objects.bulk_create(objs[i : i + batch])
    return dict(Organisation.objects.values_list("path", "pk"))

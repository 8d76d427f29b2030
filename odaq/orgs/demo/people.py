"""Demo people, memberships and consents, generated deterministically and saved in batches."""

from __future__ import annotations

import datetime as dt
import random
import time
from itertools import accumulate

from django.conf import settings

from odaq.core.iin import make_iin
from odaq.orgs.choices import ConsentPurpose, MembershipStatus, Position
from odaq.orgs.models import Consent, Membership, Person, build_search_name

from . import names
from .writer import RowWriter

REFERENCE_DAY = dt.date(2025, 12, 31)  # "today" of the demo, fixed so that a seed always gives the same data
OPERATORS = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
MAIL_DOMAINS = ["mail.kz", "mail.ru", "gmail.com", "inbox.kz", "bk.ru"]
FEMALE_SHARE = {"kindergarten": 0.95, "school": 0.8, "college": 0.7, "other": 0.7, "university": 0.6, "research": 0.55}
POSITIONS = {
    "school": {Position.TEACHER: 0.85, Position.OTHER: 0.15},
    "kindergarten": {Position.KINDERGARTEN_TEACHER: 0.8, Position.OTHER: 0.2},
    "college": {Position.LECTURER: 0.35, Position.TEACHER: 0.5, Position.OTHER: 0.15},
    "university": {Position.LECTURER: 0.75, Position.RESEARCHER: 0.1, Position.OTHER: 0.15},
    "research": {Position.RESEARCHER: 0.8, Position.OTHER: 0.2},
    "other": {Position.TEACHER: 0.5, Position.OTHER: 0.5},
}
STATUSES = [MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, MembershipStatus.PENDING, MembershipStatus.LEFT]
STATUS_WEIGHTS = list(accumulate([0.93, 0.02, 0.02, 0.03]))


def _zipf(n: int) -> list[float]:
    """Cumulative weights: the first names of a list are the most common."""
    return list(accumulate(1 / (i + 25) for i in range(n)))


KK_SURNAME_W, RU_SURNAME_W = _zipf(len(names.KK_SURNAMES)), _zipf(len(names.RU_SURNAMES))


class Identity:
    """Unique IINs and phone numbers drawn from one random generator."""

    def __init__(self, rng: random.Random, reserved_phones=()):
        self.rng = rng
        self.iins: set[str] = set()
        self.phones: set[str] = set(reserved_phones)

    def iin(self, born: dt.date, female: bool) -> str:
        while True:
            iin = make_iin(born, female, self.rng.randint(0, 9999))
            if iin is not None and iin not in self.iins:
                self.iins.add(iin)
                return iin

    def phone(self) -> str:
        while True:
            phone = f"+7{self.rng.choice(OPERATORS)}{self.rng.randint(0, 9_999_999):07d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def person(self, kind: str = "school", young: bool | None = None, female: bool | None = None) -> dict:
        """Fields of a plausible education worker (no database access)."""
        rng = self.rng
        if female is None:
            female = rng.random() < FEMALE_SHARE[kind]
        if young is None:
            young = rng.random() < 0.1
        first_year, last_year = (1998, 2003) if young else (1961, 1998)
        born = dt.date(rng.randint(first_year, last_year), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        if rng.random() < 0.72:  # Kazakh name
            first = rng.choice(names.KK_FEMALE if female else names.KK_MALE)
            last = rng.choices(names.KK_SURNAMES, cum_weights=KK_SURNAME_W)[0]
            style = rng.random()
            middle = names.kk_patronymic(rng.choice(names.KK_MALE), female, style > 0.68)
            if style < 0.03 or last.endswith("ұлы"):  # "Серікұлы"-style surnames go without a patronymic
                middle = ""
            language = "kk" if rng.random() < 0.75 else "ru"
        else:
            first = rng.choice(names.RU_FEMALE if female else names.RU_MALE)
            last = rng.choices(names.RU_SURNAMES, cum_weights=RU_SURNAME_W)[0]
            middle = names.ru_patronymic(rng.randrange(len(names.RU_PATRONYMIC)), female)
            language = "ru" if rng.random() < 0.97 else "kk"
        if female:
            last = names.female_surname(last)
        email = ""
        if rng.random() < 0.35:
            email = f"{names.latin(first)}.{names.latin(last)}{rng.randint(1, 999)}@{rng.choice(MAIL_DOMAINS)}"
        positions = POSITIONS[kind]
        return dict(
            iin=self.iin(born, female), last_name=last, first_name=first, middle_name=middle, phone=self.phone(),
            email=email, language=language, young_specialist=young,
            position=rng.choices(list(positions), weights=list(positions.values()))[0].value,
            search_name=build_search_name(last, first, middle), born=born,
        )


def joined_day(rng: random.Random, born: dt.date, young: bool) -> dt.date:
    start = max(dt.date(born.year + 21, born.month, min(born.day, 28)), dt.date(1995, 1, 1))
    if young:
        start = max(start, REFERENCE_DAY - dt.timedelta(days=3 * 365))
    span = (REFERENCE_DAY - start).days
    return start + dt.timedelta(days=rng.randint(0, max(span, 0)))


def at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randint(0, 540))


class PeopleBuilder:
    """Persons, their memberships (with a few earlier, closed ones) and consents."""

    def __init__(self, identity: Identity, primaries: list[tuple[int, str, str]], batch: int, out=print):
        self.identity = identity
        self.rng = identity.rng
        self.primaries = primaries  # (pk, employer kind, region code)
        self.batch = batch
        self.writer = RowWriter(batch)
        self.out = out
        self.version = settings.ODAQ_CONSENT_VERSION
        self.cards = 0
        self.counts = {"people": 0, "memberships": 0, "consents": 0, **{s.value: 0 for s in STATUSES}}

    def card(self, region_code: str) -> str:
        self.cards += 1
        return f"{region_code}-{self.cards:07d}"

    def run(self, allocation: list[int]) -> dict:
        total = sum(allocation)
        started, pending = time.monotonic(), []
        for (org_pk, kind, region), count in zip(self.primaries, allocation, strict=True):
            for _ in range(count):
                pending.append((org_pk, kind, region))
                if len(pending) >= self.batch:
                    self._flush(pending)
                    pending = []
                    self._progress(total, started)
        if pending:
            self._flush(pending)
            self._progress(total, started)
        return self.counts

    def _progress(self, total: int, started: float) -> None:
        done = self.counts["people"]
        rate = done / max(time.monotonic() - started, 1e-6)
        self.out(f"  people {done:,}/{total:,} · {rate:,.0f}/s")

    def _flush(self, slots: list[tuple[int, str, str]]) -> None:
        rng = self.rng
        people, rows = [], []
        for org_pk, kind, region in slots:
            fields = self.identity.person(kind)
            born = fields.pop("born")
            joined = joined_day(rng, born, fields["young_specialist"])
            status = rng.choices(STATUSES, cum_weights=STATUS_WEIGHTS)[0]
            people.append({**fields, "created_at": at(joined, rng)})
            rows.append((org_pk, region, status, joined))
        person_ids = self.writer.insert(Person, people, ids=True)
        memberships, consents = [], []
        for person_id, (org_pk, region, status, joined) in zip(person_ids, rows, strict=True):
            left_on = None
            if status == MembershipStatus.LEFT:
                left_on = joined + dt.timedelta(days=rng.randint(30, max(31, (REFERENCE_DAY - joined).days)))
                left_on = min(left_on, REFERENCE_DAY)
            elif rng.random() < 0.02 and (joined - dt.date(1995, 1, 1)).days > 800:  # moved from another employer
                earlier, _kind, earlier_region = rng.choice(self.primaries)
                start = joined - dt.timedelta(days=rng.randint(400, (joined - dt.date(1995, 1, 1)).days))
                memberships.append(dict(
                    person_id=person_id, organisation_id=earlier, status=MembershipStatus.LEFT.value, joined_on=start,
                    left_on=joined - dt.timedelta(days=1), card_number=self.card(earlier_region),
                ))
                self.counts[MembershipStatus.LEFT] += 1
            memberships.append(dict(person_id=person_id, organisation_id=org_pk, status=status.value,
                                    joined_on=joined, left_on=left_on, card_number=self.card(region)))
            self.counts[status] += 1
            given = at(joined, rng)
            consents.append(dict(person_id=person_id, purpose=ConsentPurpose.MEMBERSHIP.value,
                                 text_version=self.version, given_at=given, withdrawn_at=None))
            if rng.random() < 0.25:
                consents.append(dict(person_id=person_id, purpose=ConsentPurpose.NEWSLETTER.value,
                                     text_version=self.version, given_at=given,
                                     withdrawn_at=at(left_on, rng) if left_on else None))
        self.writer.insert(Membership, memberships)
        self.writer.insert(Consent, consents)
        self.counts["people"] += len(people)
        self.counts["memberships"] += len(memberships)
        self.counts["consents"] += len(consents)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` members over primary organisations in proportion to their weights."""
    if not weights:
        return []
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts

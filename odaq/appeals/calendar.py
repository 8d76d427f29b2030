"""Working days in Kazakhstan: weekends and public holidays from the ``holidays`` library, corrected by
the ``CalendarDay`` table (a Saturday moved to a working day, an extra day off)."""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings

from .choices import DayKind
from .models import CalendarDay


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("KZ", years=[year]).keys())


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    return dict(CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind"))


def _working(day: dt.date, overrides: dict[dt.date, str]) -> bool:
    if day in overrides:
        return overrides[day] == DayKind.WORKING
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return _working(day, _overrides(day, day))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
    overrides = _overrides(start, start + dt.timedelta(days=days * 3 + 40))
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if _working(day, overrides):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if end <= start)."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    return sum(1 for n in range(1, (end - start).days + 1) if _working(start + dt.timedelta(days=n), overrides))


def answer_days() -> int:
    return settings.ODAQ_APPEAL_ANSWER_DAYS


def extended_days() -> int:
    return settings.ODAQ_APPEAL_EXTENDED_DAYS


def remind_days() -> int:
    return settings.ODAQ_APPEAL_REMIND_DAYS

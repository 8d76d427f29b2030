"""Deadline arithmetic in working days: New Year, Nauryz, moved working days and extra days off."""

import datetime as dt

import pytest

from odaq.appeals import calendar
from odaq.appeals.choices import DayKind
from odaq.appeals.models import CalendarDay

pytestmark = pytest.mark.django_db
D = dt.date


def test_across_new_year():
    # Mon 29 Dec 2025: 30, 31 Dec work; 1-2 Jan are holidays; 3-4 Jan weekend; 5, 6 Jan work; 7 Jan Christmas.
    assert calendar.add_working_days(D(2025, 12, 29), 2) == D(2025, 12, 31)
    assert calendar.add_working_days(D(2025, 12, 29), 3) == D(2026, 1, 5)
    assert calendar.add_working_days(D(2025, 12, 29), 5) == D(2026, 1, 8)


def test_across_nauryz():
    # Nauryz 2026: 21-23 March (Sat-Mon) and the days carried over (24, 25 March) are off.
    assert not calendar.is_working_day(D(2026, 3, 23))
    assert calendar.add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 26)
    # 15 working days from Fri 13 March 2026: 16-20 (5), 26, 27 (7), 30 Mar-3 Apr (12), 6-8 Apr (15).
    assert calendar.add_working_days(D(2026, 3, 13), 15) == D(2026, 4, 8)


def test_moved_working_day_and_extra_day_off():
    start = D(2026, 3, 13)  # a Friday
    CalendarDay.objects.create(date=D(2026, 3, 14), kind=DayKind.WORKING, note="moved from 24 March")
    assert calendar.is_working_day(D(2026, 3, 14))
    assert calendar.add_working_days(start, 1) == D(2026, 3, 14)
    assert calendar.add_working_days(start, 15) == D(2026, 4, 7)
    CalendarDay.objects.create(date=D(2026, 4, 6), kind=DayKind.DAY_OFF, note="extra day off")
    assert calendar.add_working_days(start, 15) == D(2026, 4, 8)


def test_the_default_and_the_setting(settings):
    assert calendar.answer_days() == 15
    settings.ODAQ_APPEAL_ANSWER_DAYS = 10
    assert calendar.answer_days() == 10


def test_working_days_between():
    assert calendar.working_days_between(D(2026, 3, 20), D(2026, 3, 27)) == 2
    assert calendar.working_days_between(D(2026, 3, 27), D(2026, 3, 20)) == 0

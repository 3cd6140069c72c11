"""Month arithmetic for contract durations, and the opening days of an establishment."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache

import holidays


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def exclusive_end(end: date) -> date:
    """The day after a contract's last day."""
    return end + timedelta(days=1)


def lasts_more_than(start: date, last_day: date, months: int) -> bool:
    """Whether the period from start to last_day (inclusive) is longer than `months` months."""
    return exclusive_end(last_day) > add_months(start, months)


def whole_months(start: date, last_day: date) -> int:
    """Complete months from start to last_day inclusive (1 January to 31 December: 12)."""
    after = exclusive_end(last_day)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and add_months(start, months) > after:
        months -= 1
    return max(months, 0)


def months_long(start: date, last_day: date) -> Fraction:
    """The length of a period in months, exactly: its whole months plus the rest as a share of the month
    in which it falls (1 July to 31 December: 6; 1 to 15 January: 15/31)."""
    months = whole_months(start, last_day)
    rest = add_months(start, months)
    month = (add_months(rest, 1) - rest).days
    return months + Fraction((exclusive_end(last_day) - rest).days, month)


def parse_weekdays(text: str | None) -> frozenset[int]:
    """ISO weekdays (1 = Monday) from a string of digits such as "12345"."""
    return frozenset(int(c) for c in (text or "") if c in "1234567")


@lru_cache(maxsize=64)
def _french_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.France(years=year))


def opening_days_between(after: date, before: date, weekdays: frozenset[int]) -> int:
    """Opening days strictly between two days: the given weekdays, French public holidays excluded."""
    count, day = 0, after + timedelta(days=1)
    while day < before:
        if day.isoweekday() in weekdays and day not in _french_holidays(day.year):
            count += 1
        day += timedelta(days=1)
    return count

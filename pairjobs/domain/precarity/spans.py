"""Services as spans of time: the union of contracts' intervals, never a sum of their lengths."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

Interval = tuple[date, date]  # first day, last day (inclusive)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of intervals as disjoint intervals, in order (touching intervals are merged)."""
    merged: list[list[date]] = []
    for first, last in sorted(i for i in intervals if i[1] >= i[0]):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(a, b) for a, b in merged]


def days(intervals: Sequence[Interval]) -> int:
    """Days covered by disjoint intervals."""
    return sum((last - first).days + 1 for first, last in intervals)


def clip(intervals: Iterable[Interval], until: date) -> list[Interval]:
    """The intervals cut at a last day."""
    return [(first, min(last, until)) for first, last in intervals if first <= until]


def neutral_days(after: date, before: date, neutral: Sequence[Interval]) -> int:
    """Days strictly between two days that fall within neutral periods (they do not interrupt services)."""
    start, end = after + timedelta(days=1), before - timedelta(days=1)
    return sum(max(0, (min(end, b) - max(start, a)).days + 1) for a, b in neutral)


def runs(intervals: Sequence[Interval], keeps_going: Callable[[date, date], bool]) -> list[list[Interval]]:
    """Disjoint intervals grouped into runs of service: `keeps_going(last_day, next_first_day)` tells
    whether an interruption keeps the run going."""
    groups: list[list[Interval]] = []
    for interval in intervals:
        if groups and keeps_going(groups[-1][-1][1], interval[0]):
            groups[-1].append(interval)
        else:
            groups.append([interval])
    return groups


def day_reaching(intervals: Sequence[Interval], needed_days: int) -> date | None:
    """The day on which disjoint intervals, in order, have covered `needed_days` days; None if never."""
    covered = 0
    for first, last in intervals:
        length = (last - first).days + 1
        if covered + length >= needed_days:
            return first + timedelta(days=needed_days - covered - 1)
        covered += length
    return None


def clip_between(intervals: Sequence[Interval], first: date, last: date) -> list[Interval]:
    """The parts of intervals that fall between two days (inclusive)."""
    return [(max(a, first), min(b, last)) for a, b in intervals if b >= first and a <= last]

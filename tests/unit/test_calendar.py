"""Month arithmetic."""

from datetime import date

import pytest

from pairjobs.infra.calendar import add_months, lasts_more_than, whole_months


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 15), 3, date(2027, 2, 15)), (date(2026, 3, 1), -3, date(2025, 12, 1)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("start, last, expected", [
    (date(2026, 1, 1), date(2026, 12, 31), 12), (date(2026, 1, 1), date(2026, 12, 30), 11),
    (date(2026, 6, 30), date(2026, 12, 31), 6), (date(2026, 1, 15), date(2026, 1, 20), 0),
    (date(2026, 1, 31), date(2026, 2, 26), 0), (date(2026, 1, 31), date(2026, 2, 27), 1),
])
def test_whole_months(start, last, expected):
    assert whole_months(start, last) == expected


def test_lasts_more_than():
    assert not lasts_more_than(date(2021, 1, 1), date(2023, 12, 31), 36)
    assert lasts_more_than(date(2021, 1, 1), date(2024, 1, 1), 36)

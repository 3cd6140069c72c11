"""Services as spans of time (the six-year count), checked against the plain set of days served."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from pairjobs.config import Config
from pairjobs.domain.precarity import spans
from pairjobs.domain.precarity.facts import ContractFacts, Situation
from pairjobs.domain.precarity.public import service_run, six_years_reached_on
from pairjobs.infra.calendar import add_months
from pairjobs.models import ContractType, LegalBasis, Sector, SupervisionFrequency

T = Config.PRECARITY_THRESHOLDS
ORIGIN = date(2015, 1, 1)


def facts(i: int, start: date, end: date, category="B") -> ContractFacts:
    return ContractFacts(
        id=i, previous_id=None, post=None, contract_type=ContractType.CDD_PUBLIC, sector=Sector.PUBLIC,
        legal_basis=LegalBasis.PERMANENT_NEED, category=category, cdd_reason=None, extended_duration=False,
        start_date=start, end_date=end, term_date=end, weekly_hours=17.5, active=True, decided=False,
        end_reason=None, signed_on=start, supervision_frequency=SupervisionFrequency.MONTHLY,
        supervision_paid_time=True, promised_supervision_frequency=None, promised_supervision_paid_time=None)


# Contracts that overlap or follow each other within a month: one run of services.
overlapping = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 1200)), min_size=1, max_size=8)


def history_of(steps) -> list[ContractFacts]:
    contracts, cursor = [], ORIGIN
    for i, (offset, length) in enumerate(steps, start=1):
        start = cursor + timedelta(days=offset)
        end = start + timedelta(days=length - 1)
        contracts.append(facts(i, start, end))
        cursor = start + timedelta(days=length // 2)  # the next one starts within or just after this one
    return contracts


@settings(max_examples=300, deadline=None)
@given(overlapping)
def test_the_six_year_count_is_the_length_of_the_union_of_the_intervals(steps):
    history = history_of(steps)
    judged = max(history, key=lambda c: (c.end_date, c.id))
    s = Situation(judged, tuple(history), (), judged.end_date, frozenset({1, 2, 3, 4, 5}), None)
    served = {c.start_date + timedelta(days=d)
              for c in history for d in range((c.end_date - c.start_date).days + 1)}
    run = service_run(s, T)
    assert spans.days(run) == len({d for d in served if d >= run[0][0]})
    assert spans.days(run) <= sum((c.end_date - c.start_date).days + 1 for c in history)
    needed = (add_months(run[0][0], T["public_cdi_due_months"]) - run[0][0]).days
    assert (six_years_reached_on(s, T) is not None) == (spans.days(run) >= needed)


@given(st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 900)), max_size=10))
def test_merge_covers_exactly_the_days_of_the_intervals(raw):
    intervals = [(ORIGIN + timedelta(days=a), ORIGIN + timedelta(days=a + n)) for a, n in raw]
    expected = {first + timedelta(days=d)
                for first, last in intervals for d in range((last - first).days + 1)}
    merged = spans.merge(intervals)
    assert spans.days(merged) == len(expected)
    assert all(b < c - timedelta(days=1) for (_, b), (c, _) in pairwise(merged))


def test_neutral_periods_do_not_interrupt_services():
    first = facts(1, date(2019, 1, 1), date(2020, 2, 29))
    second = facts(2, date(2021, 7, 1), date(2026, 6, 30))  # 16 months later; 6 years 2 months in all
    s = Situation(second, (first, second), (), date(2025, 1, 1), frozenset(), None)
    assert six_years_reached_on(s, T) is None
    neutral = T | {"service_neutral_periods": [("2020-03-24", "2021-06-01")]}
    assert six_years_reached_on(s, neutral) is not None

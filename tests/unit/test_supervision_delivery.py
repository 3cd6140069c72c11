"""Supervision delivered: the sessions held over the last 3 and 6 months against the promise, at the
windows' edges, and the flag that compares them (or, with no session recorded, the declared supervision)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from pairjobs.config import Config
from pairjobs.domain.precarity import person_flags
from pairjobs.domain.precarity.facts import ContractFacts, SessionFacts, Situation, sessions_known
from pairjobs.domain.precarity.supervision import delivery, kept, months_before
from pairjobs.infra.clock import PARIS
from pairjobs.models import ContractType, Sector, SupervisionFrequency
from tests.helpers import EN

T = Config.PRECARITY_THRESHOLDS
AS_OF = date(2026, 12, 5)


def contract(*held: date, start=date(2024, 1, 1), promised="monthly", paid=True, unpaid=(), contested=(),
             declared="monthly") -> ContractFacts:
    sessions = tuple(SessionFacts(d, d not in unpaid, d in contested) for d in held)
    return ContractFacts(
        id=1, previous_id=None, post=None, contract_type=ContractType.CDI_PUBLIC, sector=Sector.PUBLIC,
        legal_basis=None, category=None, cdd_reason=None, extended_duration=False, start_date=start,
        end_date=None, term_date=None, weekly_hours=35, active=True, decided=True, end_reason=None,
        signed_on=start, supervision_frequency=SupervisionFrequency(declared), supervision_paid_time=True,
        promised_supervision_frequency=SupervisionFrequency(promised) if promised else None,
        promised_supervision_paid_time=paid, sessions=sessions)


@pytest.mark.parametrize(("months", "first_day"), [(3, date(2026, 9, 6)), (6, date(2026, 6, 6))])
def test_a_window_starts_the_day_after_the_same_day_months_earlier(months, first_day):
    day_before = first_day - timedelta(days=1)
    counted = delivery(contract(day_before, first_day, AS_OF), AS_OF, months)
    assert (counted.start, counted.end, counted.held) == (first_day, AS_OF, 2)
    assert delivery(contract(day_before), AS_OF, months).held == 0
    # A session dated after the day of the figures is not yet held on that day.
    assert delivery(contract(AS_OF + timedelta(days=1)), AS_OF, months).held == 0


def test_the_grace_days_take_a_session_a_little_late_into_the_window():
    first_day = date(2026, 9, 6)
    assert delivery(contract(first_day - timedelta(days=14)), AS_OF, 3, grace_days=14).held == 1
    assert delivery(contract(first_day - timedelta(days=15)), AS_OF, 3, grace_days=14).held == 0


@pytest.mark.parametrize(("day", "months", "first_day"), [
    (date(2026, 5, 31), 3, date(2026, 3, 1)),  # 28 February is the same day, three months before
    (date(2026, 8, 31), 6, date(2026, 3, 1)),
    (date(2026, 3, 31), 1, date(2026, 3, 1)),
    (date(2027, 1, 15), 3, date(2026, 10, 16)),  # across a year
])
def test_windows_at_the_end_of_a_month_and_across_a_year(day, months, first_day):
    assert months_before(day, months) + timedelta(days=1) == first_day
    assert delivery(contract(start=date(2020, 1, 1)), day, months).start == first_day


@pytest.mark.parametrize(("promised", "three", "six"), [
    ("weekly", 13, 26), ("fortnightly", 6, 13), ("monthly", 3, 6), ("quarterly", 1, 2), ("none", 0, 0)])
def test_what_is_due_over_whole_windows(promised, three, six):
    c = contract(promised=promised)
    assert (delivery(c, AS_OF, 3).due, delivery(c, AS_OF, 6).due) == (three, six)
    assert delivery(contract(promised=None), AS_OF, 3).due is None


def test_a_contract_younger_than_the_window_owes_its_share_of_it():
    # Started 6 October: 61 of the 91 days of the three-month window, 2.01 monthly sessions.
    young = contract(start=date(2026, 10, 6))
    assert (delivery(young, AS_OF, 3).start, delivery(young, AS_OF, 3).due) == (date(2026, 10, 6), 2)
    # A month in (30 of 91 days): not yet one whole session due.
    assert delivery(contract(start=date(2026, 11, 6)), AS_OF, 3).due == 0


def test_nothing_is_judged_before_a_session_is_due():
    # Monthly, 25 days in, its only session contested: nothing due yet, so neither kept nor not kept.
    young = contract(date(2026, 11, 20), start=date(2026, 11, 11), contested=(date(2026, 11, 20),))
    judged = delivery(young, AS_OF, 3)
    assert (judged.held, judged.due, judged.kept) == (0, 0, None)
    assert kept(young, AS_OF, T) is None
    # A start moved after the day of the figures: an empty window, nothing due (never a negative count).
    moved = contract(date(2026, 11, 20), start=AS_OF + timedelta(days=10))
    assert delivery(moved, AS_OF, 6).due == 0 and kept(moved, AS_OF, T) is None


def test_contested_and_unpaid_sessions_are_not_held_sessions():
    days = (date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1))
    assert delivery(contract(*days), AS_OF, 3).held == 3
    disputed = delivery(contract(*days, contested=days[:1]), AS_OF, 3)
    assert (disputed.held, disputed.contested, disputed.kept) == (2, 1, False)
    assert delivery(contract(*days, unpaid=days[1:2]), AS_OF, 3).held == 2
    # Outside paid time counts when paid time was not promised.
    assert delivery(contract(*days, unpaid=days[1:2], paid=False), AS_OF, 3).held == 3


def months_of_sessions(count: int, last=date(2026, 12, 1)) -> list[date]:
    return [months_before(last, n) for n in range(count)]


def test_kept_is_judged_on_six_months_and_only_with_sessions_and_a_promise():
    assert kept(contract(*months_of_sessions(6)), AS_OF, T) is True
    assert kept(contract(*months_of_sessions(5)), AS_OF, T) is False
    assert kept(contract(), AS_OF, T) is None  # nothing recorded: declared only
    assert kept(contract(*months_of_sessions(6), promised=None), AS_OF, T) is None
    assert kept(contract(*months_of_sessions(1), promised="none"), AS_OF, T) is None


def flags(c: ContractFacts, as_of=AS_OF) -> list:
    return [(f.code, f.label) for f in person_flags(Situation(c, (c,), (), as_of, frozenset(), None), T)
            if f.code == "supervision_not_kept"]


def test_the_flag_compares_sessions_held_when_some_are_recorded(app):
    with app.test_request_context(headers=EN):
        assert flags(contract(*months_of_sessions(6))) == []
        [(_, label)] = flags(contract(*months_of_sessions(4)))
        assert "4 sessions in the last 6 months, 6 promised" in label
        # Declared weekly supervision does not hide sessions that were not held.
        assert flags(contract(*months_of_sessions(4), declared="weekly"))


def test_without_sessions_the_flag_compares_the_declared_supervision_and_says_so(app):
    with app.test_request_context(headers=EN):
        [(_, label)] = flags(contract(declared="quarterly"))
        assert "declared" in label and "no session recorded" in label
        assert flags(contract(declared="monthly")) == []


def test_a_session_recorded_or_contested_after_the_day_is_not_known_on_it():
    class Row:
        def __init__(self, held_on, created, contested=None):
            self.held_on, self.paid_time, self.minutes, self.kind = held_on, True, 60, "external"
            self.created_at = datetime(*created, 12, tzinfo=PARIS)
            self.contested_at = datetime(*contested, 12, tzinfo=PARIS) if contested else None

    rows = [Row(date(2026, 11, 3), (2026, 11, 4), contested=(2026, 12, 10)),
            Row(date(2026, 11, 20), (2026, 12, 6))]
    on_the_day = sessions_known(rows, AS_OF)
    assert on_the_day == (SessionFacts(date(2026, 11, 3), True, False),)
    later = sessions_known(rows, date(2026, 12, 10))
    assert [s.contested for s in later] == [True, False]
    assert replace(contract(), sessions=later).sessions == later


def test_a_day_counts_once_and_a_short_session_not_at_all():
    day = date(2026, 11, 3)
    sessions = (SessionFacts(day, True, False, 60), SessionFacts(day, True, False, 90),
                SessionFacts(date(2026, 11, 20), True, False, 10))
    many = replace(contract(), sessions=sessions)
    assert delivery(many, AS_OF, 3, min_minutes=30).held == 1
    assert delivery(many, AS_OF, 3).held == 2  # no minimum: two days
    counted = delivery(many, AS_OF, 3, grace_days=14)
    assert counted.counted_from == counted.start - timedelta(days=14)


def test_peer_intervision_does_not_keep_a_promise_of_professional_supervision():
    days = (date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1))
    sessions = tuple(SessionFacts(d, True, False, 90, "peer_intervision") for d in days)
    professional = replace(contract(), sessions=sessions, promised_supervision_kind="external")
    assert delivery(professional, AS_OF, 3).held == 0
    peers = replace(contract(), sessions=sessions, promised_supervision_kind="peer_intervision")
    assert delivery(peers, AS_OF, 3).held == 3
    unknown = replace(contract(), sessions=sessions)  # no kind recorded with the promise: every kind counts
    assert delivery(unknown, AS_OF, 3).held == 3

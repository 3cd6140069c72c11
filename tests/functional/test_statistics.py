"""The facts and indicators of a date, at their edges: people against contracts, each flow at its window
boundaries, retention, and the positions open on a past date."""

from datetime import UTC, date, datetime, timedelta

import pytest

from pairjobs.domain.monitoring import indicators
from pairjobs.domain.monitoring.facts import years_before
from pairjobs.domain.monitoring.live import live_facts
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.extensions import db
from pairjobs.models import Sector
from tests import factories

D = date(2026, 3, 31)
WINDOW_START = years_before(D, 1)  # 2025-03-31: a start on it is outside the twelve months


def add(org, key, kind, start, end=None, fte=100, supervision="monthly", state=None, **extra):
    if state is None:
        state = "ended" if end is not None and end < D else "active"
    return factories.ContractFactory(
        organization=org, person_key=key, contract_type=kind, start_date=start, end_date=end, fte_percent=fte,
        weekly_hours=35 * fte / 100, supervision_frequency=supervision, state=state,
        closed_at=datetime(end.year, end.month, end.day, 18, tzinfo=UTC) if state != "active" else None,
        end_reason="term_reached" if state == "ended" else None, **extra)


def figures(day=D, scope=None):
    facts = live_facts(day)
    return indicators.values(indicators.in_scope(facts, scope or Scope(day)))


def test_a_person_with_overlapping_contracts_counts_once(app, accounts):
    org = accounts.organization
    add(org, "p", "cdd_public", date(2026, 1, 1), date(2026, 12, 31), fte=50, supervision="none")
    add(org, "p", "cdi_public", date(2025, 6, 1), fte=30, supervision="monthly")
    add(org, "q", "cdd_public", date(2026, 1, 1), date(2026, 6, 30), fte=40, supervision="none")
    add(org, "q", "cdd_public", date(2026, 2, 1), date(2026, 6, 30), fte=40, supervision="quarterly")
    db.session.commit()
    f = figures()
    assert (f["active_people"], f["active_contracts"], f["active_fte"]) == (2, 4, 1.6)
    # p holds a permanent contract: not precarious; q holds none.
    assert f["precarious_people"] == 1 and f["precarious_people_share"] == 0.5
    assert f["precarious_contracts"] == 3 and f["precarious_share"] == 0.75
    # p is supervised on one of their contracts; q on none at least monthly.
    assert f["supervised_monthly_people"] == 1 and f["supervised_monthly_share"] == 0.25


def test_a_person_is_one_person_across_the_establishments_of_a_legal_entity(app, accounts):
    accounts.organization.legal_entity_finess = "690000017"
    other = factories.organization(name="CH Vinatier, antenne", kind="ch", department="69", commune="69029")
    other.legal_entity_finess = "690000017"
    add(accounts.organization, "p", "cdd_public", date(2026, 1, 1), date(2026, 12, 31))
    add(other, "p", "cdd_public", date(2026, 1, 1), date(2026, 12, 31))
    db.session.commit()
    assert (figures()["active_people"], figures()["active_contracts"]) == (1, 2)


@pytest.mark.parametrize("start, entered", [
    (WINDOW_START, False), (WINDOW_START + timedelta(days=1), True), (D, True),
    (D + timedelta(days=1), False),
])
def test_entries_at_the_window_boundaries(app, accounts, start, entered):
    add(accounts.organization, "e", "cdd_public", start, date(2027, 12, 31))
    db.session.commit()
    assert figures()["entries_12m"] == int(entered)


def test_a_renewal_a_conversion_or_a_return_is_not_an_entry(app, accounts):
    org = accounts.organization
    first = add(org, "r", "cdd_public", date(2025, 1, 1), date(2025, 6, 30), state="renewed")
    add(org, "r", "cdd_public", date(2025, 7, 1), date(2025, 12, 31), state="converted", previous_id=first.id)
    add(org, "r", "cdi_public", date(2026, 1, 1))
    add(org, "g", "cdd_public", date(2024, 1, 1), date(2025, 4, 30))
    add(org, "g", "cdd_public", date(2025, 6, 1), date(2026, 12, 31))  # back after a month away
    db.session.commit()
    f = figures()
    assert f["entries_12m"] == 0  # nobody is new to the employer in the twelve months
    assert f["returns_12m"] == 1  # g came back
    assert f["exits_12m"] == 1  # g's first departure
    assert f["conversions_to_cdi_12m"] == 1 and f["median_months_to_cdi"] == 12.0


@pytest.mark.parametrize("last_day, left", [
    (WINDOW_START - timedelta(days=1), False), (WINDOW_START, True),
    (D - timedelta(days=1), True), (D, False),
])
def test_exits_at_the_window_boundaries(app, accounts, last_day, left):
    add(accounts.organization, "x", "cdd_public", date(2024, 1, 1), last_day, state="ended")
    db.session.commit()
    f = figures()
    assert f["exits_12m"] == int(left)
    assert f["exits_by_reason"] == ({"term_reached": 1} if left else {})


def test_a_fixed_term_still_active_after_its_end_is_not_an_exit(app, accounts):
    add(accounts.organization, "o", "cdd_public", date(2025, 1, 1), date(2026, 1, 31), state="active")
    db.session.commit()
    f = figures()
    assert f["exits_12m"] == 0 and f["active_people"] == 1 and f["flags"].get("fixed_term_overdue") == 1


@pytest.mark.parametrize("start, in_cohort", [
    (years_before(D, 2), False), (years_before(D, 2) + timedelta(days=1), True), (WINDOW_START, True),
    (WINDOW_START + timedelta(days=1), False),
])
def test_retention_cohort_boundaries(app, accounts, start, in_cohort):
    add(accounts.organization, "k", "cdd_public", start, date(2027, 1, 1))
    add(accounts.organization, "l", "cdd_public", start, D - timedelta(days=1), state="ended")
    db.session.commit()
    f = figures()
    assert f["retention_cohort_people"] == (2 if in_cohort else 0)
    assert f["retention_12m_share"] == (0.5 if in_cohort else None)


def test_open_positions_on_a_past_date(app, accounts):
    org = accounts.organization

    def position(published, status="published", closed=None, deadline=None):
        p = factories.position(org, None, publish=False)
        p.status, p.deadline = status, deadline
        p.published_at = datetime.combine(published, datetime.min.time(), UTC)
        p.closed_at = datetime(closed.year, closed.month, closed.day, 12, tzinfo=UTC) if closed else None
        if status == "closed":
            p.outcome = "filled"
        return p

    position(D)  # published on the day: open
    position(D + timedelta(days=1))  # published later: not yet
    position(date(2025, 1, 1), "closed", closed=D + timedelta(days=1))  # closed later: open then
    position(date(2025, 1, 1), "closed", closed=D)  # closed that day: not open at its end
    position(date(2026, 1, 1), deadline=D)  # deadline on the day: still open
    position(date(2026, 1, 1), deadline=D - timedelta(days=1))  # expired
    db.session.commit()
    f = figures()
    assert f["open_positions"] == 3
    assert f["positions_published"] == 3  # published in the twelve months to the day (not the 2025 ones)
    assert f["positions_unfilled"] == 1 and f["positions_filled"] == 0


def test_people_and_flows_follow_the_scope(app, accounts):
    private = factories.organization(name="Association Drômoise", kind="association",
                                     sector="private_nonprofit",
                                     department="26", commune="26362")
    add(accounts.organization, "a", "cdd_public", date(2026, 1, 1), date(2026, 12, 31))
    add(private, "a", "cdd", date(2026, 1, 1), date(2026, 12, 31))  # the same key at another employer
    db.session.commit()
    assert figures()["active_people"] == 2  # two employers, two people as each employer knows them
    public = figures(scope=Scope(D, sector=Sector.PUBLIC))
    assert (public["active_people"], public["entries_12m"]) == (1, 1)
    drome = figures(scope=Scope(D, department="26"))
    assert (drome["active_people"], drome["entries_12m"]) == (1, 1)


def test_a_person_working_in_two_departments_is_counted_once_at_their_main_contract(app, accounts):
    accounts.organization.legal_entity_finess = "690000017"
    isere = factories.organization(name="CH antenne iséroise", kind="ch", department="38", commune="38185")
    isere.legal_entity_finess = "690000017"
    add(accounts.organization, "p", "cdi_public", date(2020, 1, 1), fte=30)
    add(isere, "p", "cdd_public", date(2026, 1, 1), date(2026, 12, 31), fte=70)
    db.session.commit()
    region, rhone, isere_figures = figures(), figures(scope=Scope(D, department="69")), figures(
        scope=Scope(D, department="38"))
    assert region["active_people"] == rhone["active_people"] + isere_figures["active_people"] == 1
    assert isere_figures["active_people"] == 1  # the main contract: the most working time
    # Not precarious: one of their running contracts at the employer is permanent, wherever it is.
    assert region["precarious_people"] == isere_figures["precarious_people"] == 0
    assert region["active_contracts"] == 2 and rhone["active_contracts"] == 1


def test_twelve_month_windows_of_month_ends_follow_each_other_across_29_february(app, accounts):
    assert years_before(date(2025, 2, 28), 1) == date(2024, 2, 29)
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert years_before(date(2026, 3, 15), 1) == date(2025, 3, 15)
    add(accounts.organization, "leap", "cdd_public", date(2024, 2, 29), date(2026, 12, 31))
    db.session.commit()
    entered = [indicators.values(live_facts(day))["entries_12m"]
               for day in (date(2024, 2, 29), date(2025, 2, 28))]
    assert entered == [1, 0]  # counted in one window only


@pytest.mark.parametrize("permanent_from, counted", [
    (WINDOW_START, False), (WINDOW_START + timedelta(days=1), True), (D, True),
    (D + timedelta(days=1), False),
])
def test_conversions_at_the_window_boundaries(app, accounts, permanent_from, counted):
    org = accounts.organization
    fixed = add(org, "c", "cdd_public", date(2024, 1, 1), permanent_from - timedelta(days=1),
                state="converted")
    add(org, "c", "cdi_public", permanent_from, previous_id=fixed.id)
    db.session.commit()
    f = figures()
    assert f["conversions_to_cdi_12m"] == int(counted)
    assert f["entries_12m"] == 0  # a conversion is not an entry

"""Posting-level precarity rules, each at its boundaries."""

from dataclasses import dataclass, replace
from datetime import date

import pytest

from pairjobs.config import Config
from pairjobs.domain import precarity
from pairjobs.domain.precarity import Severity, posting
from pairjobs.models import ContractType, FundingKind, Sector, SupervisionFrequency

T = Config.PRECARITY_THRESHOLDS


@dataclass(frozen=True)
class Terms:
    """A stable, well-supported posting: no rule fires."""

    sector: Sector = Sector.PUBLIC
    contract_type: ContractType = ContractType.CDI_PUBLIC
    duration_months: int | None = None
    fte_percent: int = 100
    weekly_hours: float = 35.0
    salary_min: int | None = 2000
    salary_max: int | None = 2300
    pay_grid: str | None = None
    funding_kind: FundingKind = FundingKind.PERMANENT
    funding_ends_on: date | None = None
    supervision_frequency: SupervisionFrequency = SupervisionFrequency.MONTHLY
    supervision_paid_time: bool = True
    peer_team_size: int = 1
    idcc: str | None = None
    cdd_reason: object = None
    part_time_at_employee_request: bool = False
    contract_days: int | None = None


GOOD = Terms()


def codes(terms, thresholds=T):
    return [f.code for f in precarity.posting_flags(terms, thresholds)]


def test_a_stable_supported_posting_has_no_flag():
    assert codes(GOOD) == []


@pytest.mark.parametrize("kind", list(ContractType))
def test_precarious_form(kind):
    duration = None if not kind.is_fixed_term else 24
    flag = posting.precarious_form(replace(GOOD, contract_type=kind, duration_months=duration), T)
    precarious = kind in {ContractType.CDD_PUBLIC, ContractType.CDD, ContractType.INTERIM, ContractType.PEC,
                          ContractType.APPRENTISSAGE, ContractType.PROFESSIONNALISATION,
                          ContractType.CONTRAT_PROJET, ContractType.VACATION}
    assert (flag is not None) == precarious
    if flag:
        assert flag.severity is Severity.WARNING and flag.basis


def test_precarious_form_label_says_the_duration():
    flag = posting.precarious_form(replace(GOOD, contract_type=ContractType.CDD, duration_months=6), T)
    assert flag.label == "Fixed-term contract (CDD) of 6 months"


@pytest.mark.parametrize(
    "months, expected",
    [(1, "very_short_fixed_term"), (2, "very_short_fixed_term"), (3, "short_fixed_term"),
     (11, "short_fixed_term"), (12, None), (36, None)],
)
def test_fixed_term_length_boundaries(months, expected):
    terms = replace(GOOD, contract_type=ContractType.CDD_PUBLIC, duration_months=months)
    codes = {f.code for f in precarity.posting_flags(terms, T)}
    found = codes & {"very_short_fixed_term", "short_fixed_term"}
    assert found == ({expected} if expected else set())


def test_length_rules_ignore_open_ended_contracts():
    terms = replace(GOOD, contract_type=ContractType.CDI, duration_months=2, sector=Sector.PRIVATE_NONPROFIT)
    assert posting.very_short_fixed_term(terms, T) is None
    assert posting.short_fixed_term(terms, T) is None


def test_very_short_is_critical():
    flag = posting.very_short_fixed_term(replace(GOOD, contract_type=ContractType.CDD, duration_months=2), T)
    assert flag.severity is Severity.CRITICAL


def test_thresholds_come_from_configuration():
    terms = replace(GOOD, contract_type=ContractType.CDD, duration_months=12)
    assert posting.short_fixed_term(terms, T) is None
    assert posting.short_fixed_term(terms, T | {"short_term_months": 18}) is not None


@pytest.mark.parametrize("fte, flagged", [(10, True), (49, True), (50, False), (100, False)])
def test_low_fte_boundary(fte, flagged):
    assert (posting.low_fte(replace(GOOD, fte_percent=fte), T) is not None) == flagged


@pytest.mark.parametrize(
    "sector, hours, flagged",
    [(Sector.PRIVATE_NONPROFIT, 23.5, True), (Sector.PRIVATE_FORPROFIT, 24, False),
     (Sector.PRIVATE_FORPROFIT, 17.5, True), (Sector.PUBLIC, 17.5, False)],
)
def test_private_part_time_minimum(sector, hours, flagged):
    kind = ContractType.CDI_PUBLIC if sector is Sector.PUBLIC else ContractType.CDI
    terms = replace(GOOD, sector=sector, contract_type=kind, weekly_hours=hours)
    assert (posting.part_time_below_legal_minimum(terms, T) is not None) == flagged


@pytest.mark.parametrize("days, flagged", [(7, False), (8, True)])
def test_contracts_of_seven_days_or_less_have_no_part_time_minimum(days, flagged):
    terms = replace(GOOD, sector=Sector.PRIVATE_NONPROFIT, contract_type=ContractType.CDD, weekly_hours=10,
                    contract_days=days)
    assert (posting.part_time_below_legal_minimum(terms, T) is not None) == flagged


def test_practice_flags_say_they_are_pairjobs_configuration():
    terms = replace(GOOD, supervision_frequency=SupervisionFrequency.QUARTERLY, supervision_paid_time=False,
                    peer_team_size=0, funding_kind=FundingKind.GRANT)
    practice = {"infrequent_supervision", "supervision_outside_paid_time", "lone_peer_worker", "grant_funded"}
    flags = {f.code: f for f in precarity.posting_flags(terms, T)}
    assert practice <= set(flags)
    assert all("configuration" in flags[code].basis and "ni règle de droit" in flags[code].basis
               for code in practice)


@pytest.mark.parametrize(
    "frequency, expected",
    [
        (SupervisionFrequency.NONE, {"no_supervision"}),
        (SupervisionFrequency.QUARTERLY, {"infrequent_supervision"}),
        (SupervisionFrequency.MONTHLY, set()),
        (SupervisionFrequency.FORTNIGHTLY, set()),
        (SupervisionFrequency.WEEKLY, set()),
    ],
)
def test_supervision_frequency(frequency, expected):
    terms = replace(GOOD, supervision_frequency=frequency)
    found = {f.code for f in precarity.posting_flags(terms, T)} & {"no_supervision", "infrequent_supervision"}
    assert found == expected


def test_no_supervision_is_critical_and_not_also_unpaid():
    terms = replace(GOOD, supervision_frequency=SupervisionFrequency.NONE, supervision_paid_time=False)
    assert codes(terms) == ["no_supervision"]
    assert posting.no_supervision(terms, T).severity is Severity.CRITICAL


def test_supervision_outside_paid_time():
    assert posting.supervision_outside_paid_time(replace(GOOD, supervision_paid_time=False), T) is not None
    assert posting.supervision_outside_paid_time(GOOD, T) is None


@pytest.mark.parametrize("size, flagged", [(0, True), (1, False), (5, False)])
def test_lone_peer_worker(size, flagged):
    assert (posting.lone_peer_worker(replace(GOOD, peer_team_size=size), T) is not None) == flagged


def test_grant_funding(app):  # the date in the label is formatted for the reader's language
    flag = posting.grant_funded(replace(GOOD, funding_kind=FundingKind.GRANT,
                                        funding_ends_on=date(2027, 12, 31)), T)
    assert flag.code == "grant_funded" and "2027" in flag.label
    assert posting.grant_funded(replace(GOOD, funding_kind=FundingKind.GRANT), T) is not None
    assert posting.grant_funded(GOOD, T) is None


@pytest.mark.parametrize(
    "salary_min, salary_max, grid, flagged",
    [(None, None, None, True), (None, None, "  ", True), (1900, None, None, False), (None, 2100, None, False),
     (None, None, "FPH catégorie B", False)],
)
def test_salary_not_stated(salary_min, salary_max, grid, flagged):
    terms = replace(GOOD, salary_min=salary_min, salary_max=salary_max, pay_grid=grid)
    flag = posting.salary_not_stated(terms, T)
    assert (flag is not None) == flagged
    if flag:
        assert flag.severity is Severity.INFO


def test_flags_are_sorted_most_serious_first_and_codes_are_declared():
    terms = Terms(sector=Sector.PRIVATE_NONPROFIT, contract_type=ContractType.CDD, duration_months=2,
                  fte_percent=20, weekly_hours=7, salary_min=None, salary_max=None,
                  funding_kind=FundingKind.GRANT, supervision_frequency=SupervisionFrequency.NONE,
                  peer_team_size=0)
    flags = precarity.posting_flags(terms, T)
    assert [f.severity.rank for f in flags] == sorted(f.severity.rank for f in flags)
    assert {f.code for f in flags} == {"precarious_form", "very_short_fixed_term", "low_fte",
                                       "part_time_below_legal_minimum", "no_supervision", "lone_peer_worker",
                                       "grant_funded", "salary_not_stated"}
    assert {f.code for f in flags} <= set(precarity.POSTING_FLAG_CODES)
    assert len(precarity.POSTING_RULES) == len(precarity.POSTING_FLAG_CODES)

"""Person-level precarity rules (a contract within its person's history at one employer), at their boundaries."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest

from pairjobs.config import Config
from pairjobs.domain import precarity
from pairjobs.domain.calendar import add_months
from pairjobs.models import ContractType, Sector, SupervisionFrequency

T = Config.PRECARITY_THRESHOLDS
AS_OF = date(2026, 6, 1)


@dataclass(frozen=True)
class C:
    id: int
    start_date: date
    end_date: date | None
    contract_type: ContractType = ContractType.CDD_PUBLIC
    sector: Sector = Sector.PUBLIC
    previous_id: int | None = None
    position_id: int | None = 1
    state: str = "renewed"
    renewal_decision: str | None = "renew"
    supervision_frequency: SupervisionFrequency = SupervisionFrequency.MONTHLY
    supervision_paid_time: bool = True
    promised_supervision_frequency: SupervisionFrequency | None = None
    promised_supervision_paid_time: bool | None = None


def day_before(d):
    return d - timedelta(days=1)


def chain_of_years(start: date, years: list[int], kind=ContractType.CDD_PUBLIC, gap_days=0):
    """Consecutive contracts of the given lengths in years, each renewing the previous."""
    contracts, begin = [], start
    for i, length in enumerate(years, start=1):
        end = day_before(add_months(begin, 12 * length))
        contracts.append(C(i, begin, end, kind, previous_id=i - 1 if i > 1 else None))
        begin = end + timedelta(days=1 + gap_days)
    return contracts


def codes(contract, history, as_of=AS_OF):
    return {f.code for f in precarity.contract_flags(contract, history, as_of, T)}


# Public six-year rule (CGFP L332-17).

def test_six_years_of_public_cdd_call_for_a_cdi():
    history = chain_of_years(date(2019, 1, 1), [3, 3])  # ends 2024-12-31: exactly six years
    assert "public_cdi_due" in codes(history[-1], history, as_of=date(2025, 6, 1))


def test_one_day_short_of_six_years_is_not_flagged():
    history = chain_of_years(date(2019, 1, 1), [3, 3])
    shortened = replace(history[-1], end_date=date(2024, 12, 30))
    assert "public_cdi_due" not in codes(shortened, [history[0], shortened], as_of=date(2025, 6, 1))


def test_service_is_counted_up_to_as_of():
    history = chain_of_years(date(2019, 1, 1), [3, 3])
    assert "public_cdi_due" not in codes(history[-1], history, as_of=date(2024, 12, 30))
    assert "public_cdi_due" in codes(history[-1], history, as_of=date(2024, 12, 31))


def test_gaps_of_four_months_keep_the_count_and_longer_ones_break_it():
    first = C(1, date(2018, 1, 1), date(2020, 12, 31))
    kept = C(2, date(2021, 5, 1), date(2024, 8, 31))  # gap Jan-Apr 2021: 4 months
    assert "public_cdi_due" in codes(kept, [first, kept], as_of=date(2025, 1, 1))
    broken = C(2, date(2021, 5, 2), date(2024, 9, 30))  # one day more
    assert "public_cdi_due" not in codes(broken, [first, broken], as_of=date(2025, 1, 1))


def test_part_time_counts_as_full_time_and_private_contracts_do_not_count():
    history = chain_of_years(date(2019, 1, 1), [3, 3])
    private = [replace(c, contract_type=ContractType.CDD, sector=Sector.PRIVATE_NONPROFIT) for c in history]
    assert "public_cdi_due" not in codes(private[-1], private, as_of=date(2025, 6, 1))


@pytest.mark.parametrize("end, flagged", [(date(2023, 12, 31), False), (date(2024, 1, 1), True)])
def test_public_cdd_longer_than_three_years(end, flagged):
    contract = C(1, date(2021, 1, 1), end)
    assert ("public_cdd_over_max" in codes(contract, [contract])) == flagged


# Private CDD (Code du travail).

def private(contract):
    return replace(contract, contract_type=ContractType.CDD, sector=Sector.PRIVATE_NONPROFIT)


@pytest.mark.parametrize("last_day, flagged", [(date(2025, 6, 30), False), (date(2025, 7, 1), True)])
def test_private_cdd_over_eighteen_months_renewals_included(last_day, flagged):
    first = private(C(1, date(2024, 1, 1), date(2024, 12, 31)))
    renewal = private(C(2, date(2025, 1, 1), last_day, previous_id=1, state="active", renewal_decision=None))
    assert ("private_cdd_over_max" in codes(renewal, [first, renewal], as_of=date(2025, 1, 15))) == flagged


@pytest.mark.parametrize("count, flagged", [(3, False), (4, True)])
def test_private_cdd_renewals(count, flagged):
    history = [private(C(i, date(2024, i, 1), date(2024, i, 28), previous_id=i - 1 if i > 1 else None))
               for i in range(1, count + 1)]
    assert ("private_cdd_too_many_renewals" in codes(history[-1], history)) == flagged


@pytest.mark.parametrize("start, flagged", [(date(2024, 8, 30), True), (date(2024, 8, 31), False)])
def test_waiting_period_is_a_third_of_the_previous_contract(start, flagged):
    first = private(C(1, date(2024, 1, 1), date(2024, 6, 30)))  # 182 days: wait 61 days, until 30 August
    second = private(C(2, start, date(2024, 12, 31)))
    assert ("waiting_period_not_respected" in codes(second, [first, second])) == flagged


def test_waiting_period_is_half_under_fourteen_days_and_only_on_the_same_post():
    first = private(C(1, date(2024, 3, 1), date(2024, 3, 10)))  # 10 days: wait 5 days
    assert "waiting_period_not_respected" in codes(private(C(2, date(2024, 3, 15), date(2024, 4, 1))),
                                                   [first, private(C(2, date(2024, 3, 15), date(2024, 4, 1)))])
    later = private(C(2, date(2024, 3, 16), date(2024, 4, 1)))
    assert "waiting_period_not_respected" not in codes(later, [first, later])
    other_post = replace(private(C(2, date(2024, 3, 12), date(2024, 4, 1))), position_id=2)
    assert "waiting_period_not_respected" not in codes(other_post, [first, other_post])


@pytest.mark.parametrize("last_day, flagged", [(date(2025, 12, 31), False), (date(2026, 1, 1), True)])
def test_pec_over_twenty_four_months(last_day, flagged):
    first = C(1, date(2024, 1, 1), date(2024, 12, 31), ContractType.PEC, Sector.PRIVATE_NONPROFIT)
    renewal = C(2, date(2025, 1, 1), last_day, ContractType.PEC, Sector.PRIVATE_NONPROFIT, previous_id=1)
    assert ("pec_over_max" in codes(renewal, [first, renewal])) == flagged


@pytest.mark.parametrize(
    "end, decision, flagged",
    [(AS_OF + timedelta(days=30), None, True), (AS_OF + timedelta(days=31), None, False),
     (AS_OF, None, True), (AS_OF - timedelta(days=1), None, False), (AS_OF + timedelta(days=10), "renew", False)],
)
def test_end_near_without_decision(end, decision, flagged):
    contract = C(1, date(2026, 1, 1), end, state="active", renewal_decision=decision)
    assert ("end_near_no_decision" in codes(contract, [contract])) == flagged


@pytest.mark.parametrize(
    "actual, paid, promised, promised_paid, flagged",
    [
        (SupervisionFrequency.MONTHLY, True, SupervisionFrequency.MONTHLY, True, False),
        (SupervisionFrequency.QUARTERLY, True, SupervisionFrequency.MONTHLY, True, True),
        (SupervisionFrequency.WEEKLY, True, SupervisionFrequency.MONTHLY, True, False),
        (SupervisionFrequency.MONTHLY, False, SupervisionFrequency.MONTHLY, True, True),
        (SupervisionFrequency.NONE, False, SupervisionFrequency.NONE, False, False),
        (SupervisionFrequency.NONE, False, None, None, False),
    ],
)
def test_supervision_commitment_not_kept(actual, paid, promised, promised_paid, flagged):
    contract = C(1, date(2026, 1, 1), None, ContractType.CDI_PUBLIC, supervision_frequency=actual,
                 supervision_paid_time=paid, promised_supervision_frequency=promised,
                 promised_supervision_paid_time=promised_paid, state="active")
    assert ("supervision_not_kept" in codes(contract, [contract])) == flagged


def test_every_rule_has_a_declared_code_and_a_basis():
    assert len(precarity.PERSON_RULES) == len(precarity.PERSON_FLAG_CODES)
    first = private(C(1, date(2024, 1, 1), date(2024, 1, 31)))
    flags = precarity.contract_flags(first, [first], AS_OF, T)
    assert all(f.code in precarity.PERSON_FLAG_CODES and f.basis for f in flags)

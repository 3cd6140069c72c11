"""Precarity flags: one pure function per rule of DOMAIN.md, thresholds from configuration.

Posting-level rules look at what a position offers. Each rule takes the terms and the thresholds
and returns a Flag or None; `posting_flags` runs them all. Person-level rules (a contract history
at one employer) belong here too, with the contracts.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from flask_babel import format_date
from flask_babel import gettext as _

from pairjobs.domain.calendar import add_months, exclusive_end, lasts_more_than
from pairjobs.labels import CONTRACT_TYPES
from pairjobs.models.organization import Sector
from pairjobs.models.position import ContractType, FundingKind, SupervisionFrequency


class Severity(enum.StrEnum):
    """How serious a flag is; the order is critical, warning, info."""

    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"critical": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Flag:
    """One reason why a posting or a contract is precarious."""

    code: str
    severity: Severity
    label: str
    basis: str

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity.value, "label": self.label, "basis": self.basis}


class PostingTerms(Protocol):
    """What a posting offers (a Position satisfies it)."""

    sector: Sector
    contract_type: ContractType
    duration_months: int | None
    fte_percent: int
    weekly_hours: float
    salary_min: int | None
    salary_max: int | None
    pay_grid: str | None
    funding_kind: FundingKind
    funding_ends_on: date | None
    supervision_frequency: SupervisionFrequency
    supervision_paid_time: bool
    peer_team_size: int


Thresholds = Mapping[str, int]

# INSEE's "formes particulières d'emploi" (CDD, intérim, apprentissage, emplois aidés), plus the
# public contrat de projet and vacation (DOMAIN.md, "Precarity flags").
PRECARIOUS_FORMS = frozenset(
    {
        ContractType.CDD_PUBLIC, ContractType.CDD, ContractType.INTERIM, ContractType.APPRENTISSAGE,
        ContractType.PROFESSIONNALISATION, ContractType.PEC, ContractType.CONTRAT_PROJET, ContractType.VACATION,
    }
)


def precarious_form(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """A contract of a precarious form (INSEE list, contrat de projet, vacation)."""
    if terms.contract_type not in PRECARIOUS_FORMS:
        return None
    kind = CONTRACT_TYPES[terms.contract_type]
    if terms.duration_months:
        label = _("%(kind)s of %(months)d months", kind=kind, months=terms.duration_months)
    else:
        label = _("%(kind)s: a precarious form of employment", kind=kind)
    return Flag(
        "precarious_form", Severity.WARNING, label,
        "INSEE, formes particulières d'emploi (CDD, intérim, apprentissage, emplois aidés) ; "
        "contrat de projet (CGFP L332-24) ; vacation",
    )


def very_short_fixed_term(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """A fixed term shorter than the very-short threshold (INSEE's "contrats courts", 3 months)."""
    limit = thresholds["very_short_term_months"]
    if terms.duration_months is None or not terms.contract_type.is_fixed_term or terms.duration_months >= limit:
        return None
    return Flag(
        "very_short_fixed_term", Severity.CRITICAL,
        _("Very short contract: under %(n)d months", n=limit),
        "INSEE, contrats courts (moins de 3 mois)",
    )


def short_fixed_term(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """A fixed term shorter than the short threshold (12 months), but not very short."""
    limit, very_short = thresholds["short_term_months"], thresholds["very_short_term_months"]
    if terms.duration_months is None or not terms.contract_type.is_fixed_term:
        return None
    if not very_short <= terms.duration_months < limit:
        return None
    return Flag(
        "short_fixed_term", Severity.WARNING,
        _("Short contract: under %(n)d months", n=limit),
        "Seuil pairjobs configurable (12 mois par défaut)",
    )


def low_fte(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """Working time below the low-FTE threshold (50 %)."""
    limit = thresholds["low_fte_percent"]
    if terms.fte_percent >= limit:
        return None
    return Flag(
        "low_fte", Severity.WARNING,
        _("Part time at %(fte)d%% (under %(limit)d%%)", fte=terms.fte_percent, limit=limit),
        "Seuil pairjobs configurable (50 % par défaut)",
    )


def private_part_time_below_minimum(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """Private-sector part time under the legal weekly minimum (24 h) unless an exception applies."""
    limit = thresholds["private_min_weekly_hours"]
    if terms.sector is Sector.PUBLIC or terms.weekly_hours >= limit:
        return None
    return Flag(
        "part_time_below_legal_minimum", Severity.WARNING,
        _("Under %(n)d hours a week: below the legal minimum unless an exception applies", n=limit),
        "Code du travail L3123-27 (dérogations L3123-7)",
    )


def no_supervision(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """No supervision committed."""
    if terms.supervision_frequency is not SupervisionFrequency.NONE:
        return None
    return Flag(
        "no_supervision", Severity.CRITICAL, _("No supervision planned"),
        "Pratique d'intégration des pairs-aidants ; guide HAS 2020 sur l'engagement des usagers",
    )


def infrequent_supervision(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """Supervision less often than monthly."""
    yearly = terms.supervision_frequency.per_year
    if yearly == 0 or yearly >= SupervisionFrequency.MONTHLY.per_year:
        return None
    return Flag(
        "infrequent_supervision", Severity.WARNING, _("Supervision less than once a month"),
        "Indicateur de suivi ARS : supervision au moins mensuelle",
    )


def supervision_outside_paid_time(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """Supervision committed, but not within paid working time."""
    if terms.supervision_frequency is SupervisionFrequency.NONE or terms.supervision_paid_time:
        return None
    return Flag(
        "supervision_outside_paid_time", Severity.WARNING, _("Supervision outside paid working time"),
        "Pratique d'intégration : supervision sur le temps de travail rémunéré",
    )


def lone_peer_worker(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """No other peer worker in the team."""
    if terms.peer_team_size > 0:
        return None
    return Flag(
        "lone_peer_worker", Severity.WARNING, _("Only peer worker in the team"),
        "Pratique d'intégration : ne pas être le seul pair-aidant de l'équipe",
    )


def grant_funded(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """A post paid by a time-limited grant (an ARS call for projects, for example)."""
    if terms.funding_kind is not FundingKind.GRANT:
        return None
    if terms.funding_ends_on:
        label = _("Funded by a time-limited grant, until %(date)s",
                  date=format_date(terms.funding_ends_on, "long"))
    else:
        label = _("Funded by a time-limited grant")
    return Flag("grant_funded", Severity.WARNING, label, "Financement non pérenne (appel à projets, subvention)")


def salary_not_stated(terms: PostingTerms, thresholds: Thresholds) -> Flag | None:
    """Neither an amount nor a pay-grid reference is given."""
    if terms.salary_min is not None or terms.salary_max is not None or (terms.pay_grid or "").strip():
        return None
    return Flag(
        "salary_not_stated", Severity.INFO, _("Pay not stated"),
        "Guide HAS 2020 : une juste reconnaissance, rémunération comprise",
    )


POSTING_RULES: tuple[Callable[[PostingTerms, Thresholds], Flag | None], ...] = (
    precarious_form,
    very_short_fixed_term,
    short_fixed_term,
    low_fte,
    private_part_time_below_minimum,
    no_supervision,
    infrequent_supervision,
    supervision_outside_paid_time,
    lone_peer_worker,
    grant_funded,
    salary_not_stated,
)

POSTING_FLAG_CODES = (
    "precarious_form", "very_short_fixed_term", "short_fixed_term", "low_fte", "part_time_below_legal_minimum",
    "no_supervision", "infrequent_supervision", "supervision_outside_paid_time", "lone_peer_worker",
    "grant_funded", "salary_not_stated",
)


def posting_flags(terms: PostingTerms, thresholds: Thresholds) -> list[Flag]:
    """Every posting-level flag that applies, the most serious first."""
    flags = [flag for rule in POSTING_RULES if (flag := rule(terms, thresholds)) is not None]
    return sorted(flags, key=lambda f: f.severity.rank)


# --- Person-level rules: a contract seen within its person's history at one employer. ---


class ContractRecord(Protocol):
    """What the person-level rules read of a contract (a Contract satisfies it)."""

    id: int
    previous_id: int | None
    position_id: int | None
    contract_type: ContractType
    sector: Sector
    start_date: date
    end_date: date | None
    state: object
    renewal_decision: object
    supervision_frequency: SupervisionFrequency
    supervision_paid_time: bool
    promised_supervision_frequency: SupervisionFrequency | None
    promised_supervision_paid_time: bool | None


def _last_day(contract: ContractRecord, as_of: date) -> date:
    """The contract's last day, or as_of for an open-ended one."""
    return contract.end_date if contract.end_date is not None else as_of


def _chain(contract: ContractRecord, history: Sequence[ContractRecord]) -> list[ContractRecord]:
    """The contract and those it renews, oldest first."""
    by_id = {c.id: c for c in history}
    chain = [contract]
    while chain[0].previous_id is not None and chain[0].previous_id in by_id and len(chain) <= len(history):
        chain.insert(0, by_id[chain[0].previous_id])
    return chain


def _same_type_chain(contract: ContractRecord, history: Sequence[ContractRecord]) -> list[ContractRecord]:
    """The renewals of the contract that are of its own type, oldest first (the contract included)."""
    return [c for c in _chain(contract, history) if c.contract_type is contract.contract_type]


def _chain_lasts_more_than(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                           months: int) -> bool:
    """Whether the contract and its same-type renewals run longer than `months`."""
    first = _same_type_chain(contract, history)[0]
    return lasts_more_than(first.start_date, _last_day(contract, as_of), months)


def public_cdi_due(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                   thresholds: Thresholds) -> Flag | None:
    """Six years of public fixed-term service (gaps of 4 months or less kept) call for a CDI."""
    if contract.contract_type is not ContractType.CDD_PUBLIC:
        return None
    gap, limit = thresholds["service_gap_months"], thresholds["public_cdi_due_months"]
    run_start: date | None = None
    previous_end: date | None = None
    service_days = 0
    for c in sorted(history, key=lambda c: c.start_date):
        if c.contract_type is not ContractType.CDD_PUBLIC or c.start_date > contract.start_date:
            continue
        if previous_end is None or c.start_date > add_months(exclusive_end(previous_end), gap):
            run_start, service_days = c.start_date, 0  # a longer gap breaks the count
        last = min(_last_day(c, as_of), as_of)
        if last >= c.start_date:
            # Calendar time served; part time counts as full time (CGFP L332-17).
            service_days += (exclusive_end(last) - c.start_date).days
        previous_end = max(previous_end or last, last)
    if run_start is None or service_days < (add_months(run_start, limit) - run_start).days:
        return None
    return Flag(
        "public_cdi_due", Severity.CRITICAL,
        _("A permanent contract is due: %(n)d years of public fixed-term service",
          n=thresholds["public_cdi_due_months"] // 12),
        "CGFP L332-17 (ex-loi 86-33 art. 9) : après 6 ans de services, tout nouveau contrat est un CDI",
    )


def public_cdd_over_three_years(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                                thresholds: Thresholds) -> Flag | None:
    """A single public CDD longer than 3 years."""
    limit = thresholds["public_cdd_max_months"]
    if contract.contract_type is not ContractType.CDD_PUBLIC or contract.end_date is None:
        return None
    if not lasts_more_than(contract.start_date, contract.end_date, limit):
        return None
    return Flag(
        "public_cdd_over_max", Severity.CRITICAL,
        _("Public fixed-term contract longer than %(n)d years", n=limit // 12),
        "CGFP L332-17 : un CDD dure au plus 3 ans (renouvelable jusqu'à 6 ans)",
    )


def private_cdd_over_max(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                         thresholds: Thresholds) -> Flag | None:
    """A private CDD whose renewals take it past 18 months."""
    limit = thresholds["private_cdd_max_months"]
    if contract.contract_type is not ContractType.CDD or not _chain_lasts_more_than(contract, history, as_of, limit):
        return None
    return Flag(
        "private_cdd_over_max", Severity.CRITICAL,
        _("Fixed-term contract over %(n)d months, renewals included", n=limit),
        "Code du travail L1242-8-1 : 18 mois au plus, renouvellements compris (par défaut)",
    )


def private_cdd_too_many_renewals(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                                  thresholds: Thresholds) -> Flag | None:
    """A private CDD renewed more than twice."""
    limit = thresholds["private_cdd_max_renewals"]
    if contract.contract_type is not ContractType.CDD:
        return None
    renewals = len(_same_type_chain(contract, history)) - 1
    if renewals <= limit:
        return None
    return Flag(
        "private_cdd_too_many_renewals", Severity.CRITICAL,
        _("Fixed-term contract renewed %(n)d times (at most %(limit)d)", n=renewals, limit=limit),
        "Code du travail L1243-13-1 : deux renouvellements au plus (par défaut)",
    )


def waiting_period_not_respected(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                                 thresholds: Thresholds) -> Flag | None:
    """A new private CDD on the same post before a third (half under 14 days) of the previous one has passed."""
    if contract.contract_type is not ContractType.CDD or contract.previous_id is not None:
        return None
    earlier = [
        c for c in history
        if c.id != contract.id and c.contract_type is ContractType.CDD and c.end_date is not None
        and c.position_id is not None and c.position_id == contract.position_id and c.end_date < contract.start_date
    ]
    if not earlier:
        return None
    last = max(earlier, key=lambda c: c.end_date)
    days = (exclusive_end(last.end_date) - _same_type_chain(last, history)[0].start_date).days
    waiting = -(-days // 3) if days >= 14 else -(-days // 2)
    if contract.start_date >= exclusive_end(last.end_date) + timedelta(days=waiting):
        return None
    return Flag(
        "waiting_period_not_respected", Severity.WARNING,
        _("New fixed-term contract on the same post before the waiting period (%(n)d days)", n=waiting),
        "Code du travail L1244-3-1 : délai de carence d'un tiers de la durée du contrat précédent",
    )


def pec_over_max(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                 thresholds: Thresholds) -> Flag | None:
    """A subsidised contract (PEC) past 24 months, renewals included."""
    limit = thresholds["pec_max_months"]
    if contract.contract_type is not ContractType.PEC or not _chain_lasts_more_than(contract, history, as_of, limit):
        return None
    return Flag(
        "pec_over_max", Severity.CRITICAL,
        _("Subsidised contract (PEC) over %(n)d months", n=limit),
        "Code du travail L5134-25 : 24 mois au plus",
    )


def end_near_without_decision(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                              thresholds: Thresholds) -> Flag | None:
    """An active fixed term ending within 30 days with no renewal decision recorded."""
    days = thresholds["decision_notice_days"]
    if getattr(contract.state, "value", contract.state) != "active" or contract.end_date is None:
        return None
    if contract.renewal_decision is not None or not as_of <= contract.end_date <= as_of + timedelta(days=days):
        return None
    return Flag(
        "end_near_no_decision", Severity.WARNING,
        _("Ends within %(n)d days with no renewal decision recorded", n=days),
        "Délai de prévenance du renouvellement (décret 91-155 art. 41, à vérifier)",
    )


def supervision_not_kept(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                         thresholds: Thresholds) -> Flag | None:
    """The supervision in place is below what the position promised."""
    promised = contract.promised_supervision_frequency
    if promised is None:
        return None
    less_often = contract.supervision_frequency.per_year < promised.per_year
    unpaid = bool(contract.promised_supervision_paid_time) and not contract.supervision_paid_time
    if not (less_often or unpaid):
        return None
    return Flag(
        "supervision_not_kept", Severity.WARNING, _("Supervision below what the position promised"),
        "Engagement de supervision de l'offre comparé à la supervision en place",
    )


PERSON_RULES = (
    public_cdi_due,
    public_cdd_over_three_years,
    private_cdd_over_max,
    private_cdd_too_many_renewals,
    waiting_period_not_respected,
    pec_over_max,
    end_near_without_decision,
    supervision_not_kept,
)

PERSON_FLAG_CODES = (
    "public_cdi_due", "public_cdd_over_max", "private_cdd_over_max", "private_cdd_too_many_renewals",
    "waiting_period_not_respected", "pec_over_max", "end_near_no_decision", "supervision_not_kept",
)


def contract_flags(contract: ContractRecord, history: Sequence[ContractRecord], as_of: date,
                   thresholds: Thresholds) -> list[Flag]:
    """Every person-level flag of a contract within its history, the most serious first."""
    flags = [f for rule in PERSON_RULES if (f := rule(contract, history, as_of, thresholds)) is not None]
    return sorted(flags, key=lambda f: f.severity.rank)

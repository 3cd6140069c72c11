"""Precarity flags: one pure function per rule of DOMAIN.md, thresholds from configuration.

Posting-level rules look at what a position offers. Each rule takes the terms and the thresholds
and returns a Flag or None; `posting_flags` runs them all. Person-level rules (a contract history
at one employer) belong here too, with the contracts.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from flask_babel import format_date
from flask_babel import gettext as _

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

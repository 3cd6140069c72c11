"""Posting-level rules: what a position offers (or a contract's own terms), one pure function each."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from pairjobs.domain.precarity import registry
from pairjobs.domain.precarity.base import PRACTICE, Finding, Flag, Severity, Thresholds, sort_flags
from pairjobs.domain.precarity.registry import POSTING, rule
from pairjobs.infra.dates import long_date
from pairjobs.models.organization import Sector
from pairjobs.models.position import CddReason, ContractType, FundingKind, SupervisionFrequency


class PostingTerms(Protocol):
    """What a posting offers (a Position satisfies it, and so do a Contract and the monitoring's
    frozen rows). The rules only read it: read-only members accept properties and narrower types."""

    @property
    def sector(self) -> Sector: ...
    @property
    def contract_type(self) -> ContractType: ...
    @property
    def duration_months(self) -> int | None: ...
    @property
    def fte_percent(self) -> int: ...
    @property
    def weekly_hours(self) -> float: ...
    @property
    def salary_min(self) -> int | None: ...
    @property
    def salary_max(self) -> int | None: ...
    @property
    def pay_grid(self) -> str | None: ...
    @property
    def funding_kind(self) -> FundingKind: ...
    @property
    def funding_ends_on(self) -> date | None: ...
    @property
    def supervision_frequency(self) -> SupervisionFrequency: ...
    @property
    def supervision_paid_time(self) -> bool: ...
    @property
    def peer_team_size(self) -> int: ...
    @property
    def idcc(self) -> str | None: ...
    # What only a contract says (None or False on a posting).
    @property
    def cdd_reason(self) -> CddReason | None: ...
    @property
    def part_time_at_employee_request(self) -> bool: ...
    @property
    def contract_days(self) -> int | None: ...


# INSEE's "formes particulières d'emploi" (CDD, intérim, apprentissage, emplois aidés), plus the
# public contrat de projet and vacation (DOMAIN.md, "Precarity flags").
PRECARIOUS_FORMS = frozenset(
    {
        ContractType.CDD_PUBLIC, ContractType.CDD, ContractType.INTERIM, ContractType.APPRENTISSAGE,
        ContractType.PROFESSIONNALISATION, ContractType.PEC, ContractType.CONTRAT_PROJET,
        ContractType.VACATION,
    }
)


@rule("precarious_form", Severity.WARNING, "practice",
      name=_l("Precarious form of employment"), level=POSTING)
def precarious_form(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """A contract of a precarious form (INSEE list, contrat de projet, vacation)."""
    if terms.contract_type not in PRECARIOUS_FORMS:
        return None
    kind = terms.contract_type.label
    if terms.duration_months:
        label = ngettext("%(kind)s of %(num)d month", "%(kind)s of %(num)d months", terms.duration_months,
                         kind=kind)
    else:
        label = _("%(kind)s: a precarious form of employment", kind=kind)
    return Finding(label,
        "INSEE, formes particulières d'emploi (CDD, intérim, apprentissage, emplois aidés) ; "
        "contrat de projet (CGFP L332-24) ; vacation",
    )


@rule("very_short_fixed_term", Severity.CRITICAL, "practice", name=_l("Very short fixed term"), level=POSTING)
def very_short_fixed_term(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """A fixed term shorter than the very-short threshold (INSEE's "contrats courts", 3 months)."""
    limit = thresholds["very_short_term_months"]
    if (terms.duration_months is None or not terms.contract_type.is_fixed_term
            or terms.duration_months >= limit):
        return None
    return Finding(_("Very short contract: under %(n)d months", n=limit),
        "INSEE, contrats courts (moins de 3 mois)",
    )


@rule("short_fixed_term", Severity.WARNING, "practice", name=_l("Short fixed term"), level=POSTING)
def short_fixed_term(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """A fixed term shorter than the short threshold (12 months), but not very short."""
    limit, very_short = thresholds["short_term_months"], thresholds["very_short_term_months"]
    if terms.duration_months is None or not terms.contract_type.is_fixed_term:
        return None
    if not very_short <= terms.duration_months < limit:
        return None
    return Finding(_("Short contract: under %(n)d months", n=limit),
        f"{PRACTICE} : seuil de 12 mois par défaut",
    )


@rule("low_fte", Severity.WARNING, "practice", name=_l("Low working time"), level=POSTING)
def low_fte(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """Working time below the low-FTE threshold (50 %)."""
    limit = thresholds["low_fte_percent"]
    if terms.fte_percent >= limit:
        return None
    return Finding(_("Part time at %(fte)d%% (under %(limit)d%%)", fte=terms.fte_percent, limit=limit),
        f"{PRACTICE} : seuil de 50 % par défaut",
    )


def part_time_minimum(terms: PostingTerms, thresholds: Thresholds) -> float | None:
    """The weekly minimum that applies to the terms, or None when no minimum applies (L3123-7 cases)."""
    if terms.contract_type is ContractType.PEC:
        return thresholds["pec_min_weekly_hours"]  # L5134-26, whatever the employer's sector
    if terms.sector is Sector.PUBLIC or terms.contract_type.is_public:
        return None  # no legal part-time minimum in the public service
    if terms.part_time_at_employee_request:
        return None  # L3123-7: at the employee's written request
    if terms.cdd_reason in (CddReason.REPLACEMENT, CddReason.REPLACEMENT_NO_FIXED_END):
        return None  # L3123-7: replacement of an absent employee
    if terms.contract_days is not None and terms.contract_days <= thresholds["part_time_exempt_max_days"]:
        return None  # L3123-7: contracts of seven days or less
    agreement = thresholds["idcc"].get(terms.idcc or "", {})
    return agreement.get("part_time_min_weekly_hours", thresholds["private_min_weekly_hours"])


@rule("part_time_below_legal_minimum", Severity.WARNING, "legal",
      name=_l("Part time below the legal minimum"), level=POSTING)
def part_time_below_legal_minimum(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """Part time under the weekly minimum: the collective agreement's (24 h by default), 20 h for a PEC."""
    minimum = part_time_minimum(terms, thresholds)
    if minimum is None or terms.weekly_hours >= minimum:
        return None
    hours = f"{minimum:g}"
    if terms.contract_type is ContractType.PEC:
        return Finding(
            _("Subsidised contract (PEC) under %(n)s hours a week, unless the aid decision allows it",
              n=hours),
            "Code du travail L5134-26 (CUI-CAE : 20 heures par semaine au moins, sauf décision "
            "d'attribution)",
        )
    if terms.idcc and "part_time_min_weekly_hours" in thresholds["idcc"].get(terms.idcc, {}):
        basis = (f"Code du travail L3123-19 et accord de branche (IDCC {terms.idcc}) ; dérogations L3123-7 "
                 "(version en vigueur depuis le 1er septembre 2023)")
    else:
        basis = ("Code du travail L3123-27 (version issue de la loi n° 2016-1088), à défaut d'accord de "
                 "branche (L3123-19) ; dérogations L3123-7 (version en vigueur depuis le 1er septembre 2023)")
    return Finding(_("Under %(n)s hours a week: below the legal minimum unless an exception applies",
                  n=hours), basis)


@rule("no_supervision", Severity.CRITICAL, "practice", name=_l("No supervision"), level=POSTING)
def no_supervision(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """No supervision committed."""
    if terms.supervision_frequency is not SupervisionFrequency.NONE:
        return None
    return Finding(_("No supervision planned"),
        f"{PRACTICE} : pratique d'intégration des pairs-aidants ; cf. guide HAS 2020 sur l'engagement des "
        "usagers",
    )


@rule("infrequent_supervision", Severity.WARNING, "practice",
      name=_l("Infrequent supervision"), level=POSTING)
def infrequent_supervision(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """Supervision less often than monthly."""
    yearly = terms.supervision_frequency.per_year
    if yearly == 0 or yearly >= SupervisionFrequency.MONTHLY.per_year:
        return None
    return Finding(_("Supervision less than once a month"),
        f"{PRACTICE} : supervision au moins mensuelle (seuil pairjobs)",
    )


@rule("supervision_outside_paid_time", Severity.WARNING, "practice",
      name=_l("Supervision outside paid time"), level=POSTING)
def supervision_outside_paid_time(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """Supervision committed, but not within paid working time."""
    if terms.supervision_frequency is SupervisionFrequency.NONE or terms.supervision_paid_time:
        return None
    return Finding(_("Supervision outside paid working time"),
        f"{PRACTICE} : supervision sur le temps de travail rémunéré",
    )


@rule("lone_peer_worker", Severity.WARNING, "practice",
      name=_l("Lone peer worker in the team"), level=POSTING)
def lone_peer_worker(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """No other peer worker in the team."""
    if terms.peer_team_size > 0:
        return None
    return Finding(_("Only peer worker in the team"),
        f"{PRACTICE} : ne pas être le seul pair-aidant de l'équipe",
    )


@rule("grant_funded", Severity.WARNING, "practice", name=_l("Funded by a time-limited grant"), level=POSTING)
def grant_funded(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """A post paid by a time-limited grant (an ARS call for projects, for example)."""
    if terms.funding_kind is not FundingKind.GRANT:
        return None
    if terms.funding_ends_on:
        label = _("Funded by a time-limited grant, until %(date)s",
                  date=long_date(terms.funding_ends_on, "long"))
    else:
        label = _("Funded by a time-limited grant")
    return Finding(label,
                f"{PRACTICE} : financement non pérenne (appel à projets, subvention)")


@rule("salary_not_stated", Severity.INFO, "practice", name=_l("Salary not stated"), level=POSTING)
def salary_not_stated(terms: PostingTerms, thresholds: Thresholds) -> Finding | None:
    """Neither an amount nor a pay-grid reference is given."""
    if terms.salary_min is not None or terms.salary_max is not None or (terms.pay_grid or "").strip():
        return None
    return Finding(_("Pay not stated"),
        f"{PRACTICE} : cf. guide HAS 2020, une juste reconnaissance, rémunération comprise",
    )


POSTING_RULES = registry.rules(POSTING)
POSTING_FLAG_CODES = registry.codes(POSTING)


def posting_flags(terms: PostingTerms, thresholds: Thresholds) -> list[Flag]:
    """Every posting-level flag that applies, the most serious first."""
    return sort_flags([flag for r in POSTING_RULES if (flag := r.check(terms, thresholds)) is not None])

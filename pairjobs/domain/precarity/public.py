"""Public-law rules (Code général de la fonction publique, décret n° 91-155): one pure function each."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from pairjobs.domain.precarity import spans
from pairjobs.domain.precarity.base import CGFP, Finding, Severity, Thresholds
from pairjobs.domain.precarity.facts import ContractFacts, Situation, same_kind_chain
from pairjobs.domain.precarity.registry import PERSON, rule
from pairjobs.infra.calendar import add_months, lasts_more_than, months_long, whole_months
from pairjobs.infra.dates import long_date
from pairjobs.models.organization import Sector
from pairjobs.models.position import ContractType, LegalBasis

NOTICE_DECREE = "Décret n° 91-155 du 6 février 1991, art. 41 (rédaction en vigueur en 2026)"


def _counts_towards_six_years(c: ContractFacts, judged: ContractFacts) -> bool:
    """Contracts of L332-15 to L332-20 and L332-23 (not contrat de projet, not vacation), same category."""
    return (c.contract_type is ContractType.CDD_PUBLIC and c.legal_basis is not None
            and c.sector is Sector.PUBLIC and c.category == judged.category)


def service_run(s: Situation, thresholds: Thresholds) -> list[spans.Interval]:
    """The run of services the judged public CDD belongs to, up to its end: the union of the counted
    contracts' intervals (overlaps count once; part time counts as full time), an interruption of 4 months
    or less (neutral periods not counted) keeping the run going."""
    judged = s.contract
    if judged.contract_type is not ContractType.CDD_PUBLIC or judged.end_date is None:
        return []
    intervals = [(c.start_date, c.end_date or judged.end_date) for c in s.history
                 if _counts_towards_six_years(c, judged) and c.start_date <= judged.end_date]
    merged = spans.merge(spans.clip(intervals, judged.end_date))
    neutral = [(date.fromisoformat(a),
                date.fromisoformat(b)) for a, b in thresholds["service_neutral_periods"]]

    def keeps_going(last_day: date, next_day: date) -> bool:
        # An interruption of at most 4 months, not counting the neutral periods within it.
        interruption_end = next_day - timedelta(days=spans.neutral_days(last_day, next_day, neutral))
        return interruption_end <= add_months(last_day + timedelta(days=1), thresholds["service_gap_months"])

    for run in spans.runs(merged, keeps_going):
        if run[0][0] <= judged.start_date <= run[-1][1]:
            return run
    return []


def six_years_reached_on(s: Situation, thresholds: Thresholds) -> date | None:
    """The day the judged contract's run of services reaches six years, if it does by the contract's end."""
    run = service_run(s, thresholds)
    if not run:
        return None
    start = run[0][0]
    return spans.day_reaching(run, (add_months(start, thresholds["public_cdi_due_months"]) - start).days)


def cdi_due_on(s: Situation, thresholds: Thresholds) -> date | None:
    """The day a permanent-need CDD (L332-15/16) becomes due as a CDI: when the run of services reaches six
    years by its end. The other bases (replacement, vacancy, L332-23) count towards the six years but their
    own contracts are never converted."""
    if s.contract.legal_basis is not LegalBasis.PERMANENT_NEED:
        return None
    return six_years_reached_on(s, thresholds)


@rule("public_cdi_due", Severity.CRITICAL, "legal",
      name=_l("Permanent contract due (six years)"), level=PERSON)
def public_cdi_due(s: Situation, thresholds: Thresholds) -> Finding | None:
    """Six years of public services at the legal entity in one category: a permanent-need contract concluded
    or renewed then is a CDI, and one running when they are reached is deemed a CDI."""
    reached = cdi_due_on(s, thresholds)
    if reached is None:
        return None
    years = thresholds["public_cdi_due_months"] // 12
    if reached < s.contract.start_date:
        label = _("Permanent contract due: %(n)d years of public service reached on %(date)s, before this "
                  "fixed-term contract began", n=years, date=long_date(reached, "long"))
    else:
        label = _("Deemed a permanent contract: %(n)d years of public service are reached on %(date)s, "
                  "before this fixed-term contract ends", n=years, date=long_date(reached, "long"))
    return Finding(label,
        f"CGFP L332-17 ({CGFP}) : après 6 ans de services dans le même établissement et la même catégorie "
        "hiérarchique, tout contrat conclu ou renouvelé pour un besoin permanent (L332-15 et L332-16) est à "
        "durée indéterminée ; le CDD en cours est réputé CDI",
    )


def _per_contract_and_total(s: Situation, per_contract: int, total: int) -> tuple | None:
    c = s.contract  # judged as signed: an earlier end does not make a contract lawful
    if c.term_date is None:  # no limit to exceed without an end
        return None
    if lasts_more_than(c.start_date, c.term_date, per_contract):
        return ("contract", per_contract, whole_months(c.start_date, c.term_date))
    links = same_kind_chain(c, s.history, key=lambda x: x.legal_basis)
    first, last = links[0], links[-1]
    if last.term_date and lasts_more_than(first.start_date, last.term_date, total):
        return ("total", total, whole_months(first.start_date, last.term_date))
    return None


def _within_any_window(s: Situation, basis: LegalBasis, months: int, window: int) -> bool:
    """Whether the person's contracts of this basis cover more than `months` within some `window` months
    that include a day of the judged contract (older windows judge older contracts).

    The covered days of a sliding window change direction only where its first day meets a contract's
    first day or its last day a contract's last day: those windows, and the first and last windows that
    reach the judged contract, are the ones to check."""
    c = s.contract
    if c.end_date is None:
        return False
    intervals = spans.merge((x.start_date, x.end_date) for x in s.history
                            if x.contract_type is ContractType.CDD_PUBLIC and x.legal_basis is basis
                            and x.end_date is not None)

    def first_day_of_window_ending(last: date) -> date:
        return add_months(last + timedelta(days=1), -window)

    earliest, latest = first_day_of_window_ending(c.start_date), c.end_date
    candidates = {earliest, latest} | {a for a, _ in intervals} | {first_day_of_window_ending(b)
                                                                    for _, b in intervals}
    return any(sum(months_long(a, b) for a, b in spans.clip_between(
        intervals, start, add_months(start, window) - timedelta(days=1))) > months
               for start in candidates if earliest <= start <= latest)


@rule("public_cdd_over_max", Severity.CRITICAL, "legal",
      name=_l("Public fixed term over its maximum"), level=PERSON)
def public_cdd_over_max(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A public fixed term beyond the limit of its legal basis (or a contrat de projet outside 1 to 6
    years)."""
    c = s.contract
    limits = thresholds["public_cdd_limits"]
    if c.end_date is None:
        return None
    if c.contract_type is ContractType.CONTRAT_PROJET:
        low, high = limits["contrat_projet"]["min_months"], limits["contrat_projet"]["total_months"]
        links = same_kind_chain(c, s.history)  # as signed: an early end does not shorten a project
        first, last_day = links[0].start_date, links[-1].term_date or c.end_date
        if lasts_more_than(first, last_day, high):
            label = _("Project contract over %(n)d years in total, renewals included", n=high // 12)
        elif last_day + timedelta(days=1) < add_months(first, low):
            label = _("Project contract shorter than %(n)d months", n=low)
        else:
            return None
        return Finding(label,
                    f"CGFP L332-24 à L332-26 ({CGFP}) : contrat de projet d'un an au moins et de six ans "
                    "au plus, renouvellements compris")
    if c.contract_type is not ContractType.CDD_PUBLIC or c.legal_basis is None:
        return None
    rule = limits.get(c.legal_basis.value, {})
    name = c.legal_basis.label
    if "contract_months" in rule:
        found = _per_contract_and_total(s, rule["contract_months"], rule["total_months"])
        if found is None:
            return None
        scope, limit, months = found
        if scope == "contract":
            label = _("%(basis)s: a contract of %(months)d months, at most %(limit)d",
                      basis=name, months=months,
                      limit=limit)
        else:
            label = _("%(basis)s: %(months)d months in total, renewals included, at most %(limit)d",
                      basis=name, months=months, limit=limit)
        article = {"permanent_need": "L332-17 : trois ans au plus par contrat, six ans au plus en tout",
                   "vacancy": "L332-20 : un an au plus, prolongeable jusqu'à deux ans en tout"
                   }.get(c.legal_basis.value, "")
        return Finding(label, f"CGFP {article} ({CGFP})")
    if "months" in rule:
        if not _within_any_window(s, c.legal_basis, rule["months"], rule["within_months"]):
            return None
        label = _("%(basis)s: more than %(months)d months within %(window)d consecutive months", basis=name,
                  months=rule["months"], window=rule["within_months"])
        article = ("L332-23 1° : accroissement temporaire, 12 mois au plus sur 18 mois consécutifs"
                   if c.legal_basis is LegalBasis.TEMPORARY_INCREASE else
                   "L332-23 2° : accroissement saisonnier, 6 mois au plus sur 12 mois consécutifs")
        return Finding(label, f"CGFP {article} ({CGFP})")
    return None  # replacement (L332-19): as long as the absence, no cap


def notice_period_end(s: Situation, thresholds: Thresholds) -> tuple[date, str]:
    """The last day to notify the renewal intention of a public contract, and the notice as words."""
    c = s.contract
    if c.end_date is None:
        raise ValueError("a contract without an end date has no notice period")
    links = same_kind_chain(c, [x for x in s.history if x.start_date <= c.start_date or x.id == c.id])
    first = links[0]
    scale = thresholds["public_notice"]
    if cdi_due_on(s, thresholds) is not None:
        months = scale["cdi_possible_months"]
        return add_months(c.end_date, -months), ngettext("%(num)d month", "%(num)d months", months)
    length = whole_months(first.start_date, c.end_date)
    if length < 6:
        days = scale["under_6_months_days"]
        return c.end_date - timedelta(days=days), ngettext("%(num)d day", "%(num)d days", days)
    months = scale["under_2_years_months"] if length < 24 else scale["from_2_years_months"]
    return add_months(c.end_date, -months), ngettext("%(num)d month", "%(num)d months", months)

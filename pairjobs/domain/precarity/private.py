"""Private-law rules (Code du travail): CDD limits, waiting period, PEC. One pure function each."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from pairjobs.domain.precarity.base import CODE_DU_TRAVAIL_2017, Finding, Severity, Thresholds
from pairjobs.domain.precarity.facts import ContractFacts, Situation, chain, same_kind_chain
from pairjobs.domain.precarity.registry import PERSON, rule
from pairjobs.infra.calendar import lasts_more_than, opening_days_between, whole_months
from pairjobs.models.contract import EndReason
from pairjobs.models.organization import Sector
from pairjobs.models.position import CddReason, ContractType


def cdd_limits(reason: CddReason | None, idcc: str | None, thresholds: Thresholds) -> dict:
    """The maximum length and renewals of a private CDD for its reason: the collective agreement's where
    configuration has them, else the Code du travail's."""
    key = reason.value if reason else "default"
    legal = thresholds["private_cdd_limits"]
    limits = dict(legal["default"]) | legal.get(key, {})
    agreement = thresholds["idcc"].get(idcc or "", {}).get("private_cdd_limits", {})
    return limits | agreement.get("default", {}) | agreement.get(key, {})


def _private_cdd_chain(s: Situation) -> list[ContractFacts] | None:
    c = s.contract
    if c.contract_type is not ContractType.CDD or c.sector is Sector.PUBLIC:
        return None
    return same_kind_chain(c, s.history)


def _reason_words(reason: CddReason | None) -> str:
    return reason.label if reason else _("reason not recorded")


@rule("private_cdd_over_max", Severity.CRITICAL, "legal",
      name=_l("Private fixed term over its maximum"), level=PERSON)
def private_cdd_over_max(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A private CDD chain (renewals signed to start later included) longer than its reason allows."""
    links = _private_cdd_chain(s)
    if links is None:
        return None
    limit = cdd_limits(s.contract.cdd_reason, s.idcc, thresholds)["max_months"]
    first, last = links[0].start_date, links[-1].term_date  # as signed
    if limit is None or last is None or not lasts_more_than(first, last, limit):
        return None
    return Finding(
        _("Fixed-term contract (%(reason)s) of %(months)d months, renewals included: at most %(limit)d",
          reason=_reason_words(s.contract.cdd_reason), months=whole_months(first, last), limit=limit),
        f"Code du travail L1242-8-1 ({CODE_DU_TRAVAIL_2017}) : 18 mois par défaut, 9 mois dans l'attente "
        "d'un CDI, sauf accord de branche ; pas de maximum pour un remplacement sans terme précis (L1242-7)",
    )


@rule("private_cdd_too_many_renewals", Severity.CRITICAL, "legal",
      name=_l("Too many renewals of a private fixed term"), level=PERSON)
def private_cdd_too_many_renewals(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A private CDD renewed more often than allowed (renewals signed to start later included)."""
    links = _private_cdd_chain(s)
    if links is None:
        return None
    limit = cdd_limits(s.contract.cdd_reason, s.idcc, thresholds)["max_renewals"]
    renewals = len(links) - 1
    if limit is None or renewals <= limit:
        return None
    return Finding(ngettext("Fixed-term contract renewed %(num)d time (at most %(limit)d)",
                            "Fixed-term contract renewed %(num)d times (at most %(limit)d)", renewals,
                            limit=limit),
        f"Code du travail L1243-13-1 ({CODE_DU_TRAVAIL_2017}) : deux renouvellements au plus, sauf accord "
        "de branche",
    )


WAITING_EXEMPT_REASONS = (CddReason.SEASONAL, CddReason.USAGE)
REPLACEMENTS = (CddReason.REPLACEMENT, CddReason.REPLACEMENT_NO_FIXED_END)
WAITING_EXEMPT_ENDS = (EndReason.RESIGNATION, EndReason.RENEWAL_REFUSED)
SUCCESSIVE_TYPES = (ContractType.CDD, ContractType.INTERIM)


def waiting_period_days(length_days: int) -> float:
    """The waiting period, in opening days: a third of the previous contract, half under 14 days."""
    return length_days / 3 if length_days >= 14 else length_days / 2


@rule("waiting_period_not_respected", Severity.WARNING, "legal",
      name=_l("Waiting period not respected"), level=PERSON)
def waiting_period_not_respected(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A new CDD or temp contract on the same post, whoever fills it, before the waiting period has passed."""
    c = s.contract
    if c.contract_type not in SUCCESSIVE_TYPES or c.sector is Sector.PUBLIC or c.post is None:
        return None
    if c.cdd_reason in WAITING_EXEMPT_REASONS:
        return None  # L1244-4-1 3°: seasonal work, CDD d'usage
    if not thresholds["idcc"].get(s.idcc or "", {}).get("waiting_period_applies", True):
        return None  # a branch agreement may set aside the waiting period (L1244-4)
    own = {x.id for x in chain(c, s.history)}
    earlier = [x for x in s.post_history if c.post.same_as(x.post) and x.id not in own
               and x.contract_type in SUCCESSIVE_TYPES and x.end_date is not None
               and x.end_date < c.start_date]
    if not earlier:
        return None
    last = max(earlier, key=lambda x: (x.end_date, x.id))
    if last.end_date is None:  # never: `earlier` has end dates only
        return None
    links = same_kind_chain(last, s.post_history)
    if any(x.start_date > last.start_date for x in links):
        links = links[:links.index(last) + 1]  # its renewals after the new contract began do not count
    if last.end_reason in WAITING_EXEMPT_ENDS:
        return None  # L1244-4-1 6° and 7°: early end at the employee's initiative, renewal refused
    if c.cdd_reason in REPLACEMENTS and last.cdd_reason in REPLACEMENTS:
        # L1244-4-1 1°: a new absence of the person replaced. Whom a CDD replaced is not recorded: a
        # replacement following a replacement is given the benefit of the doubt, never one following
        # another reason (it cannot be a *new* absence of a person the previous contract replaced).
        return None
    length = (last.end_date - links[0].start_date).days + 1
    needed = waiting_period_days(length)
    elapsed = opening_days_between(last.end_date, c.start_date, s.opening_days)
    if elapsed >= needed:
        return None
    return Finding(
        _("New fixed-term or temp contract on the same post after %(elapsed)d opening days: the waiting "
          "period is %(needed)s opening days", elapsed=elapsed, needed=f"{needed:.3g}".replace(".", ",")),
        f"Code du travail L1244-3 et L1244-3-1 ({CODE_DU_TRAVAIL_2017}) : délai de carence d'un tiers de la "
        "durée du contrat précédent, renouvellements compris (la moitié sous 14 jours), en jours "
        "d'ouverture ; exceptions de L1244-4-1",
    )


@rule("pec_over_max", Severity.CRITICAL, "legal",
      name=_l("Subsidised contract (PEC) over its maximum"), level=PERSON)
def pec_over_max(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A subsidised contract (PEC) past 24 months, renewals included, or 60 under L5134-25-1."""
    c = s.contract
    if c.contract_type is not ContractType.PEC:
        return None
    links = same_kind_chain(c, s.history)
    extended = any(x.extended_duration for x in links)
    limit = thresholds["pec_extended_max_months"] if extended else thresholds["pec_max_months"]
    first, last = links[0].start_date, links[-1].term_date  # as signed
    if last is None or not lasts_more_than(first, last, limit):
        return None
    if extended:
        label = _("Subsidised contract (PEC) over %(n)d months, extended duration (L5134-25-1) included",
                  n=limit)
    else:
        label = _("Subsidised contract (PEC) over %(n)d months, renewals included", n=limit)
    return Finding(label,
        "Code du travail L5134-25 et L5134-25-1 (CUI-CAE : 24 mois au plus, renouvellements compris ; "
        "jusqu'à 5 ans en durée dérogatoire)",
    )


@rule("pec_under_min", Severity.WARNING, "legal",
      name=_l("Subsidised contract (PEC) under its minimum"), level=PERSON)
def pec_under_min(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A subsidised contract (PEC) first signed for less than 6 months."""
    c = s.contract
    if c.contract_type is not ContractType.PEC or c.end_date is None:
        return None
    links = same_kind_chain(c, s.history)
    first = links[0]
    if (first.term_date is None  # the length it was signed for, whatever its actual end
            or whole_months(first.start_date, first.term_date) >= thresholds["pec_min_months"]):
        return None
    return Finding(
        _("Subsidised contract (PEC) signed for less than %(n)d months", n=thresholds["pec_min_months"]),
        "Code du travail L5134-23 (CUI-CAE : six mois au moins)",
    )

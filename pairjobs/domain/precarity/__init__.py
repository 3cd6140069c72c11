"""Precarity flags: one pure function per rule of DOMAIN.md, thresholds from configuration.

Posting-level rules (`posting`) look at what a position offers, or at a contract's own terms.
Person-level rules (`public`, `private`, `ends`) look at a contract within what was known on a day:
its person's contracts at the legal entity and the contracts of its post (`facts.Situation`).
Every flag carries a code, a severity, a label and its basis (the article and the version of the text).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from pairjobs.domain.precarity import ends, private, public
from pairjobs.domain.precarity.base import Flag, Rule, Severity, Thresholds, sort_flags
from pairjobs.domain.precarity.facts import Situation, situation
from pairjobs.domain.precarity.posting import (
    POSTING_FLAG_CODES,
    POSTING_RULES,
    PRECARIOUS_FORMS,
    PostingTerms,
    posting_flags,
)

PERSON_RULES: tuple[Rule, ...] = (
    Rule("public_cdi_due", Severity.CRITICAL, public.public_cdi_due),
    Rule("public_cdd_over_max", Severity.CRITICAL, public.public_cdd_over_max),
    Rule("private_cdd_over_max", Severity.CRITICAL, private.private_cdd_over_max),
    Rule("private_cdd_too_many_renewals", Severity.CRITICAL, private.private_cdd_too_many_renewals),
    Rule("waiting_period_not_respected", Severity.WARNING, private.waiting_period_not_respected),
    Rule("pec_over_max", Severity.CRITICAL, private.pec_over_max),
    Rule("pec_under_min", Severity.WARNING, private.pec_under_min),
    Rule("end_near_no_decision", Severity.WARNING, ends.end_near_without_decision),
    Rule("fixed_term_overdue", Severity.CRITICAL, ends.fixed_term_overdue),
    Rule("supervision_not_kept", Severity.WARNING, ends.supervision_not_kept),
)
PERSON_FLAG_CODES = tuple(rule.code for rule in PERSON_RULES)


def person_flags(s: Situation, thresholds: Thresholds) -> list[Flag]:
    """Every person-level flag of a contract in its situation, the most serious first."""
    return sort_flags([f for rule in PERSON_RULES if (f := rule.check(s, thresholds)) is not None])


def contract_flags(contract: Any, history: Iterable[Any], post_history: Iterable[Any], as_of: date,
                   thresholds: Thresholds, *, opening_days: str, idcc: str | None) -> list[Flag]:
    """The person-level flags of a contract record on a day, from its person's history at the legal entity
    and its post's contracts (whatever was recorded after that day is left out)."""
    return person_flags(situation(contract, history, post_history, as_of, opening_days, idcc), thresholds)


__all__ = [
    "Flag", "PERSON_FLAG_CODES", "PERSON_RULES", "POSTING_FLAG_CODES", "POSTING_RULES", "PRECARIOUS_FORMS",
    "PostingTerms", "Rule", "Severity", "Situation", "contract_flags", "person_flags", "posting_flags", "situation",
]

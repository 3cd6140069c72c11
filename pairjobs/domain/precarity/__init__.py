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

# The rule modules register their rules (pairjobs.domain.precarity.registry) in this order: the order
# of the code lists, and of flags of equal severity.
from pairjobs.domain.precarity import ends, private, public, registry, supervision  # noqa: F401
from pairjobs.domain.precarity.base import Flag, Severity, Thresholds, sort_flags
from pairjobs.domain.precarity.facts import Situation, situation
from pairjobs.domain.precarity.posting import (
    POSTING_FLAG_CODES,
    POSTING_RULES,
    PRECARIOUS_FORMS,
    PostingTerms,
    posting_flags,
)
from pairjobs.domain.precarity.registry import PERSON, Rule

PERSON_RULES = registry.rules(PERSON)
PERSON_FLAG_CODES = registry.codes(PERSON)


def person_flags(s: Situation, thresholds: Thresholds) -> list[Flag]:
    """Every person-level flag of a contract in its situation, the most serious first."""
    return sort_flags([f for rule in PERSON_RULES if (f := rule.check(s, thresholds)) is not None])


def contract_flags(contract: Any, history: Iterable[Any], post_history: Iterable[Any], as_of: date,
                   thresholds: Thresholds, *, opening_days: str, idcc: str | None,
                   sessions: Iterable[Any] = ()) -> list[Flag]:
    """The person-level flags of a contract record on a day, from its person's history at the legal entity,
    its post's contracts and its supervision sessions (whatever was recorded after that day is left out)."""
    return person_flags(situation(contract, history, post_history, as_of, opening_days, idcc, sessions),
                        thresholds)


__all__ = [
    "Flag", "PERSON_FLAG_CODES", "PERSON_RULES", "POSTING_FLAG_CODES", "POSTING_RULES", "PRECARIOUS_FORMS",
    "PostingTerms", "Rule", "Severity", "Situation", "contract_flags", "person_flags",
    "posting_flags", "situation",
]

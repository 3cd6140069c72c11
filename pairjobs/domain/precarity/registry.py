"""The registry of the rules: each rule function is declared with `@rule(code, severity, basis, …)`,
and every list of codes, severities and names (reports, labels, API docs) is read from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from pairjobs.domain.precarity.base import Finding, Flag, Severity

POSTING = "posting"  # what a position offers, or a contract's own terms
PERSON = "person"  # a contract within its person's history and its post's


@dataclass(frozen=True)
class Rule:
    """A registered rule: its flag code, its most serious severity, the kind of its basis ("legal" for a
    rule of law, "practice" for a practice or a statistical definition), its name, its level, and the
    function that applies it."""

    code: str
    severity: Severity
    basis: str
    name: Any
    level: str
    check: Callable[..., Flag | None]


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, basis: str, *, name: Any, level: str):
    """Register a rule function under its flag code (in the order the rules are defined): it returns a
    Finding (label and basis) or None, and the registered rule the Flag with this code and severity."""
    if basis not in ("legal", "practice") or level not in (POSTING, PERSON):
        raise ValueError(f"rule {code}: basis {basis!r}, level {level!r}")

    def register(find: Callable[..., Finding | None]) -> Callable[..., Flag | None]:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")

        @wraps(find)
        def check(*args: Any, **kwargs: Any) -> Flag | None:
            found = find(*args, **kwargs)
            return None if found is None else Flag(code, severity, found.label, found.basis)

        RULES[code] = Rule(code, severity, basis, name, level, check)
        return check

    return register


def rules(level: str) -> tuple[Rule, ...]:
    """The rules of a level, in their registration order."""
    return tuple(r for r in RULES.values() if r.level == level)


def codes(level: str | None = None) -> tuple[str, ...]:
    """The flag codes (of one level)."""
    return tuple(r.code for r in RULES.values() if level is None or r.level == level)


def names() -> dict[str, Any]:
    """Each flag code with its translatable name."""
    return {r.code: r.name for r in RULES.values()}

"""How many positions each value of a filter would give, the other filters of the search kept.

The positions the words (and the minimum pay, which has no counts) give are read once, at most
`limit` + 1 of them (SEARCH_FACET_LIMIT), with the columns the filters look at; every count is then made
from these rows. Past the limit there are no counts (None): counting tens of thousands of positions for
each value cost a third of a second at national scale, for numbers nobody needs exactly.
`search_statement` stays the one definition of the filters: tests compare these counts with it, value by
value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from pairjobs.domain.search.nearby import communes_within
from pairjobs.domain.search.statement import (
    _UNBUILT,
    DEFAULT_RADIUS_KM,
    SearchQuery,
    published_from,
    search_statement,
)
from pairjobs.extensions import db
from pairjobs.models import Organization, Position, SupervisionFrequency
from pairjobs.models.position import STABLE_CONTRACT_TYPES

# The values the form offers for "working time at least", "published in the last N days" and distances.
FTE_STEPS = (50, 60, 80, 100)
PUBLISHED_STEPS = (1, 7, 14, 30)
RADIUS_STEPS = (10, 20, DEFAULT_RADIUS_KM, 50, 100)
COLUMNS = {"department": Position.department_code, "setting": Position.setting,
           "org_kind": Organization.kind, "contract_type": Position.contract_type,
           "fte": Position.fte_percent, "supervision": Position.supervision_frequency,
           "published_at": Position.published_at, "commune": Position.commune_code}
# Every filter that has counts, cleared: what remains are the words and the minimum pay.
_ALL_CLEARED: dict[str, Any] = {
    "department": None, "setting": None, "org_kind": None, "contract_types": [], "stable_only": False,
    "min_fte": None, "supervision": None, "published_since": None, "near": None, "radius_km": None}

Row = Any
Test = Callable[[Row], bool]


def _tests(query: SearchQuery, today: date) -> dict[str, Test]:
    """Each filter of the query as a test of a row (the same meaning as in `search_statement`)."""
    tests: dict[str, Test] = {}
    if query.department:
        tests["department"] = lambda r: r.department == query.department
    if query.setting:
        tests["setting"] = lambda r: r.setting == query.setting
    if query.org_kind:
        tests["org_kind"] = lambda r: r.org_kind == query.org_kind
    kinds = set(query.contract_types)
    if kinds:
        tests["contract_type"] = lambda r: r.contract_type in kinds
    if query.stable_only:
        tests["stable_only"] = lambda r: r.contract_type in STABLE_CONTRACT_TYPES
    if query.min_fte:
        tests["min_fte"] = lambda r: r.fte >= query.min_fte
    if query.supervision:
        level = query.supervision.per_year
        tests["supervision"] = lambda r: r.supervision.per_year >= level
    if query.published_since is not None:
        since = published_from(today, query.published_since)
        tests["published_since"] = lambda r: r.published_at is not None and r.published_at >= since
    if query.near:
        within = set(communes_within(query.near, query.radius))
        tests["near"] = lambda r: r.commune in within
    return tests


def facet_counts(query: SearchQuery, today: date, limit: int,
                 words: Any = _UNBUILT) -> dict[str, dict[str, int]] | None:
    """For each filter, value → number of positions if that value were chosen instead of the current one;
    None when the words give more than `limit` positions. `words` is the query's words condition when the
    caller built it.

    "At least" filters (working time, supervision) count the positions at or above each step.
    """
    base = search_statement(replace(query, **_ALL_CLEARED), today, words=words)
    rows = db.session.execute(base.with_only_columns(*(c.label(n) for n, c in COLUMNS.items()))
                              .order_by(None).limit(limit + 1)).all()
    if len(rows) > limit:
        return None
    tests = _tests(query, today)

    def kept(*own: str) -> list[Row]:
        """The rows that pass every filter but the named ones."""
        others = [test for name, test in tests.items() if name not in own]
        return [r for r in rows if all(test(r) for test in others)]

    def by(rows: list[Row], value: Callable[[Row], Any]) -> Counter:
        return Counter(getattr(v, "value", v) for v in map(value, rows))

    by_fte = by(kept("min_fte"), lambda r: r.fte)
    by_frequency = Counter(r.supervision for r in kept("supervision"))
    published = kept("published_since")
    stable = kept("stable_only")
    return {
        "department": dict(by(kept("department"), lambda r: r.department)),
        "setting": dict(by(kept("setting"), lambda r: r.setting)),
        "org_kind": dict(by(kept("org_kind"), lambda r: r.org_kind)),
        # With "stable jobs only" ticked, the other contract types count 0: ticking one gives nothing.
        "contract_type": dict(by(kept("contract_type"), lambda r: r.contract_type)),
        "stable_only": {"yes": sum(r.contract_type in STABLE_CONTRACT_TYPES for r in stable)},
        "min_fte": {str(step): sum(n for fte, n in by_fte.items() if fte >= step) for step in FTE_STEPS},
        "supervision": {f.value: sum(n for g, n in by_frequency.items() if g.per_year >= f.per_year)
                        for f in SupervisionFrequency if f is not SupervisionFrequency.NONE},
        "published_since": _by_publication(query, today, published),
        "radius_km": _by_distance(query, kept("near")),
    }


def _by_publication(query: SearchQuery, today: date, rows: list[Row]) -> dict[str, int]:
    """For each "published in the last N days" offered (and the one asked), the positions it gives."""
    asked = query.published_since
    steps = sorted({*PUBLISHED_STEPS, *([asked] if asked is not None else [])})
    return {str(days): sum(r.published_at is not None and r.published_at >= published_from(today, days)
                           for r in rows) for days in steps}


def _by_distance(query: SearchQuery, rows: list[Row]) -> dict[str, int]:
    """Near a commune, for each distance offered (and the one asked), the positions it gives."""
    if not query.near:
        return {}
    by_commune = Counter(r.commune for r in rows)
    steps = sorted({*RADIUS_STEPS, query.radius})
    return {str(km): sum(by_commune.get(c, 0) for c in communes_within(query.near, km)) for km in steps}


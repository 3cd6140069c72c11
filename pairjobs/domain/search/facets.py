"""How many positions each value of a filter would give, the other filters of the search kept.

Every count is made from the sample of the search (`sample`): the positions its words give, read once.
Past the sample's limit there are no counts (None): counting tens of thousands of positions for each
value cost a third of a second at national scale, for numbers nobody needs exactly. Tests compare these
counts with `search_statement`, value by value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from pairjobs.domain.search.nearby import communes_within
from pairjobs.domain.search.sample import Row, Sample
from pairjobs.domain.search.statement import DEFAULT_RADIUS_KM, SearchQuery, published_from
from pairjobs.models import SupervisionFrequency
from pairjobs.models.position import STABLE_CONTRACT_TYPES

# The values the form offers for "working time at least", "published in the last N days" and distances.
FTE_STEPS = (50, 60, 80, 100)
PUBLISHED_STEPS = (1, 7, 14, 30)
RADIUS_STEPS = (10, 20, DEFAULT_RADIUS_KM, 50, 100)


def facet_counts(sample: Sample) -> dict[str, dict[str, int]] | None:
    """For each filter, value → number of positions if that value were chosen instead of the current one;
    None when the words give more positions than the sample holds.

    "At least" filters (working time, supervision) count the positions at or above each step.
    """
    if sample.rows is None:
        return None
    rows, query, today = sample.rows, sample.query, sample.today
    tests = sample.tests()

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
    since = {days: published_from(today, days) for days in steps}
    return {str(days): sum(r.published_at is not None and r.published_at >= since[days] for r in rows)
            for days in steps}


def _by_distance(query: SearchQuery, rows: list[Row]) -> dict[str, int]:
    """Near a commune, for each distance offered (and the one asked), the positions it gives."""
    if not query.near:
        return {}
    by_commune = Counter(r.commune for r in rows)
    steps = sorted({*RADIUS_STEPS, query.radius})
    return {str(km): sum(by_commune.get(c, 0) for c in communes_within(query.near, km)) for km in steps}


"""How many positions each value of a filter would give, the other filters of the search kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from pairjobs.domain.search.nearby import communes_within
from pairjobs.domain.search.statement import (
    DEFAULT_RADIUS_KM,
    SearchQuery,
    published_from,
    search_statement,
)
from pairjobs.extensions import db
from pairjobs.models import Organization, Position, SupervisionFrequency

# The values the form offers for "working time at least", "published in the last N days" and distances.
FTE_STEPS = (50, 60, 80, 100)
PUBLISHED_STEPS = (1, 7, 14, 30)
RADIUS_STEPS = (10, 20, DEFAULT_RADIUS_KM, 50, 100)


def _grouped(query: SearchQuery, today: date, column: Any) -> dict[Any, int]:
    """Counts by the column's value, for the query (whose own filter on that column the caller cleared)."""
    stmt = search_statement(query, today).with_only_columns(column, sa.func.count()).group_by(column)
    return {value: count for value, count in db.session.execute(stmt.order_by(None))}  # noqa: C416


def facet_counts(query: SearchQuery, today: date) -> dict[str, dict[str, int]]:
    """For each filter, value → number of positions if that value were chosen instead of the current one.

    "At least" filters (working time, supervision) count the positions at or above each step.
    """
    def plain(column: Any, **cleared: Any) -> dict[str, int]:
        counts = _grouped(replace(query, **cleared), today, column)
        return {getattr(v, "value", v): n for v, n in counts.items()}

    by_fte = _grouped(replace(query, min_fte=None), today, Position.fte_percent)
    by_frequency = _grouped(replace(query, supervision=None), today, Position.supervision_frequency)
    return {
        "department": plain(Position.department_code, department=None),
        "setting": plain(Position.setting, setting=None),
        "org_kind": plain(Organization.kind, org_kind=None),
        # With "stable jobs only" ticked, the other contract types count 0: ticking one gives nothing.
        "contract_type": plain(Position.contract_type, contract_types=[]),
        "stable_only": {"yes": db.session.scalar(search_statement(replace(query, stable_only=True), today)
                                                 .with_only_columns(sa.func.count()).order_by(None)) or 0},
        "min_fte": {str(step): sum(n for fte, n in by_fte.items() if fte >= step) for step in FTE_STEPS},
        "supervision": {f.value: sum(n for g, n in by_frequency.items() if g.per_year >= f.per_year)
                        for f in SupervisionFrequency if f is not SupervisionFrequency.NONE},
        "published_since": _by_publication(query, today),
        "radius_km": _by_distance(query, today),
    }


def _by_publication(query: SearchQuery, today: date) -> dict[str, int]:
    """For each "published in the last N days" offered (and the one asked), the positions it gives."""
    asked = [query.published_since] if query.published_since is not None else []
    steps = sorted({*PUBLISHED_STEPS, *asked})
    counts = [sa.func.count().filter(Position.published_at >= published_from(today, days)) for days in steps]
    row = db.session.execute(search_statement(replace(query, published_since=None), today)
                             .with_only_columns(*counts).order_by(None)).one()
    return {str(days): n for days, n in zip(steps, row, strict=True)}


def _by_distance(query: SearchQuery, today: date) -> dict[str, int]:
    """Near a commune, for each distance offered (and the one asked), the positions it gives."""
    if not query.near:
        return {}
    by_commune = _grouped(replace(query, near=None, radius_km=None), today, Position.commune_code)
    steps = sorted({*RADIUS_STEPS, query.radius})
    return {str(km): sum(by_commune.get(c, 0) for c in communes_within(query.near, km)) for km in steps}

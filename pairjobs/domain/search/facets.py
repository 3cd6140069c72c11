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
from pairjobs.domain.search.text import text_condition
from pairjobs.extensions import db
from pairjobs.models import Organization, Position, SupervisionFrequency

# The values the form offers for "working time at least", "published in the last N days" and distances.
FTE_STEPS = (50, 60, 80, 100)
PUBLISHED_STEPS = (1, 7, 14, 30)
RADIUS_STEPS = (10, 20, DEFAULT_RADIUS_KM, 50, 100)


class _Counts:
    """Statements of the query with one filter changed; the words' condition, which reads the index's
    vocabulary on SQLite, is built once for all of them (the words never change here)."""

    def __init__(self, query: SearchQuery, today: date):
        self.query, self.today = query, today
        self.words = text_condition(query.q) if query.q else None

    def statement(self, **changed: Any) -> sa.Select:
        return search_statement(replace(self.query, **changed), self.today, words=self.words).order_by(None)

    def grouped(self, column: Any, **changed: Any) -> dict[Any, int]:
        """Counts by the column's value (the caller clears the query's own filter on that column)."""
        stmt = self.statement(**changed).with_only_columns(column, sa.func.count()).group_by(column)
        return {value: count for value, count in db.session.execute(stmt)}  # noqa: C416


def facet_counts(query: SearchQuery, today: date) -> dict[str, dict[str, int]]:
    """For each filter, value → number of positions if that value were chosen instead of the current one.

    "At least" filters (working time, supervision) count the positions at or above each step.
    """
    counts = _Counts(query, today)

    def plain(column: Any, **cleared: Any) -> dict[str, int]:
        return {getattr(v, "value", v): n for v, n in counts.grouped(column, **cleared).items()}

    by_fte = counts.grouped(Position.fte_percent, min_fte=None)
    by_frequency = counts.grouped(Position.supervision_frequency, supervision=None)
    return {
        "department": plain(Position.department_code, department=None),
        "setting": plain(Position.setting, setting=None),
        "org_kind": plain(Organization.kind, org_kind=None),
        # With "stable jobs only" ticked, the other contract types count 0: ticking one gives nothing.
        "contract_type": plain(Position.contract_type, contract_types=[]),
        "stable_only": {"yes": db.session.scalar(counts.statement(stable_only=True)
                                                 .with_only_columns(sa.func.count())) or 0},
        "min_fte": {str(step): sum(n for fte, n in by_fte.items() if fte >= step) for step in FTE_STEPS},
        "supervision": {f.value: sum(n for g, n in by_frequency.items() if g.per_year >= f.per_year)
                        for f in SupervisionFrequency if f is not SupervisionFrequency.NONE},
        "published_since": _by_publication(counts),
        "radius_km": _by_distance(counts),
    }


def _by_publication(counts: _Counts) -> dict[str, int]:
    """For each "published in the last N days" offered (and the one asked), the positions it gives."""
    asked = counts.query.published_since
    steps = sorted({*PUBLISHED_STEPS, *([asked] if asked is not None else [])})
    columns = [sa.func.count().filter(Position.published_at >= published_from(counts.today, days))
               for days in steps]
    row = db.session.execute(counts.statement(published_since=None).with_only_columns(*columns)).one()
    return {str(days): n for days, n in zip(steps, row, strict=True)}


def _by_distance(counts: _Counts) -> dict[str, int]:
    """Near a commune, for each distance offered (and the one asked), the positions it gives."""
    query = counts.query
    if not query.near:
        return {}
    by_commune = counts.grouped(Position.commune_code, near=None, radius_km=None)
    steps = sorted({*RADIUS_STEPS, query.radius})
    return {str(km): sum(by_commune.get(c, 0) for c in communes_within(query.near, km)) for km in steps}

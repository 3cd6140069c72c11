"""The positions the words of a search give (with its minimum pay), read once when they are few: at most
`limit` + 1 of them (SEARCH_FACET_LIMIT), with the columns the filters look at. From these rows come the
counts beside the filters (`facets`) and, when they are all there, the page of results itself: a search
for rare words runs one query and loads twenty positions, instead of counting and sorting in SQL.
`search_statement` stays the one definition of the filters: tests compare both with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from pairjobs.domain.paging import Page, load_in_order
from pairjobs.domain.search.nearby import communes_within
from pairjobs.domain.search.statement import _UNBUILT, SearchQuery, published_from, search_statement
from pairjobs.domain.search.text import id_lists, text_condition
from pairjobs.extensions import db
from pairjobs.models import Organization, Position
from pairjobs.models.position import STABLE_CONTRACT_TYPES

COLUMNS = {
    "id": Position.id, "deadline": Position.deadline, "department": Position.department_code,
    "setting": Position.setting, "org_kind": Organization.kind, "contract_type": Position.contract_type,
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


@dataclass
class Sample:
    """The rows the words give, or None when there are more than the limit."""

    rows: list[Row] | None
    query: SearchQuery
    today: date

    def tests(self) -> dict[str, Test]:
        return _tests(self.query, self.today)

    def page(self) -> Page:
        """The page of results, from the rows (which must all be there)."""
        assert self.rows is not None
        tests = list(self.tests().values())
        found = [r for r in self.rows if all(test(r) for test in tests)]
        if self.query.sort == "deadline":
            found.sort(key=lambda r: -r.id)
            found.sort(key=lambda r: (r.deadline is None, r.deadline or date.min))
        else:
            found.sort(key=lambda r: (r.published_at is not None, r.published_at, r.id), reverse=True)
        start = (self.query.page - 1) * self.query.per_page
        ids = [r.id for r in found[start:start + self.query.per_page]]
        return Page(items=load_in_order(Position, ids, (joinedload(Position.organization),)),
                    total=len(found), page=self.query.page, per_page=self.query.per_page)


def read_sample(query: SearchQuery, today: date, limit: int, words: Any = _UNBUILT) -> Sample:
    """The positions the words and the minimum pay give, every filter with counts cleared; `words` is the
    query's words condition when the caller built it. Their ids are read first: past the limit (a common
    word, no words at all) the rows are not made."""
    cleared = replace(query, **_ALL_CLEARED)
    # Common words first read in part (SQLite): past the limit already with the newest ids of the words'
    # list in the index, they give more than it, without materializing a list of tens of thousands of ids
    # (10 ms at national scale for a word of most positions). Otherwise read in full below. Only for words
    # that make one list: the newest ids of several lists seldom meet, and the full reading would follow.
    if (query.q and db.engine.dialect.name == "sqlite" and id_lists(query.q) == 1
            and len(_ids(cleared, today, text_condition(query.q, first=PROBE * (limit + 1)), limit)) > limit):
        return Sample(None, query, today)
    ids = _ids(cleared, today, words, limit)
    if len(ids) > limit:
        return Sample(None, query, today)
    columns = (c.label(n) for n, c in COLUMNS.items())
    rows = db.session.execute(sa.select(*columns).join_from(Position, Organization,
                                                            Position.organization_id == Organization.id)
                              .where(Position.id.in_(ids))).all() if ids else []
    return Sample(list(rows), query, today)


PROBE = 4  # read_sample first reads this many times its limit from each list of the words' index


def _ids(cleared: SearchQuery, today: date, words: Any, limit: int) -> list[int]:
    """The ids of at most limit + 1 positions the words give, read from the words' index (they are few, or
    the limit stops the reading early)."""
    base = search_statement(cleared, today, words=words, words_lead=True).order_by(None)
    return list(db.session.scalars(base.with_only_columns(Position.id).limit(limit + 1)))

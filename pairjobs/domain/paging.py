"""One page of a select, with the number of matching rows counted in the same query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from pairjobs.extensions import db


@dataclass
class Page:
    """The rows of one page, and what is needed to link to the others."""

    items: list[Any]
    total: int
    page: int
    per_page: int
    more: bool = False  # more rows than `total`, which is then the cap of the count (`capped_page_of`)
    has_next: bool = False  # past a capped count: whether a row follows this page

    @property
    def pages(self) -> int:
        """How many pages; past a capped count, one more than this one while rows follow it."""
        known = max(1, -(-self.total // self.per_page))
        if self.more and self.has_next:
            return max(known, self.page + 1)
        return known


def _sort_key(clause) -> tuple[sa.ColumnElement, bool]:
    """An ORDER BY clause as (expression, descending)."""
    if isinstance(clause, UnaryExpression) and clause.modifier in (operators.desc_op, operators.asc_op):
        return clause.element, clause.modifier is operators.desc_op
    return clause, False


def _keyed(stmt: sa.Select, entity: Any, keys: list) -> sa.Select:
    """The select's ids with its sort keys (k0, k1…)."""
    return stmt.with_only_columns(entity.id.label("id"),
                                  *(expr.label(f"k{i}") for i, (expr, _) in enumerate(keys)),
                                  maintain_column_froms=True)


def _sort(rows: Any, keys: list) -> list:
    """The order of the sort keys, on a CTE or subquery made by `_keyed`."""
    return [rows.c[f"k{i}"].desc() if desc else rows.c[f"k{i}"].asc() for i, (_, desc) in enumerate(keys)]


def load_in_order(entity: Any, ids: list[int], options: tuple = ()) -> list[Any]:
    """The rows of these ids, in this order, loaded with the options (eager loads), in one statement."""
    if not ids:
        return []
    loaded = {item.id: item for item in db.session.scalars(sa.select(entity).where(entity.id.in_(ids))
                                                           .options(*options))}
    return [loaded[i] for i in ids]


def page_of(stmt: sa.Select, order: tuple, page: int, per_page: int, options: tuple = ()) -> Page:
    """A page of a select of one entity, loaded with the options (eager loads).

    The matching rows are found once, in a materialized common table expression holding their ids
    and sort keys; the page and the total (a window count) are read from it, then the page's rows are
    loaded. Materializing keeps PostgreSQL from walking a sort index row by row under the LIMIT: the
    count needs every match anyway, so it uses its bitmap (GIN and B-tree) plan.
    """
    entity = stmt.column_descriptions[0]["entity"]
    keys = [_sort_key(clause) for clause in order]
    matching = _keyed(stmt, entity, keys).order_by(None).cte("matching").prefix_with("MATERIALIZED")
    rows = db.session.execute(
        sa.select(matching.c.id, sa.func.count().over()).order_by(*_sort(matching, keys)).limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if not rows:  # past the last page (or nothing at all): count on its own
        total = db.session.execute(
            sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
        return Page(items=[], total=total, page=page, per_page=per_page)
    return Page(items=load_in_order(entity, [row[0] for row in rows], options), total=rows[0][1], page=page,
                per_page=per_page)


def capped_page_of(stmt: sa.Select, order: tuple, page: int, per_page: int, cap: int,
                   options: tuple = ()) -> Page:
    """A page of a select of one entity, with the count of its rows up to `cap` (`more` past it), for
    searches that match too many rows to count them exactly: the first cap + 1 rows in the order are read
    from the order's index, and the page and the count come from them in one statement. A page past the
    cap is read on its own (rare: fifty pages of twenty)."""
    entity = stmt.column_descriptions[0]["entity"]
    keys = [_sort_key(clause) for clause in order]
    first = _keyed(stmt, entity, keys).order_by(*order).limit(cap + 1).subquery("first_rows")
    offset = (page - 1) * per_page
    # One row more than the page: whether another page follows, which the capped count cannot tell.
    within = offset + per_page + 1 <= cap + 1
    rows = db.session.execute(sa.select(first.c.id, sa.func.count().over()).order_by(*_sort(first, keys))
                              .limit(per_page + 1).offset(offset)).all() if within else []
    if rows:
        ids, counted = [row[0] for row in rows], rows[0][1]
    else:  # past the last page, or a page that reaches the cap
        counted = db.session.execute(sa.select(sa.func.count()).select_from(first)).scalar_one()
        ids = list(db.session.scalars(stmt.with_only_columns(entity.id).order_by(*order).limit(per_page + 1)
                                      .offset(offset))) if offset < counted or counted > cap else []
    return Page(items=load_in_order(entity, ids[:per_page], options), total=min(counted, cap), page=page,
                per_page=per_page, more=counted > cap, has_next=len(ids) > per_page)

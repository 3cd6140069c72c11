"""One page of a select, with the number of matching rows counted in the same query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from pairjobs.extensions import db


@dataclass
class Page:
    """The rows of one page, and what is needed to link to the others."""

    items: list[Any]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_of(stmt: sa.Select, order: tuple, page: int, per_page: int, options: tuple = ()) -> Page:
    """A page of a select of one entity, loaded with the options (eager loads).

    The first query finds the page's ids and counts every match with a window count, so that the
    matching rows are found once and without the eager joins; the second loads the page's rows.
    """
    entity = stmt.column_descriptions[0]["entity"]
    rows = db.session.execute(
        stmt.with_only_columns(entity.id, sa.func.count().over(), maintain_column_froms=True)
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if not rows:  # past the last page (or nothing at all): count on its own
        total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
        return Page(items=[], total=total, page=page, per_page=per_page)
    ids = [row[0] for row in rows]
    loaded = {item.id: item for item in db.session.scalars(sa.select(entity).where(entity.id.in_(ids))
                                                           .options(*options))}
    return Page(items=[loaded[i] for i in ids], total=rows[0][1], page=page, per_page=per_page)

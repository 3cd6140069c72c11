"""page_of: the rows of one page in order, the total of every match, and the eager loads."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from pairjobs.domain.paging import page_of
from pairjobs.extensions import db
from pairjobs.models import Position
from tests import factories
from tests.sql import recorded_statements

NEWEST = (Position.published_at.desc(), Position.id.desc())
DEADLINE = (Position.deadline.is_(None), Position.deadline.asc(), Position.id.desc())


def board(accounts):
    positions = [factories.position(accounts.organization, accounts.employer,
                                    title=f"Poste {n}") for n in range(5)]
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for n, position in enumerate(positions):
        position.published_at = start + timedelta(days=n)
    positions[1].deadline = (start + timedelta(days=60)).date()
    positions[3].deadline = (start + timedelta(days=30)).date()
    db.session.commit()
    return positions


def test_pages_follow_the_order_and_count_every_match(app, accounts):
    positions = board(accounts)
    first = page_of(sa.select(Position), NEWEST, 1, 2)
    second = page_of(sa.select(Position), NEWEST, 2, 2)
    last = page_of(sa.select(Position), NEWEST, 3, 2)
    titles = [p.title for p in first.items + second.items + last.items]
    assert titles == [f"Poste {n}" for n in (4, 3, 2, 1, 0)]
    assert (first.total, first.pages, last.total) == (5, 3, 5)
    by_deadline = page_of(sa.select(Position), DEADLINE, 1, 3)
    assert [p.id for p in by_deadline.items] == [positions[3].id, positions[1].id, positions[4].id]


def test_a_filtered_select_and_a_page_past_the_end(app, accounts):
    board(accounts)
    filtered = sa.select(Position).where(Position.deadline.is_not(None))
    assert page_of(filtered, NEWEST, 1, 10).total == 2
    past = page_of(filtered, NEWEST, 5, 10)
    assert past.items == [] and past.total == 2 and past.pages == 1
    nothing = page_of(sa.select(Position).where(sa.false()), NEWEST, 1, 10)
    assert nothing.items == [] and nothing.total == 0


def test_the_page_is_loaded_with_its_eager_loads(app, accounts):
    board(accounts)
    expected = accounts.organization.name
    db.session.expunge_all()
    with recorded_statements(db.engine) as statements:
        page = page_of(sa.select(Position), NEWEST, 1, 5, options=(sa.orm.joinedload(Position.organization),))
        names = {p.organization.name for p in page.items}
    assert names == {expected}
    assert len(statements) == 2  # the ids with the total, then the rows with their organization

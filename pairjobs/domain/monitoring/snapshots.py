"""Recording, revising and publishing snapshots (pairjobs.models.snapshot), and today's figures computed
ahead; how their rows are stored and read back is pairjobs.domain.monitoring.stored.

A date's figures are recorded once; recording the date again is a revision, with a reason, and the
earlier revisions stay readable. Reports for a recorded date read its latest revision; open data
serves a date's latest *published* revision.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, ValidationFailed
from pairjobs.domain.monitoring import opendata
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.live import live_facts
from pairjobs.domain.monitoring.stored import facts_of, insert_rows, rows_of
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models.base import utcnow
from pairjobs.models.snapshot import Snapshot
from pairjobs.models.user import User


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_ends_between(after: date, up_to: date) -> list[date]:
    """Every last day of a month strictly after `after`, up to `up_to` included."""
    days, day = [], month_end(after)
    if day <= after:
        day = month_end(day + timedelta(days=1))
    while day <= up_to:
        days.append(day)
        day = month_end(day + timedelta(days=1))
    return days


def due_dates() -> list[date]:
    """The month-ends to record: since the last recorded date up to yesterday (only the last month-end
    when nothing is recorded yet: earlier dates are recorded one by one with --date)."""
    yesterday = today() - timedelta(days=1)
    last = last_recorded_day()
    if last is None:
        ends = month_ends_between(yesterday - timedelta(days=31), yesterday)
        return ends[-1:]
    return month_ends_between(last, yesterday)


def _recorded() -> sa.Select:
    """Recorded snapshots: not today's figures computed ahead (`live`)."""
    return sa.select(Snapshot).where(Snapshot.live.is_(False))


def last_recorded_day() -> date | None:
    return db.session.scalar(sa.select(sa.func.max(Snapshot.day)).where(Snapshot.live.is_(False)))


def latest(day: date, published: bool = False) -> Snapshot | None:
    """The latest revision of a date (of those published, if asked)."""
    stmt = _recorded().where(Snapshot.day == day)
    if published:
        stmt = stmt.where(Snapshot.published_at.is_not(None))
    return db.session.scalars(stmt.order_by(Snapshot.revision.desc()).limit(1)).first()


def revision(day: date, number: int) -> Snapshot | None:
    """One revision of a date."""
    return db.session.scalars(_recorded().where(Snapshot.day == day, Snapshot.revision == number)).first()


def recorded(snapshot_id: int) -> Snapshot | None:
    """A recorded snapshot by its id."""
    return db.session.scalars(_recorded().where(Snapshot.id == snapshot_id)).first()


def recorded_dates() -> list[date]:
    return list(db.session.scalars(sa.select(Snapshot.day).where(Snapshot.live.is_(False))
                                   .distinct().order_by(Snapshot.day)))


def published_dates() -> list[date]:
    return list(db.session.scalars(sa.select(Snapshot.day).where(Snapshot.published_at.is_not(None),
                                                                 Snapshot.live.is_(False))
                                   .distinct().order_by(Snapshot.day)))


def every_revision() -> list[Snapshot]:
    return list(db.session.scalars(_recorded().order_by(Snapshot.day.desc(), Snapshot.revision.desc())))


def record(day: date, by: User | None = None, revise: bool = False, reason: str | None = None,
           publish: bool = False, month_ends_only: bool = False) -> Snapshot:
    """Freeze the facts of a past date as its first revision, or as a new revision (`revise`, with a
    reason). Monitors record month-ends only (`month_ends_only`): figures of two days in a row would
    date a person's contract to the day. The caller commits: the snapshot and its rows are one
    transaction."""
    reason = (reason or "").strip() or None
    if day >= today():
        raise ValidationFailed({"date": [_("A snapshot is of a past date: yesterday at the latest.")]})
    if day.year < 2000:
        raise ValidationFailed({"date": [_("Choose a date from the year 2000 on.")]})
    if month_ends_only and day != month_end(day):
        raise ValidationFailed({"date": [_("Choose the last day of a month.")]})
    if reason and len(reason) > 500:
        raise ValidationFailed({"reason": [_("At most 500 characters.")]})
    current = latest(day)
    if current is not None and not revise:
        raise Conflict(_("%(date)s is already recorded (revision %(revision)d): record it again as a "
                         "revision, with its reason.", date=day.isoformat(), revision=current.revision))
    if current is not None and not reason:
        raise ValidationFailed({"reason": [_("A revision needs its reason.")]})
    if current is None and revise:
        raise ValidationFailed({"date": [_("%(date)s is not recorded yet: there is nothing to revise. Record "
                                           "it first.", date=day.isoformat())]})
    number = (current.revision + 1) if current else 1
    # Everything is computed before the first write: on SQLite a write holds the database's single writer
    # lock until the commit, and the computation takes seconds at national scale.
    facts = live_facts(day)
    rows = rows_of(facts)
    open_data = _open_data(day, number, facts) if publish else None
    snapshot = Snapshot(day=day, revision=number, reason=reason, taken_by_id=by.id if by else None,
                        taken_at=utcnow())
    db.session.add(snapshot)
    db.session.flush()
    insert_rows(snapshot.id, rows)
    if open_data is not None:
        snapshot.open_data, snapshot.open_data_threshold = open_data
        snapshot.published_at = utcnow()
    return snapshot


def computed_today() -> Snapshot | None:
    """Today's figures computed ahead (`compute_today`), if they are of today."""
    return db.session.scalars(sa.select(Snapshot).where(Snapshot.live.is_(True), Snapshot.day == today())
                              .order_by(Snapshot.id.desc()).limit(1)).first()


def compute_today(source_key: str) -> Snapshot | None:
    """Compute today's facts and the figures of every scope ahead of the requests, as a snapshot marked
    `live` that replaces the previous one; None when the figures of today were computed from the same
    records and release (`source_key`) already. The caller commits: the figures and their rows are one
    transaction, so that the dashboard reads either the old figures or the new ones."""
    current = computed_today()
    if current is not None and current.source_key == source_key:
        return None
    day, started = today(), utcnow()
    rows = rows_of(live_facts(day))  # computed before the first write, as in `record`
    db.session.execute(sa.delete(Snapshot).where(Snapshot.live.is_(True)))  # their rows by cascade
    snapshot = Snapshot(day=day, revision=0, live=True, source_key=source_key, taken_at=started)
    db.session.add(snapshot)
    db.session.flush()
    insert_rows(snapshot.id, rows)
    return snapshot


def publish_snapshot(snapshot: Snapshot, facts: Facts | None = None) -> None:
    """Publish a revision as open data: its file is made once, here, and served as it is from then on.
    Every cell suppressed in an earlier published revision of the date stays suppressed, so that two
    revisions cannot be compared to find it."""
    if snapshot.published_at is not None:
        return
    snapshot.open_data, snapshot.open_data_threshold = _open_data(snapshot.day, snapshot.revision,
                                                                  facts or facts_of(snapshot))
    snapshot.published_at = utcnow()


def _open_data(day: date, revision: int, facts: Facts) -> tuple[str, int]:
    """The open-data file of a revision and its threshold."""
    if day != month_end(day):  # fixed tables at fixed dates: no day-to-day differencing
        raise ValidationFailed({"date": [_("Only the figures of a month's last day are published as open "
                                           "data.")]})
    threshold = current_app.config["OPEN_DATA_MIN_COUNT"]
    earlier = db.session.scalars(sa.select(Snapshot.open_data).where(
        Snapshot.day == day, Snapshot.revision < revision, Snapshot.open_data.is_not(None)))
    keep = {cell for text in earlier if text is not None for cell in opendata.suppressed_cells(text)}
    return opendata.to_csv(opendata.table(facts, threshold, keep)), threshold

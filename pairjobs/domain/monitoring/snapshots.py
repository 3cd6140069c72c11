"""Recording, revising, publishing and reading snapshots (pairjobs.models.snapshot).

A date's figures are recorded once; recording the date again is a revision, with a reason, and the
earlier revisions stay readable. Reports for a recorded date read its latest revision; open data
serves a date's latest *published* revision.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from dataclasses import asdict, fields
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, ValidationFailed
from pairjobs.domain.monitoring import opendata
from pairjobs.domain.monitoring.breakdowns import by_name, department_rows, organization_rows, ranked_row
from pairjobs.domain.monitoring.facts import (
    ContractFact,
    Facts,
    FlowFact,
    Place,
    PositionFact,
    decode_flags,
    encode_flags,
)
from pairjobs.domain.monitoring.indicators import share, values
from pairjobs.domain.monitoring.live import live_facts
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models.base import utcnow
from pairjobs.models.snapshot import (
    Snapshot,
    SnapshotContract,
    SnapshotFlow,
    SnapshotOrganization,
    SnapshotPosition,
    SnapshotReport,
)
from pairjobs.models.user import User

PLACE_FIELDS = tuple(f.name for f in fields(Place))
BATCH = 2000


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
    rows = _rows_of(facts)
    open_data = _open_data(day, number, facts) if publish else None
    snapshot = Snapshot(day=day, revision=number, reason=reason, taken_by_id=by.id if by else None,
                        taken_at=utcnow())
    db.session.add(snapshot)
    db.session.flush()
    _insert_rows(snapshot.id, rows)
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
    rows = _rows_of(live_facts(day))  # computed before the first write, as in `record`
    db.session.execute(sa.delete(Snapshot).where(Snapshot.live.is_(True)))  # their rows by cascade
    snapshot = Snapshot(day=day, revision=0, live=True, source_key=source_key, taken_at=started)
    db.session.add(snapshot)
    db.session.flush()
    _insert_rows(snapshot.id, rows)
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


def _rows(items, encode) -> list[dict]:
    return [{k: getattr(i.place, k) for k in PLACE_FIELDS} | encode(i) for i in items]


def _fact_values(item) -> dict:
    values = {k: v for k, v in asdict(item).items() if k != "place"}
    if "flags" in values:
        values["flags"] = encode_flags(item.flags)
    return values


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(sa.insert(model), rows[start:start + BATCH])


def _rows_of(facts: Facts) -> dict[type, list[dict]]:
    """Every row a snapshot stores of its facts, by model, without the snapshot's id: the facts, the
    figures of every scope and each scope's organizations."""
    reports, organizations = [], []
    for (d, s, k), scoped in _scopes(facts).items():
        scope = {"department_code": d, "sector": s, "org_kind": k}
        values = figures(scoped, d or None)
        reports.append(scope | {part: _json(value) for part, value in values.items()})
        organizations += organization_records(scope, values["organizations"])
    return {SnapshotContract: _rows(facts.contracts, _fact_values),
            SnapshotPosition: _rows(facts.positions, _fact_values),
            SnapshotFlow: _rows(facts.flows, _fact_values),
            SnapshotReport: reports, SnapshotOrganization: organizations}


def _insert_rows(snapshot_id: int, rows: dict[type, list[dict]]) -> None:
    for model, items in rows.items():
        _insert(model, [{"snapshot_id": snapshot_id} | item for item in items])


def _scopes(facts: Facts) -> dict[tuple[str, str, str], Facts]:
    """The facts of every scope that has any: each fact belongs to its department or all, its sector or
    all, its kind of organization or all ("" stands for all)."""
    buckets: dict[tuple[str, str, str], Facts] = defaultdict(lambda: Facts(facts.as_of))
    for name in ("contracts", "positions", "flows"):
        for item in getattr(facts, name):
            p = item.place
            for department in (p.department_code, ""):
                for sector in (p.sector, ""):
                    for kind in (p.org_kind, ""):
                        getattr(buckets[(department, sector, kind)], name).append(item)
    return buckets


def figures(facts: Facts, department: str | None) -> dict:
    """What a dashboard shows of a scope, from the scope's facts: the summary's values, the departments'
    rows and the organizations' rows."""
    return {"summary": values(facts), "departments": department_rows(facts, department),
            "organizations": organization_rows(facts)}


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def organization_records(scope: dict, rows: list[dict]) -> list[dict]:
    """The SnapshotOrganization rows of a scope's organizations (`scope`: the scope's columns, with the
    snapshot's id or not)."""
    return [scope | {"contracts": row["contracts"], "name_order": place, "row": _json(row),
                     "flagged_share": share(row["flagged_contracts"], row["contracts"]) or 0}
            for place, row in enumerate(by_name(rows))]


def organization_page(snapshot: Snapshot, scope: Scope, minimum: int, page: int = 1,
                      per_page: int | None = None) -> tuple[list[dict], int]:
    """One page of a scope's organizations ranked from `minimum` contracts (all of them without
    `per_page`; the order of breakdowns.rank_organizations, sorted by the database), and how many there
    are."""
    org = SnapshotOrganization
    where = (org.snapshot_id == snapshot.id, org.department_code == (scope.department or ""),
             org.sector == (scope.sector.value if scope.sector else ""),
             org.org_kind == (scope.org_kind.value if scope.org_kind else ""))
    ranked = org.contracts >= minimum
    stmt = sa.select(org.row).where(*where).order_by(
        sa.case((ranked, 0), else_=1), sa.case((ranked, org.flagged_share), else_=0).desc(),
        org.contracts.desc(), org.name_order)
    start = (page - 1) * (per_page or 0)
    if per_page is not None:
        stmt = stmt.limit(per_page).offset(start)
    rows = [ranked_row(json.loads(row), minimum, start + n) for n, row in enumerate(db.session.scalars(stmt))]
    if per_page is None:
        return rows, len(rows)
    return rows, db.session.scalar(sa.select(sa.func.count()).select_from(org).where(*where)) or 0


FIGURES = ("summary", "departments", "organizations")


def frozen(snapshot: Snapshot, scope: Scope, parts: tuple[str, ...] = FIGURES) -> dict | None:
    """The figures of a scope recorded with the snapshot, those asked for only (None: the scope has no
    fact)."""
    row = db.session.execute(sa.select(*(getattr(SnapshotReport, p) for p in parts)).where(
        SnapshotReport.snapshot_id == snapshot.id, SnapshotReport.department_code == (scope.department or ""),
        SnapshotReport.sector == (scope.sector.value if scope.sector else ""),
        SnapshotReport.org_kind == (scope.org_kind.value if scope.org_kind else ""))).first()
    return {part: json.loads(text) for part, text in zip(parts, row, strict=True)} if row else None


def _restrict(model, stmt: sa.Select, scope: Scope | None) -> sa.Select:
    if scope is None:
        return stmt
    if scope.department:
        stmt = stmt.where(model.department_code == scope.department)
    if scope.sector:
        stmt = stmt.where(model.sector == scope.sector.value)
    if scope.org_kind:
        stmt = stmt.where(model.org_kind == scope.org_kind.value)
    return stmt


def _load(model, fact_cls, snapshot_id: int, scope: Scope | None, *conditions) -> list:
    names = [f.name for f in fields(fact_cls) if f.name != "place"]
    columns = [getattr(model, k) for k in PLACE_FIELDS] + [getattr(model, k) for k in names]
    stmt = _restrict(model, sa.select(*columns).where(model.snapshot_id == snapshot_id, *conditions), scope)
    n = len(PLACE_FIELDS)
    items = []
    for row in db.session.execute(stmt.order_by(model.id)):
        values = dict(zip(names, row[n:], strict=True))
        if "flags" in values:
            values["flags"] = decode_flags(values["flags"] or "")
        items.append(fact_cls(Place(*row[:n]), **values))
    return items


def facts_of(snapshot: Snapshot, scope: Scope | None = None) -> Facts:
    """The frozen facts of a snapshot (those of a scope only, when given: the rest is not read)."""
    return Facts(snapshot.day, contracts_of(snapshot, scope), positions_of(snapshot, scope),
                 _load(SnapshotFlow, FlowFact, snapshot.id, scope))


def contracts_of(snapshot: Snapshot, scope: Scope | None = None, organization_id: int | None = None,
                 flagged: bool = False) -> list[ContractFact]:
    conditions = [SnapshotContract.organization_id == organization_id] if organization_id is not None else []
    if flagged:
        conditions.append(SnapshotContract.flags != "")
    return _load(SnapshotContract, ContractFact, snapshot.id, scope, *conditions)


def positions_of(snapshot: Snapshot, scope: Scope | None = None, organization_id: int | None = None,
                 open_flagged: bool = False) -> list[PositionFact]:
    conditions = [SnapshotPosition.organization_id == organization_id] if organization_id is not None else []
    if open_flagged:
        conditions += [SnapshotPosition.open.is_(True), SnapshotPosition.flags != ""]
    return _load(SnapshotPosition, PositionFact, snapshot.id, scope, *conditions)

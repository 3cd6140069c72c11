"""How a snapshot's facts and figures are stored and read back (pairjobs.models.snapshot): the rows written
for a date (its facts, the figures of every scope, each scope's organizations) and the readers of a
scope's figures, facts and page of organizations. Recorded snapshots and today's figures computed ahead
(pairjobs.domain.monitoring.snapshots) share them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, fields

import sqlalchemy as sa

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
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.extensions import db
from pairjobs.models.snapshot import (
    Snapshot,
    SnapshotContract,
    SnapshotFlow,
    SnapshotOrganization,
    SnapshotPosition,
    SnapshotReport,
)

PLACE_FIELDS = tuple(f.name for f in fields(Place))
BATCH = 2000


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


def rows_of(facts: Facts) -> dict[type, list[dict]]:
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


def insert_rows(snapshot_id: int, rows: dict[type, list[dict]]) -> None:
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

"""The monitoring tables: breakdowns by department, organization and year, and the flag lists.

Each table is a list of rows (dicts) with a fixed column order, so that pages, charts and exports
show the same figures.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app

from pairjobs.caching import cached_by_args
from pairjobs.domain.geo import geography
from pairjobs.domain.precarity import PRECARIOUS_FORMS, posting_flags
from pairjobs.domain.reports import (
    AT_LEAST_MONTHLY,
    CONTRACT_TABLES,
    POSITION_TABLES,
    Scope,
    active_on,
    contract_scope,
    contracts_with_flags,
    conversions,
    flag_codes,
    position_scope,
)
from pairjobs.domain.search import open_positions
from pairjobs.extensions import db
from pairjobs.models import Contract, Organization, Position


@dataclass(frozen=True)
class Table:
    """Rows with their columns; `people_columns` count people (suppressed in open data when small)."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict]
    people_columns: tuple[str, ...] = ()
    # share column -> (numerator column, denominator column), to suppress shares of small counts
    shares: tuple[tuple[str, str, str], ...] = ()


def _share(part, whole):
    return round(part / whole, 4) if whole else None


@cached_by_args(*CONTRACT_TABLES)
def by_department(scope: Scope) -> Table:
    """Active contracts and their stability, per department of the region."""
    stmt = contract_scope(
        sa.select(
            Organization.department_code,
            sa.func.count(Contract.id),
            sa.func.count(Contract.id).filter(Contract.contract_type.in_(sorted(PRECARIOUS_FORMS))),
            sa.func.count(Contract.id).filter(Contract.supervision_frequency.in_(AT_LEAST_MONTHLY)),
            sa.func.count(Contract.id).filter(Contract.peer_team_size == 0),
        ).join(Organization, Organization.id == Contract.organization_id),
        scope,
    ).where(active_on(scope.as_of)).group_by(Organization.department_code)
    counts = {row[0]: row[1:] for row in db.session.execute(stmt)}
    positions = dict(db.session.execute(
        position_scope(sa.select(Position.department_code, sa.func.count(Position.id))
                       .join(Organization, Organization.id == Position.organization_id), scope)
        .where(open_positions(scope.as_of)).group_by(Position.department_code)
    ).all())
    rows = []
    departments = sorted(geography().departments.values(), key=lambda d: d.code)
    for d in departments:
        if scope.department and d.code != scope.department:
            continue
        active, precarious, monthly, lone = counts.get(d.code, (0, 0, 0, 0))
        rows.append({"department": d.code, "name": d.name, "active_contracts": active,
                     "precarious_contracts": precarious, "precarious_share": _share(precarious, active),
                     "supervised_monthly": monthly, "supervised_monthly_share": _share(monthly, active),
                     "lone_peer_workers": lone, "open_positions": positions.get(d.code, 0)})
    return Table("departments", ("department", "name", "active_contracts", "precarious_contracts",
                                 "precarious_share", "supervised_monthly", "supervised_monthly_share",
                                 "lone_peer_workers", "open_positions"), rows,
                 people_columns=("active_contracts", "precarious_contracts", "supervised_monthly",
                                 "lone_peer_workers"),
                 shares=(("precarious_share", "precarious_contracts", "active_contracts"),
                         ("supervised_monthly_share", "supervised_monthly", "active_contracts")))


@cached_by_args(*CONTRACT_TABLES)
def by_organization(scope: Scope) -> Table:
    """Organizations with active contracts, ranked by their share of flagged contracts."""
    totals: dict[int, list[int]] = {}
    for contract in flag_codes(scope):
        entry = totals.setdefault(contract.organization_id, [0, 0, 0])
        entry[0] += 1
        entry[1] += bool(contract.codes)
        entry[2] += contract.precarious
    organizations = db.session.execute(
        sa.select(Organization.id, Organization.name, Organization.department_code, Organization.sector)
        .where(Organization.id.in_(sorted(totals)))
    ).all() if totals else []
    rows = [{"organization_id": org_id, "organization": name, "department": department, "sector": sector.value,
             "active_contracts": totals[org_id][0], "flagged_contracts": totals[org_id][1],
             "flagged_share": _share(totals[org_id][1], totals[org_id][0]),
             "precarious_contracts": totals[org_id][2]}
            for org_id, name, department, sector in organizations]
    rows.sort(key=lambda r: (-(r["flagged_share"] or 0), -r["active_contracts"], r["organization"],
                             r["organization_id"]))
    return Table("organizations", ("organization_id", "organization", "department", "sector", "active_contracts",
                                   "flagged_contracts", "flagged_share", "precarious_contracts"), rows,
                 people_columns=("active_contracts", "flagged_contracts", "precarious_contracts"),
                 shares=(("flagged_share", "flagged_contracts", "active_contracts"),))


@cached_by_args(*CONTRACT_TABLES)
def by_year(scope: Scope, years: int = 5) -> Table:
    """The trend: each year's figures at 31 December (at as_of for the current year)."""
    rows = []
    for year in range(scope.as_of.year - years + 1, scope.as_of.year + 1):
        day = min(date(year, 12, 31), scope.as_of)
        at = Scope(day, scope.department, scope.sector, scope.org_kind)
        active, precarious, monthly = db.session.execute(contract_scope(
            sa.select(sa.func.count(Contract.id),
                      sa.func.count(Contract.id).filter(Contract.contract_type.in_(sorted(PRECARIOUS_FORMS))),
                      sa.func.count(Contract.id).filter(Contract.supervision_frequency.in_(AT_LEAST_MONTHLY)))
            .join(Organization, Organization.id == Contract.organization_id), at).where(active_on(day))).one()
        converted = db.session.scalar(sa.select(sa.func.count()).select_from(conversions(at).subquery()))
        rows.append({"year": year, "as_of": day.isoformat(), "active_contracts": active,
                     "precarious_contracts": precarious, "precarious_share": _share(precarious, active),
                     "supervised_monthly_share": _share(monthly, active), "conversions_to_cdi": converted})
    return Table("years", ("year", "as_of", "active_contracts", "precarious_contracts", "precarious_share",
                           "supervised_monthly_share", "conversions_to_cdi"), rows,
                 people_columns=("active_contracts", "precarious_contracts", "conversions_to_cdi"),
                 shares=(("precarious_share", "precarious_contracts", "active_contracts"),))


def pseudonym(contract: Contract) -> str:
    """A stable pseudonym for the person of a contract, keyed with the secret key so that it cannot be
    matched with the keys employers see."""
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), f"report:{contract.person_key}".encode(),
                      hashlib.sha256).hexdigest()
    return f"P-{digest[:10].upper()}"


def _month(day: date | None) -> str | None:
    """A date coarsened to its month, so that a row does not single out a person by exact dates."""
    return day.strftime("%Y-%m") if day else None


@cached_by_args(*CONTRACT_TABLES, per_locale=True)
def flagged_contracts(scope: Scope, code: str | None = None) -> Table:
    """Every active flagged contract with its reasons; persons by pseudonym only."""
    rows = []
    for contract, flags in contracts_with_flags(scope):
        if not flags or (code and code not in {f.code for f in flags}):
            continue
        org = contract.organization
        rows.append({"contract": f"C-{contract.id}", "person": pseudonym(contract), "organization_id": org.id,
                     "organization": org.name, "department": org.department_code,
                     "contract_type": contract.contract_type.value, "start_date": _month(contract.start_date),
                     "end_date": _month(contract.end_date),
                     "flags": " | ".join(f.code for f in flags),
                     "reasons": " | ".join(f"{f.label} ({f.basis})" for f in flags)})
    return Table("flagged_contracts", ("contract", "person", "organization_id", "organization", "department",
                                       "contract_type", "start_month", "end_month", "flags", "reasons"),
                 [r | {"start_month": r.pop("start_date"), "end_month": r.pop("end_date")} for r in rows])


@cached_by_args(*POSITION_TABLES, per_locale=True)
def flagged_positions(scope: Scope, code: str | None = None) -> Table:
    """Every open flagged position with its reasons."""
    thresholds = current_app.config["PRECARITY_THRESHOLDS"]
    stmt = position_scope(sa.select(Position).join(Organization, Organization.id == Position.organization_id)
                          .options(sa.orm.contains_eager(Position.organization)), scope)
    rows = []
    for position in db.session.scalars(stmt.where(open_positions(scope.as_of)).order_by(Position.id)):
        flags = posting_flags(position, thresholds)
        if not flags or (code and code not in {f.code for f in flags}):
            continue
        org = position.organization
        rows.append({"position_id": position.id, "title": position.title, "organization_id": org.id,
                     "organization": org.name, "department": position.department_code,
                     "contract_type": position.contract_type.value,
                     "flags": " | ".join(f.code for f in flags),
                     "reasons": " | ".join(f"{f.label} ({f.basis})" for f in flags)})
    return Table("flagged_positions", ("position_id", "title", "organization_id", "organization", "department",
                                       "contract_type", "flags", "reasons"), rows)


def summary_table(summary: dict) -> Table:
    """The summary as a two-column table (indicator, value)."""
    rows = [{"indicator": k, "value": v} for k, v in summary.items() if k not in ("scope", "flags")]
    rows += [{"indicator": f"flag:{code}", "value": n} for code, n in summary["flags"].items()]
    return Table("summary", ("indicator", "value"), rows)



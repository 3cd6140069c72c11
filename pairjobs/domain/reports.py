"""Regional monitoring: indicators of contract stability for the ARS, computed by SQL aggregates.

Only the precarity flags come from Python: they are the rules of pairjobs.domain.precarity, applied
to the contracts of the scope and their histories (loaded in one query). Results are cached until the
tables they read change (pairjobs.caching): the flags of a national dataset take seconds to compute.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from pairjobs.caching import cached_by_args
from pairjobs.domain.contract_flags import ContractFlags, same_legal_entity
from pairjobs.domain.precarity import PRECARIOUS_FORMS, Flag
from pairjobs.extensions import db
from pairjobs.models import (
    Application,
    ApplicationStatus,
    CloseOutcome,
    Contract,
    ContractState,
    Credential,
    Organization,
    OrganizationKind,
    Position,
    PositionStatus,
    Sector,
    SupervisionFrequency,
    Verification,
    application_credential,
)
from pairjobs.timeutil import PARIS

AT_LEAST_MONTHLY = (SupervisionFrequency.WEEKLY, SupervisionFrequency.FORTNIGHTLY, SupervisionFrequency.MONTHLY)
WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class Scope:
    """The date and the part of the region a report covers."""

    as_of: date
    department: str | None = None
    sector: Sector | None = None
    org_kind: OrganizationKind | None = None

    @property
    def window_end(self) -> datetime:
        """The end of the as_of day, in France."""
        return datetime.combine(self.as_of + timedelta(days=1), time.min, tzinfo=PARIS)

    @property
    def window_start(self) -> datetime:
        """Twelve months before the end of the as_of day."""
        return self.window_end - WINDOW

    def with_department(self, department: str | None) -> Scope:
        return Scope(self.as_of, department, self.sector, self.org_kind)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def days_between(earlier, later):
    """Days from one date or timestamp to another, as SQL (SQLite and PostgreSQL)."""
    if db.engine.dialect.name == "postgresql":
        return sa.extract("epoch", sa.cast(later, sa.DateTime) - sa.cast(earlier, sa.DateTime)) / 86400.0
    return sa.func.julianday(later) - sa.func.julianday(earlier)


def sql_median(values: sa.Select) -> float | None:
    """The median of a one-column select, computed by the database (ordered middle rows)."""
    sub = values.subquery()
    column = sub.c[0]
    count = db.session.scalar(sa.select(sa.func.count()).select_from(sub).where(column.is_not(None)))
    if not count:
        return None
    middle = db.session.scalars(
        sa.select(column).where(column.is_not(None)).order_by(column).limit(2 - count % 2).offset((count - 1) // 2)
    ).all()
    return round(sum(float(v) for v in middle) / len(middle), 1)


# --- Contracts ---

def _restrict(stmt: sa.Select, scope: Scope, department: sa.ColumnElement, sector: sa.ColumnElement) -> sa.Select:
    """Restrict a select joined to Organization to the scope, given where its department and sector live."""
    if scope.department:
        stmt = stmt.where(department == scope.department)
    if scope.sector:
        stmt = stmt.where(sector == scope.sector)
    if scope.org_kind:
        stmt = stmt.where(Organization.kind == scope.org_kind)
    return stmt


def contract_scope(stmt: sa.Select, scope: Scope) -> sa.Select:
    """Restrict a select joined to Organization to the scope's department, sector and kind."""
    return _restrict(stmt, scope, Organization.department_code, Contract.sector)


def active_on(as_of: date) -> sa.ColumnElement[bool]:
    """Contracts running on a day: started, and not ended before it. A fixed term still active in the
    records after its end date (nothing recorded by then) is running: it is flagged, not dropped."""
    day_after = datetime.combine(as_of + timedelta(days=1), time.min, tzinfo=PARIS)
    overdue = sa.and_(Contract.end_date < as_of, sa.or_(
        Contract.state == ContractState.ACTIVE, Contract.closed_at >= day_after))
    return sa.and_(Contract.start_date <= as_of,
                   sa.or_(Contract.end_date.is_(None), Contract.end_date >= as_of, overdue))


def active_contracts(scope: Scope) -> sa.Select:
    """A select of the scope's contracts active on as_of."""
    stmt = sa.select(Contract).join(Organization, Organization.id == Contract.organization_id)
    return contract_scope(stmt, scope).where(active_on(scope.as_of))


def contract_counts(scope: Scope) -> dict[str, int]:
    """Counts over active contracts, in one aggregate query."""
    stmt = contract_scope(
        sa.select(
            sa.func.count(Contract.id),
            sa.func.count(Contract.id).filter(Contract.contract_type.in_(sorted(PRECARIOUS_FORMS))),
            sa.func.count(Contract.id).filter(Contract.supervision_frequency.in_(AT_LEAST_MONTHLY)),
            sa.func.count(Contract.id).filter(Contract.supervision_frequency != SupervisionFrequency.NONE,
                                              Contract.supervision_paid_time.is_(True)),
            sa.func.count(Contract.id).filter(Contract.peer_team_size == 0),
        ).join(Organization, Organization.id == Contract.organization_id),
        scope,
    ).where(active_on(scope.as_of))
    active, precarious, monthly, paid, lone = db.session.execute(stmt).one()
    return {"active": active, "precarious": precarious, "monthly": monthly, "paid": paid, "lone": lone}


def conversions(scope: Scope) -> sa.Select:
    """Fixed terms converted to a permanent contract in the twelve months to as_of, with the days it took.

    The conversion day is the day after the converted contract's last day; the time to conversion
    runs from the first contract of the person at that organization.
    """
    first_start = (
        sa.select(sa.func.min(sa.literal_column("earlier.start_date")))
        .select_from(sa.table("contract", sa.column("start_date"), sa.column("organization_id"),
                              sa.column("person_key")).alias("earlier"))
        .where(sa.literal_column("earlier.organization_id") == Contract.organization_id,
               sa.literal_column("earlier.person_key") == Contract.person_key)
        .scalar_subquery()
    )
    stmt = sa.select(days_between(first_start, Contract.end_date) + 1).join(
        Organization, Organization.id == Contract.organization_id)
    return contract_scope(stmt, scope).where(
        Contract.state == ContractState.CONVERTED,
        Contract.end_date < scope.as_of, Contract.end_date >= scope.as_of - WINDOW,
    )


def tenures(scope: Scope) -> sa.Select:
    """Days since the first contract, for each person with an active contract (per organization)."""
    persons = active_contracts(scope).with_only_columns(Contract.organization_id, Contract.person_key).distinct()
    persons = persons.subquery()
    first = (
        sa.select(sa.func.min(Contract.start_date).label("first_start"))
        .join(persons, sa.and_(persons.c.organization_id == Contract.organization_id,
                               persons.c.person_key == Contract.person_key))
        .group_by(Contract.organization_id, Contract.person_key)
        .subquery()
    )
    return sa.select(days_between(first.c.first_start, sa.literal(scope.as_of, sa.Date)))


def contracts_with_flags(scope: Scope) -> list[tuple[Contract, list[Flag]]]:
    """The scope's active contracts with every flag (their terms, their person's history, their post's)."""
    active_ids = db.session.scalars(active_contracts(scope).with_only_columns(Contract.id).order_by(Contract.id)).all()
    if not active_ids:
        return []
    # Every contract of the legal entities concerned, loaded once: the active ones and the histories.
    organizations = same_legal_entity(active_contracts(scope).with_only_columns(Contract.organization_id).distinct())
    every = db.session.scalars(
        sa.select(Contract).join(Organization, Organization.id == Contract.organization_id)
        .options(sa.orm.contains_eager(Contract.organization))
        .where(Contract.organization_id.in_(organizations))
    ).all()
    by_id = {c.id: c for c in every}
    active = [by_id[i] for i in active_ids]
    flags = ContractFlags(active, every)
    return [(c, flags.all_flags(c, scope.as_of)) for c in active]


# --- Positions ---

def position_scope(stmt: sa.Select, scope: Scope) -> sa.Select:
    """Restrict a select joined to Organization to the scope (positions carry their own department)."""
    return _restrict(stmt, scope, Position.department_code, Organization.sector)


def in_window(scope: Scope) -> sa.ColumnElement[bool]:
    """Positions published in the twelve months to as_of (whatever became of them)."""
    return sa.and_(Position.published_at >= scope.window_start, Position.published_at < scope.window_end)


def window_positions(stmt: sa.Select, scope: Scope) -> sa.Select:
    """Restrict a select from Position to the scope's positions of the window (joining Organization)."""
    stmt = stmt.join(Organization, Organization.id == Position.organization_id)
    return position_scope(stmt, scope).where(in_window(scope))


def position_counts(scope: Scope) -> dict[str, int]:
    """Published, filled and unfilled positions of the window, as of as_of."""
    closed_by_then = sa.and_(Position.status == PositionStatus.CLOSED, Position.closed_at < scope.window_end)
    filled = sa.and_(closed_by_then, Position.outcome == CloseOutcome.FILLED)
    unfilled = sa.or_(
        sa.and_(closed_by_then, Position.outcome == CloseOutcome.CANCELLED),
        sa.and_(sa.not_(closed_by_then), Position.deadline < scope.as_of),
    )
    published, n_filled, n_unfilled = db.session.execute(window_positions(
        sa.select(sa.func.count(Position.id), sa.func.count(Position.id).filter(filled),
                  sa.func.count(Position.id).filter(unfilled)).select_from(Position), scope)).one()
    return {"published": published, "filled": n_filled, "unfilled": n_unfilled}


def days_to_fill(scope: Scope) -> sa.Select:
    return window_positions(sa.select(days_between(Position.published_at, Position.closed_at)).select_from(Position),
                            scope).where(Position.status == PositionStatus.CLOSED,
                                         Position.outcome == CloseOutcome.FILLED,
                                         Position.closed_at < scope.window_end)


def application_counts(scope: Scope) -> dict[str, int]:
    """Applications to the window's positions, hires, and hires holding a verified credential."""
    verified = sa.exists(
        sa.select(1).select_from(application_credential)
        .join(Credential, Credential.id == application_credential.c.credential_id)
        .where(application_credential.c.application_id == Application.id,
               Credential.verification == Verification.VERIFIED)
    )
    hired = Application.status == ApplicationStatus.HIRED
    applications, hires = db.session.execute(window_positions(
        sa.select(sa.func.count(Application.id), sa.func.count(Application.id).filter(hired))
        .select_from(Position).join(Application, Application.position_id == Position.id), scope)
        .where(Application.created_at < scope.window_end)).one()
    with_credential = db.session.scalar(window_positions(
        sa.select(sa.func.count(Application.id)).select_from(Position)
        .join(Application, Application.position_id == Position.id), scope)
        .where(Application.created_at < scope.window_end, hired, verified))
    return {"applications": applications, "hires": hires, "hires_verified": with_credential}


# --- The summary ---

# Flags read the positions too (a post's opening days).
CONTRACT_TABLES = ("contract", "organization", "position")
POSITION_TABLES = ("position", "organization")
APPLICATION_TABLES = ("application", "credential", "organization", "position")


@dataclass(frozen=True)
class FlaggedContract:
    """An active contract reduced to what the counts of flags need."""

    organization_id: int
    precarious: bool
    codes: tuple[str, ...]


@cached_by_args(*CONTRACT_TABLES)
def flag_codes(scope: Scope) -> list[FlaggedContract]:
    """The flags of every active contract of the scope, computed once for the indicators and the ranking
    of organizations (the rules take seconds over a national dataset)."""
    return [FlaggedContract(c.organization_id, c.contract_type in PRECARIOUS_FORMS, tuple(f.code for f in flags))
            for c, flags in contracts_with_flags(scope)]


@cached_by_args(*CONTRACT_TABLES)
def contract_indicators(scope: Scope) -> dict:
    """The indicators computed from contracts (the flags included)."""
    c = contract_counts(scope)
    flags: Counter[str] = Counter()
    flagged = 0
    for contract in flag_codes(scope):
        flags.update(set(contract.codes))
        flagged += bool(contract.codes)
    return {
        "active_contracts": c["active"],
        "precarious_contracts": c["precarious"],
        "precarious_share": _share(c["precarious"], c["active"]),
        "supervised_monthly_share": _share(c["monthly"], c["active"]),
        "supervised_paid_share": _share(c["paid"], c["active"]),
        "median_fte": sql_median(active_contracts(scope).with_only_columns(Contract.fte_percent)),
        "lone_peer_share": _share(c["lone"], c["active"]),
        "flagged_contracts": flagged,
        "flags": dict(sorted(flags.items())),
        "conversions_to_cdi": db.session.scalar(sa.select(sa.func.count()).select_from(conversions(scope).subquery())),
        "median_days_to_cdi": sql_median(conversions(scope)),
        "median_tenure_days": sql_median(tenures(scope)),
    }


@cached_by_args(*POSITION_TABLES)
def position_indicators(scope: Scope) -> dict:
    """The indicators computed from the positions of the window."""
    p = position_counts(scope)
    return {
        "positions_published": p["published"],
        "positions_filled": p["filled"],
        "positions_unfilled": p["unfilled"],
        "median_days_to_fill": sql_median(days_to_fill(scope)),
    }


@cached_by_args(*APPLICATION_TABLES)
def application_indicators(scope: Scope) -> dict:
    """The indicators computed from the applications to the positions of the window."""
    a = application_counts(scope)
    published = position_indicators(scope)["positions_published"]  # cached: not counted twice
    return {
        "applications_per_position": round(a["applications"] / published, 2) if published else None,
        "hires": a["hires"],
        "hires_verified_credential_share": _share(a["hires_verified"], a["hires"]),
    }


def summary(scope: Scope) -> dict:
    """Every indicator of the dashboard (the API's /reports/summary), each part cached until its data changes."""
    contracts = contract_indicators(scope)
    positions = position_indicators(scope)
    applications = application_indicators(scope)
    return {
        "as_of": scope.as_of.isoformat(),
        "scope": {"department": scope.department, "sector": scope.sector.value if scope.sector else None,
                  "org_kind": scope.org_kind.value if scope.org_kind else None},
        **contracts,
        **positions,
        **applications,
    }

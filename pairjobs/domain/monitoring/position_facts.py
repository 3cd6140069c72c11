"""The facts of the positions open on a date or published in the twelve months before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from pairjobs.domain.monitoring.facts import FlagFact, Place, PositionFact, end_of, years_before
from pairjobs.domain.precarity import posting_flags
from pairjobs.extensions import db
from pairjobs.models import (
    Application,
    ApplicationStatus,
    CloseOutcome,
    ContractType,
    Credential,
    FundingKind,
    Organization,
    Position,
    PositionStatus,
    Sector,
    SupervisionFrequency,
    Verification,
    application_credential,
)

# What the posting rules read of a position (PostingTerms), loaded without the ORM: tens of thousands of rows.
_TERMS = ("contract_type", "duration_months", "fte_percent", "weekly_hours", "salary_min",
          "salary_max", "pay_grid",
          "funding_kind", "funding_ends_on", "supervision_frequency", "supervision_paid_time",
          "peer_team_size")
_STATE = ("id", "title", "department_code", "status", "outcome", "published_at", "closed_at", "deadline")


@dataclass(frozen=True, slots=True)
class _Posting:
    """A position's terms as the posting rules read them (pairjobs.domain.precarity.posting.PostingTerms)."""

    sector: Sector
    idcc: str | None
    contract_type: ContractType
    duration_months: int | None
    fte_percent: int
    weekly_hours: float
    salary_min: int | None
    salary_max: int | None
    pay_grid: str | None
    funding_kind: FundingKind
    funding_ends_on: date | None
    supervision_frequency: SupervisionFrequency
    supervision_paid_time: bool
    peer_team_size: int
    cdd_reason: None = None
    part_time_at_employee_request: bool = False
    contract_days: None = None


def position_facts(day: date) -> list[PositionFact]:
    """Positions open on `day`, or published in the twelve months before it, as they stood that day."""
    end, window_start = end_of(day), end_of(years_before(day, 1))
    closed_then = sa.and_(Position.closed_at.is_not(None), Position.closed_at < end)
    open_then = sa.and_(Position.status != PositionStatus.DRAFT, sa.not_(closed_then),
                        sa.or_(Position.status != PositionStatus.CLOSED, Position.closed_at.is_not(None)),
                        sa.or_(Position.deadline.is_(None), Position.deadline >= day))
    wanted = sa.and_(Position.published_at.is_not(None), Position.published_at < end,
                     sa.or_(Position.published_at >= window_start, open_then))
    organizations = {o.id: o for o in db.session.scalars(sa.select(Organization))}
    rows = db.session.execute(
        sa.select(Position.organization_id, *(getattr(Position, c) for c in _STATE + _TERMS))
        .where(wanted).order_by(Position.id)).all()
    counts = _application_counts(wanted, end)
    thresholds = current_app.config["PRECARITY_THRESHOLDS"]
    flags_of: dict[_Posting, tuple[FlagFact, ...]] = {}  # many positions share the same terms
    facts = []
    for row in rows:
        org = organizations[row.organization_id]
        closed = row.closed_at is not None and row.closed_at < end
        is_open = (row.status != PositionStatus.DRAFT and not closed
                   and not (row.status == PositionStatus.CLOSED and row.closed_at is None)
                   and (row.deadline is None or row.deadline >= day))
        outcome = None
        if closed:
            outcome = "filled" if row.outcome == CloseOutcome.FILLED else "unfilled"
        elif row.deadline is not None and row.deadline < day:
            outcome = "unfilled"
        days_to_fill = (row.closed_at - row.published_at).days if outcome == "filled" else None
        applications, recruited, verified = counts.get(row.id, (0, 0, 0))
        flags: tuple[FlagFact, ...] = ()
        if is_open:  # only open positions are listed with their flags
            terms = _Posting(org.sector, org.idcc, *(getattr(row, c) for c in _TERMS))
            if terms not in flags_of:
                flags_of[terms] = tuple(FlagFact.of(f) for f in posting_flags(terms, thresholds))
            flags = flags_of[terms]
        facts.append(PositionFact(
            Place.of(org, row.department_code), row.id, row.title, org.name, row.contract_type.value,
            is_open, row.published_at >= window_start, outcome, days_to_fill, applications,
            recruited, verified,
            flags))
    return facts


def _application_counts(positions: sa.ColumnElement[bool], end: datetime) -> dict[int, tuple[int, int, int]]:
    """Applications received by the end of the day, recruited, and recruited with a verified credential,
    per position of `positions`."""
    verified = sa.exists(
        sa.select(1).select_from(application_credential)
        .join(Credential, Credential.id == application_credential.c.credential_id)
        .where(application_credential.c.application_id == Application.id,
               Credential.verification == Verification.VERIFIED))
    hired = Application.status == ApplicationStatus.HIRED
    rows = db.session.execute(
        sa.select(Application.position_id, sa.func.count(Application.id),
                  sa.func.count(Application.id).filter(hired),
                  sa.func.count(Application.id).filter(hired, verified))
        .join(Position, Position.id == Application.position_id)
        .where(positions, Application.created_at < end)
        .group_by(Application.position_id)).all()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}

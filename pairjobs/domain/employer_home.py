"""What an employer has to do now, gathered for the employer's home page: new applications, interviews this
week, contracts whose notice period has come without a decision, flags, drafts, and each open position's
applications per stage."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.positions import PENDING, flags_of
from pairjobs.domain.precarity import Flag
from pairjobs.extensions import db
from pairjobs.models import (
    Application,
    ApplicationStatus,
    Contract,
    ContractState,
    Interview,
    InterviewStatus,
    Organization,
    Position,
    PositionStatus,
)

DECISION_DUE = "end_near_no_decision"
NEWEST = 10  # new applications listed (the count says how many in all)


@dataclass
class OpenPosition:
    """A published position and how many of its applications stand at each stage."""

    position: Position
    stages: dict[ApplicationStatus, int] = field(default_factory=dict)

    @property
    def in_progress(self) -> int:
        return sum(n for status, n in self.stages.items() if status in PENDING)


@dataclass
class EmployerHome:
    new_applications: list[Application]
    new_count: int
    waiting_count: int  # in progress with no change of status for the reminder delay
    interviews: list[Interview]
    decisions_due: list[Contract]
    flagged_contracts: list[tuple[Contract, list[Flag]]]
    flagged_positions: list[tuple[Position, list[Flag]]]
    drafts: list[Position]
    open_positions: list[OpenPosition]

    @property
    def nothing_to_do(self) -> bool:
        return not (self.new_count or self.waiting_count or self.interviews or self.decisions_due)


def employer_home(organization: Organization, now: datetime, today: date, reminder_days: int) -> EmployerHome:
    """The organization's things to do, as of now."""
    of_org = sa.select(Application).join(Position, Position.id == Application.position_id).where(
        Position.organization_id == organization.id)
    new = of_org.where(Application.status == ApplicationStatus.SUBMITTED)
    new_count = db.session.scalar(sa.select(sa.func.count()).select_from(new.subquery()))
    waiting_count = db.session.scalar(sa.select(sa.func.count()).select_from(of_org.where(
        Application.status.in_(PENDING),
        Application.status_changed_at <= now - timedelta(days=reminder_days)).subquery()))
    interviews = db.session.scalars(
        sa.select(Interview).join(Application, Application.id == Interview.application_id)
        .join(Position, Position.id == Application.position_id)
        .where(Position.organization_id == organization.id, Interview.starts_at >= now,
               Interview.starts_at < now + timedelta(days=7),
               Interview.status.in_([InterviewStatus.PROPOSED, InterviewStatus.ACCEPTED]))
        .options(sa.orm.joinedload(Interview.application).joinedload(Application.candidate))
        .order_by(Interview.starts_at)).all()
    contracts = db.session.scalars(
        sa.select(Contract).where(Contract.organization_id == organization.id,
                                  Contract.state == ContractState.ACTIVE)
        .options(sa.orm.joinedload(Contract.person)).order_by(Contract.end_date, Contract.id)).all()
    computed = ContractFlags(contracts)
    flagged = [(c, flags) for c in contracts if (flags := computed.person_flags(c, today))]
    positions = db.session.scalars(
        sa.select(Position).where(Position.organization_id == organization.id,
                                  Position.status.in_([PositionStatus.PUBLISHED, PositionStatus.DRAFT]))
        .order_by(Position.updated_at.desc(), Position.id.desc())).all()
    published = [p for p in positions if p.status is PositionStatus.PUBLISHED]
    return EmployerHome(
        new_applications=list(db.session.scalars(
            new.options(sa.orm.joinedload(Application.position), sa.orm.joinedload(Application.candidate))
            .order_by(Application.created_at.desc(), Application.id.desc()).limit(NEWEST))),
        new_count=new_count or 0, waiting_count=waiting_count or 0, interviews=list(interviews),
        decisions_due=[c for c, flags in flagged if any(f.code == DECISION_DUE for f in flags)],
        flagged_contracts=flagged,
        flagged_positions=[(p, flags) for p in published if (flags := flags_of(p))],
        drafts=[p for p in positions if p.status is PositionStatus.DRAFT],
        open_positions=_stages(published),
    )


def _stages(positions: list[Position]) -> list[OpenPosition]:
    """Each position's applications counted per status, in one query."""
    counts: dict[int, dict[ApplicationStatus, int]] = defaultdict(dict)
    if positions:
        for position_id, status, n in db.session.execute(
                sa.select(Application.position_id, Application.status, sa.func.count())
                .where(Application.position_id.in_([p.id for p in positions]))
                .group_by(Application.position_id, Application.status)):
            counts[position_id][status] = n
    return [OpenPosition(p, counts.get(p.id, {})) for p in positions]

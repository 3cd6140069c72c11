"""Employment contracts that follow a hire, chained by renewals and conversions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow
from pairjobs.models.organization import Sector
from pairjobs.models.position import (
    Category,
    CddReason,
    ContractType,
    FundingKind,
    LegalBasis,
    SupervisionFrequency,
    SupervisionKind,
)

if TYPE_CHECKING:
    from pairjobs.models.organization import Organization
    from pairjobs.models.position import Position
    from pairjobs.models.user import User


class ContractState(LabelledEnum):
    """Where a contract stands."""

    ACTIVE = "active", _l("Active")
    RENEWED = "renewed", _l("Renewed")  # followed by the next contract of its chain
    CONVERTED = "converted", _l("Converted to a permanent contract")  # followed by a permanent contract
    ENDED = "ended", _l("Ended")


class EndReason(LabelledEnum):
    """Why a contract ended."""

    TERM_REACHED = "term_reached", _l("End of the term")
    RESIGNATION = "resignation", _l("Resignation")
    DISMISSAL = "dismissal", _l("Dismissal")
    TRIAL_PERIOD = "trial_period", _l("End during the trial period")
    MUTUAL_AGREEMENT = "mutual_agreement", _l("Mutual agreement")
    FUNDING_ENDED = "funding_ended", _l("End of the funding")
    # the employee refused the renewal offered (L1244-4-1 7°)
    RENEWAL_REFUSED = "renewal_refused", _l("The employee refused the renewal")
    OTHER = "other", _l("Other reason")


class RenewalDecision(LabelledEnum):
    """What the employer decided about a fixed term's end."""

    RENEW = "renew", _l("To be renewed")
    CONVERT = "convert", _l("To be converted to a permanent contract")
    NOT_RENEW = "not_renew", _l("Not to be renewed")


class Contract(Base):
    """A contract of a person at an organization. `person_key` outlives the account, for statistics."""

    __tablename__ = "contract"
    __table_args__ = (
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_order"),
        sa.CheckConstraint("fte_percent BETWEEN 10 AND 100", name="fte_percent_range"),
        sa.Index("ix_contract_organization_person", "organization_id", "person_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"))
    # The person: their account while it exists; a random key that stays when it is deleted.
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"),
                                                  index=True)
    person_key: Mapped[str] = mapped_column(sa.String(32))
    position_id: Mapped[int | None] = mapped_column(sa.ForeignKey("position.id", ondelete="SET NULL"))
    application_id: Mapped[int | None] = mapped_column(sa.ForeignKey("application.id", ondelete="SET NULL"))
    previous_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contract.id", ondelete="SET NULL"),
                                                    unique=True)

    contract_type: Mapped[ContractType] = mapped_column(str_enum(ContractType, "contract_type"))
    sector: Mapped[Sector] = mapped_column(str_enum(Sector, "sector"))
    legal_basis: Mapped[LegalBasis | None] = mapped_column(str_enum(LegalBasis, "legal_basis"))
    category: Mapped[Category | None] = mapped_column(str_enum(Category, "category"))
    cdd_reason: Mapped[CddReason | None] = mapped_column(str_enum(CddReason, "cdd_reason"))
    # The PEC runs under the extended duration of L5134-25-1. Never why: the reason may be health data.
    extended_duration: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A part time under the minimum at the employee's written request (Code du travail L3123-7).
    part_time_at_employee_request: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The establishment's own reference of the post, so the waiting period follows a post across contracts.
    post_ref: Mapped[str | None] = mapped_column(sa.String(40))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    # The term as signed, kept when the contract ends earlier (end_date is then the last day worked).
    planned_end_date: Mapped[date | None]
    fte_percent: Mapped[int] = mapped_column(sa.SmallInteger)
    weekly_hours: Mapped[float] = mapped_column(sa.Numeric(4, 1, asdecimal=False))
    monthly_gross: Mapped[int | None]
    funding_kind: Mapped[FundingKind] = mapped_column(str_enum(FundingKind, "funding_kind"))
    funding_ends_on: Mapped[date | None]
    # Supervision actually in place, and what the position promised (copied at hire).
    supervision_frequency: Mapped[SupervisionFrequency] = mapped_column(
        str_enum(SupervisionFrequency, "supervision_frequency"))
    supervision_kind: Mapped[SupervisionKind | None] = mapped_column(
        str_enum(SupervisionKind, "supervision_kind"))
    supervision_paid_time: Mapped[bool] = mapped_column(default=False)
    promised_supervision_frequency: Mapped[SupervisionFrequency | None] = mapped_column(
        str_enum(SupervisionFrequency, "promised_supervision_frequency"))
    promised_supervision_paid_time: Mapped[bool | None]
    # Who the position promised would supervise: sessions of peer intervision do not keep a promise of
    # professional supervision (external or internal).
    promised_supervision_kind: Mapped[SupervisionKind | None] = mapped_column(
        str_enum(SupervisionKind, "promised_supervision_kind"))
    peer_team_size: Mapped[int] = mapped_column(sa.SmallInteger, default=0)

    # Not indexed on its own: an organization's contracts are reached by organization_id (an index on two
    # states would lead SQLite, without statistics, to walk every organization's active contracts).
    state: Mapped[ContractState] = mapped_column(str_enum(ContractState, "state"),
                                                 default=ContractState.ACTIVE)
    end_reason: Mapped[EndReason | None] = mapped_column(str_enum(EndReason, "end_reason"))
    renewal_decision: Mapped[RenewalDecision | None] = mapped_column(
        str_enum(RenewalDecision, "renewal_decision"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the contract stopped being active in the records (ended, renewed or converted).
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # "pairjobs" for contracts that followed a hire here, "survey" for those imported from the annual survey.
    source: Mapped[str] = mapped_column(sa.String(10), default="pairjobs", server_default="pairjobs")
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship()
    person: Mapped[User | None] = relationship()
    position: Mapped[Position | None] = relationship()
    previous: Mapped[Contract | None] = relationship(remote_side=[id], foreign_keys=[previous_id])

    __mapper_args__ = {"version_id_col": version}

    # What the posting-level rules read (pairjobs.domain.precarity.PostingTerms).
    @property
    def duration_months(self) -> int | None:
        """Whole months from start to end, for fixed terms."""
        from pairjobs.infra.calendar import whole_months

        return whole_months(self.start_date, self.end_date) if self.end_date else None

    @property
    def contract_days(self) -> int | None:
        """Days from start to end, for fixed terms."""
        return (self.end_date - self.start_date).days + 1 if self.end_date else None

    @property
    def idcc(self) -> str | None:
        """The organization's collective agreement."""
        return self.organization.idcc

    @property
    def salary_min(self) -> int | None:
        return self.monthly_gross

    @property
    def salary_max(self) -> int | None:
        return self.monthly_gross

    pay_grid = None

    def end_early(self, last_day: date) -> None:
        """Move the end to an earlier last day, keeping the term the contract was signed for."""
        if self.end_date is not None and last_day < self.end_date and self.planned_end_date is None:
            self.planned_end_date = self.end_date
        self.end_date = last_day

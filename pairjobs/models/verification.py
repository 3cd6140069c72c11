"""Verification campaigns: a monitor draws employers at random, and contracts in each, whose supervision
sessions the employer proves by documents; the monitor accepts or refuses each, the employer may answer
once."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.contract import Contract
    from pairjobs.models.organization import Organization


class VerificationOutcome(LabelledEnum):
    """What the monitor decided about a drawn contract's proofs."""

    ACCEPTED = "accepted", _l("Proofs accepted")
    REFUSED = "refused", _l("Proofs refused")


class VerificationCampaign(Base):
    """One draw: its seed and population (so that anyone can draw it again), its share and its deadline."""

    __tablename__ = "verification_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    deadline: Mapped[date]
    share_percent: Mapped[int] = mapped_column(sa.SmallInteger)
    seed: Mapped[str] = mapped_column(sa.String(64))
    # The contracts that could be drawn, by organization ({"org id": [contract ids]}), as they were.
    population: Mapped[dict] = mapped_column(sa.JSON)

    items: Mapped[list[VerificationItem]] = relationship(back_populates="campaign",
                                                         order_by="VerificationItem.id")


class VerificationItem(Base):
    """A drawn contract: the proofs sent, the monitor's decision and reason, the employer's one answer."""

    __tablename__ = "verification_item"
    __table_args__ = (
        sa.UniqueConstraint("campaign_id", "contract_id", name="uq_verification_item_contract"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("verification_campaign.id", ondelete="CASCADE"),
                                             index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"),
                                                 index=True)
    contract_id: Mapped[int] = mapped_column(sa.ForeignKey("contract.id", ondelete="CASCADE"))
    document_key: Mapped[str | None] = mapped_column(sa.String(32))
    document_filename: Mapped[str | None] = mapped_column(sa.String(120))
    document_size: Mapped[int | None]
    uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[VerificationOutcome | None] = mapped_column(str_enum(VerificationOutcome, "outcome"))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    employer_answer: Mapped[str | None] = mapped_column(sa.Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    campaign: Mapped[VerificationCampaign] = relationship(back_populates="items")
    organization: Mapped[Organization] = relationship()
    contract: Mapped[Contract] = relationship()

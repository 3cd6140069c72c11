"""Supervision sessions held for a contract, as the employer records them and as the peer worker confirms."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow
from pairjobs.models.position import SupervisionKind

if TYPE_CHECKING:
    from pairjobs.models.contract import Contract

MAX_SESSION_MINUTES = 480


class ProviderKind(LabelledEnum):
    """Who led the session."""

    EMPLOYER_STAFF = "employer_staff", _l("A professional of the employer")
    INDEPENDENT = "independent", _l("An independent professional")
    OUTSIDE_BODY = "outside_body", _l("An outside organization")
    PEERS = "peers", _l("Peer workers")


class SupervisionSession(Base):
    """One session held. The employer records it; the peer worker may say it was not held: the disagreement
    is kept beside the record (`contested_at`), neither side overwrites the other."""

    __tablename__ = "supervision_session"
    __table_args__ = (
        sa.CheckConstraint(f"minutes BETWEEN 1 AND {MAX_SESSION_MINUTES}", name="minutes_range"),
        # A file uploaded twice does not count its sessions twice.
        sa.UniqueConstraint("contract_id", "held_on", "kind", name="uq_supervision_session_day_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(sa.ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    kind: Mapped[SupervisionKind] = mapped_column(str_enum(SupervisionKind, "session_kind"))
    minutes: Mapped[int] = mapped_column(sa.SmallInteger)
    paid_time: Mapped[bool]
    provider_kind: Mapped[ProviderKind] = mapped_column(str_enum(ProviderKind, "provider_kind"))
    # How it came: "page", "csv" or "api".
    source: Mapped[str] = mapped_column(sa.String(10), default="page")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The peer worker's word: the session was not held (with what they add, optional).
    contested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    contest_note: Mapped[str | None] = mapped_column(sa.String(500))

    contract: Mapped[Contract] = relationship()

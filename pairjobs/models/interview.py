"""Interviews proposed to a candidate for an application, sent as calendar invitations."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.application import Application
    from pairjobs.models.user import User


class InterviewStatus(LabelledEnum):
    """Where an interview stands; a change of time or place asks the candidate again."""

    PROPOSED = "proposed", _l("Proposed, awaiting the answer")
    ACCEPTED = "accepted", _l("Accepted")
    DECLINED = "declined", _l("Declined")
    CANCELLED = "cancelled", _l("Cancelled")


class Interview(Base):
    """One interview: when, how long, where (a place or a video link), and the candidate's answer.

    `uid` and `sequence` are those of the calendar invitation (RFC 5545): every update or cancellation is
    sent with the same UID and a higher SEQUENCE, so that calendars replace the event they hold.
    """

    __tablename__ = "interview"
    __table_args__ = (
        sa.CheckConstraint("location IS NOT NULL OR video_url IS NOT NULL", name="interview_has_a_place"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("application.id", ondelete="CASCADE"),
                                                index=True)
    uid: Mapped[str] = mapped_column(sa.String(80), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    status: Mapped[InterviewStatus] = mapped_column(str_enum(InterviewStatus, "interview_status"),
                                                    default=InterviewStatus.PROPOSED)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_minutes: Mapped[int]
    location: Mapped[str | None] = mapped_column(sa.String(300))
    video_url: Mapped[str | None] = mapped_column(sa.String(500))
    note: Mapped[str | None] = mapped_column(sa.Text)
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The day-before reminder went for this time (a later change of time sends a new one).
    reminded_for: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    application: Mapped[Application] = relationship(back_populates="interviews")
    proposed_by: Mapped[User | None] = relationship()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_live(self) -> bool:
        """Proposed or accepted: it still takes place unless someone says otherwise."""
        return self.status in (InterviewStatus.PROPOSED, InterviewStatus.ACCEPTED)

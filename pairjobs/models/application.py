"""Applications to positions and the recruitment pipeline."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.candidate import Credential
    from pairjobs.models.interview import Interview
    from pairjobs.models.position import Position
    from pairjobs.models.user import User


class ApplicationStatus(LabelledEnum):
    """Pipeline stages; hired, rejected and withdrawn are final."""

    SUBMITTED = "submitted", _l("Submitted")
    IN_REVIEW = "in_review", _l("In review")
    INTERVIEW = "interview", _l("Interview")
    OFFER = "offer", _l("Offer")
    HIRED = "hired", _l("Hired")
    REJECTED = "rejected", _l("Not kept")
    WITHDRAWN = "withdrawn", _l("Withdrawn")

    @property
    def is_final(self) -> bool:
        return self in (ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


class RejectionReason(LabelledEnum):
    """Why an application was not kept (told to the candidate)."""

    PROFILE_MISMATCH = "profile_mismatch", _l("Your profile does not match the needs of the position")
    CREDENTIAL_MISSING = "credential_missing", _l("The position requires a peer-work credential")
    POSITION_FILLED = "position_filled", _l("The position has been filled")
    POSITION_CLOSED = "position_closed", _l("The recruitment was closed")
    AFTER_INTERVIEW = "after_interview", _l("Another candidate was chosen after the interviews")
    AVAILABILITY = "availability", _l("Your availability does not match the start date")
    NO_RESPONSE = "no_response", _l("The employer did not answer within the time allowed")
    OTHER = "other", _l("Other reason")


application_credential = sa.Table(
    "application_credential",
    Base.metadata,
    sa.Column("application_id", sa.ForeignKey("application.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("credential_id", sa.ForeignKey("credential.id", ondelete="CASCADE"), primary_key=True),
)


class Application(Base):
    """One candidate's application to one position (the database refuses a second)."""

    __tablename__ = "application"
    __table_args__ = (
        sa.UniqueConstraint("position_id", "candidate_id", name="uq_application_position_candidate"),
        sa.CheckConstraint("(status = 'rejected') = (rejection_reason IS NOT NULL)",
                           name="rejected_has_reason"),
        # Covers the monitoring counts of applications per position of a period (and position_id lookups).
        sa.Index("ix_application_position_created_status", "position_id", "created_at", "status"),
        # An organization's applications at a stage (employer home, pipeline filters, reminders): reached
        # from its positions. No index starts with the status: without statistics, SQLite would take it to
        # walk every application at that stage of every organization (540 ms at national scale).
        sa.Index("ix_application_position_status", "position_id", "status", "status_changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(sa.ForeignKey("position.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                              index=True)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ApplicationStatus] = mapped_column(str_enum(ApplicationStatus, "status"),
                                                      default=ApplicationStatus.SUBMITTED)
    rejection_reason: Mapped[RejectionReason | None] = mapped_column(
        str_enum(RejectionReason, "rejection_reason"))
    # Whether the candidate is told why (the default); when not, they read only "not kept".
    reason_shared: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # When the status last changed (kept by the event below), and when the recruiters were last reminded
    # of an application left without a change (pairjobs.domain.follow_up).
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The candidate's file as the employer saw it when it was sent (pairjobs.domain.candidate_file):
    # a later edit of the profile does not change what was sent with this application.
    profile_snapshot: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Optimistic locking: a change based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)

    position: Mapped[Position] = relationship()
    candidate: Mapped[User] = relationship()
    credentials: Mapped[list[Credential]] = relationship(secondary=application_credential)
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id", cascade="all, delete-orphan"
    )
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application", order_by="Interview.starts_at", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def candidate_left(self) -> bool:
        """The candidate is no longer in this recruitment: withdrawn, not kept, or the position closed."""
        if self.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            return True
        from pairjobs.models.position import PositionStatus

        return not self.status.is_final and self.position.status is PositionStatus.CLOSED


@sa.event.listens_for(Application.status, "set")
def _status_changed(application: Application, value: ApplicationStatus, old: object,
                    _initiator: object) -> None:
    """Every change of status, wherever it is made, dates the application's last change."""
    if value != old:
        application.status_changed_at = utcnow()


class ApplicationEvent(Base):
    """A step of an application: who, when, from which status to which, why; notes stay in the
    organization."""

    __tablename__ = "application_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("application.id", ondelete="CASCADE"),
                                                index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    from_status: Mapped[ApplicationStatus | None] = mapped_column(str_enum(ApplicationStatus, "from_status"))
    to_status: Mapped[ApplicationStatus] = mapped_column(str_enum(ApplicationStatus, "to_status"))
    reason: Mapped[RejectionReason | None] = mapped_column(str_enum(RejectionReason, "reason"))
    # Internal to the employer's organization: never shown to the candidate.
    note: Mapped[str | None] = mapped_column(sa.Text)

    application: Mapped[Application] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()

"""Outgoing e-mail, stored with the change that caused it so that nothing is lost if SMTP fails."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow


class MailState(LabelledEnum):
    """Delivery state of a message."""

    PENDING = "pending", _l("waiting to be sent")
    SENT = "sent", _l("sent")
    FAILED = "failed", _l("not delivered yet, tried again later")  # kept for the next attempt
    OUTBOX = "outbox", _l("kept in the outbox (development)")  # not sent, shown on the admin outbox page


class OutboxMessage(Base):
    """One e-mail to one recipient."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    # The account it is for, whatever address it had then: deleting the account deletes its mail.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                                index=True)
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    # A calendar invitation sent with the message (iCalendar, RFC 5545), as text/calendar.
    calendar: Mapped[str | None] = mapped_column(sa.Text)
    state: Mapped[MailState] = mapped_column(str_enum(MailState, "state"),
                                             default=MailState.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

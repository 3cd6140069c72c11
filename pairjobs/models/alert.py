"""Saved searches: a candidate is told by e-mail of new positions that match."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, UTCDateTime, utcnow
from pairjobs.models.user import User


class SavedSearch(Base):
    """A search's parameters (canonical query string) and when its subscriber was last told."""

    __tablename__ = "saved_search"
    __table_args__ = (sa.UniqueConstraint("user_id", "query", name="uq_saved_search_user_query"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    query: Mapped[str] = mapped_column(sa.String(500))
    label: Mapped[str] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Positions published after this were not sent yet.
    last_alert_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()

"""Single-use links sent by e-mail (address confirmation, password reset).

Only a SHA-256 hash of each secret is stored: they are long random strings, so a fast hash is enough.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow
from pairjobs.models.user import User


class LinkPurpose(LabelledEnum):
    """What a link sent by e-mail lets its holder do."""

    CONFIRM_EMAIL = "confirm_email", _l("Confirm the e-mail address")
    RESET_PASSWORD = "reset_password", _l("Choose a new password")


class AccountLink(Base):
    """A link sent to an address; valid once, until it expires."""

    __tablename__ = "account_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[LinkPurpose] = mapped_column(str_enum(LinkPurpose, "link_purpose"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The address the link was sent to: confirming it confirms this address only.
    email: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


"""Accounts: candidates, employers, ARS monitors and administrators."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.candidate import CandidateProfile, Credential
    from pairjobs.models.organization import Organization


class Role(LabelledEnum):
    """What an account may do; one role per account."""

    CANDIDATE = "candidate", _l("Peer worker")
    EMPLOYER = "employer", _l("Employer")
    MONITOR = "monitor", _l("ARS monitoring")
    ADMIN = "admin", _l("Administrator")


def new_session_nonce() -> str:
    """A random value that ties browser sessions to the account's current state."""
    return secrets.token_urlsafe(16)


class User(UserMixin, Base):
    """An account. E-mail addresses are stored lower-cased, so unique regardless of case."""

    __tablename__ = "user_account"
    __table_args__ = (
        sa.CheckConstraint(
            "(role = 'employer') = (organization_id IS NOT NULL)", name="employer_has_organization"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    # Employers need an administrator's approval before they may post.
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    is_enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Changing it (logout, password change) invalidates every existing browser session.
    session_nonce: Mapped[str] = mapped_column(sa.String(32), default=new_session_nonce)
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    # The optional e-mails the person turned off (pairjobs.domain.notifications), by kind.
    mail_opt_outs: Mapped[list[str]] = mapped_column(sa.JSON, default=list, server_default=sa.text("'[]'"))
    # Set when the owner opened the confirmation link sent to the address (or a password-reset link).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the person accepted the terms of use on registering (None: an account from before they were asked).
    terms_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Two-factor sign-in (TOTP, RFC 6238): the shared secret (base32), set when the setup starts and in use
    # once confirmed; the last time step accepted, so that a code is never accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    organization: Mapped[Organization | None] = relationship(back_populates="members")
    approved_by: Mapped[User | None] = relationship(remote_side=[id])
    profile: Mapped[CandidateProfile | None] = relationship(back_populates="user",
                                                            cascade="all, delete-orphan")
    credentials: Mapped[list[Credential]] = relationship(
        back_populates="user", foreign_keys="Credential.user_id", cascade="all, delete-orphan",
        order_by="Credential.id",
    )

    @property
    def two_factor_enabled(self) -> bool:
        """Whether signing in asks for a code of the authenticator app (or a recovery code)."""
        return self.totp_enabled_at is not None

    def get_id(self) -> str:
        """Flask-Login's session identifier: the id plus the current nonce."""
        return f"{self.id}:{self.session_nonce}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses login to inactive accounts
        return self.is_enabled

    @property
    def email_confirmed(self) -> bool:
        """Whether the owner proved they receive mail at the address."""
        return self.email_confirmed_at is not None

    @property
    def is_approved(self) -> bool:
        """Whether the account may act in its role (only employers wait for approval)."""
        return self.role is not Role.EMPLOYER or self.approved_at is not None

    def has_role(self, *roles: Role) -> bool:
        """Whether the account holds one of the roles."""
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class RecoveryCode(Base):
    """A single-use code that replaces the authenticator app once (ten are given at setup); only a
    SHA-256 hash is stored."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

"""Peer workers' profiles and credentials (special-category data: see DOMAIN.md, Privacy)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.user import User


class CandidateProfile(Base):
    """What a peer worker tells employers; the lived-experience text is optional and never required."""

    __tablename__ = "candidate_profile"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    phone: Mapped[str | None] = mapped_column(sa.String(30))
    # INSEE department codes, space-separated.
    departments_sought: Mapped[str] = mapped_column(sa.String(200), default="")
    availability: Mapped[str | None] = mapped_column(sa.String(200))
    presentation: Mapped[str | None] = mapped_column(sa.Text)
    lived_experience: Mapped[str | None] = mapped_column(sa.Text)
    # The explicit consent (GDPR art. 9(2)(a)) to store that text: no text without it; withdrawn, it goes.
    lived_experience_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Visibility: what employers the candidate applied to may see.
    share_lived_experience: Mapped[bool] = mapped_column(default=False)
    share_phone: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="profile")

    @property
    def department_codes(self) -> list[str]:
        return self.departments_sought.split()


class CredentialType(LabelledEnum):
    """Kinds of peer-work training (no national certificate exists: DOMAIN.md, Credentials)."""

    DU = "du", _l("University diploma (DU)")
    DIU = "diu", _l("Inter-university diploma (DIU)")
    LICENCE = "licence", _l("Bachelor's degree (licence)")
    LICENCE_PRO = "licence_pro", _l("Professional bachelor's degree (licence pro)")
    ASSOCIATIVE = "associative", _l("Training by an association")
    FOREIGN = "foreign", _l("Training abroad")


class CredentialStatus(LabelledEnum):
    """Where the candidate is in the training."""

    ENROLLED = "enrolled", _l("In progress")
    OBTAINED = "obtained", _l("Obtained")
    INTERRUPTED = "interrupted", _l("Interrupted")


class Verification(LabelledEnum):
    """An administrator's check of a credential."""

    PENDING = "pending", _l("Not checked yet")
    VERIFIED = "verified", _l("Checked by pairjobs")
    REJECTED = "rejected", _l("Could not be checked")


class Credential(Base):
    """A diploma or training declared by a candidate, with an optional PDF certificate."""

    __tablename__ = "credential"
    __table_args__ = (
        sa.CheckConstraint("end_year IS NULL OR start_year IS NULL OR end_year >= start_year",
                           name="year_order"),
        sa.CheckConstraint("(verification = 'rejected') = (rejection_reason IS NOT NULL)",
                           name="rejected_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    type: Mapped[CredentialType] = mapped_column(str_enum(CredentialType, "type"))
    title: Mapped[str] = mapped_column(sa.String(200))
    institution: Mapped[str] = mapped_column(sa.String(200))
    start_year: Mapped[int | None] = mapped_column(sa.SmallInteger)
    end_year: Mapped[int | None] = mapped_column(sa.SmallInteger)
    status: Mapped[CredentialStatus] = mapped_column(str_enum(CredentialStatus, "status"))
    hours: Mapped[int | None] = mapped_column(sa.SmallInteger)
    reference: Mapped[str | None] = mapped_column(sa.String(120))
    # The certificate is stored under a random name outside static/; only that name is kept here.
    document_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    document_filename: Mapped[str | None] = mapped_column(sa.String(120))
    document_size: Mapped[int | None]
    verification: Mapped[Verification] = mapped_column(str_enum(Verification, "verification"),
                                                       default=Verification.PENDING)
    rejection_reason: Mapped[str | None] = mapped_column(sa.String(300))
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], back_populates="credentials")
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])

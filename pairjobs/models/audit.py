"""The audit log: who read or changed sensitive data, and when."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, utcnow
from pairjobs.models.organization import Organization
from pairjobs.models.user import User


class AuditAction(LabelledEnum):
    """The sensitive actions the audit log records."""

    CANDIDATE_FILE_VIEWED = "candidate_file_viewed", _l("Application file viewed")
    CREDENTIAL_DOWNLOADED = "credential_downloaded", _l("Certificate downloaded")
    APPLICATION_STATUS_CHANGED = "application_status_changed", _l("Application status changed")
    REPORT_EXPORTED = "report_exported", _l("Report exported")
    SURVEY_IMPORTED = "survey_imported", _l("Survey imported")
    EMPLOYER_REFUSED = "employer_refused", _l("Employer request refused")
    ACCOUNT_DEACTIVATED = "account_deactivated", _l("Account turned off")
    ACCOUNT_REACTIVATED = "account_reactivated", _l("Account turned on again")
    POOL_INVITATION = "pool_invitation", _l("Invitation to apply sent from the talent pool")


class AuditEntry(Base):
    """One sensitive action. Entries about a candidate go with the candidate's account."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"),
                                                 index=True)
    actor_role: Mapped[str] = mapped_column(sa.String(20))
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organization.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(40), index=True)
    subject: Mapped[str | None] = mapped_column(sa.String(80))
    # The candidate whose data was read or changed, if any (shown on their privacy page).
    candidate_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                                     index=True)
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    organization: Mapped[Organization | None] = relationship()

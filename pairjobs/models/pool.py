"""The talent pool ("vivier"): peer workers who agreed to be found by employers of chosen departments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, UTCDateTime

if TYPE_CHECKING:
    from pairjobs.models.user import User


class PoolMembership(Base):
    """A peer worker's explicit consent to be found, for at most two years (CNIL): it ends at `expires_at`,
    or when withdrawn (the row is deleted)."""

    __tablename__ = "pool_membership"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    # INSEE department codes, space-separated: employers of these departments find the person.
    departments: Mapped[str] = mapped_column(sa.String(200))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    user: Mapped[User] = relationship()

    @property
    def department_codes(self) -> list[str]:
        return self.departments.split()

"""Who recruits for an organization: the people told of its applications and interviews."""

from __future__ import annotations

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Role, User


def recruiters_of(organization_id: int) -> list[User]:
    """The approved, enabled employer accounts of an organization."""
    return list(db.session.scalars(
        sa.select(User).where(User.organization_id == organization_id, User.role == Role.EMPLOYER,
                              User.approved_at.is_not(None), User.is_enabled)
    ))

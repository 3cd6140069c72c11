"""The employer's home: their organization, approval state and colleagues."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from pairjobs.extensions import db
from pairjobs.models import Role, User
from pairjobs.web.access import roles_required

bp = Blueprint("employer", __name__)


@bp.get("/")
@roles_required(Role.EMPLOYER)
def index():
    """The employer's organization and, once approved, its recruiters."""
    colleagues: Sequence[User] = []
    if current_user.is_approved:
        colleagues = db.session.scalars(
            sa.select(User).where(User.organization_id == current_user.organization_id).order_by(User.name)
        ).all()
    return render_template("employer/index.html", organization=current_user.organization,
                           colleagues=colleagues)


from pairjobs.employer import (  # noqa: E402,F401  (registers the employer pages)
    applications,
    contracts,
    interviews,
    positions,
)

"""The employer's home: what to do now, each open position's stages, the organization and its recruiters."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from flask import Blueprint, current_app, render_template
from flask_login import current_user

from pairjobs.domain.employer_home import employer_home
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import ApplicationStatus, Role, User
from pairjobs.models.base import utcnow
from pairjobs.web.access import roles_required

bp = Blueprint("employer", __name__)
STAGES = list(ApplicationStatus)


@bp.get("/")
@roles_required(Role.EMPLOYER)
def index():
    """What to do now and the open positions' stages (once approved), the organization and its recruiters."""
    colleagues: Sequence[User] = []
    home = None
    if current_user.is_approved:
        colleagues = db.session.scalars(
            sa.select(User).where(User.organization_id == current_user.organization_id).order_by(User.name)
        ).all()
        home = employer_home(current_user.organization, utcnow(), today(),
                             current_app.config["APPLICATION_REMINDER_DAYS"])
    return render_template("employer/index.html", organization=current_user.organization,
                           colleagues=colleagues, home=home, stages=STAGES)


from pairjobs.employer import (  # noqa: E402,F401  (registers the employer pages)
    applications,
    contracts,
    interviews,
    pool,
    positions,
)

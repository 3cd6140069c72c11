"""The employer's home: what to do now, each open position's stages, the organization and its recruiters."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.domain import recovery
from pairjobs.domain.employer_home import employer_home
from pairjobs.employer.forms import InviteColleagueForm
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import ApplicationStatus, Role, User
from pairjobs.models.base import utcnow
from pairjobs.web.access import roles_required
from pairjobs.web.transaction import FAILED, form_change

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
                           colleagues=colleagues, home=home, stages=STAGES,
                           invite_form=InviteColleagueForm(formdata=None))


@bp.post("/colleagues/invite")
@roles_required(Role.EMPLOYER, approved=True)
def invite_colleague():
    """Invite a colleague into the organization (the same answer whether the address has an account)."""
    form = InviteColleagueForm()
    if not form.validate_on_submit():
        abort(400)
    invited = form_change(None, lambda: recovery.invite_colleague(current_user, form.name.data or "",
                                                                  form.email.data or ""))
    if invited is not FAILED:
        flash(_("Invitation sent: your colleague chooses a password from the e-mail, then signs in."),
              "success")
    return redirect(url_for("employer.index", _anchor="organization"))


from pairjobs.employer import (  # noqa: E402,F401  (registers the employer pages)
    applications,
    contracts,
    interviews,
    pool,
    positions,
    questionnaire,
    supervision,
    verification,
)

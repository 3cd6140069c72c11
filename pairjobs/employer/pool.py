"""The employer's side of the talent pool: the peer workers who agreed to be found in the organization's
department, and an invitation to apply to one of its open positions."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.domain import pool
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Credential, Position, PositionStatus, Role, Verification
from pairjobs.models.base import utcnow
from pairjobs.web.access import managed_position_or_404, roles_required
from pairjobs.web.forms import ConfirmForm, small_int
from pairjobs.web.transaction import FAILED, form_change


@bp.get("/pool")
@roles_required(Role.EMPLOYER, approved=True)
def talent_pool():
    """Peer workers of the pool who chose the organization's department (each reading is logged)."""
    with unit_of_work():
        people = pool.found_by(current_user.organization, current_user, utcnow())
    credentials: dict[int, list[Credential]] = {}
    if people:
        for credential in db.session.scalars(sa.select(Credential).where(
                Credential.user_id.in_([p.id for p in people])).order_by(Credential.id)):
            credentials.setdefault(credential.user_id, []).append(credential)
    positions = db.session.scalars(sa.select(Position).where(
        Position.organization_id == current_user.organization_id, Position.status == PositionStatus.PUBLISHED)
        .order_by(Position.title)).all()
    open_positions = [p for p in positions if p.is_open(today())]
    return render_template("employer/pool.html", people=people, credentials=credentials,
                           positions=open_positions, form=ConfirmForm(), verified=Verification.VERIFIED)


@bp.post("/pool/<int:user_id>/invite")
@roles_required(Role.EMPLOYER, approved=True)
def invite_from_pool(user_id: int):
    """Invite one person of the pool to apply to an open position; they receive it by e-mail."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    position_id = small_int(request.form.get("position_id"))
    if position_id is None:
        flash(_("Choose one of your organization's positions."), "error")
        return redirect(url_for("employer.talent_pool"))
    position = managed_position_or_404(position_id, current_user)
    invited = form_change(None, lambda: pool.invite(current_user, user_id, position, utcnow(), today()))
    if invited is not FAILED:
        flash(_("Invitation sent by e-mail."), "success")
    return redirect(url_for("employer.talent_pool"))

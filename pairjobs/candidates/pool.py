"""The peer worker's side of the talent pool: consent given (for two years at most), renewed or withdrawn."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.candidates.forms import PoolForm
from pairjobs.candidates.views import bp
from pairjobs.domain import pool
from pairjobs.models import Role
from pairjobs.models.base import utcnow
from pairjobs.web.access import roles_required
from pairjobs.web.choices import department_options
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.transaction import FAILED, form_change


@bp.route("/pool", methods=["GET", "POST"])
@roles_required(Role.CANDIDATE)
def pool_membership():
    """Off by default: say whether employers of chosen departments may find the person."""
    membership = pool.membership_of(current_user)
    profile = current_user.profile
    form = PoolForm(data={"departments": membership.department_codes if membership else
                          (profile.department_codes if profile else [])})
    form.departments.choices = department_options()
    if form.validate_on_submit() and form_change(form, lambda: pool.join(
            current_user, form.consent.data, form.departments.data or [], utcnow())) is not FAILED:
        flash(_("You are in the talent pool: recruiters of the departments chosen can find you."), "success")
        return redirect(url_for("candidates.pool_membership"))
    return render_template("candidates/pool.html", form=form, membership=membership, leave_form=ConfirmForm(),
                           now=utcnow())


@bp.post("/pool/leave")
@roles_required(Role.CANDIDATE)
def leave_pool():
    """Withdraw the consent at once."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if form_change(None, lambda: pool.leave(current_user)) is not FAILED:
        flash(_("You left the talent pool: recruiters no longer find you."), "success")
    return redirect(url_for("candidates.pool_membership"))

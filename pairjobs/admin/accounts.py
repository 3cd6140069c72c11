"""Administration of accounts: employers' requests approved or refused, accounts listed, created, turned off
and on again."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.admin.forms import RefuseEmployerForm, StaffUserForm
from pairjobs.admin.views import bp, listing, words
from pairjobs.domain import account_admin, accounts, recovery
from pairjobs.extensions import db
from pairjobs.models import Organization, Role, User
from pairjobs.web.access import roles_required
from pairjobs.web.choices import organization_choices
from pairjobs.web.confirm import ask
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.transaction import FAILED, form_change


@bp.post("/employers/<int:user_id>/approve")
@roles_required(Role.ADMIN)
def approve_employer(user_id: int):
    """Approve an employer account."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    employer = db.get_or_404(User, user_id)
    if form_change(None, lambda: account_admin.approve_employer(employer, current_user)) is not FAILED:
        organization = employer.organization.name if employer.organization else ""
        message = _("%(name)s may now post positions for %(org)s.", name=employer.name, org=organization)
        flash(message, "success")
    return redirect(url_for("admin.index"))


@bp.route("/employers/<int:user_id>/refuse", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def refuse_employer(user_id: int):
    """Refuse an employer's request, with the reason sent to them; asks for it first."""
    employer = db.get_or_404(User, user_id)
    form = RefuseEmployerForm()

    def refuse() -> None:
        account_admin.refuse_employer(employer, current_user, form.reason.data or "")

    if form.validate_on_submit() and form_change(form, refuse) is not FAILED:
        flash(_("The request of %(name)s is refused; they were told why.", name=employer.name), "success")
        return redirect(url_for("admin.index"))
    return render_template("admin/refuse_employer.html", employer=employer, form=form)


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    """Accounts, newest first, searched by name or address and filtered by role."""
    q, found = words(User.name, User.email)
    stmt = sa.select(User)
    if found is not None:
        stmt = stmt.where(found)
    role = request.args.get("role", "")
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == role)
    result = listing(stmt, (User.created_at.desc(), User.id.desc()), (sa.orm.joinedload(User.organization),))
    args = {k: v for k, v in {"q": q, "role": role}.items() if v}
    return render_template("admin/users.html", result=result, q=q, role=role, args=args, form=ConfirmForm())


@bp.route("/users/<int:user_id>/deactivate", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def deactivate_user(user_id: int):
    """Turn an account off, once confirmed: no sign-in, sessions ended, API tokens revoked."""
    user = db.get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        if form_change(None, lambda: account_admin.deactivate(user, current_user)) is not FAILED:
            flash(_("The account of %(name)s is turned off.", name=user.name), "success")
        return redirect(url_for("admin.users"))
    question = _("Turn off the account of %(name)s (%(email)s)? They can no longer sign in, their open "
                 "sessions end and their API tokens stop working. You can turn it on again later.",
                 name=user.name, email=user.email)
    return ask(_("Turn an account off"), question, _("Yes, turn it off"), url_for("admin.users"))


@bp.post("/users/<int:user_id>/reactivate")
@roles_required(Role.ADMIN)
def reactivate_user(user_id: int):
    """Turn an account on again."""
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if form_change(None, lambda: account_admin.reactivate(user, current_user)) is not FAILED:
        flash(_("The account of %(name)s is on again.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_user():
    """Create a monitor, administrator, employer or candidate account."""
    form = StaffUserForm()
    form.organization.choices = organization_choices(_("None"))
    if form.validate_on_submit():
        chosen = form.organization.data
        organization = db.session.get(Organization, chosen) if chosen else None
        def create():
            user = accounts.create_user(
                email=form.email.data or "", password=form.password.data or "", name=form.name.data or "",
                role=Role(form.role.data), organization=organization, approved_by=current_user)
            recovery.send_confirmation(user)  # the owner proves the address is theirs
            return user

        user = form_change(form, create)
        if user is not FAILED:
            flash(_("Account %(email)s created.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form)

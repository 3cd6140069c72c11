"""Administration pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.admin.forms import OrganizationForm, RefuseEmployerForm, StaffUserForm, VerifyCredentialForm
from pairjobs.domain import accounts, candidates, recovery
from pairjobs.domain.identifiers import check_finess
from pairjobs.domain.organizations import create_organization
from pairjobs.extensions import db
from pairjobs.models import AuditEntry, Credential, Organization, OutboxMessage, Role, User, Verification
from pairjobs.schemas.base import load
from pairjobs.schemas.organizations import OrganizationSchema, draft_from
from pairjobs.web import labels
from pairjobs.web.access import roles_required
from pairjobs.web.choices import department_choices, organization_choices
from pairjobs.web.forms import ConfirmForm, form_values
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("admin", __name__)
PATHS = OrganizationSchema.paths()


def pending_employers_query() -> sa.Select:
    """Employer accounts waiting for approval, oldest first."""
    return (
        sa.select(User)
        .where(User.role == Role.EMPLOYER, User.approved_at.is_(None), User.is_enabled)
        .options(sa.orm.joinedload(User.organization))
        .order_by(User.created_at)
    )


@bp.get("/")
@roles_required(Role.ADMIN)
def index():
    """Administration overview."""
    counts = dict(db.session.execute(sa.select(User.role, sa.func.count()).group_by(User.role)).all())
    organizations = db.session.scalar(sa.select(sa.func.count()).select_from(Organization))
    pending = db.session.scalars(pending_employers_query()).all()
    return render_template(
        "admin/index.html", counts=counts, organizations=organizations, pending=pending, form=ConfirmForm()
    )


@bp.get("/organizations")
@roles_required(Role.ADMIN)
def organizations():
    """Every organization, by name."""
    rows = db.session.scalars(sa.select(Organization).order_by(Organization.name)).all()
    checks = {o.id: check_finess(o.finess) for o in rows}
    key_ok = {id_: check is not None and check.key_valid for id_, check in checks.items()}
    return render_template("admin/organizations.html", organizations=rows, key_ok=key_ok, form=ConfirmForm())


@bp.post("/organizations/<int:organization_id>/two-factor")
@roles_required(Role.ADMIN)
def require_two_factor(organization_id: int):
    """Require a second factor of the organization's employers, or stop requiring it."""
    organization = db.get_or_404(Organization, organization_id)
    if ConfirmForm().validate_on_submit():
        def toggle():
            organization.two_factor_required = not organization.two_factor_required

        if form_change(None, toggle) is not FAILED:
            flash(_("%(name)s: its employers now sign in with a second factor.", name=organization.name)
                  if organization.two_factor_required else
                  _("%(name)s: a second factor is no longer required of its employers.",
                    name=organization.name), "success")
    return redirect(url_for("admin.organizations"))


@bp.route("/organizations/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_organization():
    """Create an organization."""
    form = OrganizationForm()
    form.department.choices = department_choices()
    if form.validate_on_submit():
        values = form_values(form) | {"opening_days": form.opening_days.data or None}  # none ticked: Mon–Fri
        created = form_change(form,
                              lambda: create_organization(draft_from(load(OrganizationSchema(), values))),
                              PATHS)
        if created is not FAILED:
            for warning in created.warnings:
                flash(warning, "warning")
            flash(_("Organization “%(name)s” created.", name=created.organization.name), "success")
            return redirect(url_for("admin.organizations"))
    return render_template("admin/organization_form.html", form=form)


@bp.post("/employers/<int:user_id>/approve")
@roles_required(Role.ADMIN)
def approve_employer(user_id: int):
    """Approve an employer account."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    employer = db.get_or_404(User, user_id)
    if form_change(None, lambda: accounts.approve_employer(employer, current_user)) is not FAILED:
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
        accounts.refuse_employer(employer, current_user, form.reason.data or "")

    if form.validate_on_submit() and form_change(form, refuse) is not FAILED:
        flash(_("The request of %(name)s is refused; they were told why.", name=employer.name), "success")
        return redirect(url_for("admin.index"))
    return render_template("admin/refuse_employer.html", employer=employer, form=form)


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    """Every account, newest first."""
    rows = db.session.scalars(
        sa.select(User).options(sa.orm.joinedload(User.organization)).order_by(User.created_at.desc())
    ).all()
    return render_template("admin/users.html", users=rows)


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


@bp.get("/credentials")
@roles_required(Role.ADMIN)
def credentials():
    """Credentials waiting for a check, oldest first."""
    rows = db.session.scalars(
        sa.select(Credential).where(Credential.verification == Verification.PENDING)
        .options(sa.orm.joinedload(Credential.user)).order_by(Credential.created_at)
    ).all()
    return render_template("admin/credentials.html", credentials=rows, form=VerifyCredentialForm())


@bp.post("/credentials/<int:credential_id>/verify")
@roles_required(Role.ADMIN)
def verify_credential(credential_id: int):
    """Record the outcome of a check."""
    credential = db.get_or_404(Credential, credential_id)
    form = VerifyCredentialForm()
    if not form.validate_on_submit():
        abort(400)
    if form_change(None, lambda: candidates.verify_credential(credential, current_user, form.outcome.data,
                                                               form.reason.data)) is not FAILED:
        flash(_("The check is recorded."), "success")
    return redirect(url_for("admin.credentials"))


@bp.get("/outbox")
@roles_required(Role.ADMIN)
def outbox():
    """The latest e-mails, with their delivery state."""
    rows = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(200)).all()
    return render_template("admin/outbox.html", messages=rows)


@bp.get("/audit")
@roles_required(Role.ADMIN)
def audit_log():
    """The latest sensitive actions, filterable by action."""
    stmt = sa.select(AuditEntry).options(sa.orm.joinedload(AuditEntry.actor),
                                         sa.orm.joinedload(AuditEntry.organization))
    action = request.args.get("action", "")
    if action in labels.AUDIT_ACTIONS:
        stmt = stmt.where(AuditEntry.action == action)
    rows = db.session.scalars(stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(500)).all()
    return render_template("admin/audit.html", entries=rows, action=action)

"""Administration: the overview and the organizations (accounts: pairjobs.admin.accounts; credentials, outbox
and audit log: pairjobs.admin.records). Every list is searched and shown 50 a page."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import InstrumentedAttribute

from pairjobs.admin.forms import OrganizationForm
from pairjobs.domain.identifiers import check_finess
from pairjobs.domain.organizations import create_organization, update_organization
from pairjobs.domain.paging import Page, page_of
from pairjobs.extensions import db
from pairjobs.infra.text import clean_line
from pairjobs.models import Organization, Role, User
from pairjobs.schemas.base import load
from pairjobs.schemas.organizations import OrganizationSchema, draft_from, draft_names
from pairjobs.web.access import roles_required
from pairjobs.web.choices import department_choices
from pairjobs.web.forms import ConfirmForm, form_values, small_int
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("admin", __name__)
PATHS = OrganizationSchema.paths()
MAX_PAGE = 100_000
ColumnLike = sa.ColumnElement[Any] | InstrumentedAttribute[Any]


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


def listing(stmt: sa.Select, order: tuple, options: tuple = ()) -> Page:
    """The page of a list the request asks for (`page`, from 1; past the end, the last page)."""
    page = min(small_int(request.args.get("page")) or 1, MAX_PAGE) or 1
    size = current_app.config["ADMIN_PAGE_SIZE"]
    result = page_of(stmt, order, page, size, options=options)
    if result.page > result.pages >= 1:  # past the end: the last page
        result = page_of(stmt, order, result.pages, size, options=options)
    return result


def words(column: ColumnLike, *more: ColumnLike) -> tuple[str, sa.ColumnElement[bool] | None]:
    """The `q` of the request as a filter: every word found in one of the columns, whatever its case."""
    q = clean_line(request.args.get("q", ""))[:100].strip()
    conditions = [sa.or_(*(sa.func.lower(c).contains(w.lower(), autoescape=True) for c in (column, *more)))
                  for w in q.split()]
    return q, sa.and_(*conditions) if conditions else None


@bp.get("/organizations")
@roles_required(Role.ADMIN)
def organizations():
    """Organizations by name, searched by name, FINESS or SIRET."""
    q, found = words(Organization.name, Organization.finess, Organization.siret)
    stmt = sa.select(Organization) if found is None else sa.select(Organization).where(found)
    result = listing(stmt, (Organization.name, Organization.id))
    key_ok = {o.id: (check := check_finess(o.finess)) is not None and check.key_valid for o in result.items}
    return render_template("admin/organizations.html", result=result, q=q, key_ok=key_ok, form=ConfirmForm())


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



@bp.route("/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_organization(organization_id: int):
    """Correct an organization's identifiers, place or what the contract rules read of it."""
    organization = db.get_or_404(Organization, organization_id)
    current = OrganizationSchema().dump(organization)
    form = OrganizationForm(data=current | {"opening_days": list(organization.opening_days or "")})
    form.department.choices = department_choices()
    form.submit.label.text = _("Save")
    if form.validate_on_submit():
        values = form_values(form) | {"opening_days": form.opening_days.data or None}
        changed = form_change(form, lambda: update_organization(
            organization, draft_names(load(OrganizationSchema(), values))), PATHS)
        if changed is not FAILED:
            for warning in changed:
                flash(warning, "warning")
            flash(_("Organization “%(name)s” saved.", name=organization.name), "success")
            return redirect(url_for("admin.organizations"))
    return render_template("admin/organization_form.html", form=form, organization=organization)


from pairjobs.admin import accounts, records  # noqa: E402,F401  (register their pages on the blueprint)

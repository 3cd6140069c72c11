"""The employer's positions: list, create, edit, publish, close, duplicate."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pairjobs.domain import france_travail
from pairjobs.domain import positions as ops
from pairjobs.employer.forms import CloseForm, PositionForm
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Application, CloseOutcome, Position, PositionEvent, PositionStatus, Role
from pairjobs.schemas.base import load
from pairjobs.schemas.positions import PositionSchema
from pairjobs.web.access import managed_position_or_404, roles_required
from pairjobs.web.choices import department_choices
from pairjobs.web.confirm import ask, confirmed
from pairjobs.web.forms import form_data, form_values, small_int
from pairjobs.web.templating import public_url
from pairjobs.web.transaction import FAILED, form_change

PATHS = PositionSchema.paths()


def position_form(**kwargs) -> PositionForm:
    return PositionForm(departments=department_choices(), **kwargs)


@bp.get("/positions")
@roles_required(Role.EMPLOYER, approved=True)
def positions():
    """The organization's positions, drafts first then the most recent."""
    rows = db.session.scalars(
        sa.select(Position)
        .where(Position.organization_id == current_user.organization_id)
        .order_by(sa.case((Position.status == PositionStatus.DRAFT, 0),
                          (Position.status == PositionStatus.PUBLISHED, 1), else_=2),
                  Position.updated_at.desc())
    ).all()
    counts = dict(db.session.execute(
        sa.select(Application.position_id, sa.func.count(Application.id))
        .join(Position, Position.id == Application.position_id)
        .where(Position.organization_id == current_user.organization_id).group_by(Application.position_id)
    ).all())
    return render_template("employer/positions.html", positions=rows,
                           flags={p.id: ops.flags_of(p) for p in rows},
                           applications=counts, today=today())


@bp.route("/positions/new", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def new_position():
    """Write a new draft."""
    organization = current_user.organization
    form = position_form(data={"department": organization.department_code, "peer_team_size": "0",
                               "openings": "1"})
    if form.validate_on_submit():
        position = form_change(form, lambda: ops.create_position(
            organization, current_user, load(PositionSchema(), form_values(form))), PATHS)
        if position is not FAILED:
            flash(_("Draft saved. Check it, then publish it."), "success")
            return redirect(url_for("employer.edit_position", position_id=position.id))
    return render_template("employer/position_form.html", form=form, position=None)


@bp.route("/positions/<int:position_id>/edit", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def edit_position(position_id: int):
    """Edit a draft or a published position; its history is shown below."""
    position = managed_position_or_404(position_id, current_user)
    if request.method == "GET":
        form = position_form(data=form_data(ops.current_values(position), PATHS)
                             | {"version": position.version})
    else:
        form = position_form()
    if form.validate_on_submit():
        changes = form_change(form, lambda: ops.update_position(
            position, current_user, load(PositionSchema(), form_values(form)), today(),
            small_int(form.version.data)),
            PATHS)
        if changes is not FAILED:
            flash(_("Changes saved.") if changes else _("Nothing was changed."), "success")
            return redirect(url_for("employer.edit_position", position_id=position.id))
    events = db.session.scalars(
        sa.select(PositionEvent).where(PositionEvent.position_id == position.id)
        .options(sa.orm.joinedload(PositionEvent.actor))
        .order_by(PositionEvent.at.desc(), PositionEvent.id.desc())
    ).all()
    return render_template("employer/position_form.html", form=form, position=position, events=events,
                           close_form=CloseForm(), flags=ops.flags_of(position))


def _act(position_id: int, action, success: str):
    position = managed_position_or_404(position_id, current_user)
    form = CloseForm()
    if not form.validate_on_submit():
        abort(400)
    result = form_change(None, lambda: action(position, form))
    if result is FAILED:
        return redirect(url_for("employer.edit_position", position_id=position.id))
    flash(success, "success")
    target = result.id if isinstance(result, Position) else position.id
    return redirect(url_for("employer.edit_position", position_id=target))


@bp.post("/positions/<int:position_id>/publish")
@roles_required(Role.EMPLOYER, approved=True)
def publish_position(position_id: int):
    """Publish a draft."""
    return _act(position_id, lambda p, f: ops.publish(p, current_user, today()),
                _("The position is published."))


@bp.post("/positions/<int:position_id>/close")
@roles_required(Role.EMPLOYER, approved=True)
def close_position(position_id: int):
    """Close a position with its outcome, once confirmed on a page that says what follows: every
    application in progress is closed and its candidate told."""
    if not confirmed():
        position = managed_position_or_404(position_id, current_user)
        if not CloseForm().validate_on_submit():
            abort(400)
        outcome = next((o for o in CloseOutcome if o.value == request.form.get("outcome")), None)
        pending = ops.pending_count(position)
        question = " ".join(part for part in (
            _("Close “%(title)s” as: %(outcome)s?", title=position.title, outcome=str(outcome.label).lower())
            if outcome else _("Close “%(title)s”?", title=position.title),
            ngettext("%(num)d application in progress will be closed, and its candidate told by e-mail.",
                     "%(num)d applications in progress will be closed, and their candidates told by e-mail.",
                     pending) if pending else "",
            _("The position's page stays readable, marked as closed; it leaves the search.")) if part)
        return ask(_("Close the position"), question, _("Yes, close the position"),
                   url_for("employer.edit_position", position_id=position.id))
    return _act(position_id,
                lambda p, f: ops.close(p, current_user, f.outcome.data), _("The position is closed."))


@bp.route("/positions/<int:position_id>/delete", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def delete_draft(position_id: int):
    """Ask for confirmation, then delete a draft never published."""
    position = managed_position_or_404(position_id, current_user)
    form = CloseForm()
    if form.validate_on_submit():
        title = position.title
        if form_change(None, lambda: ops.delete_draft(position)) is FAILED:
            return redirect(url_for("employer.edit_position", position_id=position_id))
        flash(_("The draft “%(title)s” is deleted.", title=title), "success")
        return redirect(url_for("employer.positions"))
    question = _("Delete the draft “%(title)s”? It was never published; nothing of it is kept.",
                 title=position.title)
    return ask(_("Delete the draft"), question, _("Yes, delete it"),
               url_for("employer.edit_position", position_id=position.id))


@bp.post("/positions/<int:position_id>/duplicate")
@roles_required(Role.EMPLOYER, approved=True)
def duplicate_position(position_id: int):
    """Copy a position into a new draft."""
    return _act(position_id, lambda p, f: ops.duplicate(p, current_user),
                _("A copy was made as a new draft: check its dates."))


@bp.get("/positions/export/france-travail.csv")
@roles_required(Role.EMPLOYER, approved=True)
def export_france_travail():
    """The organization's drafts and published positions in France Travail's vocabulary."""
    rows = db.session.scalars(
        sa.select(Position).where(Position.organization_id == current_user.organization_id,
                                  Position.status != PositionStatus.CLOSED).order_by(Position.id)
    ).all()
    body = france_travail.to_csv([france_travail.row(p, public_url("jobs.detail", position_id=p.id))
                                  for p in rows])
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="pairjobs-france-travail.csv"'})

"""The employer's recruitment pipeline: applications across or per position, and the candidate's file."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.domain import applications as pipeline
from pairjobs.domain import audit
from pairjobs.domain.candidate_file import employer_view
from pairjobs.domain.paging import page_of
from pairjobs.employer.forms import InterviewForm, StatusForm
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Application, ApplicationStatus, Contract, Position, Role, User
from pairjobs.models.base import utcnow
from pairjobs.web.access import roles_required, scope_applications, visible_application_or_404
from pairjobs.web.forms import small_int
from pairjobs.web.transaction import FAILED, form_change

# What the pipeline's rows show of an application, its candidate and its position: not every column of them
# (a candidate's account has twenty).
PIPELINE_LOADS = (
    sa.orm.load_only(Application.id, Application.position_id, Application.candidate_id, Application.status,
                     Application.created_at, Application.updated_at),
    sa.orm.joinedload(Application.position).load_only(Position.id, Position.title),
    sa.orm.joinedload(Application.candidate).load_only(User.id, User.name),
)


@bp.get("/applications")
@roles_required(Role.EMPLOYER, approved=True)
def applications():
    """Applications to the organization's positions, filtered by status and position."""
    stmt = scope_applications(sa.select(Application), current_user)
    status = request.args.get("status", "")
    position_id = small_int(request.args.get("position_id"))
    if status in {s.value for s in ApplicationStatus}:
        stmt = stmt.where(Application.status == status)
    if position_id:
        stmt = stmt.where(Application.position_id == position_id)
    page = small_int(request.args.get("page", "1")) or 1
    result = page_of(stmt, (Application.updated_at.desc(), Application.id.desc()), page,
                     current_app.config["PIPELINE_PAGE_SIZE"],
                     options=PIPELINE_LOADS)
    positions = db.session.execute(
        sa.select(Position.id, Position.title).where(Position.organization_id == current_user.organization_id)
        .order_by(Position.title)
    ).all()
    filters = {k: v for k, v in {"status": status, "position_id": position_id}.items() if v}
    return render_template("employer/applications.html", result=result, positions=positions, status=status,
                           position_id=position_id, filters=filters)


@bp.route("/applications/<int:application_id>", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def application(application_id: int):
    """A candidate's file for this application, its history with internal notes, and the next step."""
    item = visible_application_or_404(application_id, current_user)
    form = status_form(item, fresh=request.method == "GET")
    if form.validate_on_submit():
        version = small_int(form.version.data)
        if form_change(form,
                       lambda: pipeline.change_status(item, current_user, form.status.data, form.reason.data,
                                                      form.note.data, version, today(),
                                                      reason_shared=form.share_reason.data)) is not FAILED:
            flash(_("Saved."), "success")
            return redirect(url_for("employer.application", application_id=item.id))
    return application_page(item, form, InterviewForm(formdata=None, prefix="interview"))


def status_form(item: Application, fresh: bool) -> StatusForm:
    """The next-step form of an application: the moves its status allows; `fresh`: not read from the request
    (a page shown anew), at the application's current version."""
    allowed = sorted(pipeline.TRANSITIONS[item.status], key=list(ApplicationStatus).index)
    form = StatusForm(allowed=allowed) if not fresh else StatusForm(formdata=None, allowed=allowed)
    if fresh:
        form.version.data = str(item.version)
    return form


def application_page(item: Application, form: StatusForm, interview_form: InterviewForm) -> str:
    """The application page. Every rendering of the file is logged, whatever the method (GET, HEAD, a form
    sent back with errors)."""
    with unit_of_work():
        audit.record(current_user, audit.Action.CANDIDATE_FILE_VIEWED, f"application:{item.id}",
                     item.candidate_id, method=request.method)
    contract = db.session.scalar(sa.select(Contract).where(Contract.application_id == item.id)
                                 .order_by(Contract.id)) if item.status is ApplicationStatus.HIRED else None
    return render_template("employer/application.html", application=item, file=employer_view(item), form=form,
                           interview_form=interview_form, contract=contract, now=utcnow())

"""Credentials, applications and the pipeline over the API (same rules as the pages)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify, request, url_for

from pairjobs.api import bp
from pairjobs.api.auth import api_user, token_required
from pairjobs.api.helpers import commit_or_conflict, domain_error, json_body, paging
from pairjobs.api.serializers import application_json, credential_json
from pairjobs.domain import applications as pipeline
from pairjobs.domain import audit, candidates
from pairjobs.web.access import scope_applications, visible_application_or_404, visible_position_or_404
from pairjobs.domain.errors import DomainError
from pairjobs.domain.paging import page_of
from pairjobs.web.errors import error_response
from pairjobs.extensions import db
from pairjobs.models import Application, ApplicationEvent, ApplicationStatus, Position, Role, User
from pairjobs.infra.clock import today
from pairjobs.web.forms import small_int

# Everything application_json reads, loaded with the page (no query per item).
APPLICATION_LOADS = (
    sa.orm.joinedload(Application.position).joinedload(Position.organization),
    sa.orm.joinedload(Application.candidate).joinedload(User.profile),
    sa.orm.selectinload(Application.credentials),
    sa.orm.selectinload(Application.events).joinedload(ApplicationEvent.actor),
)


@bp.get("/me/credentials")
@token_required(Role.CANDIDATE)
def my_credentials():
    """The candidate's credentials."""
    return jsonify(items=[credential_json(c) for c in api_user().credentials])


@bp.post("/me/credentials")
@token_required(Role.CANDIDATE)
def add_credential():
    """Declare a credential (JSON; certificates are uploaded from the site)."""
    try:
        credential = candidates.add_credential(api_user(), json_body())
    except DomainError as exc:
        return domain_error(exc)
    db.session.commit()
    response = jsonify(credential_json(credential))
    response.status_code = 201
    return response


@bp.post("/positions/<int:position_id>/applications")
@token_required(Role.CANDIDATE)
def apply(position_id: int):
    """Apply: 201, 409 when already applied, 422 when the position is not open or the input is wrong."""
    user = api_user()
    position = visible_position_or_404(position_id, user)
    body = json_body()
    try:
        application = pipeline.apply(user, position, body.get("message"), body.get("credential_ids") or [], today())
    except DomainError as exc:
        return domain_error(exc)
    db.session.commit()
    response = jsonify(application_json(application, for_employer=False))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_application", application_id=application.id)
    return response


@bp.get("/applications")
@token_required(Role.CANDIDATE, Role.EMPLOYER)
def list_applications():
    """A candidate's own applications, or an employer's organization's; filters status and position_id."""
    user = api_user()
    stmt = scope_applications(sa.select(Application), user)
    errors = {}
    status = request.args.get("status")
    if status:
        if status in {s.value for s in ApplicationStatus}:
            stmt = stmt.where(Application.status == status)
        else:
            errors["status"] = ["Unknown status."]
    position_id = request.args.get("position_id")
    if position_id:
        if small_int(position_id) is not None:
            stmt = stmt.where(Application.position_id == small_int(position_id))
        else:
            errors["position_id"] = ["Must be a whole number."]
    page, per_page, paging_errors = paging(request.args)
    errors |= paging_errors
    if errors:
        return error_response(422, "Some parameters are not valid.", errors)
    result = page_of(stmt, (Application.id.desc(),), page, per_page, options=APPLICATION_LOADS)
    employer = user.role is Role.EMPLOYER
    return jsonify(items=[application_json(a, employer) for a in result.items], total=result.total, page=page,
                   per_page=per_page)


@bp.get("/applications/<int:application_id>")
@token_required(Role.CANDIDATE, Role.EMPLOYER)
def get_application(application_id: int):
    """One application, for its candidate or its organization's recruiters; 404 for anyone else."""
    user = api_user()
    application = visible_application_or_404(application_id, user)
    if user.role is Role.EMPLOYER:
        audit.record(user, audit.CANDIDATE_FILE_VIEWED, f"application:{application.id}", application.candidate_id)
        db.session.commit()
    return jsonify(application_json(application, user.role is Role.EMPLOYER))


@bp.patch("/applications/<int:application_id>")
@token_required(Role.EMPLOYER)
def update_application(application_id: int):
    """Change the status (with a reason when rejecting) or add a note; "version" guards against lost updates."""
    user = api_user()
    application = visible_application_or_404(application_id, user)
    body = json_body()
    version = body.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        return error_response(422, "Some fields are not valid.", {"version": ["Must be a whole number."]})
    for name in ("status", "reason"):
        if body.get(name) is not None and not isinstance(body[name], str):
            return error_response(422, "Some fields are not valid.", {name: ["Must be text."]})
    try:
        pipeline.change_status(application, user, body.get("status"), body.get("reason"), body.get("note"), version,
                               today())
        db.session.commit()
    except DomainError as exc:
        return domain_error(exc)
    except sa.orm.exc.StaleDataError:
        db.session.rollback()
        return error_response(409, "Someone else changed this application meanwhile.")
    return jsonify(application_json(application, for_employer=True))


@bp.post("/applications/<int:application_id>/withdraw")
@token_required(Role.CANDIDATE)
def withdraw_application(application_id: int):
    """The candidate withdraws their application."""
    user = api_user()
    application = visible_application_or_404(application_id, user)
    try:
        pipeline.withdraw(application, user)
    except DomainError as exc:
        return domain_error(exc)
    return commit_or_conflict() or jsonify(application_json(application, for_employer=False))

"""Applications and the pipeline over the API (same rules as the pages)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import jsonify, request, url_for

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import operation
from pairjobs.domain import applications as pipeline
from pairjobs.domain import audit
from pairjobs.domain.paging import page_of
from pairjobs.infra.clock import today
from pairjobs.models import Application, ApplicationEvent, Position, Role, User
from pairjobs.schemas.applications import (
    ApplicationFilterArgs,
    ApplicationListSchema,
    ApplicationSchema,
    ApplySchema,
    StatusChangeSchema,
)
from pairjobs.web.access import scope_applications, visible_application_or_404, visible_position_or_404

# Everything ApplicationSchema reads, loaded with the page (no query per item).
APPLICATION_LOADS = (
    sa.orm.joinedload(Application.position).joinedload(Position.organization),
    sa.orm.joinedload(Application.candidate).joinedload(User.profile),
    sa.orm.selectinload(Application.credentials),
    sa.orm.selectinload(Application.events).joinedload(ApplicationEvent.actor),
)


def _position(position_id: int) -> Position:
    return visible_position_or_404(position_id, api_user())


def _application(application_id: int) -> Application:
    return visible_application_or_404(application_id, api_user())


def _shown(application: Application, status: int = 200, headers: dict | None = None) -> Any:
    """The application as its reader may see it (the documented schema is the candidate's view)."""
    response = jsonify(ApplicationSchema(for_employer=api_user().role is Role.EMPLOYER).dump(application))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _audit_read(user: User, application: Application) -> None:
    """Log that a recruiter was sent the candidate's file (every method and route that returns it)."""
    if user.role is Role.EMPLOYER:
        audit.record(user, audit.Action.CANDIDATE_FILE_VIEWED, f"application:{application.id}",
                     application.candidate_id, method=request.method)


@bp.post("/positions/<int:position_id>/applications")
@operation("Applications", roles=(Role.CANDIDATE,), returns=ApplicationSchema, status=201, body=ApplySchema,
           lookup=_position, writes=True)
def apply(position: Position, body: dict[str, Any]) -> Any:
    """Apply: 201, 409 when already applied, 422 when the position is not open or the input is wrong."""
    user = api_user()
    application = pipeline.apply(user, position, body.get("message"), body["credential_ids"], today())
    return _shown(application, 201,
                  {"Location": url_for("api.get_application", application_id=application.id)})


@bp.get("/applications")
@operation("Applications", roles=(Role.CANDIDATE, Role.EMPLOYER), returns=ApplicationListSchema,
           query=ApplicationFilterArgs, writes=True)
def list_applications(**args: Any) -> Any:
    """A candidate's own applications, or an employer's organization's; filters status and position_id."""
    user = api_user()
    stmt = scope_applications(sa.select(Application), user)
    if args.get("status"):
        stmt = stmt.where(Application.status == args["status"])
    if args.get("position_id"):
        stmt = stmt.where(Application.position_id == args["position_id"])
    page, per_page = args["page"], args["per_page"]
    result = page_of(stmt, (Application.id.desc(),), page, per_page, options=APPLICATION_LOADS)
    schema = ApplicationSchema(for_employer=user.role is Role.EMPLOYER, many=True)
    if user.role is Role.EMPLOYER:
        audit.record_many(user, audit.Action.CANDIDATE_FILE_VIEWED,
                          [(f"application:{a.id}", a.candidate_id) for a in result.items],
                          method=request.method)
    return jsonify(items=schema.dump(result.items), total=result.total, page=page, per_page=per_page)


@bp.get("/applications/<int:application_id>")
@operation("Applications", roles=(Role.CANDIDATE, Role.EMPLOYER), returns=ApplicationSchema, writes=True)
def get_application(application_id: int) -> Any:
    """One application, for its candidate or its organization's recruiters (each reading is logged); 404
    for anyone else."""
    user = api_user()
    application = _application(application_id)
    _audit_read(user, application)
    return _shown(application)


@bp.patch("/applications/<int:application_id>")
@operation("Applications", roles=(Role.EMPLOYER,), returns=ApplicationSchema, body=StatusChangeSchema,
           lookup=_application, writes=True)
def update_application(application: Application, body: dict[str, Any]) -> Any:
    """Change the status (with a reason when rejecting) or add a note; "version" guards lost updates."""
    user = api_user()
    status, reason = body.get("status"), body.get("reason")
    pipeline.change_status(application, user, status.value if status else None,
                           reason.value if reason else None,
                           body.get("note"), body.get("version"), today(),
                           reason_shared=body["reason_shared"])
    _audit_read(user, application)
    return _shown(application)


@bp.post("/applications/<int:application_id>/withdraw")
@operation("Applications", roles=(Role.CANDIDATE,), returns=ApplicationSchema, writes=True)
def withdraw_application(application_id: int) -> Any:
    """The candidate withdraws their application."""
    application = _application(application_id)
    pipeline.withdraw(application, api_user())
    return _shown(application)

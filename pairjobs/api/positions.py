"""Positions over the API: public search and reading; employers create, edit, publish, close."""

from __future__ import annotations

from flask import abort, current_app, g, jsonify, request, url_for

from pairjobs.api import bp
from pairjobs.api.auth import token_required
from pairjobs.api.helpers import commit_or_conflict, domain_error, json_body, optional_user
from pairjobs.api.serializers import position_json
from pairjobs.domain import positions as ops
from pairjobs.web.access import managed_position_or_404, visible_position_or_404
from pairjobs.domain.errors import DomainError
from pairjobs.domain.geo import geography
from pairjobs.domain.search import parse_search, search_positions
from pairjobs.web.errors import error_response
from pairjobs.extensions import db
from pairjobs.models import Role
from pairjobs.infra.clock import today


@bp.get("/positions")
def list_positions():
    """Search published, open positions; same parameters as /jobs, plus per_page (at most 100)."""
    cfg = current_app.config
    query, errors = parse_search(request.args, cfg["SEARCH_PAGE_SIZE"], cfg["API_MAX_PAGE_SIZE"],
                                 set(geography().departments))
    if errors:
        return error_response(422, "Some search parameters are not valid.", errors)
    result = search_positions(query, today())
    return jsonify(items=[position_json(p) for p in result.items], total=result.total, page=result.page,
                   per_page=result.per_page)


@bp.get("/positions/<int:position_id>")
def get_position(position_id: int):
    """One position: public when published; its organization also sees drafts and closed ones."""
    return jsonify(position_json(visible_position_or_404(position_id, optional_user())))


@bp.post("/positions")
@token_required(Role.EMPLOYER)
def create_position():
    """Create a draft for the employer's organization."""
    user = g.api_user
    if not user.is_approved:
        abort(403)
    try:
        position = ops.create_position(user.organization, user, json_body())
    except DomainError as exc:
        return domain_error(exc)
    db.session.commit()
    response = jsonify(position_json(position))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_position", position_id=position.id)
    return response


@bp.patch("/positions/<int:position_id>")
@token_required(Role.EMPLOYER)
def update_position(position_id: int):
    """Change some fields; the others keep their values. Send "version" to guard against lost updates."""
    position = managed_position_or_404(position_id, g.api_user)
    body = json_body()
    version = body.pop("version", None)
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        return error_response(422, "Some fields are not valid.", {"version": ["Must be a whole number."]})
    unknown = sorted(set(body) - set(ops.EDITABLE_FIELDS))
    if unknown:
        return error_response(422, "Some fields are not valid.", {name: ["Unknown field."] for name in unknown})
    try:
        ops.update_position(position, g.api_user, ops.current_input(position) | body, today(), version)
    except DomainError as exc:
        return domain_error(exc)
    return commit_or_conflict() or jsonify(position_json(position))


@bp.post("/positions/<int:position_id>/publish")
@token_required(Role.EMPLOYER)
def publish_position(position_id: int):
    """Publish a draft."""
    position = managed_position_or_404(position_id, g.api_user)
    try:
        ops.publish(position, g.api_user, today())
    except DomainError as exc:
        return domain_error(exc)
    return commit_or_conflict() or jsonify(position_json(position))


@bp.post("/positions/<int:position_id>/close")
@token_required(Role.EMPLOYER)
def close_position(position_id: int):
    """Close with {"outcome": "filled" | "cancelled"}."""
    position = managed_position_or_404(position_id, g.api_user)
    try:
        ops.close(position, g.api_user, json_body().get("outcome"))
    except DomainError as exc:
        return domain_error(exc)
    return commit_or_conflict() or jsonify(position_json(position))

"""Positions over the API: public search and reading; employers create, edit, publish, close."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, request, url_for

from pairjobs.api import bp
from pairjobs.api.auth import api_user, found_first, optional_user, token_required
from pairjobs.domain import positions as ops
from pairjobs.domain.geo import geography
from pairjobs.domain.search import parse_search, search_positions
from pairjobs.infra.clock import today
from pairjobs.models import Role
from pairjobs.schemas.positions import CloseSchema, PositionListSchema, PositionSchema, SearchArgs
from pairjobs.web.access import managed_position_or_404, visible_position_or_404
from pairjobs.web.errors import error_response
from pairjobs.web.transaction import api_change

PATHS = PositionSchema.paths()
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]


@bp.get("/positions")
@bp.arguments(SearchArgs, location="query", as_kwargs=True)
@bp.response(200, PositionListSchema)
@bp.doc(tags=["Positions"], security=[])
def list_positions(**_declared: Any) -> Any:
    """Search published, open positions; same parameters as /jobs, plus per_page (at most 100)."""
    cfg = current_app.config
    query, errors = parse_search(request.args, cfg["SEARCH_PAGE_SIZE"], cfg["API_MAX_PAGE_SIZE"],
                                 set(geography().departments))
    if errors:
        return error_response(422, "Some search parameters are not valid.", errors)
    result = search_positions(query, today())
    return {"items": result.items, "total": result.total, "page": result.page, "per_page": result.per_page}


@bp.get("/positions/<int:position_id>")
@bp.response(200, PositionSchema)
@bp.doc(tags=["Positions"], security=[{}, {"bearer": []}])
def get_position(position_id: int) -> Any:
    """One position: public when published; its organization also sees drafts and closed ones."""
    return visible_position_or_404(position_id, optional_user())


@bp.post("/positions")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@bp.arguments(PositionSchema)
@bp.response(201, PositionSchema)
@bp.doc(tags=["Positions"], security=BEARER)
def create_position(values: dict[str, Any]) -> Any:
    """Create a draft for the employer's organization; the body is a position as GET returns it."""
    user = api_user()
    if user.organization is None:  # an approved employer belongs to one
        abort(403)
    position = ops.create_position(user.organization, user, values)
    return position, 201, {"Location": url_for("api.get_position", position_id=position.id)}


@bp.patch("/positions/<int:position_id>")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda position_id: managed_position_or_404(position_id, api_user()))
@bp.arguments(PositionSchema(partial=True))
@bp.response(200, PositionSchema)
@bp.doc(tags=["Positions"], security=BEARER)
def update_position(changes: dict[str, Any], position_id: int) -> Any:
    """Change some fields; the others keep their values. Send "version" to guard against lost updates."""
    position = managed_position_or_404(position_id, api_user())
    version = changes.pop("version", None)
    ops.update_position(position, api_user(), changes, today(), version)
    return position


@bp.post("/positions/<int:position_id>/publish")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@bp.response(200, PositionSchema)
@bp.doc(tags=["Positions"], security=BEARER)
def publish_position(position_id: int) -> Any:
    """Publish a draft."""
    position = managed_position_or_404(position_id, api_user())
    ops.publish(position, api_user(), today())
    return position


@bp.post("/positions/<int:position_id>/close")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda position_id: managed_position_or_404(position_id, api_user()))
@bp.arguments(CloseSchema)
@bp.response(200, PositionSchema)
@bp.doc(tags=["Positions"], security=BEARER)
def close_position(body: dict[str, Any], position_id: int) -> Any:
    """Close with {"outcome": "filled" | "cancelled"}."""
    position = managed_position_or_404(position_id, api_user())
    ops.close(position, api_user(), body["outcome"])
    return position

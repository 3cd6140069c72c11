"""Positions over the API: public search and reading; employers create, edit, publish, close."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, request
from flask_babel import gettext as _

from pairjobs.api import bp
from pairjobs.api.auth import api_user, optional_user
from pairjobs.api.operation import created, operation
from pairjobs.domain import positions as ops
from pairjobs.domain.geo import geography
from pairjobs.domain.search import parse_search, search_positions
from pairjobs.infra.clock import today
from pairjobs.models import Position, Role
from pairjobs.schemas.positions import CloseSchema, PositionListSchema, PositionSchema, SearchArgs
from pairjobs.web.access import managed_position_or_404, visible_position_or_404
from pairjobs.web.errors import error_response
from pairjobs.web.suggestions import suggested_words

PATHS = PositionSchema.paths()


def _managed(position_id: int) -> Position:
    return managed_position_or_404(position_id, api_user())


@bp.get("/positions")
@operation("Positions", roles=None, returns=PositionListSchema, query=SearchArgs)
def list_positions(**_declared: Any) -> Any:
    """Search published, open positions; same parameters as /jobs, plus per_page (at most 100)."""
    cfg = current_app.config
    query, errors = parse_search(request.args, cfg["SEARCH_PAGE_SIZE"], cfg["API_MAX_PAGE_SIZE"],
                                 set(geography().departments))
    if errors:
        return error_response(422, _("Some search parameters are not valid."), errors)
    day = today()
    result = search_positions(query, day)
    return {"items": result.items, "total": result.total, "page": result.page, "per_page": result.per_page,
            "suggestion": None if result.total else suggested_words(query, day)}


@bp.get("/positions/<int:position_id>")
@operation("Positions", roles=None, returns=PositionSchema, security=[{}, {"bearer": []}])
def get_position(position_id: int) -> Any:
    """One position: public when published; its organization also sees drafts and closed ones."""
    return visible_position_or_404(position_id, optional_user())


@bp.post("/positions")
@operation("Positions", roles=(Role.EMPLOYER,), returns=PositionSchema, status=201, body=PositionSchema,
           writes=True, paths=PATHS)
def create_position(values: dict[str, Any]) -> Any:
    """Create a draft for the employer's organization; the body is a position as GET returns it."""
    user = api_user()
    if user.organization is None:  # an approved employer belongs to one
        abort(403)
    position = ops.create_position(user.organization, user, values)
    return created(position, "api.get_position", position_id=position.id)


@bp.patch("/positions/<int:position_id>")
@operation("Positions", roles=(Role.EMPLOYER,), returns=PositionSchema, body=PositionSchema(partial=True),
           lookup=_managed, writes=True, paths=PATHS)
def update_position(position: Position, changes: dict[str, Any]) -> Any:
    """Change some fields; the others keep their values. Send "version" to guard against lost updates."""
    version = changes.pop("version", None)
    ops.update_position(position, api_user(), changes, today(), version)
    return position


@bp.post("/positions/<int:position_id>/publish")
@operation("Positions", roles=(Role.EMPLOYER,), returns=PositionSchema, writes=True, paths=PATHS)
def publish_position(position_id: int) -> Any:
    """Publish a draft."""
    position = _managed(position_id)
    ops.publish(position, api_user(), today())
    return position


@bp.delete("/positions/<int:position_id>")
@operation("Positions", roles=(Role.EMPLOYER,), status=204, lookup=_managed, writes=True)
def delete_position(position: Position) -> Any:
    """Delete a draft never published → 204; 409 for a position that was published (close it instead)."""
    ops.delete_draft(position)
    return "", 204


@bp.post("/positions/<int:position_id>/close")
@operation("Positions", roles=(Role.EMPLOYER,), returns=PositionSchema, body=CloseSchema,
           lookup=_managed, writes=True, paths=PATHS)
def close_position(position: Position, body: dict[str, Any]) -> Any:
    """Close with {"outcome": "filled" | "cancelled"}."""
    ops.close(position, api_user(), body["outcome"])
    return position

"""Public search and position pages."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from pairjobs.domain.access import can_manage_position, visible_position_or_404
from pairjobs.domain.geo import geography
from pairjobs.domain.positions import flags_of
from pairjobs.domain.search import parse_search, search_positions
from pairjobs.timeutil import today

bp = Blueprint("jobs", __name__)


@bp.get("/jobs")
def search():
    """Search published positions; the URL holds the whole query."""
    cfg = current_app.config
    departments = geography().departments
    query, errors = parse_search(request.args, cfg["SEARCH_PAGE_SIZE"], cfg["SEARCH_PAGE_SIZE"], set(departments))
    query.per_page = cfg["SEARCH_PAGE_SIZE"]
    result = search_positions(query, today())
    flags = {p.id: flags_of(p) for p in result.items}
    return render_template("jobs/search.html", query=query, errors=errors, result=result, flags=flags,
                           departments=sorted(departments.values(), key=lambda d: d.code))


@bp.get("/jobs/<int:position_id>")
def detail(position_id: int):
    """A position's page: every commitment in plain words, its flags, how to apply."""
    position = visible_position_or_404(position_id, current_user)
    return render_template(
        "jobs/detail.html",
        position=position,
        flags=flags_of(position),
        is_open=position.is_open(today()),
        can_manage=can_manage_position(current_user, position),
    )

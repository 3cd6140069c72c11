"""GET /api/v1/reports/summary: the dashboard's indicators as JSON (monitors and administrators)."""

from __future__ import annotations

from flask import jsonify, request

from pairjobs.api import bp
from pairjobs.api.auth import token_required
from pairjobs.domain.reports import summary
from pairjobs.errors import error_response
from pairjobs.models import Role
from pairjobs.reports.scope import parse_scope


@bp.get("/reports/summary")
@token_required(Role.MONITOR, Role.ADMIN)
def report_summary():
    """Indicators for ?as_of=&department=&sector=&org_kind=; shares are 0–1 or null."""
    scope, errors = parse_scope(request.args)
    if errors:
        return error_response(422, "Some parameters are not valid.", errors)
    return jsonify(summary(scope))

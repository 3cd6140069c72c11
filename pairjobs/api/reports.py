"""GET /api/v1/reports/summary: the dashboard's indicators as JSON (monitors and administrators)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _

from pairjobs.api import bp
from pairjobs.api.operation import operation
from pairjobs.domain.monitoring import DateNotRecorded
from pairjobs.models import Role
from pairjobs.schemas.reports import SummaryArgs, SummarySchema
from pairjobs.web.errors import error_response
from pairjobs.web.live_figures import report_for
from pairjobs.web.report_scope import parse_revision, parse_scope


@bp.get("/reports/summary")
@operation("Reports", roles=(Role.MONITOR, Role.ADMIN), returns=SummarySchema, query=SummaryArgs)
def report_summary(**_declared: Any) -> Any:
    """Indicators for ?as_of=&department=&sector=&org_kind=[&revision=]; shares are 0–1 or null. A past
    date must be a recorded snapshot (its latest revision, or the one asked for); today's figures are live
    (`snapshot` null)."""
    scope, errors = parse_scope(request.args)
    revision = parse_revision(request.args, errors)
    if errors:
        return error_response(422, _("Some parameters are not valid."), errors)
    try:
        report = report_for(scope, revision, parts=("summary",))
    except DateNotRecorded as exc:
        response = error_response(422, _("No figures are recorded for this date (or this revision)."), {
            "as_of": [_("Choose today or a recorded date: %(dates)s.",
                        dates=", ".join(d.isoformat() for d in exc.accepted))]})
        body = response.get_json()
        body["error"]["accepted_dates"] = [d.isoformat() for d in exc.accepted]
        return jsonify(body), 422
    return jsonify(report.summary())

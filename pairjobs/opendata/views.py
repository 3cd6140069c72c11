"""GET /opendata/ (the published snapshots, HTML or JSON), /opendata/pairjobs-YYYY-MM-DD.csv (one published
date, its latest published revision) and /opendata/schema.json (the file's Frictionless Table Schema)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for

from pairjobs.domain.monitoring import opendata, snapshots
from pairjobs.models.snapshot import Snapshot

bp = Blueprint("opendata", __name__)


def _threshold() -> int:
    return current_app.config["OPEN_DATA_MIN_COUNT"]


def _published() -> list[Snapshot]:
    latest = (snapshots.latest(day, published=True) for day in reversed(snapshots.published_dates()))
    return [s for s in latest if s is not None]


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (best == "application/json"
            and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"])


@bp.get("/")
def index():
    """The published snapshots, newest first."""
    published = _published()
    if _wants_json():
        return jsonify({
            "suppression_threshold": _threshold(),
            "schema": url_for("opendata.schema", _external=True),
            "snapshots": [{**s.describe(),
                           "published_at": s.published_at and s.published_at.isoformat(timespec="seconds"),
                           "suppression_threshold": s.open_data_threshold,
                           "url": url_for("opendata.file", day=s.day.isoformat(), _external=True)}
                          for s in published],
        })
    response = Response(render_template("opendata/index.html", published=published, threshold=_threshold(),
                                        indicators=opendata.INDICATORS))
    response.vary.add("Accept")
    return response


@bp.get("/pairjobs-<day>.csv")
def file(day: str):
    """The file of a published date as it was published (404 for any other date)."""
    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        abort(404)
    if wanted.isoformat() != day:
        abort(404)
    snapshot = snapshots.latest(wanted, published=True)
    if snapshot is None or snapshot.open_data is None:  # a published one has its file
        abort(404)
    return Response(snapshot.open_data.encode("utf-8"), content_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="pairjobs-{day}.csv"',
        "Cache-Control": "public, max-age=3600"})


@bp.get("/schema.json")
def schema():
    """The Table Schema of the files."""
    return jsonify(opendata.table_schema(_threshold()))

"""GET /opendata/ (the published snapshots, HTML or JSON), /opendata/pairjobs-YYYY-MM-DD.csv (one published
date, its latest published revision) and /opendata/schema.json (the file's Frictionless Table Schema)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request

from pairjobs.domain.monitoring import opendata, snapshots
from pairjobs.infra.links import public_url
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
        response = jsonify({
            "suppression_threshold": _threshold(),
            "schema": public_url("opendata.schema"),
            "snapshots": [{**s.describe(),
                           "published_at": s.published_at and s.published_at.isoformat(timespec="seconds"),
                           "suppression_threshold": s.open_data_threshold,
                           "url": public_url("opendata.file", day=s.day.isoformat())}
                          for s in published],
        })
    else:
        response = Response(render_template("opendata/index.html", published=published,
                                            threshold=_threshold(), indicators=opendata.INDICATORS))
    response.vary.add("Accept")  # one address, two representations
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
    # A later published revision of the date replaces the file at the same address: caches revalidate
    # (the revision is the entity tag) rather than keep the old one for a while.
    response = Response(snapshot.open_data.encode("utf-8"), content_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="pairjobs-{day}.csv"',
        "Cache-Control": "public, no-cache"})
    response.set_etag(f"{day}-r{snapshot.revision}")
    return response.make_conditional(request)


@bp.get("/schema.json")
def schema():
    """The Table Schema of the files."""
    return jsonify(opendata.table_schema(_threshold()))

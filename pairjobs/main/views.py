"""Public pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session
from flask_login import current_user

from pairjobs.domain.search import open_positions
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Position
from pairjobs.web.i18n import SESSION_KEY
from pairjobs.web.security import safe_next
from pairjobs.web.templating import public_url

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """The home page."""
    return render_template("main/index.html")


@bp.post("/language")
def set_language():
    """Switch the interface language, remembered in the session and on the account."""
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        abort(400)
    session[SESSION_KEY] = language
    if current_user.is_authenticated:
        with unit_of_work():
            current_user.locale = language
    return redirect(safe_next(request.form.get("next")))


@bp.get("/robots.txt")
def robots():
    """Crawlers may read the public pages, not the private spaces."""
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", "Disallow: /employer/", "Disallow: /me/",
             "Disallow: /reports/", "Disallow: /account", "Disallow: /api/",
             f"Sitemap: {public_url('main.sitemap')}"]
    return current_app.response_class("\n".join(lines) + "\n", mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap():
    """The public pages: home, search, and every open position."""
    rows = db.session.execute(
        sa.select(Position.id, Position.updated_at).where(open_positions(today())).order_by(Position.id)
    ).all()
    body = render_template("main/sitemap.xml", positions=rows)
    return current_app.response_class(body, mimetype="application/xml")


@bp.get("/developers/api")
def api_docs():
    """The API's reference, rendered from its OpenAPI document (no external assets)."""
    from pairjobs.web.api_document import deprecated_names, document

    DOCUMENT = document()

    by_tag: dict[str, list] = {}
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # shared by the path's operations, not an operation
                continue
            by_tag.setdefault(operation["tags"][0], []).append((method.upper(), path, operation))
    return render_template("main/api_docs.html", document=DOCUMENT, by_tag=by_tag,
                           deprecated=deprecated_names())


@bp.get("/healthz")
def healthz():
    """For load balancers and monitoring: 200 when the database answers, 503 otherwise."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")

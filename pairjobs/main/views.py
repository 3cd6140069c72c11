"""Public pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from pairjobs.extensions import db
from pairjobs.i18n import SESSION_KEY

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
        current_user.locale = language
        db.session.commit()
    return redirect(safe_next(request.form.get("next")))


def safe_next(target: str | None, default: str | None = None) -> str:
    """A local path to go back to; anything pointing elsewhere falls back to `default` (home)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return default or url_for("main.index")

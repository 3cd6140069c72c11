"""Flask-Login wiring: sessions carry "<id>:<nonce>" so that they can be revoked."""

from __future__ import annotations

import time

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from pairjobs.domain.accounts import load_session_user
from pairjobs.extensions import login_manager
from pairjobs.models import Role


def configure_login() -> None:
    """Set the login page, its message and the session loader."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to reach this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_session_user)


STAFF = (Role.EMPLOYER, Role.MONITOR, Role.ADMIN)
LAST_SEEN = "last_seen"


def enforce_idle_timeout():
    """End an employer's, monitor's or administrator's session after IDLE_TIMEOUT without a request."""
    if request.endpoint == "static" or not current_user.is_authenticated or current_user.role not in STAFF:
        return None
    now = time.time()
    last_seen = session.get(LAST_SEEN)
    session[LAST_SEEN] = now
    if last_seen is not None and now - last_seen > current_app.config["IDLE_TIMEOUT"].total_seconds():
        logout_user()
        session.clear()
        if request.path.startswith("/api/"):
            return None
        flash(_l("You were signed out after a period of inactivity."), "info")
        return redirect(url_for("accounts.login",
                                next=request.full_path if request.method == "GET" else None))
    return None

"""Flask-Login wiring: sessions carry "<id>:<nonce>" so that they can be revoked."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.domain.accounts import load_session_user
from pairjobs.extensions import login_manager


def configure_login() -> None:
    """Set the login page, its message and the session loader."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to reach this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_session_user)

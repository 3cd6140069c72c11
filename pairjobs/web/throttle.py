"""Login throttling: only failed attempts count, per account and per address."""

from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address

from pairjobs.extensions import limiter


def _account_key() -> str:
    """The e-mail tried (form or HTTP Basic), whether or not an account has it."""
    basic = request.authorization.username if request.authorization else ""
    email = request.form.get("email") or basic or ""
    return "login-account:" + email.strip().lower()


def _address_key() -> str:
    return "login-address:" + get_remote_address()


def _failed(response) -> bool:
    """A login that did not sign in: the form shown again (200) or refused (401)."""
    return response.status_code in (200, 400, 401)


def throttle_login(view):
    """Two limits on a login route: per account and per address, counting failures only."""
    view = limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], key_func=_account_key,
                         methods=["POST"], deduct_when=_failed, scope="login-account")(view)
    view = limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], key_func=_address_key,
                         methods=["POST"], deduct_when=_failed, scope="login-address")(view)
    return view

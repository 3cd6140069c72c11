"""API authentication with Flask-HTTPAuth: HTTP Basic to obtain a token, Bearer tokens for the rest.

Roles are checked as on the pages, and an employer not yet approved gets the same 403 as the pages
give it, whatever the endpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g, request
from flask_babel import gettext as _
from flask_httpauth import (  # type: ignore[import-untyped]  # Flask-HTTPAuth ships no type information
    HTTPBasicAuth,
    HTTPTokenAuth,
)

from pairjobs.domain import accounts, two_factor
from pairjobs.domain.errors import Throttled, ValidationFailed
from pairjobs.models import ApiToken, Role, User
from pairjobs.web.access import pending_message
from pairjobs.web.errors import error_response
from pairjobs.web.throttle import AttemptBudget

basic_auth = HTTPBasicAuth(realm="pairjobs")
token_auth = HTTPTokenAuth(scheme="Bearer", realm="pairjobs")


@basic_auth.verify_password
def _verify_password(email: str, password: str) -> User | None:
    if not email or not password:
        return None
    try:
        user = accounts.authenticate(email, password, AttemptBudget)
        if user is not None and two_factor.asks_code(user):
            _second_factor(user)
        return user
    except Throttled as error:
        response = error_response(429, error.message)
        response.headers["Retry-After"] = str(error.retry_after)
        abort(response)


def _second_factor(user: User) -> None:
    """An account that signs in with a second factor gets a token only with its current code (`otp`, in
    the JSON body or the form of POST /tokens)."""
    if not user.two_factor_enabled:
        abort(error_response(403, _("Set up two-factor sign-in on the site first (your account page).")))
    body = request.get_json(silent=True) if request.is_json else None
    code = (body.get("otp") if isinstance(body, dict) else None) or request.form.get("otp")
    if not isinstance(code, str) or not code.strip():
        abort(error_response(401, _("This account signs in with a second factor: send its current code as "
                                    "otp."), {"otp": [_("This field is required.")]}))
    try:
        two_factor.verify(user, code, AttemptBudget(user))
    except ValidationFailed:
        abort(error_response(401, _("The code (otp) is not right, or was already used."),
                             {"otp": [_("This code is not right, or was already used.")]}))


@token_auth.verify_token
def _verify_token(token: str) -> User | None:
    record = accounts.token_record(token) if token else None
    if record is None:
        return None
    g.api_token = record
    return record.user


@token_auth.get_user_roles
def _roles(user: User) -> list[str]:
    return [user.role.value]


def _refused(status: int) -> Any:
    if status == 403:
        return error_response(403, _("You do not have access to this page."))
    return error_response(401, _("Authentication is required."))


# Each scheme adds its own WWW-Authenticate challenge to the refusal.
basic_auth.error_handler(_refused)
token_auth.error_handler(_refused)


def token_required(*roles: Role) -> Callable:
    """Route decorator: 401 without a valid token, 403 for another role or an employer awaiting approval."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def approved(*args: Any, **kwargs: Any) -> Any:
            user = api_user()
            if Role.EMPLOYER in roles and user.role is Role.EMPLOYER and not user.is_approved:
                abort(error_response(403, pending_message()))
            return view(*args, **kwargs)

        checked = token_auth.login_required(role=[r.value for r in roles] or None)(approved)
        checked.allowed_roles = roles  # read by the authorization tests
        return checked

    return decorator


def optional_user() -> User | None:
    """The token's account if a valid token is sent (401 if it is not valid), else None."""
    header = token_auth.get_auth()
    if header is None:
        return None
    user = _verify_token(header.token)
    if user is None:
        abort(_refused(401))
    return user


def api_user() -> User:
    """The account authenticated by the current request's token."""
    return token_auth.current_user()


def api_token() -> ApiToken:
    """The token record of the current request."""
    return g.api_token


def found_first(lookup: Callable[..., Any]) -> Callable:
    """Decorator: look the resource up (404 for someone else's) before its body is read, so that an
    invalid body never tells another organization's id from a missing one; the view receives the
    resource found in place of the address's values."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            return view(lookup(**kwargs), *args)

        return wrapped

    return decorator

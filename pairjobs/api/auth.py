"""API authentication: HTTP Basic to obtain a token, Bearer tokens for everything else."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, request

from pairjobs.domain.accounts import token_record
from pairjobs.models import ApiToken, Role, User


def bearer_token() -> str | None:
    """The token of an "Authorization: Bearer …" header, if any."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_required(*roles: Role):
    """Route decorator: 401 without a valid token, 403 when the role may not act."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            token = bearer_token()
            record = token_record(token) if token else None
            if record is None:
                abort(401)
            if roles and not record.user.has_role(*roles):
                abort(403)
            g.api_token = record
            g.api_user = record.user
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorator


def api_user() -> User:
    """The account authenticated by the current request's token."""
    return g.api_user


def api_token() -> ApiToken:
    """The token record of the current request."""
    return g.api_token

"""Helpers shared by the API endpoints."""

from __future__ import annotations

from flask import abort, request

from pairjobs.api.auth import bearer_token
from pairjobs.domain.accounts import token_record
from pairjobs.domain.errors import Conflict, DomainError
from pairjobs.errors import error_response
from pairjobs.extensions import db


def optional_user():
    """The token's account if a token is sent (401 if it is not valid), else None."""
    token = bearer_token()
    if token is None:
        if request.headers.get("Authorization"):
            abort(401)
        return None
    record = token_record(token)
    if record is None:
        abort(401)
    return record.user


def json_body() -> dict:
    """The request's JSON object, or a 400 error."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(error_response(400, "The body must be a JSON object."))
    return body


def domain_error(exc: DomainError):
    """A refused operation as JSON: 409 for conflicts, 422 for invalid input."""
    db.session.rollback()
    status = 409 if isinstance(exc, Conflict) else 422
    return error_response(status, exc.message, exc.fields or None)

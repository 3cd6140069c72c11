"""Helpers shared by the API endpoints."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, request

from pairjobs.api.auth import bearer_token
from pairjobs.domain.accounts import token_record
from pairjobs.domain.errors import Conflict, DomainError
from pairjobs.web.errors import error_response
from pairjobs.extensions import db
from pairjobs.web.forms import small_int


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


def paging(args) -> tuple[int, int, dict[str, list[str]]]:
    """page and per_page from the query string, with their errors."""
    cfg = current_app.config
    errors: dict[str, list[str]] = {}
    page = small_int(args.get("page", "1"))
    per_page = small_int(args.get("per_page", str(cfg["SEARCH_PAGE_SIZE"])))
    if page is None or page < 1:
        errors["page"] = ["Must be a whole number of at least 1."]
    if per_page is None or not 1 <= per_page <= cfg["API_MAX_PAGE_SIZE"]:
        errors["per_page"] = [f"Must be between 1 and {cfg['API_MAX_PAGE_SIZE']}."]
    return page or 1, per_page or cfg["SEARCH_PAGE_SIZE"], errors


def commit_or_conflict(message: str = "Someone else changed this item meanwhile."):
    """Commit; a concurrent change (optimistic lock) becomes a 409 response, else None."""
    try:
        db.session.commit()
    except sa.orm.exc.StaleDataError:
        db.session.rollback()
        return error_response(409, message)
    return None

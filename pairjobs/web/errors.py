"""Error pages: HTML in French for the site, JSON under /api/."""

from __future__ import annotations

import re

from flask import Flask, current_app, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from pairjobs.extensions import db
from pairjobs.schemas.base import flat_messages

HTML_PAGES = {400, 403, 404, 500}


# Paths that carry a personal secret (a single-use link): never written to the logs as they are.
_SECRET_PATHS = re.compile(r"^(/questionnaire/)[^/]+")


def logged_path() -> str:
    """The request's path as the logs may keep it (a questionnaire link's token left out)."""
    return _SECRET_PATHS.sub(r"\1…", request.path)


def wants_json() -> bool:
    """Whether the request is for the API (errors there are always JSON)."""
    return request.path.startswith("/api/")


def error_code(status: int) -> str:
    """A stable machine-readable code for an HTTP status."""
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "payload_too_large",
        415: "unsupported_media_type",
        422: "validation_failed",
        429: "too_many_requests",
    }.get(status, "server_error" if status >= 500 else "error")


def error_response(status: int, message: str, fields: dict | None = None, code: str | None = None):
    """The API's one error shape: {"error": {"code", "message", ["fields"]}}."""
    body: dict = {"code": code or error_code(status), "message": message}
    if fields:
        body["fields"] = fields
    response = jsonify(error=body)
    response.status_code = status
    return response


def _message(status: int) -> str:
    return {
        400: _("The request could not be understood."),
        401: _("Authentication is required."),
        403: _("You do not have access to this page."),
        404: _("This page does not exist or is no longer available."),
        405: _("This method is not allowed here."),
        413: _("The request is too large."),
        429: _("Too many requests: please wait a moment."),
    }.get(status, _("Something went wrong on our side. The team has been told."))


def _window_seconds(exc: HTTPException) -> int | None:
    """The length of the rate limit's window that refused the request (Flask-Limiter), if it says."""
    item = getattr(getattr(exc, "limit", None), "limit", None)
    return int(item.get_expiry()) if item is not None and hasattr(item, "get_expiry") else None


def handle_http_exception(exc: HTTPException):
    """Render any HTTP error as JSON (API) or as a page."""
    if exc.response is not None:  # abort(response): the response is already made
        return exc.response
    status = exc.code or 500
    if isinstance(exc, CSRFError):
        message = _("The form expired or was sent from elsewhere. Please try again.")
    elif status == 403 and exc.description != type(exc).description:  # abort(403, description=…)
        message = str(exc.description)
    elif status == 429 and (window := _window_seconds(exc)):
        minutes = max(1, -(-window // 60))
        message = _("Too many attempts from your address. Try again within %(wait)s, or reset your password "
                    "by e-mail.", wait=ngettext("%(num)d minute", "%(num)d minutes", minutes))
    else:
        message = _message(status)
    messages = (getattr(exc, "data", None) or {}).get("messages")
    if wants_json() and status == 422 and messages is not None:  # a declared schema refused the input
        fields = flat_messages({k: v for location in messages.values() for k, v in
                                (location.items() if isinstance(location, dict)
                                 else [("_schema", location)])})
        response = error_response(422, _("Some fields are not valid."), fields)
    elif wants_json():
        response = error_response(status, message)
    else:
        template = f"errors/{status}.html" if status in HTML_PAGES else "errors/generic.html"
        response = make_response(render_template(template, status=status, message=message), status)
    if status == 405 and isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    if status == 401 and wants_json():
        token_request = request.path.rstrip("/").endswith("/tokens") and request.method == "POST"
        scheme = "Basic" if token_request else "Bearer"
        response.headers["WWW-Authenticate"] = f'{scheme} realm="pairjobs"'
    return response


def handle_unexpected(exc: Exception):
    """An unexpected exception: roll back, log, answer 500 without details."""
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    db.session.rollback()
    current_app.logger.error("Unhandled exception on %s %s", request.method, logged_path(), exc_info=exc)
    return handle_http_exception(InternalServerError())


def register_errorhandlers(app: Flask) -> None:
    """Install the handlers on the application."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)

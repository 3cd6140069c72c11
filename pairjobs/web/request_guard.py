"""What no request may carry, refused with a 400 before any view reads it: a NUL character (PostgreSQL
cannot store it) in the query, a form or a JSON body of any JSON media type; in a JSON body, a lone
surrogate (no encoding can store it), nesting deeper than MAX_JSON_DEPTH, or a number too long to read."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, abort, request

MAX_JSON_DEPTH = 32


def is_json(mimetype: str) -> bool:
    """application/json, and the other JSON media types (application/merge-patch+json, text/json…)."""
    return mimetype in ("application/json", "text/json") or mimetype.endswith("+json")


def _acceptable(value: Any, depth: int = 0) -> bool:
    if depth > MAX_JSON_DEPTH:
        return False
    if isinstance(value, str):
        return "\x00" not in value and not any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return all(_acceptable(k, depth + 1) and _acceptable(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return all(_acceptable(v, depth + 1) for v in value)
    return True


def _json_is_acceptable(data: bytes) -> bool:
    if not data.strip():
        return True  # no body: the view says what it needs
    try:
        return _acceptable(json.loads(data))
    except (ValueError, RecursionError):  # not JSON, a number over the digit limit, nesting far too deep
        return False


def register_request_guard(app: Flask) -> None:
    @app.before_request
    def refuse_unstorable_input():
        values = list(request.args.values())
        if is_json(request.mimetype):
            data = request.get_data(cache=True)
            if b"\x00" in data or b"\\u0000" in data.lower() or not _json_is_acceptable(data):
                abort(400)
        elif request.method in ("POST", "PUT", "PATCH"):
            values += request.form.values()
        if any("\x00" in v for v in values):
            abort(400)

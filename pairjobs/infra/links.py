"""Absolute links on the site's address: PUBLIC_URL when set, never the request's Host header then."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request


def site_address() -> str:
    """The site's address: PUBLIC_URL; unset in development, the address actually served."""
    config = current_app.config
    if config.get("PUBLIC_URL"):
        return config["PUBLIC_URL"]
    if config["PUBLIC_URL_FROM_REQUEST"] and has_request_context():
        return request.host_url
    return config.get("DEFAULT_PUBLIC_URL") or served_address()


def served_address() -> str:
    """Where `flask run` serves, by the variables it reads (`make run PORT=…` sets them)."""
    host, port = os.environ.get("FLASK_RUN_HOST") or "127.0.0.1", os.environ.get("FLASK_RUN_PORT") or 5000
    return f"http://{host}:{port}"


def public_url(endpoint: str, **values) -> str:
    """An absolute link on the site's address (PUBLIC_URL in production, never the Host header)."""
    base = urlsplit(site_address().rstrip("/"))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)

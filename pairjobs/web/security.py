"""HTTP security headers on every response, and local-only redirect targets."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request, url_for
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def register_security_headers(app: Flask) -> None:
    """A strict Content-Security-Policy (no inline code), no framing, no sniffing; HSTS in production."""

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if _personal(response):
            # Health data: no browser, proxy or shared computer keeps a copy of what a signed-in person read.
            headers["Cache-Control"] = "private, no-store"
            headers.setdefault("Pragma", "no-cache")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response


def _personal(response: Response) -> bool:
    """Whether the answer may carry personal data: anything a signed-in person or an API token reads,
    except static files and answers that chose their own caching as shared data (open data, reports)."""
    if request.endpoint == "static":
        return False
    if not (request.authorization is not None or request.headers.get("Authorization")
            or current_user.is_authenticated):
        return False
    chosen = response.headers.get("Cache-Control", "")
    return not chosen or "no-store" in chosen or not ("public" in chosen or "max-age" in chosen)


def safe_next(target: str | None, default: str | None = None) -> str:
    """A local path to go back to; anything pointing elsewhere falls back to `default` (home)."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return default or url_for("main.index")

"""Sending a stored PDF to the person allowed to read it: an attachment, never cached, never sniffed."""

from __future__ import annotations

from flask import Response, abort, send_file

from pairjobs.infra.documents import path_for


def send_document(key: str, filename: str | None, default: str = "document.pdf") -> Response:
    """The stored PDF as a download (404 when its file is gone)."""
    path = path_for(key)
    if not path.exists():
        abort(404)
    response = send_file(path, mimetype="application/pdf", as_attachment=True,
                         download_name=filename or default, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

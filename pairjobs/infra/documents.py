"""Credential certificates: PDF only (checked by content), size-limited, stored under random names."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from pairjobs.infra.pdf_content import Unreadable, active_content

PDF_MAGIC = b"%PDF-"


class DocumentRejected(ValueError):
    """An upload that cannot be stored; its message is for the person who sent it."""


def documents_dir() -> Path:
    """Where certificates are kept: outside static/, in the instance folder unless configured."""
    configured = current_app.config.get("DOCUMENTS_DIR")
    path = Path(configured) if configured else Path(current_app.instance_path) / "documents"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def path_for(key: str) -> Path:
    """The file of a stored document (keys are hex, so no path can be smuggled in)."""
    if not key or not all(c in "0123456789abcdef" for c in key):
        raise ValueError("invalid document key")
    return documents_dir() / f"{key}.pdf"


def store_pdf(stream: BinaryIO, filename: str | None) -> tuple[str, str, int]:
    """Check and store an uploaded PDF; returns (key, display name, size) or raises DocumentRejected."""
    limit = current_app.config["CREDENTIAL_MAX_BYTES"]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentRejected(_("The file is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
    if not data:
        raise DocumentRejected(_("The file is empty."))
    if not data.startswith(PDF_MAGIC) or b"%%EOF" not in data[-2048:]:
        raise DocumentRejected(_("The file is not a PDF document."))
    try:
        found = active_content(data)
    except Unreadable:
        raise DocumentRejected(_("This PDF cannot be read to the end (damaged or password-protected): "
                                 "save it again as a plain PDF.")) from None
    if found is not None:
        raise DocumentRejected(_("This PDF carries active content (a script, an action that opens something "
                                 "else or an attached file): print it again as a plain PDF, or scan the "
                                 "paper certificate."))
    key = secrets.token_hex(16)
    target = path_for(key)
    with open(target, "xb") as f:
        f.write(data)
    target.chmod(0o600)
    display = secure_filename(filename or "")[:100] or "certificate.pdf"
    if not display.lower().endswith(".pdf"):
        display += ".pdf"
    return key, display, len(data)


def delete_document(key: str | None) -> None:
    """Remove a stored document, if any."""
    if key:
        path_for(key).unlink(missing_ok=True)

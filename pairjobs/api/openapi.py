"""GET /api/v1/openapi.json: the document generated from the schemas (pairjobs.web.api_document);
schemathesis keeps it true (every operation called, every response checked)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from pairjobs.api import bp
from pairjobs.web.api_document import document


@bp.get("/openapi.json")
def openapi_document() -> Any:
    """This API's OpenAPI 3.1 document."""
    return jsonify(document())

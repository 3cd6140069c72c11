"""The JSON API, /api/v1: declared schemas (flask-smorest), token authentication, JSON errors only."""

from __future__ import annotations

from typing import Any

from flask import Response, abort
from flask_smorest import Blueprint  # type: ignore[import-untyped]  # flask-smorest ships no type information
from marshmallow import missing
from webargs.flaskparser import FlaskParser

from pairjobs.extensions import csrf
from pairjobs.infra.links import public_url
from pairjobs.schemas.base import deprecated_fields


class Parser(FlaskParser):
    """Bodies must be JSON objects: anything else is a 400, as a body that is not JSON."""

    def load_json(self, req: Any, schema: Any) -> Any:
        data = super().load_json(req, schema)
        if data is not missing and not isinstance(data, dict):
            abort(400)
        return data


class ApiBlueprint(Blueprint):
    """flask-smorest's blueprint with pairjobs' body rule."""

    ARGUMENTS_PARSER = Parser()


bp = ApiBlueprint("api", __name__, description="pairjobs API")
csrf.exempt(bp)  # no cookies here: every call carries its token

DEPRECATION_DATE = "@1796169600"  # 2026-12-02, RFC 9745: the flat field names are deprecated since then


@bp.after_request
def _deprecation(response: Response) -> Response:
    used = deprecated_fields()
    if used:
        response.headers["Deprecation"] = DEPRECATION_DATE
        docs = public_url("main.api_docs")
        response.headers["Link"] = f'<{docs}#deprecated>; rel="deprecation"'
        response.headers["X-Deprecated-Fields"] = ", ".join(sorted(set(used)))
    return response


from pairjobs.api import (  # noqa: E402,F401,I001
    applications, contracts, credentials, interviews, openapi, organizations, positions, reports, supervision,
    tokens,
)

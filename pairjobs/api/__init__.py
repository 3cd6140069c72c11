"""The JSON API, /api/v1: bearer-token authentication, JSON errors only."""

from flask import Blueprint

from pairjobs.extensions import csrf

bp = Blueprint("api", __name__)
csrf.exempt(bp)  # no cookies here: every call carries its token

from pairjobs.api import applications, contracts, openapi, organizations, positions, reports, tokens  # noqa: E402,F401,I001

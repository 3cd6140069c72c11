"""POST /api/v1/tokens (HTTP Basic) issues a token; DELETE revokes the one presented."""

from __future__ import annotations

from flask import abort, jsonify, request

from pairjobs.web.throttle import throttle_login
from pairjobs.api import bp
from pairjobs.api.auth import api_token, token_required
from pairjobs.domain import accounts
from pairjobs.extensions import db


@bp.post("/tokens")
@throttle_login
def issue_token():
    """Exchange an e-mail and password (HTTP Basic) for a bearer token."""
    auth = request.authorization
    if auth is None or auth.type != "basic" or not auth.username or not auth.password:
        abort(401)
    user = accounts.authenticate(auth.username, auth.password)
    if user is None:
        db.session.rollback()
        abort(401)
    token, record = accounts.issue_token(user)
    db.session.commit()
    return jsonify(token=token, expires_at=record.expires_at.isoformat()), 201


@bp.delete("/tokens")
@token_required()
def revoke_token():
    """Revoke the token that authenticates this request."""
    accounts.revoke_token(api_token())
    db.session.commit()
    return "", 204

"""POST /api/v1/tokens (HTTP Basic) issues a token; DELETE revokes the one presented."""

from __future__ import annotations

from typing import Any

from pairjobs.api import bp
from pairjobs.api.auth import api_token, basic_auth, token_required
from pairjobs.domain import accounts
from pairjobs.schemas.accounts import TokenSchema
from pairjobs.web.throttle import throttle_login
from pairjobs.web.transaction import api_change


@bp.post("/tokens")
@throttle_login
@basic_auth.login_required
@api_change()
@bp.response(201, TokenSchema)
@bp.doc(tags=["Accounts"], security=[{"basic": []}])
def issue_token() -> Any:
    """Exchange an e-mail and password (HTTP Basic) for a bearer token."""
    token, record = accounts.issue_token(basic_auth.current_user())
    return {"token": token, "expires_at": record.expires_at}, 201


@bp.delete("/tokens")
@token_required()
@api_change()
@bp.response(204)
@bp.doc(tags=["Accounts"], security=[{"bearer": []}])
def revoke_token() -> Any:
    """Revoke the token that authenticates this request."""
    accounts.revoke_token(api_token())
    return "", 204

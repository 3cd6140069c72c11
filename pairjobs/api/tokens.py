"""POST /api/v1/tokens (HTTP Basic) issues a token; DELETE revokes the one presented."""

from __future__ import annotations

from typing import Any

from pairjobs.api import bp
from pairjobs.api.auth import api_token, basic_auth
from pairjobs.api.operation import operation
from pairjobs.domain import accounts
from pairjobs.schemas.accounts import TokenSchema
from pairjobs.web.throttle import throttle_address


@bp.post("/tokens")
@throttle_address
@basic_auth.login_required
@operation("Accounts", roles=None, returns=TokenSchema, status=201, writes=True, security=[{"basic": []}])
def issue_token() -> Any:
    """Exchange an e-mail and password (HTTP Basic) for a bearer token. An account with two-factor sign-in
    (administrators, monitors, employers whose organization requires it, anyone who turned it on) also sends
    its current code: {"otp": "123456"} (or a recovery code)."""
    token, record = accounts.issue_token(basic_auth.current_user())
    return {"token": token, "expires_at": record.expires_at}, 201


@bp.delete("/tokens")
@operation("Accounts", status=204, writes=True)
def revoke_token() -> Any:
    """Revoke the token that authenticates this request."""
    accounts.revoke_token(api_token())
    return "", 204

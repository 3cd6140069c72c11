"""Login throttling.

One budget of password attempts per account, shared by every route that checks a password (`/login`,
`POST /api/v1/tokens`, the account page): an attempt is spent *before* the password is verified, in one
atomic step of the rate-limit storage (`RATELIMIT_STORAGE_URI`; shared by gunicorn's workers when it is a
Redis or Memcached server), so a burst of concurrent requests never gets more tries than the budget. The
budget is keyed by the account the request is actually checked against, whatever else it carries; an
unknown address has a budget of its own. A sign-in that succeeds gives the budget back.

Besides, failed sign-ins are limited per client address. The password-reset link never spends the budget,
so that a lockout cannot keep the owner out.
"""

from __future__ import annotations

import math
import time

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse

from pairjobs.domain.errors import Throttled
from pairjobs.extensions import limiter
from pairjobs.models import User

SCOPE = "login-account"


def _key(user: User | None, email: str) -> str:
    return f"user:{user.id}" if user is not None else "email:" + (email or "").strip().lower()


class AttemptBudget:
    """The password attempts of one account: `spend()` before each check, `refund()` after a success."""

    def __init__(self, user: User | None, email: str = ""):
        self.key = _key(user, email)

    @staticmethod
    def _limit():
        return parse(current_app.config["LOGIN_LIMIT_PER_ACCOUNT"])

    def spend(self) -> None:
        """Count one attempt; raises Throttled when the budget is spent (nothing is checked then)."""
        if not current_app.config["RATELIMIT_ENABLED"]:
            return
        strategy = limiter.limiter
        limit = self._limit()
        if not strategy.hit(limit, SCOPE, self.key):
            reset_at, _remaining = strategy.get_window_stats(limit, SCOPE, self.key)
            raise Throttled(max(1, math.ceil(reset_at - time.time())))

    def refund(self) -> None:
        """Forget the attempts: the owner signed in."""
        if current_app.config["RATELIMIT_ENABLED"]:
            limiter.limiter.clear(self._limit(), SCOPE, self.key)


def _address_key() -> str:
    return "login-address:" + get_remote_address()


def _failed(response) -> bool:
    """A login that did not sign in: the form shown again (200) or refused (400, 401, 429)."""
    return response.status_code in (200, 400, 401, 429)


def throttle_address(view):
    """Limit the failed sign-ins of one client address on a login route."""
    return limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], key_func=_address_key,
                         methods=["POST"], deduct_when=_failed, scope="login-address")(view)

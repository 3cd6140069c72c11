"""Two-factor sign-in: a time-based code of an authenticator app (TOTP, RFC 6238, pyotp) or one of ten
single-use recovery codes, after the password.

Required for the roles of `TWO_FACTOR_ROLES` (administrators and monitors) and for the employers of an
organization that an administrator set to require it; available to everyone else. A code is accepted
once (the time step is remembered), and each attempt spends the account's password budget, so codes
cannot be guessed faster than passwords.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

import pyotp
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.accounts import Budget, check_current_password
from pairjobs.domain.errors import DomainError, ValidationFailed
from pairjobs.extensions import db
from pairjobs.models import RecoveryCode, Role, User
from pairjobs.models.base import utcnow

ISSUER = "pairjobs"
RECOVERY_CODES = 10
WINDOW = 1  # a code of the time step before or after is accepted too (clocks drift)


def required(user: User) -> bool:
    """Whether the account must sign in with a second factor."""
    if user.role.value in current_app.config["TWO_FACTOR_ROLES"]:
        return True
    organization = user.organization
    return user.role is Role.EMPLOYER and organization is not None and organization.two_factor_required


def asks_code(user: User) -> bool:
    """Whether signing in goes through the second factor (set up, or to be set up now)."""
    return user.two_factor_enabled or required(user)


@dataclass(frozen=True)
class Setup:
    """What the person adds to an authenticator app: the secret, and the URI its QR code holds."""

    secret: str
    uri: str


def start_setup(user: User) -> Setup:
    """A new secret for the account, in use only once a code of it is confirmed (`confirm_setup`)."""
    if user.two_factor_enabled:
        raise DomainError(_("Two-factor sign-in is already set up."))
    user.totp_secret = pyotp.random_base32()
    return setup_of(user)


def setup_of(user: User) -> Setup:
    """The setup in progress (its secret and URI)."""
    if not user.totp_secret:
        raise DomainError(_("Start the setup again."))
    uri = pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return Setup(user.totp_secret, uri)


def confirm_setup(user: User, code: str) -> list[str]:
    """Turn two-factor sign-in on with a first code of the app; returns the ten recovery codes, shown
    once."""
    if user.two_factor_enabled or not user.totp_secret:
        raise DomainError(_("Start the setup again."))
    step = _totp_step(user, code)
    if step is None:
        raise ValidationFailed({"code": [_("This code is not the one the app shows now. Check the phone's "
                                           "time and try the next code.")]})
    user.totp_last_step = step
    user.totp_enabled_at = utcnow()
    return new_recovery_codes(user)


def verify(user: User, code: str, budget: Budget) -> None:
    """Check a code of the app or a recovery code (one attempt of the account's budget is spent first);
    ValidationFailed when it is not right."""
    budget.spend()
    if not user.two_factor_enabled:
        raise DomainError(_("Two-factor sign-in is not set up for this account."))
    step = _totp_step(user, code)
    if step is not None and step > (user.totp_last_step or -1):
        user.totp_last_step = step
        return
    if _use_recovery_code(user, code):
        return
    raise ValidationFailed({"code": [_("This code is not right, or was already used.")]})


def disable(user: User, password: str, code: str, budget: Budget) -> None:
    """Turn two-factor sign-in off (password and a code asked), unless the account must use it."""
    if required(user):
        raise DomainError(_("Your role requires two-factor sign-in: it cannot be turned off."))
    check_current_password(user, password, budget)
    verify(user, code, budget)
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def new_recovery_codes(user: User) -> list[str]:
    """Ten new single-use codes (the earlier ones stop working); returned once, stored hashed."""
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(RECOVERY_CODES)]
    codes = [f"{c[:5]}-{c[5:]}" for c in codes]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(c)) for c in codes)
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def _normalized(code: str) -> str:
    return "".join(c for c in (code or "") if c.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_normalized(code).encode()).hexdigest()


def _totp_step(user: User, code: str) -> int | None:
    """The time step whose code this is (within the window), or None."""
    digits = _normalized(code)
    if not user.totp_secret or len(digits) != 6 or not digits.isdigit():
        return None
    totp = pyotp.TOTP(user.totp_secret)
    now = totp.timecode(utcnow())
    for step in range(now - WINDOW, now + WINDOW + 1):
        if secrets.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def _use_recovery_code(user: User, code: str) -> bool:
    """Use a recovery code once (one conditional UPDATE: two requests cannot both use it)."""
    if len(_normalized(code)) != 10:
        return False
    used: sa.CursorResult = db.session.execute(  # type: ignore[assignment]
        sa.update(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None),
                                      RecoveryCode.code_hash == _hash(code)).values(used_at=utcnow()))
    return used.rowcount == 1

"""Account use-cases: registration, authentication, approval, API tokens."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, ValidationFailed
from pairjobs.domain.password_policy import password_problems
from pairjobs.domain.passwords import burn_verification, hash_password, needs_rehash, verify_password
from pairjobs.domain.privacy import remember_address
from pairjobs.extensions import db
from pairjobs.infra.text import clean_line
from pairjobs.models import AccountLink, ApiToken, LinkPurpose, Organization, Role, User
from pairjobs.models.base import utcnow
from pairjobs.models.token import hash_token
from pairjobs.models.user import new_session_nonce


def normalize_email(email: str) -> str:
    """The validated, lower-cased address; raises ValidationFailed on a malformed one."""
    try:
        info = validate_email((email or "").strip(), check_deliverability=False)
    except EmailNotValidError:
        raise ValidationFailed({"email": [_("Enter a valid e-mail address.")]}) from None
    return info.normalized.lower()


class Budget(Protocol):
    """The password attempts left to one account (pairjobs.web.throttle)."""

    def spend(self) -> None: ...

    def refund(self) -> None: ...


BudgetFor = Callable[[User | None, str], Budget]


def find_by_email(email: str) -> User | None:
    """The account with this e-mail address, whatever its case."""
    return db.session.scalar(sa.select(User).where(User.email == (email or "").strip().lower()))


def create_user(
    *,
    email: str,
    password: str,
    role: Role,
    name: str,
    organization: Organization | None = None,
    approved_by: User | None = None,
    approved: bool = False,
    is_demo: bool = False,
    confirmed: bool = False,
) -> User:
    """Create an account after checking e-mail, password and role rules; flushes only."""
    errors: dict[str, list[str]] = {}
    try:
        normalized = normalize_email(email)
    except ValidationFailed as exc:
        errors.update(exc.fields)
        normalized = ""
    if problems := password_problems(password, email=normalized or email, name=name, demo=is_demo):
        errors["password"] = problems
    name = clean_line(name or "").strip()
    if not name:
        errors["name"] = [_("Enter a name.")]
    if role is Role.EMPLOYER and organization is None:
        errors["organization"] = [_("An employer account belongs to an organization.")]
    if role is not Role.EMPLOYER and organization is not None:
        errors["organization"] = [_("Only employer accounts belong to an organization.")]
    if errors:
        raise ValidationFailed(errors)
    if find_by_email(normalized) is not None:
        raise Conflict(
            _("An account already exists with this e-mail address."),
            {"email": [_("An account already exists with this e-mail address.")]},
        )
    user = User(
        email=normalized,
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        organization_id=organization.id if organization is not None else None,
        is_demo=is_demo,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    if role is Role.EMPLOYER and (approved or approved_by is not None):
        user.approved_at = utcnow()
        user.approved_by = approved_by
    try:
        with db.session.begin_nested():  # a concurrent registration may win the race
            db.session.add(user)
    except sa.exc.IntegrityError:
        raise Conflict(
            _("An account already exists with this e-mail address."),
            {"email": [_("An account already exists with this e-mail address.")]},
        ) from None
    return user


def authenticate(email: str, password: str, budget_for: BudgetFor) -> User | None:
    """The account if the e-mail and password match and it is enabled, else None.

    One attempt of the account's budget is spent first (Throttled when none is left). An unknown address
    costs the same time as a wrong password, and gives the same answer.
    """
    user = find_by_email(email)
    budget = budget_for(user, email)
    budget.spend()
    if user is None:
        burn_verification()
        return None
    if not verify_password(user.password_hash, password) or not user.is_enabled:
        return None
    budget.refund()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def end_sessions(user: User) -> None:
    """Invalidate every browser session of the account (logout, password change)."""
    user.session_nonce = new_session_nonce()


def load_session_user(session_id: str) -> User | None:
    """The account of a Flask-Login session id "<id>:<nonce>", if the nonce is current."""
    user_id, _sep, nonce = (session_id or "").partition(":")
    if not user_id.isdigit() or not nonce:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_enabled or not secrets.compare_digest(user.session_nonce, nonce):
        return None
    return user


def issue_token(user: User) -> tuple[str, ApiToken]:
    """A new API token for the account: the clear token (shown once) and its record."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    record = ApiToken(
        user=user,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + current_app.config["API_TOKEN_LIFETIME"],
    )
    db.session.add(record)
    db.session.flush()
    return token, record


def token_record(token: str, now: datetime | None = None) -> ApiToken | None:
    """The valid token record matching a clear token, if any."""
    record = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if record is None or not record.is_valid(now or utcnow()) or not record.user.is_enabled:
        return None
    return record


def revoke_token(record: ApiToken) -> None:
    """Stop a token from authenticating."""
    record.revoked_at = utcnow()


def check_current_password(user: User, current: str, budget: Budget) -> None:
    """Check the password asked again before a change, spending one attempt of the account's budget."""
    budget.spend()
    if not verify_password(user.password_hash, current or ""):
        raise ValidationFailed({"current_password": [_("The current password is not correct.")]})


def set_password(user: User, new: str) -> None:
    """Set a new password that passes the rules; every session and API token of the account ends."""
    if problems := password_problems(new, email=user.email, name=user.name, demo=user.is_demo):
        raise ValidationFailed({"password": problems})
    user.password_hash = hash_password(new)
    end_sessions(user)
    revoke_all_tokens(user)


def change_password(user: User, current: str, new: str, budget: Budget) -> None:
    """Set a new password after checking the current one; other sessions end."""
    check_current_password(user, current, budget)
    set_password(user, new)


def change_email(user: User, current: str, new_email: str, budget: Budget) -> bool:
    """Change the sign-in address after checking the password; whether it changed.

    The sessions and API tokens of the account end, and the new address must be confirmed again.
    """
    check_current_password(user, current, budget)
    normalized = normalize_email(new_email)
    if normalized != user.email and find_by_email(normalized) is not None:
        raise Conflict(_("An account already exists with this e-mail address."),
                       {"email": [_("An account already exists with this e-mail address.")]})
    if normalized == user.email:
        return False
    remember_address(user, user.email)
    user.email = normalized
    user.email_confirmed_at = None
    end_sessions(user)
    revoke_all_tokens(user)
    end_reset_links(user)  # a link sent to the old address must not open the account
    return True


def end_reset_links(user: User) -> None:
    """Make every reset link not yet used unusable (the address changed, or the password was reset)."""
    db.session.execute(sa.update(AccountLink).where(
        AccountLink.user_id == user.id, AccountLink.purpose == LinkPurpose.RESET_PASSWORD,
        AccountLink.used_at.is_(None)).values(used_at=utcnow()))


def revoke_all_tokens(user: User) -> None:
    """Stop every API token of the account (after a change of password or e-mail address)."""
    db.session.execute(sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()))

"""Links sent by e-mail: address confirmation and password reset, without telling who has an account.

Registering with an address that has an account, or asking to reset the password of an address that has
none, answers exactly as the other case does; the owner of an existing address is told by e-mail instead.
Each link is single-use: taking it is one conditional UPDATE, so two requests racing with the same link
cannot both succeed. Flushes only.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from pairjobs.domain.accounts import create_user, end_reset_links, find_by_email, set_password
from pairjobs.domain.candidates import profile_of
from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.mail import queue_mail
from pairjobs.domain.password_policy import password_problems
from pairjobs.domain.passwords import burn_verification
from pairjobs.extensions import db
from pairjobs.models import AccountLink, LinkPurpose, Organization, Role, User
from pairjobs.models.base import utcnow
from pairjobs.models.token import hash_token

LIFETIME = {LinkPurpose.RESET_PASSWORD: timedelta(hours=1), LinkPurpose.CONFIRM_EMAIL: timedelta(days=2)}
INVITATION_LIFETIME = timedelta(days=7)  # a colleague's first password is chosen through a reset link


class LinkInvalid(DomainError):
    """The link is unknown, expired or already used."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("This link is not valid any more: it was already used, or it expired. "
                                      "Ask for a new one."))


def _issue(user: User, purpose: LinkPurpose, lifetime: timedelta | None = None) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(AccountLink(user=user, purpose=purpose, token_hash=hash_token(token), email=user.email,
                               created_at=now, expires_at=now + (lifetime or LIFETIME[purpose])))
    db.session.flush()
    return token


def send_confirmation(user: User) -> None:
    """E-mail the account a link that confirms its address."""
    queue_mail(user, "confirm_email", token=_issue(user, LinkPurpose.CONFIRM_EMAIL),
               hours=int(LIFETIME[LinkPurpose.CONFIRM_EMAIL].total_seconds() // 3600))


def _tell_owner(email: str) -> None:
    """Someone tried to make an account for an address that has one: its owner is told, nobody else."""
    owner = find_by_email(email)
    if owner is not None and owner.is_enabled:
        queue_mail(owner, "account_exists")


def register(*, email: str, password: str, name: str, role: Role, organization: Organization | None = None,
             terms_accepted: bool = False, lived_experience_consent: bool = False) -> User | None:
    """Create an unconfirmed account and send its confirmation link; None when the address has an account.

    The terms of use must be accepted; a candidate may, separately and optionally, consent to pairjobs
    storing a lived-experience text (they write it on their profile later). When the address has an
    account, nothing is created and its owner is told by e-mail; the caller answers as for a new account.
    Invalid input raises ValidationFailed in both cases alike, with every field's problem at once.
    """
    refused = {} if terms_accepted else {"accept_terms": [_("Accept the terms of use to create an account.")]}
    try:
        user = create_user(email=email, password=password, name=name, role=role, organization=organization)
    except ValidationFailed as error:
        raise ValidationFailed(error.fields | refused) from error
    except Conflict:
        user = None
    if refused:
        raise ValidationFailed(refused)  # nothing is kept: the caller's transaction rolls back
    if user is None:
        burn_verification()  # the time a new account's password hash takes
        _tell_owner(email)
        return None
    user.terms_accepted_at = utcnow()
    if role is Role.CANDIDATE and lived_experience_consent:
        profile_of(user).lived_experience_consent_at = user.terms_accepted_at
    send_confirmation(user)
    if role is Role.EMPLOYER:
        for admin in db.session.scalars(sa.select(User).where(User.role == Role.ADMIN, User.is_enabled)):
            queue_mail(admin, "employer_request", employer=user)
    return user


def invite_colleague(inviter: User, name: str, email: str) -> None:
    """An approved employer brings a colleague into their organization: the account is created approved,
    and its owner chooses a password through the link sent (valid 7 days). When the address already has an
    account, nothing is created and its owner is told, the inviter's answer being the same."""
    if inviter.role is not Role.EMPLOYER or not inviter.is_approved or inviter.organization is None:
        raise DomainError(_("Only approved employers invite colleagues."))
    try:
        colleague = create_user(email=email, password=secrets.token_urlsafe(24), name=name,
                                role=Role.EMPLOYER, organization=inviter.organization, approved_by=inviter,
                                approved=True)
    except Conflict:
        _tell_owner(email)
        return
    token = _issue(colleague, LinkPurpose.RESET_PASSWORD, INVITATION_LIFETIME)
    queue_mail(colleague, "colleague_invitation", inviter=inviter, token=token,
               days=INVITATION_LIFETIME.days)


def request_password_reset(email: str) -> None:
    """E-mail a reset link to the address's account, if there is one; says nothing either way."""
    user = find_by_email(email)
    if user is None or not user.is_enabled:
        return
    queue_mail(user, "reset_password", token=_issue(user, LinkPurpose.RESET_PASSWORD),
               minutes=int(LIFETIME[LinkPurpose.RESET_PASSWORD].total_seconds() // 60))


def _valid(token: str, purpose: LinkPurpose) -> AccountLink:
    link = db.session.scalar(sa.select(AccountLink).where(
        AccountLink.token_hash == hash_token(token or ""), AccountLink.purpose == purpose))
    if link is None or link.used_at is not None or link.expires_at <= utcnow() or not link.user.is_enabled:
        raise LinkInvalid()
    if purpose is LinkPurpose.RESET_PASSWORD and link.email != link.user.email:
        # Sent to an address the account no longer has: whoever reads that mailbox now is not the owner.
        raise LinkInvalid(_("This link was sent to an address that is no longer the account's."))
    return link


def _take(link: AccountLink) -> None:
    """Mark a valid link used; LinkInvalid if another request used it first."""
    taken: sa.CursorResult = db.session.execute(sa.update(AccountLink).where(AccountLink.id == link.id,
                                                            AccountLink.used_at.is_(None))
                               .values(used_at=utcnow()))  # type: ignore[assignment]
    if taken.rowcount != 1:
        raise LinkInvalid()
    db.session.refresh(link)


def check_reset_link(token: str) -> User:
    """The account a reset link is for, without using it (LinkInvalid when it cannot be used)."""
    return _valid(token, LinkPurpose.RESET_PASSWORD).user


def reset_password(token: str, new: str) -> User:
    """Set a new password with a reset link; every session and API token of the account ends.

    The link stays usable when the new password is refused. It also confirms the address it was sent to.
    """
    link = _valid(token, LinkPurpose.RESET_PASSWORD)
    user = link.user
    if problems := password_problems(new, email=user.email, name=user.name, demo=user.is_demo):
        raise ValidationFailed({"password": problems})
    _take(link)
    set_password(user, new)
    _confirm(user, link)
    end_reset_links(user)  # the other reset links sent before end too
    return user


def _confirm(user: User, link: AccountLink) -> None:
    if link.email == user.email and user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()


def confirm_email(token: str) -> User:
    """Confirm the address a confirmation link was sent to (if it is still the account's)."""
    link = _valid(token, LinkPurpose.CONFIRM_EMAIL)
    _take(link)
    if link.email != link.user.email:
        raise LinkInvalid(_("This link was sent to an address that is no longer the account's."))
    _confirm(link.user, link)
    return link.user

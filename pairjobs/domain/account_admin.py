"""What administrators decide about accounts: an employer's request approved or refused, an account turned off
or on again. Each decision is told to the person; flushes only."""

from __future__ import annotations

from flask_babel import gettext as _

from pairjobs.domain import audit
from pairjobs.domain.accounts import revoke_all_tokens
from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.mail import queue_mail
from pairjobs.models import Role, User
from pairjobs.models.base import utcnow
from pairjobs.models.user import new_session_nonce

MAX_REASON = 500


def _awaiting_decision(employer: User) -> None:
    """An employer's request still to decide: neither approved nor refused yet."""
    if employer.role is not Role.EMPLOYER:
        raise DomainError(_("Only employer accounts need approval."))
    if employer.approved_at is not None:
        raise Conflict(_("This employer account is already approved."))
    if not employer.is_enabled:
        raise Conflict(_("This request was already refused."))


def approve_employer(employer: User, admin: User) -> None:
    """Let an employer post for their organization."""
    _awaiting_decision(employer)
    employer.approved_at = utcnow()
    employer.approved_by = admin
    queue_mail(employer, "employer_approved")


def refuse_employer(employer: User, admin: User, reason: str) -> None:
    """Refuse an employer's request: the account is turned off and its owner told why."""
    _awaiting_decision(employer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": [_("Give the reason for the refusal: it is sent to the person.")]})
    if len(reason) > MAX_REASON:
        raise ValidationFailed({"reason": [_("At most %(n)d characters.", n=MAX_REASON)]})
    employer.is_enabled = False
    employer.session_nonce = new_session_nonce()
    audit.record(admin, audit.Action.EMPLOYER_REFUSED, f"user:{employer.id}", None, reason=reason)
    queue_mail(employer, "employer_refused", reason=reason)


def deactivate(user: User, admin: User) -> None:
    """Turn an account off: it can no longer sign in, its sessions end and its API tokens stop."""
    if user.id == admin.id:
        raise DomainError(_("You cannot turn off your own account."))
    if not user.is_enabled:
        raise Conflict(_("This account is already turned off."))
    user.is_enabled = False
    user.session_nonce = new_session_nonce()
    revoke_all_tokens(user)
    audit.record(admin, audit.Action.ACCOUNT_DEACTIVATED, f"user:{user.id}", None)


def reactivate(user: User, admin: User) -> None:
    """Turn an account on again (its owner signs in with their password; tokens must be asked again)."""
    if user.is_enabled:
        raise Conflict(_("This account is already on."))
    user.is_enabled = True
    audit.record(admin, audit.Action.ACCOUNT_REACTIVATED, f"user:{user.id}", None)

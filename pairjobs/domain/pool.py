"""The talent pool ("vivier"), off by default: with their explicit consent, for at most two years (CNIL's
recommendation for keeping a candidate's file), a peer worker can be found by employers of the departments
they chose, who may invite them to apply to an open position. Consent is withdrawn at any time."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from pairjobs.domain import audit
from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.domain.mail import queue_mail
from pairjobs.extensions import db
from pairjobs.infra.calendar import add_months
from pairjobs.models import Application, AuditEntry, Organization, PoolMembership, Position, Role, User

MAX_MONTHS = 24  # the longest a consent lasts before it must be given again


def membership_of(user: User) -> PoolMembership | None:
    return db.session.get(PoolMembership, user.id)


def join(candidate: User, consent: bool, departments: list[str], now: datetime) -> PoolMembership:
    """Enter the pool, or renew the consent (for two years from now) and change the departments."""
    if candidate.role is not Role.CANDIDATE:
        raise DomainError(_("Only peer worker accounts join the talent pool."))
    errors: dict[str, list[str]] = {}
    if consent is not True:
        errors["consent"] = [_("Tick the box to give your consent: nothing is shared without it.")]
    known = geography().departments
    codes = sorted({d.strip().upper() for d in departments if d and d.strip()})
    if not codes:
        errors["departments"] = [_("Choose at least one department.")]
    elif any(code not in known for code in codes):
        errors["departments"] = [_("Choose departments of the region.")]
    if errors:
        raise ValidationFailed(errors)
    membership = membership_of(candidate) or PoolMembership(user_id=candidate.id)
    membership.departments = " ".join(codes)
    membership.consented_at = now
    membership.expires_at = datetime.combine(add_months(now.date(), MAX_MONTHS), now.timetz())
    db.session.add(membership)
    db.session.flush()
    return membership


def leave(candidate: User) -> None:
    """Withdraw the consent: employers no longer find the person (nothing is kept of the membership)."""
    membership = membership_of(candidate)
    if membership is not None:
        db.session.delete(membership)
        db.session.flush()


def _found_by(organization: Organization, now: datetime) -> sa.Select:
    department = organization.department_code
    return (sa.select(User).join(PoolMembership, PoolMembership.user_id == User.id)
            .where(User.is_enabled, User.role == Role.CANDIDATE, PoolMembership.expires_at > now,
                   (sa.literal(" ") + PoolMembership.departments + " ").contains(f" {department} ",
                                                                                 autoescape=True)))


def found_by(organization: Organization, recruiter: User, now: datetime) -> list[User]:
    """The peer workers an organization's recruiters find in the pool (each reading is logged)."""
    people = list(db.session.scalars(_found_by(organization, now)
                                     .options(sa.orm.joinedload(User.profile)).order_by(User.name, User.id)))
    audit.record_many(recruiter, audit.Action.CANDIDATE_FILE_VIEWED,
                      [(f"pool:{person.id}", person.id) for person in people], method="pool")
    return people


def invite(recruiter: User, candidate_id: int, position: Position, now: datetime, today: date) -> None:
    """Invite a peer worker found in the pool to apply to one of the organization's open positions."""
    organization = recruiter.organization
    if organization is None or position.organization_id != organization.id:
        raise DomainError(_("Choose one of your organization's positions."))
    if not position.is_open(today):
        raise ValidationFailed({"position": [_("This position is not open for applications.")]})
    candidate = db.session.scalar(_found_by(organization, now).where(User.id == candidate_id))
    if candidate is None:
        raise DomainError(_("This person is no longer in the talent pool."))
    subject = f"position:{position.id}"
    if db.session.scalar(sa.select(AuditEntry.id).where(
            AuditEntry.action == audit.Action.POOL_INVITATION, AuditEntry.subject == subject,
            AuditEntry.candidate_id == candidate.id).limit(1)) is not None:
        raise Conflict(_("This person was already invited to apply to this position."))
    if db.session.scalar(sa.select(Application.id).where(Application.position_id == position.id,
                                                         Application.candidate_id == candidate.id)):
        raise Conflict(_("This person already applied to this position."))
    audit.record(recruiter, audit.Action.POOL_INVITATION, subject, candidate.id)
    membership = membership_of(candidate)
    queue_mail(candidate, "pool_invitation", position=position, organization=organization,
               user_pool_end=membership.expires_at if membership else None)


def purge_expired(now: datetime) -> int:
    """Forget the memberships whose consent ran out; returns how many."""
    expired = db.session.scalars(sa.select(PoolMembership).where(PoolMembership.expires_at <= now)).all()
    for membership in expired:
        db.session.delete(membership)
    return len(expired)

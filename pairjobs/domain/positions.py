"""Position use-cases: creation, edits, publication, closing, duplication (input checks in position_input)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.domain.interviews import cancel_upcoming
from pairjobs.domain.mail import queue_mail
from pairjobs.domain.position_input import check_position
from pairjobs.domain.precarity import Flag, posting_flags
from pairjobs.domain.search.suggest import remember_words
from pairjobs.extensions import db
from pairjobs.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    CloseOutcome,
    Organization,
    Position,
    PositionEvent,
    PositionStatus,
    RejectionReason,
    User,
)
from pairjobs.models.base import utcnow
from pairjobs.models.position import PositionAction

# The attributes a user sets, in the order forms show them.
EDITABLE = (
    "title", "description", "setting", "department_code", "commune_code",
    "contract_type", "legal_basis", "duration_months", "renewable", "cdi_prospect",
    "fte_percent", "weekly_hours", "salary_min", "salary_max", "pay_grid",
    "funding_kind", "funding_ends_on", "opening_days", "start_date", "deadline", "openings",
    "supervision_frequency", "supervision_kind", "supervision_paid_time", "referent_role",
    "peer_team_size", "training_funded", "tutoring", "credential_expectation",
)


def search_document(position: Position) -> str:
    """The text that full-text search looks in."""
    geo = geography()
    commune = geo.commune(position.commune_code)
    department = geo.department(position.department_code)
    parts = [position.title, position.description, position.organization.name,
             commune.name if commune else "", department.name if department else ""]
    return "\n".join(p for p in parts if p)


def _serialize(value: Any) -> Any:
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record(position: Position, actor: User | None, action: PositionAction,
            changes: dict | None = None) -> None:
    db.session.add(PositionEvent(position=position, actor=actor, action=action, changes=changes or {}))


def create_position(organization: Organization, actor: User | None, values: Mapping[str, Any],
                    is_demo: bool = False) -> Position:
    """A new draft from typed values (see pairjobs.schemas.positions); flushes only."""
    checked = check_position(values, organization)
    position = Position(organization=organization, created_by=actor, status=PositionStatus.DRAFT,
                        is_demo=is_demo, **checked)
    position.search_document = search_document(position)
    db.session.add(position)
    _record(position, actor, PositionAction.CREATED)
    db.session.flush()
    return position


def current_values(position: Position) -> dict[str, Any]:
    """The position's editable values by attribute (to pre-fill a form or merge a partial change)."""
    return {name: getattr(position, name) for name in EDITABLE}


def update_position(position: Position, actor: User | None, changes: Mapping[str, Any], today: date,
                    expected_version: int | None = None) -> dict[str, list]:
    """Apply typed changes over the current values (all fields, or some); returns what changed."""
    if position.status is PositionStatus.CLOSED:
        raise DomainError(_("A closed position can no longer be edited."))
    if expected_version is not None and expected_version != position.version:
        raise Conflict(_("Someone else changed this position meanwhile. Reload it and apply your changes "
                         "again."))
    changes = dict(changes)
    new_fte = changes.get("fte_percent", position.fte_percent)
    if new_fte != position.fte_percent and changes.get("weekly_hours") in (None, position.weekly_hours):
        changes["weekly_hours"] = None  # the FTE changed, the hours did not: derive them again
    values = check_position(current_values(position) | changes, position.organization)
    if position.status is PositionStatus.PUBLISHED and values["deadline"] and values["deadline"] < today:
        raise ValidationFailed(
            {"deadline": [_("The deadline of a published position cannot be in the past.")]})
    recorded = {}
    for attribute, new in values.items():
        old = getattr(position, attribute)
        if old != new:
            recorded[attribute] = [_serialize(old), _serialize(new)]
            setattr(position, attribute, new)
    if recorded:
        position.search_document = search_document(position)
        if position.status is PositionStatus.PUBLISHED:
            remember_words(position.search_document)
        _record(position, actor, PositionAction.UPDATED, recorded)
        db.session.flush()
    return recorded


def publish(position: Position, actor: User | None, today: date) -> None:
    """Make a draft visible to everyone."""
    if position.status is not PositionStatus.DRAFT:
        raise Conflict(_("Only a draft can be published."))
    if position.deadline is not None and position.deadline < today:
        raise ValidationFailed({"deadline": [_("The deadline is in the past: change it before publishing.")]})
    position.status = PositionStatus.PUBLISHED
    position.published_at = utcnow()
    remember_words(position.search_document)
    _record(position, actor, PositionAction.PUBLISHED)
    db.session.flush()


def close(position: Position, actor: User | None, outcome: str | CloseOutcome | None) -> None:
    """Close a draft or published position, saying whether it was filled or cancelled."""
    try:
        outcome = CloseOutcome(outcome or "")  # None: no outcome, refused as an unknown one
    except ValueError:
        raise ValidationFailed(
            {"outcome": [_("Say whether the position was filled or cancelled.")]}) from None
    if position.status is PositionStatus.CLOSED:
        raise Conflict(_("This position is already closed."))
    position.status = PositionStatus.CLOSED
    position.outcome = outcome
    position.closed_at = utcnow()
    _record(position, actor, PositionAction.CLOSED, {"outcome": outcome.value})
    resolve_pending(position, actor)
    db.session.flush()


PENDING = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, ApplicationStatus.INTERVIEW,
           ApplicationStatus.OFFER)


def pending_count(position: Position) -> int:
    """How many of the position's applications are still in progress."""
    return db.session.execute(sa.select(sa.func.count()).select_from(Application).where(
        Application.position_id == position.id, Application.status.in_(PENDING))).scalar_one()


def resolve_pending(position: Position, actor: User | None) -> int:
    """A closed position's applications still in progress are not kept (the position was filled, or the
    recruitment cancelled), and each candidate is told by e-mail; returns how many."""
    hired = db.session.scalar(sa.select(sa.func.count()).select_from(Application).where(
        Application.position_id == position.id, Application.status == ApplicationStatus.HIRED))
    reason = (RejectionReason.POSITION_FILLED if hired or position.outcome is CloseOutcome.FILLED
              else RejectionReason.POSITION_CLOSED)
    pending = db.session.scalars(sa.select(Application).where(
        Application.position_id == position.id, Application.status.in_(PENDING)
    ).order_by(Application.id)).all()
    for application in pending:
        close_unanswered(application, actor, reason)
    return len(pending)


def close_unanswered(application: Application, actor: User | None, reason: RejectionReason) -> None:
    """Close an application in progress without a recruiter's decision (the position closed, no answer in
    time): not kept, with the reason, and the candidate told."""
    event = ApplicationEvent(actor=actor, from_status=application.status,
                             to_status=ApplicationStatus.REJECTED, reason=reason)
    application.events.append(event)
    application.status = ApplicationStatus.REJECTED
    application.rejection_reason = reason
    application.reason_shared = True
    db.session.flush()
    queue_mail(application.candidate, "status_changed", application=application, event=event)
    cancel_upcoming(application)


def delete_draft(position: Position) -> None:
    """Delete a draft that was never published (a published position is closed, not deleted)."""
    if position.status is not PositionStatus.DRAFT or position.published_at is not None:
        raise Conflict(_("Only a draft that was never published can be deleted: close this position "
                         "instead."))
    db.session.delete(position)
    db.session.flush()


def duplicate(position: Position, actor: User | None) -> Position:
    """A new draft with the same terms, without its dates."""
    copy = Position(
        organization=position.organization,
        created_by=actor,
        status=PositionStatus.DRAFT,
        **current_values(position),
    )
    copy.deadline = None
    copy.start_date = None
    copy.search_document = search_document(copy)
    db.session.add(copy)
    _record(copy, actor, PositionAction.CREATED, {"duplicated_from": position.id})
    db.session.flush()
    return copy


def close_expired(today: date) -> int:
    """Close (as cancelled) every published position whose deadline has passed; returns how many."""
    expired = db.session.scalars(
        sa.select(Position).where(Position.status == PositionStatus.PUBLISHED, Position.deadline < today)
    ).all()
    for position in expired:
        position.status = PositionStatus.CLOSED
        position.outcome = CloseOutcome.CANCELLED
        position.closed_at = utcnow()
        _record(position, None, PositionAction.CLOSED, {"outcome": "cancelled", "reason": "deadline_passed"})
        resolve_pending(position, None)
    db.session.flush()
    return len(expired)


def flags_of(position: Position) -> list[Flag]:
    """The posting-level precarity flags of a position."""
    return posting_flags(position, current_app.config["PRECARITY_THRESHOLDS"])

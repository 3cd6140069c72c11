"""Retention: delete what pairjobs no longer needs to keep (periods in RETENTION_DAYS)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.engine import CursorResult

from pairjobs.domain.pool import purge_expired
from pairjobs.domain.privacy import delete_candidate
from pairjobs.extensions import db
from pairjobs.models import (
    ApiToken,
    Application,
    ApplicationStatus,
    AuditEntry,
    MailState,
    OutboxMessage,
    Position,
    PositionStatus,
    Role,
    User,
)

CLOSED = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)
IN_PROGRESS = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, ApplicationStatus.INTERVIEW,
               ApplicationStatus.OFFER)


def purge(now: datetime) -> tuple[dict[str, int], list[str]]:
    """Apply every retention period; returns counts by kind and the certificate keys to delete from disk."""
    days = current_app.config["RETENTION_DAYS"]

    def before(kind: str) -> datetime:
        return now - timedelta(days=days[kind])

    counts: dict[str, int] = {}
    # Finished: withdrawn or not kept, or still "in progress" on a position that is closed (the
    # recruitment is over whatever the pipeline says), counted from the later of the two dates.
    on_closed = (sa.select(Position.id).where(Position.id == Application.position_id,
                                              Position.status == PositionStatus.CLOSED,
                                              Position.closed_at < before("closed_application")).exists())
    closed = db.session.scalars(sa.select(Application).where(sa.or_(
        sa.and_(Application.status.in_(CLOSED), Application.updated_at < before("closed_application")),
        sa.and_(Application.status.in_(IN_PROGRESS), Application.updated_at < before("closed_application"),
                on_closed)))).all()
    for application in closed:
        db.session.delete(application)
    counts["closed_applications"] = len(closed)

    keys: list[str] = []
    last_seen = sa.func.coalesce(User.last_login_at, User.created_at)
    busy = (sa.select(Application.id).join(Position, Position.id == Application.position_id)
            .where(Application.candidate_id == User.id, Application.status.in_(IN_PROGRESS),
                   Position.status != PositionStatus.CLOSED).exists())
    inactive = db.session.scalars(sa.select(User).where(
        User.role == Role.CANDIDATE, last_seen < before("inactive_candidate"), ~busy)).all()
    for user in inactive:
        keys += delete_candidate(user)
    counts["inactive_candidates"] = len(inactive)
    counts["expired_pool_memberships"] = purge_expired(now)

    counts["outbox_messages"] = _deleted(sa.delete(OutboxMessage).where(
        OutboxMessage.created_at < before("outbox"),
        OutboxMessage.state.in_([MailState.SENT, MailState.OUTBOX, MailState.FAILED])))
    counts["audit_entries"] = _deleted(sa.delete(AuditEntry).where(AuditEntry.at < before("audit")))
    counts["api_tokens"] = _deleted(sa.delete(ApiToken).where(
        sa.or_(ApiToken.expires_at < before("expired_token"), ApiToken.revoked_at < before("expired_token"))
    ))
    db.session.flush()
    return counts, keys


def _deleted(stmt: sa.Delete) -> int:
    """Run a bulk delete; the number of rows it deleted (a DML statement's result is a CursorResult)."""
    return cast(CursorResult[Any], db.session.execute(stmt)).rowcount

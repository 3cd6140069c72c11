"""Applications that get an answer: recruiters reminded of applications left without a change of status,
applications closed as "no_response" after the longer delay, and deadlines coming (`send-reminders`,
daily)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from pairjobs.domain.mail import queue_mail
from pairjobs.domain.positions import PENDING, close_unanswered, pending_count
from pairjobs.domain.recruiters import recruiters_of
from pairjobs.extensions import db
from pairjobs.models import Application, Position, PositionStatus, RejectionReason


def days_without_answer(application: Application, now: datetime, remind_after_days: int) -> int | None:
    """How many days an application in progress has waited for a change, once past the reminder delay."""
    if application.status not in PENDING:
        return None
    days = (now - application.status_changed_at).days
    return days if days >= remind_after_days else None


def remind_deadlines(today: date, days_before: int) -> int:
    """Remind the recruiters of each published position whose deadline is `days_before` days away or less
    (once per deadline); returns how many positions."""
    due = db.session.scalars(sa.select(Position).where(
        Position.status == PositionStatus.PUBLISHED, Position.deadline >= today,
        Position.deadline <= today + timedelta(days=days_before),
        sa.or_(Position.deadline_reminded_for.is_(None), Position.deadline_reminded_for != Position.deadline))
        .order_by(Position.deadline, Position.id)).all()
    for position in due:
        pending = pending_count(position)
        for recruiter in recruiters_of(position.organization_id):
            queue_mail(recruiter, "deadline_near", position=position, pending=pending)
        position.deadline_reminded_for = position.deadline
    db.session.flush()
    return len(due)


def follow_up(now: datetime, remind_after_days: int, close_after_days: int) -> tuple[int, int]:
    """Remind the recruiters once of each application waiting past the first delay (one e-mail per recruiter,
    listing them), close those past the second; returns (reminded, closed)."""
    waiting = db.session.scalars(
        sa.select(Application).where(Application.status.in_(PENDING),
                                     Application.status_changed_at <= now - timedelta(days=remind_after_days))
        .options(sa.orm.joinedload(Application.position).joinedload(Position.organization),
                 sa.orm.selectinload(Application.interviews))
        .order_by(Application.status_changed_at, Application.id)).all()
    to_remind: dict[int, list[Application]] = defaultdict(list)
    closed = 0
    for application in waiting:
        upcoming = any(i.is_live and i.starts_at > now for i in application.interviews)
        if application.status_changed_at <= now - timedelta(days=close_after_days) and not upcoming:
            close_unanswered(application, None, RejectionReason.NO_RESPONSE)
            closed += 1
        elif application.reminded_at is None or application.reminded_at < application.status_changed_at:
            to_remind[application.position.organization_id].append(application)
    for organization_id, applications in to_remind.items():
        for recruiter in recruiters_of(organization_id):
            queue_mail(recruiter, "application_waiting", applications=applications, now=now,
                       close_after_days=close_after_days)
        for application in applications:
            application.reminded_at = now
    db.session.flush()
    return sum(len(a) for a in to_remind.values()), closed

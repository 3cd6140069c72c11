"""Interviews: a recruiter proposes, changes or cancels one; the candidate accepts or declines; each step
sends the calendar invitation (or its update or cancellation) and tells the other side."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.mail import queue_mail
from pairjobs.domain.recruiters import recruiters_of
from pairjobs.extensions import db
from pairjobs.infra.clock import PARIS
from pairjobs.infra.invitations import CANCEL, REQUEST, Invitation, invitation_text
from pairjobs.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Interview,
    InterviewStatus,
    User,
)
from pairjobs.models.base import utcnow

# Statuses that move to "interview" when one is proposed; later stages keep theirs (a second interview).
BEFORE_INTERVIEW = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)
PLACE_FIELDS = ("location", "video_url")


@dataclass(frozen=True)
class InterviewInput:
    """An interview's terms as the schema loaded them (pairjobs.schemas.interviews)."""

    starts_at: datetime  # with its offset
    duration_minutes: int
    location: str | None = None
    video_url: str | None = None
    note: str | None = None


def _check(terms: InterviewInput, now: datetime) -> None:
    errors: dict[str, list[str]] = {}
    if terms.starts_at <= now:
        errors["starts_at"] = [_("Choose a time to come.")]
    if not terms.location and not terms.video_url:
        errors["location"] = [_("Give the place of the interview or the link of the video call.")]
    if errors:
        raise ValidationFailed(errors)


def _pending(application: Application) -> None:
    if application.status.is_final:
        raise Conflict(_("This application is closed: no interview can be arranged for it."))


def propose(application: Application, recruiter: User, terms: InterviewInput, now: datetime) -> Interview:
    """Propose an interview; the candidate receives the invitation. Flushes only."""
    _pending(application)
    _check(terms, now)
    interview = Interview(application=application, uid=f"{uuid.uuid4()}@pairjobs", sequence=0,
                          status=InterviewStatus.PROPOSED, proposed_by=recruiter,
                          starts_at=terms.starts_at, duration_minutes=terms.duration_minutes,
                          location=terms.location, video_url=terms.video_url, note=terms.note)
    db.session.add(interview)
    if application.status in BEFORE_INTERVIEW:
        application.events.append(ApplicationEvent(actor=recruiter, from_status=application.status,
                                                   to_status=ApplicationStatus.INTERVIEW))
        application.status = ApplicationStatus.INTERVIEW
    application.status_changed_at = now  # an interview arranged is an answer: the delays start again
    db.session.flush()
    _invite(interview, "interview_proposed", REQUEST)
    return interview


def change(interview: Interview, terms: dict[str, Any], now: datetime) -> Interview:
    """Change the time, length, place or note (fields not given keep theirs): the candidate receives the
    updated invitation and is asked again. Flushes only."""
    _live(interview, now)
    _pending(interview.application)
    current = {name: getattr(interview, name) for name in InterviewInput.__dataclass_fields__}
    merged = InterviewInput(**(current | terms))
    _check(merged, now)
    moved = any(getattr(interview, name) != getattr(merged, name)
                for name in ("starts_at", "duration_minutes", "location", "video_url"))
    for name in InterviewInput.__dataclass_fields__:
        setattr(interview, name, getattr(merged, name))
    if moved:  # a new time or place needs a new answer
        interview.status, interview.answered_at = InterviewStatus.PROPOSED, None
        interview.application.status_changed_at = now
    interview.sequence += 1
    db.session.flush()
    _invite(interview, "interview_changed", REQUEST)
    return interview


def cancel(interview: Interview, now: datetime) -> Interview:
    """Cancel an interview to come: the candidate's calendar removes it. Flushes only."""
    _live(interview, now)
    interview.status = InterviewStatus.CANCELLED
    interview.sequence += 1
    db.session.flush()
    _invite(interview, "interview_cancelled", CANCEL)
    return interview


def cancel_upcoming(application: Application, now: datetime | None = None) -> int:
    """An application that ends (withdrawn, decided, closed) has no interview left to come: each is
    cancelled and the candidate's calendar told (METHOD:CANCEL). Returns how many. Flushes only."""
    now = now or utcnow()
    upcoming = [i for i in application.interviews if i.is_live and i.starts_at > now]
    for interview in upcoming:
        interview.status = InterviewStatus.CANCELLED
        interview.sequence += 1
        db.session.flush()
        _invite(interview, "interview_cancelled", CANCEL)
    return len(upcoming)


def answer(interview: Interview, candidate: User, accepted: bool, now: datetime) -> Interview:
    """The candidate accepts or declines (and may change their mind before it starts); the recruiters
    are told. Flushes only."""
    if interview.application.candidate_id != candidate.id:
        raise DomainError(_("This is not your interview."))
    _pending(interview.application)
    _live(interview, now)
    wanted = InterviewStatus.ACCEPTED if accepted else InterviewStatus.DECLINED
    if interview.status is wanted:
        return interview
    interview.status, interview.answered_at = wanted, now
    db.session.flush()
    for recruiter in recruiters_of(interview.application.position.organization_id):
        queue_mail(recruiter, "interview_answered", interview=interview, application=interview.application)
    return interview


def _live(interview: Interview, now: datetime) -> None:
    """Still to come and not cancelled (a declined one may still be moved, which asks again)."""
    if interview.status is InterviewStatus.CANCELLED:
        raise Conflict(_("This interview was cancelled."))
    if interview.starts_at <= now:
        raise Conflict(_("This interview has already taken place."))


def send_reminders(now: datetime) -> int:
    """Remind the candidate and the recruiter of the interviews of tomorrow (in France), once per time
    set; returns how many interviews were reminded."""
    tomorrow = (now.astimezone(PARIS) + timedelta(days=1)).date()
    start = datetime.combine(tomorrow, datetime.min.time(), PARIS)
    due = db.session.scalars(sa.select(Interview).where(
        Interview.status.in_([InterviewStatus.PROPOSED, InterviewStatus.ACCEPTED]),
        Interview.starts_at >= start, Interview.starts_at < start + timedelta(days=1),
    ).options(sa.orm.joinedload(Interview.application).joinedload(Application.candidate),
              sa.orm.joinedload(Interview.proposed_by)).order_by(Interview.id)).all()
    reminded = 0
    for interview in due:
        if interview.reminded_for == interview.starts_at:
            continue
        people = [interview.application.candidate]
        if interview.proposed_by is not None and interview.proposed_by.is_enabled:
            people.append(interview.proposed_by)
        for person in people:
            queue_mail(person, "interview_reminder", interview=interview, application=interview.application)
        interview.reminded_for = interview.starts_at
        reminded += 1
    db.session.flush()
    return reminded


def _invite(interview: Interview, template: str, method: str) -> None:
    application = interview.application
    candidate = application.candidate
    with force_locale(candidate.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        text = invitation_text(_invitation(interview), method)
    queue_mail(candidate, template, calendar=text, interview=interview, application=application)


def _invitation(interview: Interview) -> Invitation:
    application = interview.application
    candidate, position = application.candidate, application.position
    return Invitation(
        uid=interview.uid, sequence=interview.sequence, starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        summary=_("Interview: %(title)s", title=position.title),
        description=_("Interview for your application to “%(title)s” at %(org)s.", title=position.title,
                      org=position.organization.name) + ("\n\n" + interview.note if interview.note else ""),
        location=interview.location or interview.video_url,
        organizer_name=position.organization.name,
        organizer_email=parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1],
        attendee_name=candidate.name, attendee_email=candidate.email,
        url=interview.video_url,
    )

"""Applications: applying, withdrawing, and the employer's pipeline."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from pairjobs.domain import audit, contracts
from pairjobs.domain.candidate_file import snapshot_of
from pairjobs.domain.candidates import own_credentials
from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.interviews import cancel_upcoming
from pairjobs.domain.mail import queue_mail
from pairjobs.domain.positions import close as close_position
from pairjobs.domain.recruiters import recruiters_of
from pairjobs.extensions import db
from pairjobs.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Position,
    PositionStatus,
    RejectionReason,
    Role,
    User,
)

S = ApplicationStatus
# The employer's moves; withdrawal is the candidate's own.
TRANSITIONS: dict[ApplicationStatus, set[ApplicationStatus]] = {
    S.SUBMITTED: {S.IN_REVIEW, S.INTERVIEW, S.REJECTED},
    S.IN_REVIEW: {S.INTERVIEW, S.OFFER, S.REJECTED},
    S.INTERVIEW: {S.OFFER, S.REJECTED},
    S.OFFER: {S.HIRED, S.REJECTED},
    S.HIRED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
# Given by pairjobs when it closes an application itself, never by a recruiter.
SYSTEM_REASONS = (RejectionReason.POSITION_CLOSED, RejectionReason.NO_RESPONSE)
MAX_MESSAGE = 5000
MAX_NOTE = 2000


def already_applied_message() -> str:
    return _("You have already applied to this position.")


def apply(candidate: User, position: Position, message: str | None, credential_ids: list,
          today: date) -> Application:
    """Apply to an open position with chosen credentials; one application per candidate and position."""
    if candidate.role is not Role.CANDIDATE:
        raise DomainError(_("Only peer worker accounts apply."))
    if not candidate.email_confirmed:
        raise DomainError(_("Confirm your e-mail address before applying: open the link we sent you, or ask "
                            "for a new one on your account page."))
    if not position.is_open(today):
        raise DomainError(_("This position is not open for applications."),
                          {"position": [_("This position is not open for applications.")]})
    if message is not None and not isinstance(message, str):
        raise ValidationFailed({"message": [_("Must be text.")]})
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationFailed({"message": [_("At most %(n)d characters.", n=MAX_MESSAGE)]})
    credentials = own_credentials(candidate, credential_ids if credential_ids is not None else [])
    if db.session.scalar(sa.select(Application.id).where(Application.position_id == position.id,
                                                         Application.candidate_id == candidate.id)):
        raise Conflict(already_applied_message())
    application = Application(position=position, candidate=candidate, message=message,
                              credentials=credentials, profile_snapshot=snapshot_of(candidate, credentials),
                              status=S.SUBMITTED)
    application.events.append(ApplicationEvent(actor=candidate, from_status=None, to_status=S.SUBMITTED))
    try:
        with db.session.begin_nested():  # a double click or a second tab races this insert
            db.session.add(application)
    except sa.exc.IntegrityError:
        raise Conflict(already_applied_message()) from None
    for employer in recruiters_of(position.organization_id):
        queue_mail(employer, "new_application", application=application, position=position)
    queue_mail(candidate, "application_received", application=application, position=position)
    return application


def withdraw(application: Application, candidate: User) -> None:
    """The candidate withdraws an application that is still in progress."""
    if application.candidate_id != candidate.id:
        raise DomainError(_("This is not your application."))
    if application.status.is_final:
        raise Conflict(_("This application is already closed."))
    _record(application, candidate, S.WITHDRAWN, None, None)
    application.status = S.WITHDRAWN
    db.session.flush()
    cancel_upcoming(application)
    for employer in recruiters_of(application.position.organization_id):
        queue_mail(employer, "application_withdrawn", application=application, position=application.position)


def undo_withdrawal(application: Application, candidate: User, today: date) -> None:
    """Take back a withdrawal while the position is still open: the application returns to where it was."""
    if application.candidate_id != candidate.id:
        raise DomainError(_("This is not your application."))
    if application.status is not S.WITHDRAWN:
        raise Conflict(_("This application is not withdrawn."))
    if not application.position.is_open(today):
        raise Conflict(_("The position is no longer open: the withdrawal cannot be taken back."))
    previous = next((e.from_status for e in reversed(application.events) if e.to_status is S.WITHDRAWN),
                    None) or S.SUBMITTED
    _record(application, candidate, previous, None, None)
    application.status = previous
    db.session.flush()
    for employer in recruiters_of(application.position.organization_id):
        queue_mail(employer, "application_reinstated", application=application, position=application.position)


def change_status(application: Application, actor: User, status: str | None, reason: str | None,
                  note: str | None, expected_version: int | None, today: date,
                  reason_shared: bool = True) -> ApplicationEvent:
    """Move an application along the pipeline (or only add a note), refusing stale versions; a rejection's
    reason is told to the candidate unless `reason_shared` is false."""
    if expected_version is not None and expected_version != application.version:
        raise Conflict(_("Someone else changed this application meanwhile. Reload it to see their change."))
    errors: dict[str, list[str]] = {}
    target = application.status
    if status not in (None, ""):
        try:
            target = ApplicationStatus(status)
        except ValueError:
            errors["status"] = [_("Unknown status.")]
    rejection = None
    if reason not in (None, ""):
        try:
            rejection = RejectionReason(reason)
        except ValueError:
            errors["reason"] = [_("Unknown reason.")]
    if note is not None and not isinstance(note, str):
        errors["note"] = [_("Must be text.")]
        note = None
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        errors["note"] = [_("At most %(n)d characters.", n=MAX_NOTE)]
    if errors:
        raise ValidationFailed(errors)
    if target is application.status:
        if note is None:
            raise ValidationFailed({"status": [_("Choose a new status or write a note.")]})
        return _record(application, actor, target, None, note, from_status=application.status)
    if target not in TRANSITIONS[application.status]:
        raise ValidationFailed({"status": [_("An application cannot go from “%(a)s” to “%(b)s”.",
                                             a=status_label(application.status), b=status_label(target))]})
    if rejection in SYSTEM_REASONS:
        raise ValidationFailed({"reason": [_("This reason is given by pairjobs itself (the position closed, "
                                             "no answer in time): choose another.")]})
    if target is S.REJECTED and rejection is None:
        raise ValidationFailed({"reason": [_("Choose the reason for the rejection.")]})
    if target is not S.REJECTED and rejection is not None:
        raise ValidationFailed({"reason": [_("A reason is only given with a rejection.")]})
    event = _record(application, actor, target, rejection, note, from_status=application.status)
    audit.record(actor, audit.Action.APPLICATION_STATUS_CHANGED, f"application:{application.id}",
                 application.candidate_id,
                 from_status=application.status.value, to_status=target.value)
    application.status = target
    application.rejection_reason = rejection
    application.reason_shared = reason_shared if rejection is not None else True
    if target is S.HIRED:
        contracts.create_from_hire(application, today)
        _close_when_filled(application.position, actor)
    db.session.flush()
    if target.is_final:
        cancel_upcoming(application)
    queue_mail(application.candidate, "status_changed", application=application, event=event)
    return event


def _close_when_filled(position: Position, actor: User) -> None:
    hires = db.session.execute(sa.select(sa.func.count()).select_from(Application).where(
        Application.position_id == position.id, Application.status == S.HIRED)).scalar_one()
    if position.status is not PositionStatus.CLOSED and hires >= position.openings:
        close_position(position, actor, "filled")


def _record(application, actor, to_status, reason, note, from_status=None) -> ApplicationEvent:
    event = ApplicationEvent(actor=actor, from_status=from_status or application.status, to_status=to_status,
                             reason=reason, note=note)
    application.events.append(event)
    return event


def status_label(status: ApplicationStatus) -> str:
    """The status in the reader's language."""
    return str(ApplicationStatus(status).label)

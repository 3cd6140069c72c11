"""Interviews over the API: a recruiter proposes, changes or cancels; the candidate accepts or declines."""

from __future__ import annotations

from typing import Any

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import created, operation
from pairjobs.domain import interviews
from pairjobs.domain.interviews import InterviewInput
from pairjobs.models import Application, Interview, Role
from pairjobs.models.base import utcnow
from pairjobs.schemas.interviews import InterviewListSchema, InterviewSchema
from pairjobs.web.access import visible_application_or_404, visible_interview_or_404


def _application(application_id: int) -> Application:
    return visible_application_or_404(application_id, api_user())


def _interview(interview_id: int) -> Interview:
    return visible_interview_or_404(interview_id, api_user())


@bp.post("/applications/<int:application_id>/interviews")
@operation("Interviews", roles=(Role.EMPLOYER,), returns=InterviewSchema, status=201, body=InterviewSchema,
           lookup=_application, writes=True)
def propose_interview(application: Application, body: dict[str, Any]) -> Any:
    """Propose an interview (starts_at with its offset; location, video_url or both) → 201; the candidate
    receives a calendar invitation. 409 when the application is closed."""
    interview = interviews.propose(application, api_user(), InterviewInput(**body), utcnow())
    return created(interview, "api.get_interview", interview_id=interview.id)


@bp.get("/applications/<int:application_id>/interviews")
@operation("Interviews", roles=(Role.CANDIDATE, Role.EMPLOYER), returns=InterviewListSchema)
def list_interviews(application_id: int) -> Any:
    """An application's interviews, soonest first, for its candidate and its organization."""
    return {"items": _application(application_id).interviews}


@bp.get("/interviews/<int:interview_id>")
@operation("Interviews", roles=(Role.CANDIDATE, Role.EMPLOYER), returns=InterviewSchema)
def get_interview(interview_id: int) -> Any:
    """One interview."""
    return _interview(interview_id)


@bp.patch("/interviews/<int:interview_id>")
@operation("Interviews", roles=(Role.EMPLOYER,), returns=InterviewSchema, body=InterviewSchema(partial=True),
           lookup=_interview, writes=True)
def change_interview(interview: Interview, changes: dict[str, Any]) -> Any:
    """Change the time, length, place or note; the candidate receives the updated invitation (same UID,
    higher SEQUENCE) and is asked again when the time or place changed."""
    return interviews.change(interview, changes, utcnow())


@bp.post("/interviews/<int:interview_id>/cancel")
@operation("Interviews", roles=(Role.EMPLOYER,), returns=InterviewSchema, lookup=_interview, writes=True)
def cancel_interview(interview: Interview) -> Any:
    """Cancel an interview to come; the candidate receives the cancellation (METHOD:CANCEL)."""
    return interviews.cancel(interview, utcnow())


@bp.post("/interviews/<int:interview_id>/accept")
@operation("Interviews", roles=(Role.CANDIDATE,), returns=InterviewSchema, lookup=_interview, writes=True)
def accept_interview(interview: Interview) -> Any:
    """The candidate accepts; the recruiters are told."""
    return interviews.answer(interview, api_user(), True, utcnow())


@bp.post("/interviews/<int:interview_id>/decline")
@operation("Interviews", roles=(Role.CANDIDATE,), returns=InterviewSchema, lookup=_interview, writes=True)
def decline_interview(interview: Interview) -> Any:
    """The candidate declines; the recruiters are told."""
    return interviews.answer(interview, api_user(), False, utcnow())

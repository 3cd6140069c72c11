"""Applications: what a candidate sends to apply, what an employer sends to move one, and what both read."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, fields, post_dump

from pairjobs.domain.candidate_file import employer_view
from pairjobs.domain.follow_up import days_without_answer
from pairjobs.models import ApplicationStatus, RejectionReason
from pairjobs.models.base import utcnow
from pairjobs.schemas.common import PageSchema, PagingArgs
from pairjobs.schemas.credentials import CredentialSchema
from pairjobs.schemas.fields import Choice, Text, WholeNumber, YesNo, computed

MAX_MESSAGE = 4000


class ApplicationPositionSchema(Schema):
    """The position applied to."""

    id = fields.Integer()
    title = fields.String()
    organization = computed(fields.String(), lambda p: p.organization.name)


class EventSchema(Schema):
    """One step of an application's history; the note and actor are for the organization only."""

    at = fields.DateTime()
    from_ = fields.Enum(ApplicationStatus, by_value=True, allow_none=True, data_key="from",
                        attribute="from_status")
    to = fields.Enum(ApplicationStatus, by_value=True, attribute="to_status")
    reason = fields.Enum(RejectionReason, by_value=True, allow_none=True)
    note = fields.String(allow_none=True)
    actor = computed(fields.String(allow_none=True), lambda e: e.actor.name if e.actor else None)


class CandidateContactSchema(Schema):
    """The candidate's file as sent with the application (pairjobs.domain.candidate_file); the contact
    and the lived experience are null once the candidate has left the recruitment."""

    id = fields.Integer()
    name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={"description": "only when the candidate shares it"})
    availability = fields.String(allow_none=True)
    departments = fields.List(fields.String())
    presentation = fields.String(allow_none=True)
    lived_experience = fields.String(allow_none=True, metadata={"description": "only when shared"})
    left = fields.Boolean(metadata={"description": "the candidate is no longer in this recruitment"})


class ApplicationSchema(Schema):
    """An application; its candidate sees it without the contact and the notes (for_employer=False)."""

    id = fields.Integer()
    position = fields.Nested(ApplicationPositionSchema)
    status = fields.Enum(ApplicationStatus, by_value=True)
    rejection_reason = fields.Enum(RejectionReason, by_value=True, allow_none=True,
                                   metadata={"description": "for the candidate, only when shared with them"})
    reason_shared = fields.Boolean(metadata={"description": "employers only"})
    days_without_answer = computed(
        fields.Integer(allow_none=True, metadata={"description": "in progress with no change of status for "
                                                                "at least APPLICATION_REMINDER_DAYS"}),
        lambda a: days_without_answer(a, utcnow(), current_app.config["APPLICATION_REMINDER_DAYS"]))
    message = fields.String(allow_none=True)
    credentials = fields.List(fields.Nested(CredentialSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    version = fields.Integer()
    history = fields.List(fields.Nested(EventSchema), attribute="events")
    candidate = fields.Nested(CandidateContactSchema, metadata={"description": "employers only"})

    def __init__(self, *args: Any, for_employer: bool = True, **kwargs: Any):
        if not for_employer:
            kwargs["exclude"] = ("candidate", "history.note", "history.actor", "reason_shared")
        super().__init__(*args, **kwargs)
        self.for_employer = for_employer
        self._views: dict[int, dict[str, Any]] = {}

    def get_attribute(self, obj: Any, attr: str, default: Any) -> Any:
        if self.for_employer and attr in ("candidate", "message", "credentials"):
            # What was sent, as the employer may read it now (snapshot, narrowed once the candidate left).
            shown = self._views.get(id(obj))
            if shown is None:
                shown = self._views[id(obj)] = employer_view(obj)
            return shown if attr == "candidate" else shown[attr]
        value = super().get_attribute(obj, attr, default)
        if attr == "events" and not self.for_employer:
            return [e for e in value if e.from_status != e.to_status]  # notes stay in the organization
        return value

    @post_dump(pass_original=True)
    def _reason_kept(self, data: dict[str, Any], application: Any, **_kwargs: Any) -> dict[str, Any]:
        """A reason the recruiter chose not to share stays in the organization."""
        if not self.for_employer and not application.reason_shared:
            data["rejection_reason"] = None
            for step in data.get("history", []):
                step["reason"] = None
        return data


class ApplicationListSchema(PageSchema):
    """A page of applications."""

    items = fields.List(fields.Nested(ApplicationSchema), required=True)


class ApplySchema(Schema):
    """An application: an optional message and the credentials to show."""

    message = Text(MAX_MESSAGE, multiline=True)
    credential_ids = fields.List(WholeNumber(1, 2**31 - 1), load_default=list)


class StatusChangeSchema(Schema):
    """A move in the pipeline, with a reason when rejecting, or an internal note."""

    status = Choice(ApplicationStatus)
    reason = Choice(RejectionReason)
    reason_shared = YesNo(load_default=True,
                          metadata={"description": "whether the candidate is told the reason (default yes)"})
    note = Text(2000, multiline=True)
    version = WholeNumber(1, 2**31 - 1)


class ApplicationFilterArgs(PagingArgs):
    """Filters of the application list, and its page."""

    status = Choice(ApplicationStatus)
    position_id = WholeNumber(1, 2**31 - 1)

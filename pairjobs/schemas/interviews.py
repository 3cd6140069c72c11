"""Interviews: what a recruiter sends to propose or change one, and what both sides read."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import gettext as _
from marshmallow import Schema, ValidationError, fields, validates

from pairjobs.infra.clock import PARIS
from pairjobs.models import InterviewStatus
from pairjobs.schemas.base import ResourceSchema
from pairjobs.schemas.fields import Moment, Text, WholeNumber

MIN_MINUTES, MAX_MINUTES = 15, 480
MAX_NOTE = 2000


class InterviewSchema(ResourceSchema):
    """An interview: read by the candidate and the organization, written by the organization in the shape
    it is read (the fields only pairjobs writes are ignored on input)."""

    id = fields.Integer(dump_only=True)
    application_id = fields.Integer(dump_only=True)
    status = fields.Enum(InterviewStatus, by_value=True, dump_only=True)
    starts_at = Moment(required=True, metadata={"description": "ISO 8601 with its offset"})
    ends_at = fields.DateTime(dump_only=True)
    duration_minutes = WholeNumber(MIN_MINUTES, MAX_MINUTES, required=True)
    location = Text(300, metadata={"description": "the place; or video_url, or both"})
    video_url = Text(500, metadata={"description": "https link of the video call"})
    note = Text(MAX_NOTE, multiline=True)
    sequence = fields.Integer(dump_only=True, metadata={"description": "of the calendar invitation"})
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    @validates("video_url")
    def _https(self, value: str | None, **_kwargs: object) -> None:
        if value and (not value.lower().startswith("https://") or not urlsplit(value).hostname):
            raise ValidationError(_("A video call link starts with https:// and names its site."))


class InterviewFormSchema(InterviewSchema):
    """The application page's form: its datetime-local time is read in France's time."""

    starts_at = Moment(local_zone=PARIS, required=True)


class InterviewListSchema(Schema):
    """An application's interviews, soonest first."""

    items = fields.List(fields.Nested(InterviewSchema), required=True)

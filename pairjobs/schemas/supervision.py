"""Supervision sessions held: the shape the API returns and accepts, and the delivered frequency."""

from __future__ import annotations

from marshmallow import Schema, fields

from pairjobs.models import ProviderKind, SupervisionKind
from pairjobs.models.supervision import MAX_SESSION_MINUTES
from pairjobs.schemas.base import ResourceSchema
from pairjobs.schemas.common import PageSchema
from pairjobs.schemas.fields import Choice, Day, WholeNumber, YesNo


class SessionSchema(ResourceSchema):
    """One session held; `contested_at` is set when the peer worker says it was not held."""

    id = fields.Integer(dump_only=True)
    contract_id = fields.Integer(dump_only=True)
    held_on = Day(required=True)
    kind = Choice(SupervisionKind, required=True)
    minutes = WholeNumber(1, MAX_SESSION_MINUTES, required=True)
    paid_time = YesNo(required=True)
    provider_kind = Choice(ProviderKind, required=True)
    source = fields.String(dump_only=True, metadata={"enum": ["page", "csv", "api"]})
    created_at = fields.DateTime(dump_only=True)
    contested_at = fields.DateTime(dump_only=True, allow_none=True)
    contest_note = fields.String(dump_only=True, allow_none=True)


class DeliverySchema(Schema):
    """Sessions held over the last months, against those the position promised over the same days."""

    months = fields.Integer(required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    held = fields.Integer(required=True, metadata={"description": "Not contested, within paid time when "
                                                                   "paid time was promised"})
    contested = fields.Integer(required=True)
    counted_from = fields.Date(required=True, metadata={
        "description": "Sessions count from this day: the window's start less the grace days"})
    due = fields.Integer(allow_none=True, metadata={"description": "null when no frequency was promised"})
    kept = fields.Boolean(allow_none=True)


class SessionListSchema(PageSchema):
    """A page of a contract's sessions, the latest first, and the supervision delivered over 3 and 6
    months."""

    items = fields.List(fields.Nested(SessionSchema), required=True)
    delivered = fields.List(fields.Nested(DeliverySchema), required=True)

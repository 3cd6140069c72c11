"""Small shapes several resources share: flags, organization references, lists, errors."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import Schema, fields

from pairjobs.models import FundingKind, OrganizationKind, Sector, SupervisionFrequency, SupervisionKind
from pairjobs.schemas.base import ResourceSchema
from pairjobs.schemas.fields import Choice, Day, WholeNumber, YesNo


class FlagSchema(Schema):
    """A precarity flag: its code, severity, label and legal basis."""

    code = fields.String(required=True)
    severity = fields.String(required=True, metadata={"enum": ["info", "warning", "critical"]})
    label = fields.String(required=True)
    basis = fields.String(allow_none=True)


class FundingSchema(ResourceSchema):
    """How a post is funded."""

    kind = Choice(FundingKind, required=True, attribute="funding_kind")
    ends_on = Day(attribute="funding_ends_on")


class SupervisionSchema(ResourceSchema):
    """Professional supervision: how often, by whom, within paid time."""

    frequency = Choice(SupervisionFrequency, required=True, attribute="supervision_frequency")
    kind = Choice(SupervisionKind, attribute="supervision_kind")
    paid_time = YesNo(attribute="supervision_paid_time")


class OrganizationRefSchema(ResourceSchema):
    """An organization as named from another resource; on input only its id is read."""

    id = WholeNumber(1, 2**31 - 1, required=True)
    name = fields.String(dump_only=True)
    kind = fields.Enum(OrganizationKind, by_value=True, dump_only=True)
    sector = fields.Enum(Sector, by_value=True, dump_only=True)
    finess = fields.String(dump_only=True)


class PageSchema(Schema):
    """The paging of a list."""

    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class PagingArgs(Schema):
    """page and per_page of a list."""

    page = WholeNumber(1, 999_999_999,
                       range_message=lambda: _("Must be a whole number of at least 1."), load_default=1)
    per_page = WholeNumber(1, 100, load_default=20)


class ErrorBodySchema(Schema):
    """What went wrong: a stable code, a message, and messages by field path."""

    code = fields.String(required=True)
    message = fields.String(required=True)
    accepted_dates = fields.List(fields.Date())
    fields_ = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), data_key="fields")


class ErrorSchema(Schema):
    """The API's one error shape."""

    error = fields.Nested(ErrorBodySchema, required=True)

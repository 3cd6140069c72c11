"""A position: the one shape its API returns and accepts, and its HTML form loads."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import Schema, ValidationError, fields, validate

from pairjobs.domain.geo import geography
from pairjobs.domain.position_input import MAX_DURATION_MONTHS, MAX_OPENINGS
from pairjobs.domain.positions import flags_of
from pairjobs.infra.links import public_url
from pairjobs.models import (
    CloseOutcome,
    ContractType,
    CredentialExpectation,
    LegalBasis,
    OrganizationKind,
    PositionStatus,
    Setting,
    SupervisionFrequency,
)
from pairjobs.schemas.base import Group, Object, ResourceSchema
from pairjobs.schemas.common import (
    FlagSchema,
    FundingSchema,
    OrganizationRefSchema,
    PageSchema,
    SupervisionSchema,
)
from pairjobs.schemas.fields import Choice, Day, Decimal, Text, Weekdays, WholeNumber, YesNo, computed


class CommuneField(fields.Field):
    """A commune: returned as {"code", "name"}; read from that object, an INSEE code or a name."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> dict[str, Any]:
        commune = geography().commune(value)
        return {"code": value, "name": commune.name if commune else None}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str | None:
        if isinstance(value, dict):
            value = value.get("code")
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str) or len(value) > 100:
            raise ValidationError(_("Must be text."))
        return value.strip()


class PositionSupervisionSchema(SupervisionSchema):
    """The supervision a position commits to, and who the peer worker's referent is."""

    referent_role = Text(120, attribute="referent_role")


def _salary() -> WholeNumber:
    return WholeNumber(0, 20000, negative_message=lambda: _("A salary cannot be negative."),
                       metadata={"description": "Monthly gross, in euros"})


class PositionSchema(ResourceSchema):
    """A position with its commitments; `flags` are the posting's precarity flags."""

    id = fields.Integer(dump_only=True)
    title = Text(200, required=True)
    description = Text(20000, multiline=True, required=True)
    organization = Object(OrganizationRefSchema)
    setting = Choice(Setting, required=True)
    department = Text(3, attribute="department_code")
    commune = CommuneField(attribute="commune_code", allow_none=True)
    contract_type = Choice(ContractType, required=True)
    legal_basis = Choice(LegalBasis)
    duration_months = WholeNumber(1, MAX_DURATION_MONTHS)
    renewable = YesNo()
    cdi_prospect = YesNo()
    fte_percent = WholeNumber(10, 100, required=True)
    weekly_hours = Decimal(1, 48)
    salary_min = _salary()
    salary_max = _salary()
    pay_grid = Text(200)
    funding = Group(FundingSchema, required=True)
    opening_days = Weekdays()
    start_date = Day()
    deadline = Day()
    openings = WholeNumber(1, MAX_OPENINGS)
    supervision = Group(PositionSupervisionSchema, required=True)
    peer_team_size = WholeNumber(0, 100)
    training_funded = YesNo()
    tutoring = YesNo()
    credential_expectation = Choice(CredentialExpectation, required=True)
    status = fields.Enum(PositionStatus, by_value=True, dump_only=True)
    outcome = fields.Enum(CloseOutcome, by_value=True, dump_only=True, allow_none=True)
    published_at = fields.DateTime(dump_only=True, allow_none=True)
    version = WholeNumber(1, 2**31 - 1)
    flags = computed(fields.List(fields.Nested(FlagSchema)), lambda p: [f.as_dict() for f in flags_of(p)])
    url = computed(fields.Url(), lambda p: public_url("jobs.detail", position_id=p.id))


class PositionListSchema(PageSchema):
    """A page of positions."""

    items = fields.List(fields.Nested(PositionSchema), required=True)
    suggestion = fields.String(allow_none=True, metadata={
        "description": "When nothing matches `q`: other words from the positions' texts that find something "
                       "(\"psichiatrie\" → \"psychiatrie\"), else null"})


class CloseSchema(Schema):
    """How a position ends."""

    outcome = Choice(CloseOutcome, required=True)


class SearchArgs(Schema):
    """The search parameters of /jobs, /api/v1/positions and the feed, as the API declares them; the
    search reads them with pairjobs.domain.search.parse_search, which the saved-search alerts share."""

    q = fields.String(metadata={"description": "Words of the title, description, organization or commune "
                                               "(the first 200 characters are read)"})
    department = Text(3, metadata={"description": "INSEE department code"})
    contract_type = fields.List(Choice(ContractType))
    stable_only = YesNo(metadata={"description": "Open-ended contracts on a permanent budget only"})
    min_fte = WholeNumber(10, 100)
    supervision = Choice(SupervisionFrequency, metadata={"description": "At least this often"})
    setting = Choice(Setting)
    org_kind = Choice(OrganizationKind)
    near = Text(100, metadata={"description": "INSEE code of a commune (or its name when only one bears it): "
                                              "positions within radius_km of its centre"})
    radius_km = WholeNumber(0, 300, metadata={"description": "Distance from `near`, in km (default 30)"})
    min_salary = WholeNumber(0, 20_000, metadata={"description": "Monthly gross pay at least (the top of the "
                                                                 "position's range), in euros"})
    published_since = WholeNumber(0, 3650, metadata={"description": "Published in the last N days"})
    sort = fields.String(validate=validate.OneOf(["newest", "deadline"]))
    page = WholeNumber(1, 10_000)
    per_page = WholeNumber(1, 100)

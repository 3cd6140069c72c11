"""An organization: the shape its API returns and accepts, and the administrators' form loads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import fields

from pairjobs.domain.organizations import OrganizationDraft
from pairjobs.models import OrganizationKind, Sector
from pairjobs.schemas.base import ResourceSchema
from pairjobs.schemas.fields import Choice, Text, Weekdays

DRAFT_NAMES = {"department_code": "department", "commune_code": "commune"}


class OrganizationSchema(ResourceSchema):
    """An employer: identifiers, place, and what the contract rules read (legal entity, IDCC, days)."""

    id = fields.Integer(dump_only=True)
    name = Text(200, required=True)
    kind = Choice(OrganizationKind, required=True)
    sector = Choice(Sector, required=True)
    finess = Text(20, required=True)
    siret = Text(20)
    department = Text(3, required=True, attribute="department_code")
    commune = Text(100, required=True, attribute="commune_code")
    legal_entity_finess = Text(20)
    idcc = Text(8)
    opening_days = Weekdays(allow_empty=False, lists_only=True)
    # Set on the administrators' page; shown here, ignored on input.
    two_factor_required = fields.Boolean(dump_only=True)


class CreatedOrganizationSchema(OrganizationSchema):
    """A new organization, with what deserves a second look."""

    warnings = fields.List(fields.String(), dump_only=True)


class OrganizationListSchema(ResourceSchema):
    """Every organization."""

    items = fields.List(fields.Nested(OrganizationSchema), required=True)


def draft_from(values: Mapping[str, Any]) -> OrganizationDraft:
    """An organization's loaded values as the domain's draft (which checks identifiers and places)."""
    return OrganizationDraft(**draft_names(values))



def draft_names(values: Mapping[str, Any]) -> dict[str, Any]:
    """Loaded values by the names of the domain's draft (a partial change, as PATCH sends)."""
    return {DRAFT_NAMES.get(k, k): v for k, v in values.items()}

"""A contract: the shape its API returns, and accepts to correct its terms or renew it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, fields

from pairjobs.domain.contracts import TERM_FIELDS
from pairjobs.models import (
    Category,
    CddReason,
    ContractState,
    ContractType,
    EndReason,
    LegalBasis,
    RenewalDecision,
    Sector,
    SupervisionFrequency,
    SupervisionKind,
)
from pairjobs.schemas.base import Group, ResourceSchema, load
from pairjobs.schemas.common import FlagSchema, FundingSchema, PageSchema, SupervisionSchema
from pairjobs.schemas.fields import Choice, Day, Decimal, Text, WholeNumber, YesNo


class PromisedSupervisionSchema(Schema):
    """The supervision the position promised (read only)."""

    frequency = fields.Enum(SupervisionFrequency, by_value=True, allow_none=True,
                            attribute="promised_supervision_frequency")
    paid_time = fields.Boolean(allow_none=True, attribute="promised_supervision_paid_time")
    kind = fields.Enum(SupervisionKind, by_value=True, allow_none=True, attribute="promised_supervision_kind")


class PromisedGroup(Group):
    """The promised supervision, read from the contract itself."""


class ContractSchema(ResourceSchema):
    """A contract and its person-level flags; the person appears by pseudonymous key only."""

    id = fields.Integer(dump_only=True)
    organization_id = fields.Integer(dump_only=True)
    person_key = fields.String(dump_only=True)
    position_id = fields.Integer(dump_only=True, allow_none=True)
    previous_id = fields.Integer(dump_only=True, allow_none=True)
    contract_type = Choice(ContractType, required=True)
    sector = fields.Enum(Sector, by_value=True, dump_only=True)
    legal_basis = Choice(LegalBasis)
    category = Choice(Category)
    cdd_reason = Choice(CddReason)
    extended_duration = YesNo()
    part_time_at_employee_request = YesNo()
    post_ref = Text(40)
    start_date = Day(required=True)
    end_date = Day()
    fte_percent = WholeNumber(10, 100, required=True)
    weekly_hours = Decimal(1, 48, required=True)
    monthly_gross = WholeNumber(0, 20000)
    funding = Group(FundingSchema, required=True)
    supervision = Group(SupervisionSchema, required=True)
    promised_supervision = PromisedGroup(PromisedSupervisionSchema, dump_only=True)
    peer_team_size = WholeNumber(0, 100)
    state = fields.Enum(ContractState, by_value=True, dump_only=True)
    end_reason = fields.Enum(EndReason, by_value=True, dump_only=True, allow_none=True)
    renewal_decision = fields.Enum(RenewalDecision, by_value=True, dump_only=True, allow_none=True)
    version = WholeNumber(1, 2**31 - 1)
    flags = fields.List(fields.Nested(FlagSchema), dump_only=True)


class ContractListSchema(PageSchema):
    """A page of contracts."""

    items = fields.List(fields.Nested(ContractSchema), required=True)


class RenewSchema(ContractSchema):
    """A renewal: a duration or an end date, and any term that changes (the contract's shape)."""

    duration_months = WholeNumber(1, 72)


class ConvertSchema(ContractSchema):
    """A conversion to a permanent contract from a date, with any term that changes."""


class EndSchema(Schema):
    """The end of a contract: its reason, and its last day when earlier than planned."""

    reason = Choice(EndReason, required=True)
    end_date = Day()
    version = WholeNumber(1, 2**31 - 1)


class DecisionSchema(Schema):
    """The decision about a fixed term's end."""

    decision = Choice(RenewalDecision, required=True)
    version = WholeNumber(1, 2**31 - 1)


def terms_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A contract's typed terms from a row of flat columns (the survey), or ValidationFailed by column."""
    return load(ContractSchema(), {k: v for k, v in row.items() if k in TERM_FIELDS})

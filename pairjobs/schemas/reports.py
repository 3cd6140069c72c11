"""The ARS summary's shape: people, contracts, flags, flows and positions of one scope and date."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from pairjobs.models import OrganizationKind, Sector
from pairjobs.schemas.fields import Choice, Day, Text, WholeNumber

SHARES = ("precarious_people_share", "cdd_people_share", "precarious_share",
          "supervised_monthly_people_share",
          "supervised_professional_people_share", "supervised_monthly_share", "supervised_paid_share",
          "supervision_kept_share",
          "lone_peer_share", "retention_12m_share", "recruited_verified_credential_share")
MEASURES = ("median_fte", "median_tenure_months", "median_months_to_cdi", "median_days_to_fill",
            "applications_per_position")
COUNTS = ("active_people", "active_contracts", "precarious_people", "precarious_contracts",
          "supervised_monthly_people", "supervision_judged_people", "supervision_kept_people",
          "flagged_contracts", "legal_flagged_contracts",
          "practice_flagged_contracts",
          "entries_12m", "returns_12m", "exits_12m", "conversions_to_cdi_12m", "retention_cohort_people",
          "open_positions", "positions_published", "positions_filled", "positions_unfilled",
          "recruited_applications")
REQUIRED = {"active_people", "active_contracts", "precarious_people_share", "precarious_share",
            "supervised_monthly_people_share", "flagged_contracts", "entries_12m", "exits_12m",
            "conversions_to_cdi_12m", "retention_12m_share", "open_positions"}


class ScopeSchema(Schema):
    """Which employers the figures cover."""

    department = fields.String(allow_none=True)
    sector = fields.Enum(Sector, by_value=True, allow_none=True)
    org_kind = fields.Enum(OrganizationKind, by_value=True, allow_none=True)


class SnapshotRefSchema(Schema):
    """The snapshot the figures were read from."""

    date = fields.Date(required=True)
    revision = fields.Integer(required=True, validate=validate.Range(min=1))
    taken_at = fields.String(required=True)
    reason = fields.String(allow_none=True)


class ReferenceSchema(Schema):
    """A published figure to compare with, of the same measure and scope."""

    key = fields.String()
    indicator = fields.String()
    value = fields.Float()
    source = fields.String()
    year = fields.Integer()
    measure = fields.String()
    scope = fields.Dict()
    computed = fields.Float(allow_none=True)


class SeveritySchema(Schema):
    """Flagged contracts by severity."""

    critical = fields.Integer(validate=validate.Range(min=0))
    warning = fields.Integer(validate=validate.Range(min=0))
    info = fields.Integer(validate=validate.Range(min=0))


def _counts() -> fields.Dict:
    return fields.Dict(keys=fields.String(),
                       values=fields.Integer(validate=validate.Range(min=0)), required=True)


SummarySchema = Schema.from_dict({
    "as_of": fields.Date(required=True),
    "scope": fields.Nested(ScopeSchema, required=True),
    "snapshot": fields.Nested(SnapshotRefSchema, allow_none=True, required=True,
                              metadata={"description": "The snapshot read; null for today's live figures"}),
    "computed_at": fields.DateTime(allow_none=True, required=True, metadata={
        "description": "Today's figures: when they were computed, if computed ahead (`flask today-figures`); "
                       "null when computed for the request or read from a snapshot"}),
    **{k: fields.Float(allow_none=True, required=k in REQUIRED,
                       validate=validate.Range(0, 1)) for k in SHARES},
    **{k: fields.Float(allow_none=True) for k in MEASURES},
    "active_fte": fields.Float(required=True, validate=validate.Range(min=0)),
    **{k: fields.Integer(required=k in REQUIRED, validate=validate.Range(min=0)) for k in COUNTS},
    "flagged_contracts_by_severity": fields.Nested(SeveritySchema, required=True),
    **{k: _counts() for k in ("flags", "flags_legal", "flags_practice", "exits_by_reason")},
    "references": fields.List(fields.Nested(ReferenceSchema), required=True),
}, name="Summary")


class SummaryArgs(Schema):
    """Which figures: a date (today, or a recorded snapshot), a scope, a revision."""

    as_of = Day()
    department = Text(3)
    sector = Choice(Sector)
    org_kind = Choice(OrganizationKind)
    revision = WholeNumber(1, 10_000)

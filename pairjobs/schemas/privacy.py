"""A candidate's export of their data (the right of access): the shapes the API returns, and the
account and contracts as they hold them; employers' internal notes are never in it."""

from __future__ import annotations

from marshmallow import Schema, fields

from pairjobs.extensions import db
from pairjobs.models import ContractState, ContractType, PoolMembership, Role
from pairjobs.schemas.applications import ApplicationSchema
from pairjobs.schemas.credentials import CredentialSchema
from pairjobs.schemas.fields import computed
from pairjobs.schemas.interviews import InterviewSchema


class AccountExportSchema(Schema):
    """The account."""

    email = fields.String()
    name = fields.String()
    role = fields.Enum(Role, by_value=True)
    locale = fields.String(allow_none=True)
    created_at = fields.DateTime()
    last_login_at = fields.DateTime(allow_none=True)
    terms_accepted_at = fields.DateTime(allow_none=True)


class ProfileExportSchema(Schema):
    """The profile, including what is not shared with employers."""

    phone = fields.String(allow_none=True)
    departments_sought = fields.List(fields.String(), attribute="department_codes")
    availability = fields.String(allow_none=True)
    presentation = fields.String(allow_none=True)
    lived_experience = fields.String(allow_none=True)
    lived_experience_consent_at = fields.DateTime(allow_none=True)
    share_lived_experience = fields.Boolean()
    share_phone = fields.Boolean()


class ContractExportSchema(Schema):
    """A contract the candidate holds or held."""

    id = fields.Integer()
    organization = computed(fields.String(), lambda c: c.organization.name)
    contract_type = fields.Enum(ContractType, by_value=True)
    start_date = fields.Date()
    end_date = fields.Date(allow_none=True)
    fte_percent = fields.Integer()
    state = fields.Enum(ContractState, by_value=True)


class PoolExportSchema(Schema):
    """The consent given to the talent pool."""

    departments = computed(fields.List(fields.String()), lambda m: m.department_codes)
    consented_at = fields.DateTime()
    expires_at = fields.DateTime()


class CandidateExportSchema(Schema):
    """Everything pairjobs holds about the candidate."""

    exported_at = fields.DateTime()
    account = fields.Nested(AccountExportSchema)
    profile = computed(fields.Nested(ProfileExportSchema, allow_none=True), lambda r: r.account.profile)
    credentials = computed(fields.List(fields.Nested(CredentialSchema)), lambda r: r.account.credentials)
    applications = fields.List(fields.Nested(ApplicationSchema(for_employer=False)))
    contracts = fields.List(fields.Nested(ContractExportSchema))
    talent_pool = computed(fields.Nested(PoolExportSchema, allow_none=True),
                           lambda r: db.session.get(PoolMembership, r.account.id))
    interviews = computed(fields.List(fields.Nested(InterviewSchema)),
                          lambda r: [i for a in r.applications for i in a.interviews])

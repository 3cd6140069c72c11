"""Accounts over the API: a token, and who it belongs to."""

from __future__ import annotations

from marshmallow import Schema, fields

from pairjobs.models import Role


class TokenSchema(Schema):
    """A bearer token, shown once."""

    token = fields.String(required=True)
    expires_at = fields.DateTime(required=True)


class MeSchema(Schema):
    """The account that owns the token."""

    id = fields.Integer(required=True)
    email = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.Enum(Role, by_value=True, required=True)
    organization_id = fields.Integer(allow_none=True)
    approved = fields.Boolean(required=True, attribute="is_approved")

"""A credential (DU, DIU, licence…): the shape its API returns and accepts, and its form loads."""

from __future__ import annotations

from marshmallow import fields

from pairjobs.domain.candidates import FIRST_YEAR
from pairjobs.models import CredentialStatus, CredentialType, Verification
from pairjobs.schemas.base import ResourceSchema
from pairjobs.schemas.fields import Choice, Text, WholeNumber, computed


class CredentialSchema(ResourceSchema):
    """A credential and its verification by an administrator."""

    id = fields.Integer(dump_only=True)
    type = Choice(CredentialType, required=True)
    title = Text(200, required=True)
    institution = Text(200, required=True)
    institution_other = Text(200, load_only=True)
    start_year = WholeNumber(FIRST_YEAR, 2100)
    end_year = WholeNumber(FIRST_YEAR, 2100)
    status = Choice(CredentialStatus, required=True)
    hours = WholeNumber(1, 3000)
    reference = Text(120)
    has_document = computed(fields.Boolean(), lambda c: c.document_key is not None)
    document = fields.String(dump_only=True, allow_none=True, attribute="document_filename",
                             metadata={"description": "The certificate's file name, when one is uploaded"})
    verification = fields.Enum(Verification, by_value=True, dump_only=True)
    rejection_reason = fields.String(dump_only=True, allow_none=True)
    verified_at = fields.DateTime(dump_only=True, allow_none=True)


class CredentialListSchema(ResourceSchema):
    """A candidate's credentials."""

    items = fields.List(fields.Nested(CredentialSchema), required=True)

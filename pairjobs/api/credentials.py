"""A candidate's credentials over the API (certificates are uploaded from the site)."""

from __future__ import annotations

from typing import Any

from flask import abort, url_for

from pairjobs.api import bp
from pairjobs.api.auth import api_user, found_first, token_required
from pairjobs.domain import candidates
from pairjobs.models import Credential, Role
from pairjobs.schemas.credentials import CredentialListSchema, CredentialSchema
from pairjobs.web.transaction import api_change

PATHS = CredentialSchema.paths()
DOC = {"tags": ["Credentials"], "security": [{"bearer": []}]}


def _own(credential_id: int) -> Credential:
    credential = next((c for c in api_user().credentials if c.id == credential_id), None)
    if credential is None:
        abort(404)
    return credential


@bp.get("/me/credentials")
@token_required(Role.CANDIDATE)
@bp.response(200, CredentialListSchema)
@bp.doc(**DOC)
def my_credentials() -> Any:
    """The candidate's credentials."""
    return {"items": api_user().credentials}


@bp.get("/me/credentials/<int:credential_id>")
@token_required(Role.CANDIDATE)
@bp.response(200, CredentialSchema)
@bp.doc(**DOC)
def get_credential(credential_id: int) -> Any:
    """One of the candidate's credentials."""
    return _own(credential_id)


@bp.post("/me/credentials")
@token_required(Role.CANDIDATE)
@api_change(PATHS)
@bp.arguments(CredentialSchema)
@bp.response(201, CredentialSchema)
@bp.doc(**DOC)
def add_credential(values: dict[str, Any]) -> Any:
    """Declare a credential; the body is a credential as GET returns it."""
    credential = candidates.add_credential(api_user(), values)
    return credential, 201, {"Location": url_for("api.get_credential", credential_id=credential.id)}


@bp.patch("/me/credentials/<int:credential_id>")
@token_required(Role.CANDIDATE)
@api_change(PATHS)
@found_first(lambda credential_id: _own(credential_id))
@bp.arguments(CredentialSchema(partial=True))
@bp.response(200, CredentialSchema)
@bp.doc(**DOC)
def update_credential(changes: dict[str, Any], credential_id: int) -> Any:
    """Correct a credential (fields not sent keep their values); a checked one goes back for verification."""
    credential = _own(credential_id)
    candidates.update_credential(credential, changes)
    return credential

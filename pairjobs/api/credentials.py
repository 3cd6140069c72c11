"""A candidate's credentials over the API (certificates are uploaded from the site)."""

from __future__ import annotations

from typing import Any

from flask import abort

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import created, operation
from pairjobs.domain import candidates
from pairjobs.models import Credential, Role
from pairjobs.schemas.credentials import CredentialListSchema, CredentialSchema

PATHS = CredentialSchema.paths()


def _own(credential_id: int) -> Credential:
    credential = next((c for c in api_user().credentials if c.id == credential_id), None)
    if credential is None:
        abort(404)
    return credential


@bp.get("/me/credentials")
@operation("Credentials", roles=(Role.CANDIDATE,), returns=CredentialListSchema)
def my_credentials() -> Any:
    """The candidate's credentials."""
    return {"items": api_user().credentials}


@bp.get("/me/credentials/<int:credential_id>")
@operation("Credentials", roles=(Role.CANDIDATE,), returns=CredentialSchema)
def get_credential(credential_id: int) -> Any:
    """One of the candidate's credentials."""
    return _own(credential_id)


@bp.post("/me/credentials")
@operation("Credentials", roles=(Role.CANDIDATE,), returns=CredentialSchema, status=201,
           body=CredentialSchema, writes=True, paths=PATHS)
def add_credential(values: dict[str, Any]) -> Any:
    """Declare a credential; the body is a credential as GET returns it."""
    credential = candidates.add_credential(api_user(), values)
    return created(credential, "api.get_credential", credential_id=credential.id)


@bp.patch("/me/credentials/<int:credential_id>")
@operation("Credentials", roles=(Role.CANDIDATE,), returns=CredentialSchema,
           body=CredentialSchema(partial=True), lookup=_own, writes=True, paths=PATHS)
def update_credential(credential: Credential, changes: dict[str, Any]) -> Any:
    """Correct a credential (fields not sent keep their values); a checked one goes back for verification."""
    candidates.update_credential(credential, changes)
    return credential

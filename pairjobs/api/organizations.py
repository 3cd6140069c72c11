"""Organizations over the API: any signed-in account reads, administrators create and change."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import url_for

from pairjobs.api import bp
from pairjobs.api.auth import api_user, found_first, token_required
from pairjobs.domain.organizations import OrganizationDraft, create_organization, update_organization
from pairjobs.extensions import db
from pairjobs.models import Organization, Role
from pairjobs.schemas.accounts import MeSchema
from pairjobs.schemas.organizations import (
    CreatedOrganizationSchema,
    OrganizationListSchema,
    OrganizationSchema,
)
from pairjobs.web.transaction import api_change

PATHS = OrganizationSchema.paths()
DOC = {"tags": ["Organizations"], "security": [{"bearer": []}]}
DRAFT_NAMES = {"department_code": "department", "commune_code": "commune"}


def _draft_values(values: dict[str, Any]) -> dict[str, Any]:
    return {DRAFT_NAMES.get(k, k): v for k, v in values.items()}


@bp.get("/me")
@token_required()
@bp.response(200, MeSchema)
@bp.doc(tags=["Accounts"], security=[{"bearer": []}])
def me() -> Any:
    """The account that owns the token."""
    return api_user()


@bp.get("/organizations")
@token_required()
@bp.response(200, OrganizationListSchema)
@bp.doc(**DOC)
def list_organizations() -> Any:
    """Every organization, by name."""
    return {"items": db.session.scalars(sa.select(Organization)
                                        .order_by(Organization.name, Organization.id)).all()}


@bp.get("/organizations/<int:organization_id>")
@token_required()
@bp.response(200, OrganizationSchema)
@bp.doc(**DOC)
def get_organization(organization_id: int) -> Any:
    """One organization."""
    return db.get_or_404(Organization, organization_id)


@bp.post("/organizations")
@token_required(Role.ADMIN)
@api_change(PATHS)
@bp.arguments(OrganizationSchema)
@bp.response(201, CreatedOrganizationSchema)
@bp.doc(**DOC)
def create_organization_api(values: dict[str, Any]) -> Any:
    """Create an organization; the body is an organization as GET returns it (warnings come back too)."""
    created = create_organization(OrganizationDraft(**_draft_values(values)))
    created.organization.warnings = created.warnings  # type: ignore[attr-defined]
    return created.organization, 201, {
        "Location": url_for("api.get_organization", organization_id=created.organization.id)}


@bp.patch("/organizations/<int:organization_id>")
@token_required(Role.ADMIN)
@api_change(PATHS)
@found_first(lambda organization_id: db.get_or_404(Organization, organization_id))
@bp.arguments(OrganizationSchema(partial=True))
@bp.response(200, OrganizationSchema)
@bp.doc(**DOC)
def update_organization_api(changes: dict[str, Any], organization_id: int) -> Any:
    """Change some of an organization's fields; the others keep their values."""
    organization = db.get_or_404(Organization, organization_id)
    update_organization(organization, _draft_values(changes))
    return organization

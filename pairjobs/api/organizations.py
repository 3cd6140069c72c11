"""Organizations over the API: any signed-in account reads, administrators create and change."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import created, operation
from pairjobs.domain.organizations import create_organization, update_organization
from pairjobs.extensions import db
from pairjobs.models import Organization, Role
from pairjobs.schemas.accounts import MeSchema
from pairjobs.schemas.organizations import (
    CreatedOrganizationSchema,
    OrganizationListSchema,
    OrganizationSchema,
    draft_from,
    draft_names,
)

PATHS = OrganizationSchema.paths()


def _organization(organization_id: int) -> Organization:
    return db.get_or_404(Organization, organization_id)
@bp.get("/me")
@operation("Accounts", returns=MeSchema)
def me() -> Any:
    """The account that owns the token."""
    return api_user()


@bp.get("/organizations")
@operation("Organizations", returns=OrganizationListSchema)
def list_organizations() -> Any:
    """Every organization, by name."""
    rows = db.session.scalars(sa.select(Organization).order_by(Organization.name, Organization.id)).all()
    return {"items": rows}


@bp.get("/organizations/<int:organization_id>")
@operation("Organizations", returns=OrganizationSchema)
def get_organization(organization_id: int) -> Any:
    """One organization."""
    return _organization(organization_id)


@bp.post("/organizations")
@operation("Organizations", roles=(Role.ADMIN,), returns=CreatedOrganizationSchema, status=201,
           body=OrganizationSchema, writes=True, paths=PATHS)
def create_organization_api(values: dict[str, Any]) -> Any:
    """Create an organization; the body is an organization as GET returns it (warnings come back too)."""
    new = create_organization(draft_from(values))
    new.organization.warnings = new.warnings  # type: ignore[attr-defined]
    return created(new.organization, "api.get_organization", organization_id=new.organization.id)


@bp.patch("/organizations/<int:organization_id>")
@operation("Organizations", roles=(Role.ADMIN,), returns=OrganizationSchema,
           body=OrganizationSchema(partial=True), lookup=_organization, writes=True, paths=PATHS)
def update_organization_api(organization: Organization, changes: dict[str, Any]) -> Any:
    """Change some of an organization's fields; the others keep their values."""
    update_organization(organization, draft_names(changes))
    return organization

"""Organizations over the API: any signed-in account reads, administrators create."""

from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify, request, url_for

from pairjobs.api import bp
from pairjobs.api.auth import api_user, token_required
from pairjobs.api.serializers import organization_json
from pairjobs.domain.errors import Conflict, DomainError
from pairjobs.domain.organizations import OrganizationDraft, create_organization, update_rule_data
from pairjobs.web.errors import error_response
from pairjobs.extensions import db
from pairjobs.models import Organization, Role


@bp.get("/me")
@token_required()
def me():
    """The account that owns the token."""
    user = api_user()
    return jsonify(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role.value,
        organization_id=user.organization_id,
        approved=user.is_approved,
    )


@bp.get("/organizations")
@token_required()
def list_organizations():
    """Every organization, by name."""
    rows = db.session.scalars(sa.select(Organization).order_by(Organization.name, Organization.id)).all()
    return jsonify(items=[organization_json(o) for o in rows])


@bp.get("/organizations/<int:organization_id>")
@token_required()
def get_organization(organization_id: int):
    """One organization."""
    return jsonify(organization_json(db.get_or_404(Organization, organization_id)))


@bp.post("/organizations")
@token_required(Role.ADMIN)
def create_organization_api():
    """Create an organization from a JSON object; 422 lists what is wrong per field."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error_response(400, "The body must be a JSON object.")
    fields = ("name", "kind", "sector", "finess", "siret", "department", "commune", "legal_entity_finess", "idcc")
    values = {name: body.get(name) for name in fields}
    wrong_type = {n: ["Must be a string."] for n, v in values.items() if v is not None and not isinstance(v, str)}
    if body.get("opening_days") is not None and not isinstance(body["opening_days"], list):
        wrong_type["opening_days"] = ["Must be a list of ISO weekdays (1 = Monday … 7 = Sunday)."]
    if wrong_type:
        return error_response(422, "Some fields are not valid.", wrong_type)
    try:
        created = create_organization(OrganizationDraft(**{k: v or "" for k, v in values.items()},
                                                        opening_days=body.get("opening_days")))
    except Conflict as exc:
        db.session.rollback()
        return error_response(409, exc.message, exc.fields)
    except DomainError as exc:
        db.session.rollback()
        return error_response(422, exc.message, exc.fields)
    db.session.commit()
    response = jsonify(organization_json(created.organization) | {"warnings": created.warnings})
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_organization", organization_id=created.organization.id)
    return response


@bp.patch("/organizations/<int:organization_id>")
@token_required(Role.ADMIN)
def update_organization_api(organization_id: int):
    """Change the legal entity (FINESS EJ), collective agreement (IDCC) or opening days; partial."""
    organization = db.get_or_404(Organization, organization_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error_response(400, "The body must be a JSON object.")
    wrong_type = {n: ["Must be a string."] for n in ("legal_entity_finess", "idcc")
                  if body.get(n) is not None and not isinstance(body[n], str)}
    if "opening_days" in body and not isinstance(body["opening_days"], list):
        wrong_type["opening_days"] = ["Must be a list of ISO weekdays (1 = Monday … 7 = Sunday)."]
    if wrong_type:
        return error_response(422, "Some fields are not valid.", wrong_type)
    try:
        update_rule_data(organization, body)
    except DomainError as exc:
        db.session.rollback()
        return error_response(422, exc.message, exc.fields)
    db.session.commit()
    return jsonify(organization_json(organization))

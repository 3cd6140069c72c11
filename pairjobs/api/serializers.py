"""JSON representations shared by the API endpoints."""

from __future__ import annotations

from flask import url_for

from pairjobs.domain.geo import geography
from pairjobs.domain.positions import flags_of
from pairjobs.models import Organization, Position


def organization_json(organization: Organization) -> dict:
    """The public representation of an organization."""
    return {
        "id": organization.id,
        "name": organization.name,
        "kind": organization.kind.value,
        "sector": organization.sector.value,
        "finess": organization.finess,
        "siret": organization.siret,
        "department": organization.department_code,
        "commune": organization.commune_code,
    }


def _value(member):
    return member.value if member is not None else None


def _iso(value):
    return value.isoformat() if value is not None else None


def position_json(position: Position) -> dict:
    """The public representation of a position, with its precarity flags."""
    organization = position.organization
    commune = geography().commune(position.commune_code)
    return {
        "id": position.id,
        "title": position.title,
        "description": position.description,
        "organization": {
            "id": organization.id,
            "name": organization.name,
            "kind": organization.kind.value,
            "sector": organization.sector.value,
            "finess": organization.finess,
        },
        "setting": position.setting.value,
        "department": position.department_code,
        "commune": {"code": position.commune_code, "name": commune.name if commune else None},
        "contract_type": position.contract_type.value,
        "legal_basis": _value(position.legal_basis),
        "duration_months": position.duration_months,
        "renewable": position.renewable,
        "cdi_prospect": position.cdi_prospect,
        "fte_percent": position.fte_percent,
        "weekly_hours": position.weekly_hours,
        "salary_min": position.salary_min,
        "salary_max": position.salary_max,
        "pay_grid": position.pay_grid,
        "funding": {"kind": position.funding_kind.value, "ends_on": _iso(position.funding_ends_on)},
        "start_date": _iso(position.start_date),
        "deadline": _iso(position.deadline),
        "openings": position.openings,
        "supervision": {
            "frequency": position.supervision_frequency.value,
            "kind": _value(position.supervision_kind),
            "paid_time": position.supervision_paid_time,
            "referent_role": position.referent_role,
        },
        "peer_team_size": position.peer_team_size,
        "training_funded": position.training_funded,
        "tutoring": position.tutoring,
        "credential_expectation": position.credential_expectation.value,
        "status": position.status.value,
        "outcome": _value(position.outcome),
        "published_at": _iso(position.published_at),
        "version": position.version,
        "flags": [{"code": f.code, "severity": f.severity.value, "label": f.label, "basis": f.basis}
                  for f in flags_of(position)],
        "url": url_for("jobs.detail", position_id=position.id, _external=True),
    }

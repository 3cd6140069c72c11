"""JSON representations shared by the API endpoints."""

from __future__ import annotations

from flask import url_for

from pairjobs.domain.geo import geography
from pairjobs.domain.organizations import opening_days_list
from pairjobs.domain.positions import flags_of
from pairjobs.models import Application, Contract, Credential, Organization, Position


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
        "legal_entity_finess": organization.legal_entity_finess,
        "idcc": organization.idcc,
        "opening_days": opening_days_list(organization.opening_days),
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
        "opening_days": opening_days_list(position.opening_days),
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


def credential_json(credential: Credential) -> dict:
    """A credential and its verification state."""
    return {
        "id": credential.id,
        "type": credential.type.value,
        "title": credential.title,
        "institution": credential.institution,
        "start_year": credential.start_year,
        "end_year": credential.end_year,
        "status": credential.status.value,
        "hours": credential.hours,
        "reference": credential.reference,
        "has_document": credential.document_key is not None,
        "verification": credential.verification.value,
        "rejection_reason": credential.rejection_reason,
        "verified_at": _iso(credential.verified_at),
    }


def application_json(application: Application, for_employer: bool) -> dict:
    """An application; employers also get the candidate's contact and the internal notes."""
    events = application.events
    if not for_employer:
        events = [e for e in events if e.from_status != e.to_status]  # notes stay in the organization
    body = {
        "id": application.id,
        "position": {"id": application.position_id, "title": application.position.title,
                     "organization": application.position.organization.name},
        "status": application.status.value,
        "rejection_reason": _value(application.rejection_reason),
        "message": application.message,
        "credentials": [credential_json(c) for c in application.credentials],
        "created_at": _iso(application.created_at),
        "updated_at": _iso(application.updated_at),
        "version": application.version,
        "history": [
            {"at": _iso(e.at), "from": _value(e.from_status), "to": e.to_status.value, "reason": _value(e.reason),
             **({"note": e.note, "actor": e.actor.name if e.actor else None} if for_employer else {})}
            for e in events
        ],
    }
    if for_employer:
        candidate = application.candidate
        profile = candidate.profile
        body["candidate"] = {
            "id": candidate.id, "name": candidate.name, "email": candidate.email,
            "phone": profile.phone if profile and profile.share_phone else None,
        }
    return body


def contract_json(contract: Contract, flags) -> dict:
    """A contract and its person-level flags (the person by pseudonymous key only)."""
    return {
        "id": contract.id,
        "organization_id": contract.organization_id,
        "person_key": contract.person_key,
        "position_id": contract.position_id,
        "previous_id": contract.previous_id,
        "contract_type": contract.contract_type.value,
        "sector": contract.sector.value,
        "legal_basis": _value(contract.legal_basis),
        "category": _value(contract.category),
        "cdd_reason": _value(contract.cdd_reason),
        "extended_duration": contract.extended_duration,
        "part_time_at_employee_request": contract.part_time_at_employee_request,
        "post_ref": contract.post_ref,
        "start_date": _iso(contract.start_date),
        "end_date": _iso(contract.end_date),
        "fte_percent": contract.fte_percent,
        "weekly_hours": contract.weekly_hours,
        "monthly_gross": contract.monthly_gross,
        "funding": {"kind": contract.funding_kind.value, "ends_on": _iso(contract.funding_ends_on)},
        "supervision": {"frequency": contract.supervision_frequency.value,
                        "kind": _value(contract.supervision_kind), "paid_time": contract.supervision_paid_time},
        "promised_supervision": {"frequency": _value(contract.promised_supervision_frequency),
                                 "paid_time": contract.promised_supervision_paid_time},
        "peer_team_size": contract.peer_team_size,
        "state": contract.state.value,
        "end_reason": _value(contract.end_reason),
        "renewal_decision": _value(contract.renewal_decision),
        "version": contract.version,
        "flags": [f.as_dict() for f in flags],
    }

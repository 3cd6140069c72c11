"""A candidate's rights over their data: a full export, and deletion of the account."""

from __future__ import annotations

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Application, Contract, OutboxMessage, User
from pairjobs.models.base import utcnow


def _iso(value):
    return value.isoformat() if value is not None else None


def _value(member):
    return member.value if member is not None else None


def export_candidate(user: User) -> dict:
    """Everything pairjobs holds about the candidate (employers' internal notes excluded)."""
    profile = user.profile
    applications = db.session.scalars(sa.select(Application).where(Application.candidate_id == user.id)
                                      .order_by(Application.id)).all()
    contracts = db.session.scalars(sa.select(Contract).where(Contract.person_id == user.id)
                                   .order_by(Contract.start_date)).all()
    return {
        "exported_at": utcnow().isoformat(),
        "account": {"email": user.email, "name": user.name, "role": user.role.value, "locale": user.locale,
                    "created_at": _iso(user.created_at), "last_login_at": _iso(user.last_login_at)},
        "profile": None if profile is None else {
            "phone": profile.phone, "departments_sought": profile.department_codes,
            "availability": profile.availability, "presentation": profile.presentation,
            "lived_experience": profile.lived_experience,
            "share_lived_experience": profile.share_lived_experience, "share_phone": profile.share_phone,
        },
        "credentials": [
            {"id": c.id, "type": c.type.value, "title": c.title, "institution": c.institution,
             "start_year": c.start_year, "end_year": c.end_year, "status": c.status.value, "hours": c.hours,
             "reference": c.reference, "document": c.document_filename, "verification": c.verification.value,
             "rejection_reason": c.rejection_reason, "verified_at": _iso(c.verified_at)}
            for c in user.credentials
        ],
        "applications": [
            {"id": a.id, "position": {"id": a.position_id, "title": a.position.title,
                                      "organization": a.position.organization.name},
             "message": a.message, "status": a.status.value, "rejection_reason": _value(a.rejection_reason),
             "created_at": _iso(a.created_at), "credential_ids": [c.id for c in a.credentials],
             "history": [{"at": _iso(e.at), "from": _value(e.from_status), "to": e.to_status.value,
                          "reason": _value(e.reason)} for e in a.events if e.from_status != e.to_status]}
            for a in applications
        ],
        "contracts": [
            {"id": c.id, "organization": c.organization.name, "contract_type": c.contract_type.value,
             "start_date": _iso(c.start_date), "end_date": _iso(c.end_date), "fte_percent": c.fte_percent,
             "state": c.state.value}
            for c in contracts
        ],
    }


def delete_candidate(user: User) -> list[str]:
    """Delete the account and what identifies the person; contracts stay for statistics, without identity.

    Returns the certificates' keys, to delete from disk once the transaction is committed.
    """
    keys = [c.document_key for c in user.credentials if c.document_key]
    db.session.execute(sa.update(Contract).where(Contract.person_id == user.id)
                       .values(person_id=None, application_id=None))
    db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.recipient == user.email))
    for application in db.session.scalars(sa.select(Application).where(Application.candidate_id == user.id)):
        db.session.delete(application)
    db.session.delete(user)
    db.session.flush()
    return keys

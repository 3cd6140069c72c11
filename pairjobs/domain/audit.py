"""Recording sensitive actions in the audit log (flushes only; the caller commits)."""

from __future__ import annotations

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import AuditEntry, User
from pairjobs.models.audit import AuditAction

Action = AuditAction  # what may be recorded, with its label: audit.record(user, audit.Action.X, …)


def record(actor: User | None, action: AuditAction, subject: str | None = None,
           candidate_id: int | None = None, **details) -> AuditEntry:
    """Add an entry: who (and for which organization), what, about whom."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        actor_role=actor.role.value if actor is not None else "system",
        organization_id=actor.organization_id if actor is not None else None,
        action=action, subject=subject, candidate_id=candidate_id, details=details,
    )
    db.session.add(entry)
    return entry


def record_many(actor: User, action: AuditAction, about: list[tuple[str, int | None]], **details) -> None:
    """One entry per (subject, candidate id), in one statement (a page of files read at once)."""
    if not about:
        return
    db.session.execute(sa.insert(AuditEntry), [
        {"actor_id": actor.id, "actor_role": actor.role.value, "organization_id": actor.organization_id,
         "action": action, "subject": subject, "candidate_id": candidate_id, "details": details}
        for subject, candidate_id in about])

"""Recording sensitive actions in the audit log (flushes only; the caller commits)."""

from __future__ import annotations

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import AuditEntry, User

CANDIDATE_FILE_VIEWED = "candidate_file_viewed"
CREDENTIAL_DOWNLOADED = "credential_downloaded"
APPLICATION_STATUS_CHANGED = "application_status_changed"
REPORT_EXPORTED = "report_exported"
SURVEY_IMPORTED = "survey_imported"


def record(actor: User | None, action: str, subject: str | None = None, candidate_id: int | None = None,
           **details) -> AuditEntry:
    """Add an entry: who (and for which organization), what, about whom."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        actor_role=actor.role.value if actor is not None else "system",
        organization_id=actor.organization_id if actor is not None else None,
        action=action, subject=subject, candidate_id=candidate_id, details=details,
    )
    db.session.add(entry)
    return entry


def record_many(actor: User, action: str, about: list[tuple[str, int | None]], **details) -> None:
    """One entry per (subject, candidate id), in one statement (a page of files read at once)."""
    if not about:
        return
    db.session.execute(sa.insert(AuditEntry), [
        {"actor_id": actor.id, "actor_role": actor.role.value, "organization_id": actor.organization_id,
         "action": action, "subject": subject, "candidate_id": candidate_id, "details": details}
        for subject, candidate_id in about])

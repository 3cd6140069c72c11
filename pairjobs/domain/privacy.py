"""A candidate's rights over their data: a full export, and deletion of the account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Application, Contract, OutboxMessage, User
from pairjobs.models.base import utcnow


@dataclass
class CandidateRecords:
    """Everything pairjobs holds about a candidate, for the export (pairjobs.schemas.privacy)."""

    account: User
    applications: list[Application]
    contracts: list[Contract]
    exported_at: datetime


def candidate_records(user: User) -> CandidateRecords:
    """The candidate's account, profile, credentials, applications and contracts."""
    applications = db.session.scalars(sa.select(Application).where(Application.candidate_id == user.id)
                                      .order_by(Application.id)).all()
    contracts = db.session.scalars(sa.select(Contract).where(Contract.person_id == user.id)
                                   .order_by(Contract.start_date)).all()
    return CandidateRecords(user, list(applications), list(contracts), utcnow())


def delete_candidate(user: User) -> list[str]:
    """Delete the account and what identifies the person; contracts stay for statistics, without identity.

    Returns the certificates' keys, to delete from disk once the transaction is committed.
    """
    keys = [c.document_key for c in user.credentials if c.document_key]
    db.session.execute(sa.update(Contract).where(Contract.person_id == user.id)
                       .values(person_id=None, application_id=None))
    # Every message queued or kept for the person, under any address the account had (each carries the
    # account's id), and anything else addressed to the current one.
    db.session.execute(sa.delete(OutboxMessage).where(sa.or_(
        OutboxMessage.user_id == user.id, sa.func.lower(OutboxMessage.recipient) == user.email.lower())))
    for application in db.session.scalars(sa.select(Application).where(Application.candidate_id == user.id)):
        db.session.delete(application)
    db.session.delete(user)
    db.session.flush()
    return keys


def remember_address(user: User, old: str) -> None:
    """Call when the account's address changes from `old`: messages queued to it without an account
    (before messages carried one) become the account's, so that deleting the account deletes them."""
    db.session.execute(sa.update(OutboxMessage)
                       .where(OutboxMessage.user_id.is_(None),
                              sa.func.lower(OutboxMessage.recipient) == old.lower())
                       .values(user_id=user.id))

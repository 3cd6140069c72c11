"""Verification campaigns, as regulators run them for other programmes: a monitor draws a share of the
employers with supervision commitments, and in each a share of their contracts (at least 2, at most 20);
each drawn employer sends proofs of the sessions held for its drawn contracts before a deadline; the monitor
accepts or refuses each with a reason; the employer may answer a refusal once. Everyone concerned is told by
e-mail at each step. The draw is reproducible: its seed and the population it was drawn from are recorded.
Flushes, never commits."""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import BinaryIO

import sqlalchemy as sa
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, DomainError, ValidationFailed
from pairjobs.domain.mail import queue_mail
from pairjobs.extensions import db
from pairjobs.infra import documents
from pairjobs.models import (
    Contract,
    ContractState,
    Role,
    SupervisionFrequency,
    User,
    VerificationCampaign,
    VerificationItem,
    VerificationOutcome,
)
from pairjobs.models.base import utcnow

MIN_CONTRACTS, MAX_CONTRACTS = 2, 20
MAX_DAYS = 183  # the longest deadline
MAX_TEXT = 2000


def draw(seed: str, population: Mapping[int, Sequence[int]], share_percent: int) -> dict[int, list[int]]:
    """The employers drawn and their contracts drawn, from a seed and a population (contract ids by
    organization id): the same arguments always give the same draw. A share of the employers (at least
    one), and in each the same share of its contracts, at least 2 and at most 20 (all of them when fewer)."""
    rng = random.Random(seed)
    organizations = sorted(population)
    if not organizations:
        return {}
    count = min(len(organizations), max(1, math.ceil(len(organizations) * share_percent / 100)))
    drawn = {}
    for organization in sorted(rng.sample(organizations, count)):
        contracts = sorted(population[organization])
        wanted = min(len(contracts), max(MIN_CONTRACTS, min(MAX_CONTRACTS,
                                                            math.ceil(len(contracts) * share_percent / 100))))
        drawn[organization] = sorted(rng.sample(contracts, wanted))
    return drawn


def population(today: date) -> dict[int, list[int]]:
    """The running contracts with a supervision commitment, by organization."""
    rows = db.session.execute(sa.select(Contract.organization_id, Contract.id).where(
        Contract.state == ContractState.ACTIVE, Contract.start_date <= today,
        sa.or_(Contract.end_date.is_(None), Contract.end_date >= today),
        Contract.promised_supervision_frequency.is_not(None),
        Contract.promised_supervision_frequency != SupervisionFrequency.NONE)).all()
    found: dict[int, list[int]] = {}
    for organization_id, contract_id in rows:
        found.setdefault(organization_id, []).append(contract_id)
    return found


def recruiters(organization_id: int) -> list[User]:
    """The approved, enabled recruiters of an organization."""
    return recruiters_of([organization_id]).get(organization_id, [])


def recruiters_of(organization_ids: Iterable[int]) -> dict[int, list[User]]:
    """The approved, enabled recruiters of organizations, by organization (one statement)."""
    found: dict[int, list[User]] = {}
    for user in db.session.scalars(sa.select(User).where(
            User.organization_id.in_(set(organization_ids)), User.role == Role.EMPLOYER,
            User.approved_at.is_not(None), User.is_enabled.is_(True))):
        found.setdefault(user.organization_id or 0, []).append(user)
    return found


def monitors() -> list[User]:
    """The enabled monitors (the regional agency's accounts)."""
    return list(db.session.scalars(sa.select(User).where(User.role == Role.MONITOR,
                                                         User.is_enabled.is_(True))))


def start(by: User | None, deadline: date, share_percent: int, today: date) -> VerificationCampaign:
    """Draw the employers and contracts, record the draw and tell each drawn employer's recruiters."""
    if deadline <= today:
        raise ValidationFailed({"deadline": [_("Give the employers at least until tomorrow.")]})
    if not 1 <= share_percent <= 100:
        raise ValidationFailed({"share_percent": [_("Choose a share between 1 and 100.")]})
    if deadline > today + timedelta(days=MAX_DAYS):
        raise ValidationFailed({"deadline": [_("Give the employers %(num)d days at most.", num=MAX_DAYS)]})
    people = population(today)
    if not people:
        raise DomainError(_("No running contract with a supervision commitment: there is nothing to draw."))
    seed = secrets.token_hex(16)
    campaign = VerificationCampaign(started_by_id=by.id if by is not None else None, deadline=deadline,
                                    share_percent=share_percent, seed=seed,
                                    population={str(k): v for k, v in people.items()})
    db.session.add(campaign)
    db.session.flush()
    drawn = draw(seed, people, share_percent)
    told = recruiters_of(drawn)
    for organization_id, contract_ids in drawn.items():
        for contract_id in contract_ids:
            db.session.add(VerificationItem(campaign_id=campaign.id, organization_id=organization_id,
                                            contract_id=contract_id))
        for user in told.get(organization_id, []):
            queue_mail(user, "verification_drawn", campaign=campaign, count=len(contract_ids))
    db.session.flush()
    return campaign


REMIND_DAYS_BEFORE = (7, 1)


def remind(today: date) -> int:
    """Remind the recruiters of the employers with drawn contracts still without proofs, 7 days and 1 day
    before the deadline (run daily); the number of e-mails queued."""
    due = [today + timedelta(days=d) for d in REMIND_DAYS_BEFORE]
    waiting = db.session.execute(
        sa.select(VerificationItem.organization_id, VerificationCampaign.id, sa.func.count())
        .join(VerificationCampaign, VerificationCampaign.id == VerificationItem.campaign_id)
        .where(VerificationCampaign.deadline.in_(due), VerificationItem.document_key.is_(None),
               VerificationItem.outcome.is_(None))
        .group_by(VerificationItem.organization_id, VerificationCampaign.id)).all()
    sent = 0
    told = recruiters_of(row[0] for row in waiting)
    for organization_id, campaign_id, count in waiting:
        campaign = db.session.get(VerificationCampaign, campaign_id)
        for user in told.get(organization_id, []):
            queue_mail(user, "verification_reminder", campaign=campaign, count=count)
            sent += 1
    return sent


def untold(campaign: VerificationCampaign) -> int:
    """The employers drawn with no approved recruiter on pairjobs: nobody could be told."""
    drawn = {item.organization_id for item in campaign.items}
    return len(drawn - set(recruiters_of(drawn)))


def drawn_items(items: Iterable[VerificationItem]) -> dict[int, list[int]]:
    """The contracts of recorded items by organization, in the shape of `draw` (to compare with `redraw`)."""
    drawn: dict[int, list[int]] = {}
    for item in items:
        drawn.setdefault(item.organization_id, []).append(item.contract_id)
    return {k: sorted(v) for k, v in drawn.items()}


def redraw(campaign: VerificationCampaign) -> dict[int, list[int]]:
    """The draw of a campaign again, from its recorded seed and population."""
    return draw(campaign.seed, {int(k): v for k, v in campaign.population.items()}, campaign.share_percent)


def send_proof(item: VerificationItem, stream: BinaryIO, filename: str | None, today: date) -> None:
    """The employer's proofs for a drawn contract (a PDF), before the deadline (or after a refusal) and before
    an acceptance; the monitors are told. A file sent before stays stored, as sent."""
    if today > item.campaign.deadline and item.outcome is not VerificationOutcome.REFUSED:
        raise DomainError(_("The deadline has passed: proofs can no longer be sent."))
    if item.outcome is VerificationOutcome.ACCEPTED:
        raise Conflict(_("These proofs are accepted already."))
    try:
        key, name, size = documents.store_pdf(stream, filename)
    except documents.DocumentRejected as exc:
        raise ValidationFailed({"document": [str(exc)]}) from exc
    item.document_key, item.document_filename, item.document_size = key, name, size
    item.uploaded_at = utcnow()
    db.session.flush()
    for user in monitors():
        queue_mail(user, "verification_proof", item=item)


def decide(item: VerificationItem, outcome: VerificationOutcome, reason: str | None, by: User | None) -> None:
    """The monitor's decision on a drawn contract; a refusal gives its reason. The recruiters are told."""
    reason = (reason or "").strip()
    if outcome is VerificationOutcome.REFUSED and not reason:
        raise ValidationFailed({"reason": [_("Say why the proofs are refused: the employer reads it.")]})
    if len(reason) > MAX_TEXT:
        raise ValidationFailed({"reason": [_("%(max)d characters at most.", max=MAX_TEXT)]})
    if outcome is VerificationOutcome.ACCEPTED and item.document_key is None:
        raise DomainError(_("No proof was sent for this contract: it can only be refused."))
    if (outcome, reason or None) == (item.outcome, item.reason):
        return  # the same decision again: nothing changes, nobody is told twice
    item.outcome, item.reason = outcome, reason or None
    item.decided_at, item.decided_by_id = utcnow(), by.id if by is not None else None
    db.session.flush()
    for user in recruiters(item.organization_id):
        queue_mail(user, "verification_decided", item=item)


def answer(item: VerificationItem, text: str | None) -> None:
    """The employer's one answer to a refusal; the monitors are told."""
    text = (text or "").strip()
    if item.outcome is not VerificationOutcome.REFUSED:
        raise DomainError(_("Only a refusal can be answered."))
    if item.employer_answer is not None:
        raise Conflict(_("You have answered this refusal already: one answer only."))
    if not text or len(text) > MAX_TEXT:
        raise ValidationFailed({"answer": [_("Write your answer (%(max)d characters at most).",
                                             max=MAX_TEXT)]})
    item.employer_answer, item.answered_at = text, utcnow()
    db.session.flush()
    for user in monitors():
        queue_mail(user, "verification_answered", item=item)


@dataclass(frozen=True)
class Verified:
    """Verified commitments: the drawn contracts whose proofs were accepted, among those decided and those
    whose deadline passed with no proof sent (they are not verified either)."""

    drawn: int
    decided: int
    accepted: int
    missing: int = 0  # no proof by the deadline, not decided

    @property
    def share(self) -> float | None:
        judged = self.decided + self.missing
        return round(self.accepted / judged, 3) if judged else None


def verified(items: Sequence[VerificationItem], today: date) -> Verified:
    """The indicator of verified commitments of a set of drawn contracts on a day."""
    decided = [i for i in items if i.outcome is not None]
    missing = sum(i.outcome is None and i.document_key is None and today > i.campaign.deadline for i in items)
    return Verified(len(items), len(decided), sum(i.outcome is VerificationOutcome.ACCEPTED for i in decided),
                    missing)

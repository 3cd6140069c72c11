"""What the person-level rules read: each contract as it was known on the date of the computation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pairjobs.infra.calendar import parse_weekdays
from pairjobs.infra.clock import PARIS
from pairjobs.models.contract import ContractState, EndReason
from pairjobs.models.organization import Sector
from pairjobs.models.position import Category, CddReason, ContractType, LegalBasis, SupervisionFrequency


@dataclass(frozen=True)
class SessionFacts:
    """A supervision session as known at the end of a day."""

    held_on: date
    paid_time: bool
    contested: bool  # the peer worker had said it was not held, by that day
    minutes: int = 60
    kind: str = "external"


def sessions_known(sessions: Iterable[Any], as_of: date) -> tuple[SessionFacts, ...]:
    """The sessions recorded by the end of the day, with the peer worker's word as it stood then."""
    known = []
    for s in sessions:
        recorded = _day(s.created_at)
        if recorded is not None and recorded > as_of:
            continue
        contested = _day(s.contested_at)
        known.append(SessionFacts(s.held_on, bool(s.paid_time), contested is not None and contested <= as_of,
                                  s.minutes, getattr(s.kind, "value", s.kind)))
    return tuple(sorted(known, key=lambda x: x.held_on))


@dataclass(frozen=True)
class ContractFacts:
    """A contract as the records stood at the end of a day."""

    id: int
    previous_id: int | None
    # The post it fills: the establishment's reference and the position it followed (see Post.same_as).
    post: Post | None
    contract_type: ContractType
    sector: Sector
    legal_basis: LegalBasis | None
    category: Category | None
    cdd_reason: CddReason | None
    extended_duration: bool
    start_date: date
    end_date: date | None  # the end as known on that day: the term, or an earlier end once recorded
    term_date: date | None  # the term the contract was signed for (its length as concluded)
    weekly_hours: float
    active: bool  # still active in the records on that day
    decided: bool  # a decision on its end (renew, convert, not renew) was recorded by that day
    end_reason: EndReason | None  # recorded by that day
    signed_on: date  # the day it was recorded (a renewal is recorded when it is signed)
    supervision_frequency: SupervisionFrequency
    supervision_paid_time: bool
    promised_supervision_frequency: SupervisionFrequency | None
    promised_supervision_paid_time: bool | None
    promised_supervision_kind: str | None = None
    # The supervision sessions recorded for the contract (read for the contract whose flags are computed).
    sessions: tuple[SessionFacts, ...] = ()

    @property
    def last_day(self) -> date | None:
        return self.end_date


@dataclass(frozen=True)
class Situation:
    """A contract within what was known on a day: its person's contracts at the legal entity, and the
    contracts of its post (whoever held them)."""

    contract: ContractFacts
    history: tuple[ContractFacts, ...]
    post_history: tuple[ContractFacts, ...]
    as_of: date
    opening_days: frozenset[int]
    idcc: str | None


def _day(moment: datetime | None) -> date | None:
    return moment.astimezone(PARIS).date() if moment is not None else None


def recorded_on(contract: Any) -> date | None:
    """The day the contract became known: when it was recorded (created_at, in France), or its first day
    for a contract of the annual survey, which reports past contracts as they stood."""
    if getattr(contract, "source", None) == "survey":
        return contract.start_date
    return _day(contract.created_at)


def known_on(contract: Any, as_of: date) -> bool:
    """Whether the contract was known by the end of the day."""
    signed = recorded_on(contract)
    return signed is None or signed <= as_of


@dataclass(frozen=True)
class Post:
    """What identifies the post a contract fills: the establishment's reference, the position, or both."""

    ref: tuple[int, str] | None
    position_id: int | None

    def keys(self) -> list[tuple]:
        """The keys under which contracts of the same post are found."""
        return ([("ref", *self.ref)] if self.ref else []) + (
            [("position", self.position_id)] if self.position_id is not None else [])

    def same_as(self, other: Post | None) -> bool:
        """The same post, whoever fills it: the same reference when both have one (two openings of one
        position are two posts), else the same position."""
        if other is None:
            return False
        if self.ref and other.ref:
            return self.ref == other.ref
        return self.position_id is not None and self.position_id == other.position_id


def post_of(contract: Any) -> Post | None:
    """The post a contract fills, if its records say."""
    ref = (contract.organization_id, contract.post_ref.strip().lower()) if contract.post_ref else None
    if ref is None and contract.position_id is None:
        return None
    return Post(ref, contract.position_id)


def facts_of(contract: Any, as_of: date, sessions: Iterable[Any] = ()) -> ContractFacts:
    """The contract as its record stood at the end of as_of (later ends and decisions not yet known)."""
    closed = _day(contract.closed_at)
    state = getattr(contract.state, "value", contract.state)
    closed_by_then = state != ContractState.ACTIVE.value and (closed is None or closed <= as_of)
    decided_on = _day(contract.decided_at)
    decided = contract.renewal_decision is not None and (decided_on is None or decided_on <= as_of)
    term = getattr(contract, "planned_end_date", None) or contract.end_date
    return ContractFacts(
        id=contract.id, previous_id=contract.previous_id, post=post_of(contract),
        contract_type=contract.contract_type, sector=contract.sector, legal_basis=contract.legal_basis,
        category=contract.category, cdd_reason=contract.cdd_reason,
        extended_duration=bool(contract.extended_duration),
        start_date=contract.start_date, end_date=contract.end_date if closed_by_then else term,
        term_date=term, weekly_hours=contract.weekly_hours,
        active=not closed_by_then, decided=decided or closed_by_then,
        end_reason=contract.end_reason if closed_by_then else None,
        signed_on=recorded_on(contract) or contract.start_date,
        supervision_frequency=contract.supervision_frequency,
        supervision_paid_time=contract.supervision_paid_time,
        promised_supervision_frequency=contract.promised_supervision_frequency,
        promised_supervision_paid_time=contract.promised_supervision_paid_time,
        promised_supervision_kind=getattr(contract.promised_supervision_kind, "value",
                                          contract.promised_supervision_kind),
        sessions=sessions_known(sessions, as_of),
    )


def situation(contract: Any, history: Iterable[Any], post_history: Iterable[Any], as_of: date,
              opening_days: str | None, idcc: str | None, sessions: Iterable[Any] = ()) -> Situation:
    """The situation of a contract on a day, from records (with its supervision sessions): only what was
    known by then counts."""
    seen = {contract.id}
    known = [facts_of(contract, as_of, sessions)]
    for c in history:
        if c.id not in seen and known_on(c, as_of):
            seen.add(c.id)
            known.append(facts_of(c, as_of))
    post = tuple(facts_of(c, as_of) for c in post_history if c.id == contract.id or known_on(c, as_of))
    return Situation(known[0], tuple(sorted(known, key=lambda c: (c.start_date, c.id))),
                     tuple(sorted(post, key=lambda c: (c.start_date, c.id))), as_of,
                     parse_weekdays(opening_days), idcc)


def chain(contract: ContractFacts, history: Sequence[ContractFacts]) -> list[ContractFacts]:
    """The renewal chain a contract belongs to, oldest first: those it renews and those that renew it."""
    by_id = {c.id: c for c in history}
    by_previous = {c.previous_id: c for c in history if c.previous_id is not None}
    links = [contract]
    while links[0].previous_id in by_id and len(links) <= len(history):
        links.insert(0, by_id[links[0].previous_id])
    while links[-1].id in by_previous and len(links) <= len(history):
        links.append(by_previous[links[-1].id])
    return links


def same_kind_chain(contract: ContractFacts, history: Sequence[ContractFacts],
                    key=None) -> list[ContractFacts]:
    """The contiguous part of the chain around the contract whose members share its type (and `key`)."""
    links = chain(contract, history)
    index = links.index(contract)

    def same(c: ContractFacts) -> bool:
        return c.contract_type is contract.contract_type and (key is None or key(c) == key(contract))

    first = index
    while first > 0 and same(links[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(links) and same(links[last + 1]):
        last += 1
    return links[first:last + 1]

"""The facts every figure is computed from, for one date: active contracts, positions and flows.

Live figures compute them from the records (`live_facts`); a snapshot stores them and gives them back
unchanged (`pairjobs.domain.statistics.snapshots`). The indicators read only these facts, so a figure
for a recorded date is the same whatever the records became afterwards.

Employment at an employer (a legal entity, every establishment of one FINESS EJ) is followed per
person as spans of consecutive days: contracts that touch or overlap make one span. A span that starts
in the window is an entry, one that ends in it an exit; nothing finer than the month is kept.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app

from pairjobs.domain.contract_flags import ContractFlags, legal_entity_of
from pairjobs.domain.precarity import Flag, posting_flags
from pairjobs.extensions import db
from pairjobs.models import (
    Application,
    ApplicationStatus,
    CloseOutcome,
    Contract,
    ContractState,
    Credential,
    Organization,
    Position,
    PositionStatus,
    Verification,
    application_credential,
)
from pairjobs.models.position import STABLE_CONTRACT_TYPES
from pairjobs.timeutil import PARIS

PERMANENT = frozenset(t.value for t in STABLE_CONTRACT_TYPES)
AT_LEAST_MONTHLY = frozenset({"weekly", "fortnightly", "monthly"})
PROFESSIONAL_SUPERVISION = frozenset({"external", "internal"})  # not peer intervision
CDD_TYPES = frozenset({"cdd", "cdd_public"})


def years_before(day: date, years: int) -> date:
    """The same day `years` years earlier (28 February for a 29 February); the last day of the month for
    the last day of a month, so that twelve-month windows of month-ends follow each other without
    overlap (28 February 2025 goes back to 29 February 2024)."""
    year = day.year - years
    last = calendar.monthrange(year, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, day.month, last)
    return date(year, day.month, min(day.day, last))


def months_between(earlier: date, later: date) -> int:
    """Whole months from one day to a later one."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def end_of(day: date) -> datetime:
    """The first instant after the day, in France."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=PARIS)


@dataclass(frozen=True, slots=True)
class FlagFact:
    """A flag as counted: its code, its severity and whether it states the law or a practice."""

    code: str
    severity: str
    legal: bool

    @classmethod
    def of(cls, flag: Flag) -> FlagFact:
        return cls(flag.code, flag.severity.value, flag.legal)


def encode_flags(flags: tuple[FlagFact, ...]) -> str:
    return " ".join(f"{f.code}:{f.severity}:{'legal' if f.legal else 'practice'}" for f in flags)


def decode_flags(text: str) -> tuple[FlagFact, ...]:
    facts = []
    for item in text.split():
        code, severity, nature = item.split(":")
        facts.append(FlagFact(code, severity, nature == "legal"))
    return tuple(facts)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a fact belongs."""

    organization_id: int
    legal_entity: str
    department_code: str
    sector: str
    org_kind: str

    @classmethod
    def of(cls, organization: Organization, department: str | None = None) -> Place:
        return cls(organization.id, legal_entity_of(organization), department or organization.department_code,
                   organization.sector.value, organization.kind.value)


@dataclass(frozen=True, slots=True)
class ContractFact:
    place: Place
    person_key: str
    contract_type: str
    legal_basis: str | None
    fte_percent: int
    weekly_hours: float
    funding_kind: str
    supervision_frequency: str
    supervision_kind: str | None
    supervision_paid_time: bool
    peer_team_size: int
    tenure_months: int
    flags: tuple[FlagFact, ...] = ()
    # The person, over all their running contracts at the employer. Each person is counted once, at the
    # place of their main contract (most working time, then the oldest): people add up across places.
    person_main: bool = True
    person_precarious: bool = False
    person_cdd: bool = False
    person_monthly: bool = False
    person_professional: bool = False

    @property
    def person(self) -> tuple[str, str]:
        """The person, as one employer (legal entity) knows them."""
        return (self.place.legal_entity, self.person_key)

    @property
    def monthly(self) -> bool:
        return self.supervision_frequency in AT_LEAST_MONTHLY

    @property
    def professional(self) -> bool:
        return self.monthly and self.supervision_kind in PROFESSIONAL_SUPERVISION


@dataclass(frozen=True, slots=True)
class PositionFact:
    place: Place
    position_id: int
    title: str
    organization_name: str
    contract_type: str
    open: bool
    in_window: bool
    outcome: str | None
    days_to_fill: int | None
    applications: int
    recruited: int
    recruited_verified: int
    flags: tuple[FlagFact, ...] = ()


@dataclass(frozen=True, slots=True)
class FlowFact:
    place: Place
    kind: str  # entry, exit, conversion, cohort
    person_key: str
    month: str
    end_reason: str | None = None
    months_to_cdi: int | None = None
    retained: bool | None = None

    @property
    def person(self) -> tuple[str, str]:
        return (self.place.legal_entity, self.person_key)


@dataclass
class Facts:
    as_of: date
    contracts: list[ContractFact] = field(default_factory=list)
    positions: list[PositionFact] = field(default_factory=list)
    flows: list[FlowFact] = field(default_factory=list)


# --- Contracts and flows ---

def is_active_on(c: Contract, day: date) -> bool:
    """Running on the day: started, and not ended before it. A fixed term still active in the records
    after its end date (nothing recorded by the end of that day) is running: flagged, not dropped."""
    if c.start_date > day:
        return False
    return c.end_date is None or c.end_date >= day or _overdue(c, day)


def _overdue(c: Contract, day: date) -> bool:
    return c.end_date is not None and c.end_date < day and (
        c.state == ContractState.ACTIVE or (c.closed_at is not None and c.closed_at >= end_of(day)))


def _last_day(c: Contract, day: date) -> date:
    """The contract's last day of employment as known on `day` (the day itself when still running)."""
    if c.end_date is None or _overdue(c, day):
        return max(day, c.start_date)
    return c.end_date


@dataclass
class _Span:
    start: date
    last: date
    contracts: list[Contract]


def spans(contracts: list[Contract], day: date) -> list[_Span]:
    """Consecutive employment of one person at one employer, as known on `day`."""
    merged: list[_Span] = []
    for c in sorted((c for c in contracts if c.start_date <= day), key=lambda c: (c.start_date, c.id or 0)):
        last = _last_day(c, day)
        if merged and c.start_date <= merged[-1].last + timedelta(days=1):
            merged[-1].last = max(merged[-1].last, last)
            merged[-1].contracts.append(c)
        else:
            merged.append(_Span(c.start_date, last, [c]))
    return merged


def _flows(place_of, person_key: str, person_spans: list[_Span], day: date) -> list[FlowFact]:
    window_start, cohort_start = years_before(day, 1), years_before(day, 2)
    employed = any(s.start <= day <= s.last for s in person_spans)
    out = []
    for s in person_spans:
        first = s.contracts[0]
        if window_start < s.start <= day:
            out.append(FlowFact(place_of(first), "entry", person_key, s.start.strftime("%Y-%m")))
        elif cohort_start < s.start <= window_start:
            out.append(FlowFact(place_of(first), "cohort", person_key, s.start.strftime("%Y-%m"),
                                retained=employed))
        exit_day = s.last + timedelta(days=1)
        if window_start < exit_day <= day:
            ending = max(s.contracts, key=lambda c: (_last_day(c, day), c.id or 0))
            out.append(FlowFact(place_of(ending), "exit", person_key, s.last.strftime("%Y-%m"),
                                end_reason=ending.end_reason.value if ending.end_reason else None))
        for earlier, later in zip(s.contracts, s.contracts[1:]):
            # A fixed term followed in the same span by a permanent contract: a conversion (recorded as
            # such, or a CDD then a CDI in a survey).
            if (earlier.contract_type.value not in PERMANENT and later.contract_type.value in PERMANENT
                    and window_start < later.start_date <= day):
                out.append(FlowFact(place_of(later), "conversion", person_key, later.start_date.strftime("%Y-%m"),
                                    months_to_cdi=months_between(s.start, later.start_date)))
    # One movement of each kind per person (the latest): a person counts once, at one place.
    latest = {}
    for flow in out:
        latest[flow.kind] = flow
    return list(latest.values())


def contract_and_flow_facts(day: date) -> tuple[list[ContractFact], list[FlowFact]]:
    """The facts of every contract active on `day`, and the flows of the 24 months before it."""
    organizations = {o.id: o for o in db.session.scalars(sa.select(Organization))}
    every = db.session.scalars(sa.select(Contract).where(Contract.start_date <= day)
                               .order_by(Contract.id)).all()
    active = [c for c in every if is_active_on(c, day)]
    flagger = ContractFlags(active, every)
    places: dict[int, Place] = {}

    def place_of(c: Contract) -> Place:
        if c.organization_id not in places:
            places[c.organization_id] = Place.of(organizations[c.organization_id])
        return places[c.organization_id]

    by_person: dict[tuple[str, str], list[Contract]] = defaultdict(list)
    for c in every:
        by_person[(place_of(c).legal_entity, c.person_key)].append(c)
    person_spans = {key: spans(contracts, day) for key, contracts in by_person.items()}
    flows = [flow for (entity, key), s in person_spans.items() for flow in _flows(place_of, key, s, day)]
    running: dict[tuple[str, str], list[Contract]] = defaultdict(list)
    for c in active:
        running[(place_of(c).legal_entity, c.person_key)].append(c)
    main = {key: min(cs, key=lambda c: (-c.fte_percent, c.start_date, c.id or 0)).id for key, cs in running.items()}
    contracts = []
    for c in active:
        person = (place_of(c).legal_entity, c.person_key)
        theirs = running[person]
        types = {x.contract_type.value for x in theirs}
        precarious = not types & PERMANENT
        current = next((s for s in person_spans[person] if s.start <= day <= s.last), None)
        flags = tuple(FlagFact.of(f) for f in flagger.all_flags(c, day))
        contracts.append(ContractFact(
            place_of(c), c.person_key, c.contract_type.value, c.legal_basis.value if c.legal_basis else None,
            c.fte_percent, float(c.weekly_hours), c.funding_kind.value, c.supervision_frequency.value,
            c.supervision_kind.value if c.supervision_kind else None, bool(c.supervision_paid_time),
            c.peer_team_size, months_between(current.start if current else c.start_date, day), flags,
            person_main=c.id == main[person], person_precarious=precarious,
            person_cdd=precarious and bool(types & CDD_TYPES),
            person_monthly=any(x.supervision_frequency.value in AT_LEAST_MONTHLY for x in theirs),
            person_professional=any(x.supervision_frequency.value in AT_LEAST_MONTHLY and x.supervision_kind
                                    and x.supervision_kind.value in PROFESSIONAL_SUPERVISION for x in theirs)))
    return contracts, flows


# --- Positions ---

def position_facts(day: date) -> list[PositionFact]:
    """Positions open on `day`, or published in the twelve months before it, as they stood that day."""
    end, window_start = end_of(day), end_of(years_before(day, 1))
    closed_then = sa.and_(Position.closed_at.is_not(None), Position.closed_at < end)
    open_then = sa.and_(Position.status != PositionStatus.DRAFT, sa.not_(closed_then),
                        sa.or_(Position.status != PositionStatus.CLOSED, Position.closed_at.is_not(None)),
                        sa.or_(Position.deadline.is_(None), Position.deadline >= day))
    positions = db.session.scalars(
        sa.select(Position).join(Organization, Organization.id == Position.organization_id)
        .options(sa.orm.contains_eager(Position.organization),
                 sa.orm.defer(Position.description), sa.orm.defer(Position.search_document))
        .where(Position.published_at.is_not(None), Position.published_at < end,
               sa.or_(Position.published_at >= window_start, open_then))
        .order_by(Position.id)).all()
    ids = [p.id for p in positions]
    counts = _application_counts(ids, end) if ids else {}
    thresholds = current_app.config["PRECARITY_THRESHOLDS"]
    facts = []
    for p in positions:
        closed = p.closed_at is not None and p.closed_at < end
        is_open = (p.status != PositionStatus.DRAFT and not closed
                   and not (p.status == PositionStatus.CLOSED and p.closed_at is None)
                   and (p.deadline is None or p.deadline >= day))
        outcome = None
        if closed:
            outcome = "filled" if p.outcome == CloseOutcome.FILLED else "unfilled"
        elif p.deadline is not None and p.deadline < day:
            outcome = "unfilled"
        days_to_fill = (p.closed_at - p.published_at).days if outcome == "filled" else None
        applications, recruited, verified = counts.get(p.id, (0, 0, 0))
        facts.append(PositionFact(
            Place.of(p.organization, p.department_code), p.id, p.title, p.organization.name, p.contract_type.value,
            is_open, p.published_at >= window_start, outcome, days_to_fill, applications, recruited, verified,
            # Only open positions are listed with their flags.
            tuple(FlagFact.of(f) for f in posting_flags(p, thresholds)) if is_open else ()))
    return facts


def _application_counts(position_ids: list[int], end: datetime) -> dict[int, tuple[int, int, int]]:
    verified = sa.exists(
        sa.select(1).select_from(application_credential)
        .join(Credential, Credential.id == application_credential.c.credential_id)
        .where(application_credential.c.application_id == Application.id,
               Credential.verification == Verification.VERIFIED))
    hired = Application.status == ApplicationStatus.HIRED
    rows = db.session.execute(
        sa.select(Application.position_id, sa.func.count(Application.id),
                  sa.func.count(Application.id).filter(hired),
                  sa.func.count(Application.id).filter(hired, verified))
        .where(Application.position_id.in_(position_ids), Application.created_at < end)
        .group_by(Application.position_id)).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def live_facts(day: date) -> Facts:
    """Every fact of a day, computed from the records as they are now."""
    contracts, flows = contract_and_flow_facts(day)
    return Facts(day, contracts, position_facts(day), flows)

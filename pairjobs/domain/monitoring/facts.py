"""The facts every figure is computed from, for one date: active contracts, positions and flows.

Live figures compute them from the records (`pairjobs.domain.monitoring.live`); a snapshot stores
them and gives them back unchanged (`pairjobs.domain.monitoring.snapshots`). The indicators read only
these facts, so a figure for a recorded date is the same whatever the records became afterwards.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from pairjobs.domain.contract_flags import legal_entity_of
from pairjobs.domain.precarity import Flag
from pairjobs.infra.clock import PARIS
from pairjobs.models import Organization
from pairjobs.models.position import STABLE_CONTRACT_TYPES

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
    # Their sessions held met what was promised (None: no promise, or no session recorded on any contract).
    person_supervision_kept: bool | None = None

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

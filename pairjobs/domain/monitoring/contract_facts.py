"""The facts of the contracts running on a date, and the movements of people at their employers.

Employment at an employer (a legal entity, every establishment of one FINESS EJ) is followed per person
as spans of consecutive days: contracts that touch or overlap make one span. A span that starts in the
window is an entry when it is the person's first at the employer (a return otherwise), one that ends
in it an exit; nothing finer than the month is kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.monitoring.facts import (
    AT_LEAST_MONTHLY,
    CDD_TYPES,
    PERMANENT,
    PROFESSIONAL_SUPERVISION,
    ContractFact,
    FlagFact,
    FlowFact,
    Place,
    months_between,
    years_before,
)
from pairjobs.extensions import db
from pairjobs.models import Contract, ContractState, Organization


def is_active_on(c: Contract, day: date) -> bool:
    """Running on the day, by the best knowledge when the figures are computed: started, and not ended
    before it. A fixed term still active in the records after its end date is running: flagged, not
    dropped. An end recorded late is an end all the same (a revision of a past date takes it in)."""
    if c.start_date > day:
        return False
    return c.end_date is None or c.end_date >= day or _overdue(c, day)


def _overdue(c: Contract, day: date) -> bool:
    return c.end_date is not None and c.end_date < day and c.state == ContractState.ACTIVE


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
    for number, s in enumerate(person_spans):
        first = s.contracts[0]
        if window_start < s.start <= day:
            # An entry is the start of a person new to the employer; a later span is a return.
            out.append(FlowFact(place_of(first), "return" if number else "entry", person_key,
                                s.start.strftime("%Y-%m")))
        elif cohort_start < s.start <= window_start and not number:
            out.append(FlowFact(place_of(first), "cohort", person_key, s.start.strftime("%Y-%m"),
                                retained=employed))
        exit_day = s.last + timedelta(days=1)
        if window_start < exit_day <= day:
            ending = max(s.contracts, key=lambda c: (_last_day(c, day), c.id or 0))
            out.append(FlowFact(place_of(ending), "exit", person_key, s.last.strftime("%Y-%m"),
                                end_reason=ending.end_reason.value if ending.end_reason else None))
        for earlier, later in zip(s.contracts, s.contracts[1:], strict=False):
            # A fixed term followed in the same span by a permanent contract: a conversion (recorded as
            # such, or a CDD then a CDI in a survey).
            if (earlier.contract_type.value not in PERMANENT and later.contract_type.value in PERMANENT
                    and window_start < later.start_date <= day):
                out.append(FlowFact(place_of(later), "conversion", person_key,
                                    later.start_date.strftime("%Y-%m"),
                                    months_to_cdi=months_between(s.start, later.start_date)))
    # One movement of each kind per person (the latest): a person counts once, at one place.
    latest = {}
    for flow in out:
        latest[flow.kind] = flow
    return list(latest.values())


def _all_kept(judged: list[bool | None]) -> bool | None:
    """A person's supervision kept: every contract judged on its sessions kept its promise (None when none
    of their contracts is judged on sessions)."""
    known = [k for k in judged if k is not None]
    return all(known) if known else None


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
    main = {key: min(cs, key=lambda c: (-c.fte_percent, c.start_date, c.id or 0)).id
            for key, cs in running.items()}
    kept = {c.id: flagger.supervision_kept(c, day) for c in active}
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
            person_professional=any(x.supervision_frequency.value in AT_LEAST_MONTHLY
                                    and x.supervision_kind
                                    and x.supervision_kind.value in PROFESSIONAL_SUPERVISION
                                    for x in theirs),
            person_supervision_kept=_all_kept([kept[x.id] for x in theirs])))
    return contracts, flows

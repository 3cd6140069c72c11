"""The ARS figures: facts of a date (live for today, frozen in a snapshot for a recorded date), the
indicators and tables computed from them, and the open data published from snapshots."""

from __future__ import annotations

from datetime import date

from flask import current_app

from pairjobs.domain.monitoring import indicators, snapshots
from pairjobs.domain.monitoring.contract_facts import contract_and_flow_facts
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.position_facts import position_facts
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.infra.caching import cached_by_args
from pairjobs.infra.clock import today
from pairjobs.models.snapshot import Snapshot

# Live facts read these tables: contracts (and a post's opening days, on its position), positions and
# their applications. Each part is cached on its own tables: a new application does not make the
# contracts' flags computed again.
CONTRACT_TABLES = ("contract", "organization", "position")
POSITION_TABLES = ("application", "credential", "organization", "position")
LIVE_TABLES = tuple(sorted(set(CONTRACT_TABLES + POSITION_TABLES)))


class DateNotRecorded(Exception):
    """Figures were asked for a date that is neither today nor a recorded snapshot."""

    def __init__(self, day: date, accepted: list[date]):
        super().__init__(day.isoformat())
        self.day = day
        self.accepted = accepted


@cached_by_args(*CONTRACT_TABLES)
def _today_contracts(day: date) -> tuple[list, list]:
    return contract_and_flow_facts(day)


@cached_by_args(*POSITION_TABLES)
def _today_positions(day: date) -> list:
    return position_facts(day)


def today_facts(day: date) -> Facts:
    """Today's facts for the whole region, each part computed once until its records change."""
    contracts, flows = _today_contracts(day)
    return Facts(day, contracts, _today_positions(day), flows)


@cached_by_args(*LIVE_TABLES)
def today_figures(scope: Scope) -> dict:
    """Today's figures of a scope (small: what is cached is read at every request, not the facts)."""
    return snapshots.figures(indicators.in_scope(today_facts(scope.as_of), scope), scope.department)


class Report:
    """The figures of a scope on a date: live (no snapshot; today's figures, cached until the records
    change), or from a snapshot, whose figures for the scope were computed when it was recorded. `frozen`
    holds those figures; the facts are read only when a list needs them."""

    def __init__(self, scope: Scope, snapshot: Snapshot | None, facts: Facts | None = None,
                 frozen: dict | None = None):
        self.scope, self.snapshot, self._facts, self.frozen = scope, snapshot, facts, frozen

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = (snapshots.facts_of(self.snapshot, self.scope) if self.snapshot else
                           indicators.in_scope(today_facts(self.scope.as_of), self.scope))
        return self._facts

    def flagged_contracts(self, organization_id: int | None = None) -> list:
        """The scope's flagged running contracts (of one organization)."""
        if self.snapshot is not None:
            return snapshots.contracts_of(self.snapshot, self.scope, organization_id, flagged=True)
        return [c for c in self.facts.contracts if c.flags
                and (organization_id is None or c.place.organization_id == organization_id)]

    def flagged_open_positions(self, organization_id: int | None = None) -> list:
        """The scope's positions open on the date with a flag (of one organization)."""
        if self.snapshot is not None:
            return snapshots.positions_of(self.snapshot, self.scope, organization_id, open_flagged=True)
        return [p for p in self.facts.positions if p.open and p.flags
                and (organization_id is None or p.place.organization_id == organization_id)]

    def values(self) -> dict:
        return self.frozen["summary"] if self.frozen else indicators.values(self.facts)

    def summary(self) -> dict:
        values = self.values()
        return {"as_of": self.scope.as_of.isoformat(), "scope": self.scope.describe(), **values,
                "references": indicators.references(self.scope,
                                                    current_app.config["REFERENCE_FIGURES"], values),
                "snapshot": self.snapshot.describe() if self.snapshot else None}


def accepted_dates() -> list[date]:
    """The dates figures can be asked for: every recorded date, and today."""
    return sorted({*snapshots.recorded_dates(), today()})


def of_snapshot(snapshot: Snapshot, scope: Scope, parts: tuple[str, ...] = snapshots.FIGURES) -> Report:
    """The report of a scope of a snapshot, with the parts of its recorded figures asked for."""
    frozen = snapshots.frozen(snapshot, scope, parts)
    return Report(scope, snapshot, frozen=frozen) if frozen else Report(scope, snapshot)


def report_for(scope: Scope, revision: int | None = None,
               parts: tuple[str, ...] = snapshots.FIGURES) -> Report:
    """The report of a scope: live for today, from the latest revision of a recorded date (or the
    revision asked for), otherwise DateNotRecorded (figures are never recomputed for a past date)."""
    if revision is not None:
        snapshot = snapshots.revision(scope.as_of, revision)
    elif scope.as_of == today():
        return Report(scope, None, frozen=today_figures(scope))
    else:
        snapshot = snapshots.latest(scope.as_of)
    if snapshot is None:
        raise DateNotRecorded(scope.as_of, accepted_dates())
    return of_snapshot(snapshot, scope, parts)

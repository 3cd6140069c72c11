"""The ARS figures: facts of a date (live for today, frozen in a snapshot for a recorded date), the
indicators and tables computed from them, and the open data published from snapshots."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import current_app

from pairjobs.domain.monitoring import indicators, snapshots
from pairjobs.domain.monitoring import stored as storage
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.live import live_facts
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.infra.clock import today
from pairjobs.models.snapshot import Snapshot

# How today's facts and figures are obtained: computed from the records by default; the web layer passes
# cached versions (pairjobs.web.live_figures), so that the domain knows nothing of the cache.
FactsOfDay = Callable[[date], Facts]
FiguresOfScope = Callable[[Scope], dict]


class DateNotRecorded(Exception):
    """Figures were asked for a date that is neither today nor a recorded snapshot."""

    def __init__(self, day: date, accepted: list[date]):
        super().__init__(day.isoformat())
        self.day = day
        self.accepted = accepted


def figures_of(facts: Facts, scope: Scope) -> dict:
    """The figures of a scope from the region's facts of its date."""
    return storage.figures(indicators.in_scope(facts, scope), scope.department)


class Report:
    """The figures of a scope on a date: today's, live (computed at the request, cached until the records
    change) or computed ahead (`computed`, see snapshots.compute_today; `outdated` when the records changed
    since), or from a recorded snapshot, whose figures for the scope were computed when it was recorded.
    `frozen` holds the figures stored with either; their facts are read only when a list needs them."""

    def __init__(self, scope: Scope, snapshot: Snapshot | None, facts: Facts | None = None,
                 frozen: dict | None = None, today_facts: FactsOfDay = live_facts,
                 computed: Snapshot | None = None, outdated: bool = False):
        self.scope, self.snapshot, self._facts, self.frozen = scope, snapshot, facts, frozen
        self._today_facts = today_facts
        self.computed, self.outdated = computed, outdated

    @property
    def stored(self) -> Snapshot | None:
        """Where the facts are stored: the recorded snapshot, or today's figures computed ahead."""
        return self.snapshot or self.computed

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            source = self.stored
            self._facts = (storage.facts_of(source, self.scope) if source else
                           indicators.in_scope(self._today_facts(self.scope.as_of), self.scope))
        return self._facts

    def flagged_contracts(self, organization_id: int | None = None) -> list:
        """The scope's flagged running contracts (of one organization)."""
        if self.stored is not None:
            return storage.contracts_of(self.stored, self.scope, organization_id, flagged=True)
        return [c for c in self.facts.contracts if c.flags
                and (organization_id is None or c.place.organization_id == organization_id)]

    def flagged_open_positions(self, organization_id: int | None = None) -> list:
        """The scope's positions open on the date with a flag (of one organization)."""
        if self.stored is not None:
            return storage.positions_of(self.stored, self.scope, organization_id, open_flagged=True)
        return [p for p in self.facts.positions if p.open and p.flags
                and (organization_id is None or p.place.organization_id == organization_id)]

    def values(self) -> dict:
        return self.frozen["summary"] if self.frozen else indicators.values(self.facts)

    def summary(self) -> dict:
        values = self.values()
        return {"as_of": self.scope.as_of.isoformat(), "scope": self.scope.describe(), **values,
                "references": indicators.references(self.scope,
                                                    current_app.config["REFERENCE_FIGURES"], values),
                "snapshot": self.snapshot.describe() if self.snapshot else None,
                "computed_at": (self.computed.taken_at.isoformat(timespec="seconds") if self.computed
                                else None)}


def accepted_dates() -> list[date]:
    """The dates figures can be asked for: every recorded date, and today."""
    return sorted({*snapshots.recorded_dates(), today()})


def of_snapshot(snapshot: Snapshot, scope: Scope, parts: tuple[str, ...] = storage.FIGURES) -> Report:
    """The report of a scope of a snapshot, with the parts of its recorded figures asked for."""
    frozen = storage.frozen(snapshot, scope, parts)
    return Report(scope, snapshot, frozen=frozen) if frozen else Report(scope, snapshot)


def of_computed(computed: Snapshot, scope: Scope, parts: tuple[str, ...] = storage.FIGURES,
                outdated: bool = False) -> Report:
    """The report of a scope for today from the figures computed ahead (`computed`)."""
    return Report(scope, None, frozen=storage.frozen(computed, scope, parts), computed=computed,
                  outdated=outdated)


def report_for(scope: Scope, revision: int | None = None, parts: tuple[str, ...] = storage.FIGURES, *,
               today_facts: FactsOfDay = live_facts, today_figures: FiguresOfScope | None = None) -> Report:
    """The report of a scope: live for today, from the latest revision of a recorded date (or the
    revision asked for), otherwise DateNotRecorded (figures are never recomputed for a past date).
    Today's facts and figures come from `today_facts` and `today_figures` (computed when not given)."""
    if revision is not None:
        snapshot = snapshots.revision(scope.as_of, revision)
    elif scope.as_of == today():
        figures = today_figures(scope) if today_figures else figures_of(today_facts(scope.as_of), scope)
        return Report(scope, None, frozen=figures, today_facts=today_facts)
    else:
        snapshot = snapshots.latest(scope.as_of)
    if snapshot is None:
        raise DateNotRecorded(scope.as_of, accepted_dates())
    return of_snapshot(snapshot, scope, parts)

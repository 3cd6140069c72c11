"""The ARS figures: facts of a date (live for today, frozen in a snapshot for a recorded date), the
indicators and tables computed from them, and the open data published from snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from pairjobs.caching import cached_by_args
from pairjobs.domain.statistics import indicators, snapshots
from pairjobs.domain.statistics.facts import Facts, live_facts
from pairjobs.domain.statistics.scope import Scope
from pairjobs.models.snapshot import Snapshot
from pairjobs.timeutil import today

# Live facts read these tables (a post's opening days are on its position).
LIVE_TABLES = ("application", "contract", "credential", "organization", "position")


class DateNotRecorded(Exception):
    """Figures were asked for a date that is neither today nor a recorded snapshot."""

    def __init__(self, day: date, accepted: list[date]):
        super().__init__(day.isoformat())
        self.day = day
        self.accepted = accepted


@cached_by_args(*LIVE_TABLES)
def today_facts(day: date) -> Facts:
    """Today's facts for the whole region, computed once until the records change."""
    return live_facts(day)


@dataclass
class Report:
    """The facts of a scope on a date, and the snapshot they come from (None: live)."""

    scope: Scope
    facts: Facts
    snapshot: Snapshot | None

    def summary(self) -> dict:
        values = indicators.summary(self.facts, self.scope, current_app.config["REFERENCE_FIGURES"])
        return {**values, "snapshot": self.snapshot.describe() if self.snapshot else None}


def accepted_dates() -> list[date]:
    """The dates figures can be asked for: every recorded date, and today."""
    return sorted({*snapshots.recorded_dates(), today()})


def report_for(scope: Scope, revision: int | None = None) -> Report:
    """The report of a scope: live for today, from the latest revision of a recorded date (or the
    revision asked for), otherwise DateNotRecorded (figures are never recomputed for a past date)."""
    if revision is not None:
        snapshot = snapshots.revision(scope.as_of, revision)
        if snapshot is None:
            raise DateNotRecorded(scope.as_of, accepted_dates())
        return Report(scope, snapshots.facts_of(snapshot, scope), snapshot)
    if scope.as_of == today():
        facts = today_facts(scope.as_of)
        contracts, positions, flows = indicators.in_scope(facts, scope)
        return Report(scope, Facts(scope.as_of, contracts, positions, flows), None)
    snapshot = snapshots.latest(scope.as_of)
    if snapshot is None:
        raise DateNotRecorded(scope.as_of, accepted_dates())
    return Report(scope, snapshots.facts_of(snapshot, scope), snapshot)


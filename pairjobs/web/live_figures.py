"""Today's monitoring figures: computed ahead when configured (TODAY_FIGURES_AHEAD, `flask today-figures`
from cron), otherwise computed at the request and cached until the records they read change
(pairjobs.infra.caching).

The domain computes them (pairjobs.domain.monitoring); the web layer, which serves them at every
request, keeps them: the dashboard and the API ask `report_for` here.
"""

from __future__ import annotations

import hashlib
from datetime import date

from flask import current_app

from pairjobs.domain import monitoring
from pairjobs.domain.monitoring import Report, snapshots
from pairjobs.domain.monitoring import stored as storage
from pairjobs.domain.monitoring.contract_facts import contract_and_flow_facts
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.position_facts import position_facts
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.infra.caching import RELEASE, cached_by_args, generations
from pairjobs.infra.clock import today
from pairjobs.models.snapshot import Snapshot

# Live facts read these tables: contracts (and a post's opening days, on its position), positions and
# their applications. Each part is cached on its own tables: a new application does not make the
# contracts' flags computed again.
CONTRACT_TABLES = ("contract", "organization", "position")
POSITION_TABLES = ("application", "credential", "organization", "position")
LIVE_TABLES = tuple(sorted(set(CONTRACT_TABLES + POSITION_TABLES)))


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
    return monitoring.figures_of(today_facts(scope.as_of), scope)


def source_key() -> str:
    """What today's figures are computed from: the generations of the tables they read, the release and
    the flags' thresholds. The same key, the same figures (for the same day)."""
    sources = (RELEASE, sorted(generations(LIVE_TABLES).items()),
               repr(current_app.config["PRECARITY_THRESHOLDS"]))
    return hashlib.sha256(repr(sources).encode()).hexdigest()


def compute_today() -> Snapshot | None:
    """Compute today's figures ahead (None: they are computed from the same records already). The caller
    commits."""
    return snapshots.compute_today(source_key())


def report_for(scope: Scope, revision: int | None = None,
               parts: tuple[str, ...] = storage.FIGURES) -> Report:
    """The report of a scope (pairjobs.domain.monitoring.report_for): today's figures computed ahead when
    configured and computed already today, otherwise computed here (and cached)."""
    if revision is None and scope.as_of == today() and current_app.config["TODAY_FIGURES_AHEAD"]:
        computed = snapshots.computed_today()
        if computed is not None:
            outdated = computed.source_key != source_key()
            return monitoring.of_computed(computed, scope, parts, outdated=outdated)
    return monitoring.report_for(scope, revision, parts, today_facts=today_facts, today_figures=today_figures)

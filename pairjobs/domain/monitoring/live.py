"""The facts of a date computed from the records as they are now."""

from __future__ import annotations

from datetime import date

from pairjobs.domain.monitoring.contract_facts import contract_and_flow_facts
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.position_facts import position_facts


def live_facts(day: date) -> Facts:
    """Every fact of a day: running contracts, positions, movements."""
    contracts, flows = contract_and_flow_facts(day)
    return Facts(day, contracts, position_facts(day), flows)

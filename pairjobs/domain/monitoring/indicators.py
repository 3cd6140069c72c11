"""The indicators of a scope, computed from the facts of one date (live or frozen in a snapshot).

Stocks are given as people, FTE and contracts: a person with several active contracts at one employer
counts once; a person is precarious when none of their active contracts there is permanent, and
supervised when one of them is. Flows cover the twelve months before the date.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from pairjobs.domain.monitoring.facts import PERMANENT, ContractFact, Facts, FlowFact, PositionFact
from pairjobs.domain.monitoring.scope import Scope

SEVERITIES = ("critical", "warning", "info")


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(float(statistics.median(values)), 1) if values else None


def paid(c: ContractFact) -> bool:
    return c.supervision_frequency != "none" and c.supervision_paid_time


def stock(contracts: list[ContractFact]) -> dict:
    """People, FTE and contracts, and the shares of each kind, of a set of running contracts. A person is
    counted at their main contract (`person_main`), with what all their contracts at the employer say."""
    persons = [c for c in contracts if c.person_main]
    n_people, n_contracts = len(persons), len(contracts)
    precarious = sum(p.person_precarious for p in persons)
    supervised = sum(p.person_monthly for p in persons)
    precarious_contracts = sum(c.contract_type not in PERMANENT for c in contracts)
    judged = [p for p in persons if p.person_supervision_kept is not None]
    kept = sum(bool(p.person_supervision_kept) for p in judged)
    return {
        "active_people": n_people,
        "active_fte": round(sum(c.fte_percent for c in contracts) / 100, 2),
        "active_contracts": n_contracts,
        "precarious_people": precarious,
        "precarious_people_share": share(precarious, n_people),
        "cdd_people_share": share(sum(p.person_cdd for p in persons), n_people),
        "precarious_contracts": precarious_contracts,
        "precarious_share": share(precarious_contracts, n_contracts),
        "supervised_monthly_people": supervised,
        "supervised_monthly_people_share": share(supervised, n_people),
        "supervised_professional_people_share": share(sum(p.person_professional for p in persons), n_people),
        "supervised_monthly_share": share(sum(c.monthly for c in contracts), n_contracts),
        "supervised_paid_share": share(sum(paid(c) for c in contracts), n_contracts),
        # People whose contracts' recorded sessions met the promised supervision, among those judged on
        # sessions (a promise and sessions recorded).
        "supervision_judged_people": len(judged),
        "supervision_kept_people": kept,
        "supervision_kept_share": share(kept, len(judged)),
        "lone_peer_share": share(sum(c.peer_team_size == 0 for c in contracts), n_contracts),
        "median_fte": median(c.fte_percent for c in contracts),
        "median_tenure_months": median(p.tenure_months for p in persons),
    }


def flag_counts(contracts: list[ContractFact]) -> dict:
    """Contracts under each flag, by highest severity, and legal flags apart from practice flags."""
    flags: Counter[str] = Counter()
    legal: Counter[str] = Counter()
    practice: Counter[str] = Counter()
    by_severity = dict.fromkeys(SEVERITIES, 0)
    any_legal = any_practice = 0
    for c in contracts:
        if not c.flags:
            continue
        by_severity[min((f.severity for f in c.flags), key=SEVERITIES.index)] += 1
        codes = {f.code for f in c.flags}
        flags.update(codes)
        legal.update({f.code for f in c.flags if f.legal})
        practice.update({f.code for f in c.flags if not f.legal})
        any_legal += any(f.legal for f in c.flags)
        any_practice += any(not f.legal for f in c.flags)
    return {
        "flagged_contracts": sum(by_severity.values()),
        "flagged_contracts_by_severity": by_severity,
        "legal_flagged_contracts": any_legal,
        "practice_flagged_contracts": any_practice,
        "flags": dict(sorted(flags.items())),
        "flags_legal": dict(sorted(legal.items())),
        "flags_practice": dict(sorted(practice.items())),
    }


def flows(items: list[FlowFact]) -> dict:
    """Entries, exits by reason, conversions and retention, in people."""
    def persons(kind, keep=lambda f: True):
        return {f.person for f in items if f.kind == kind and keep(f)}

    exits = [f for f in items if f.kind == "exit"]
    reasons: dict[str, set] = defaultdict(set)
    for f in exits:
        reasons[f.end_reason or "unknown"].add(f.person)
    cohort = persons("cohort")
    retained = persons("cohort", lambda f: f.retained)
    conversions = [f for f in items if f.kind == "conversion"]
    return {
        "entries_12m": len(persons("entry")),
        "returns_12m": len(persons("return")),
        "exits_12m": len(persons("exit")),
        "exits_by_reason": {reason: len(p) for reason, p in sorted(reasons.items())},
        "conversions_to_cdi_12m": len({f.person for f in conversions}),
        "median_months_to_cdi": median(f.months_to_cdi for f in conversions if f.months_to_cdi is not None),
        "retention_cohort_people": len(cohort),
        "retention_12m_share": share(len(retained), len(cohort)),
    }


def positions(items: list[PositionFact]) -> dict:
    """Open positions on the date, and the positions published in the twelve months before it."""
    window = [p for p in items if p.in_window]
    published = len(window)
    applications = sum(p.applications for p in window)
    recruited = sum(p.recruited for p in window)
    return {
        "open_positions": sum(p.open for p in items),
        "positions_published": published,
        "positions_filled": sum(p.outcome == "filled" for p in window),
        "positions_unfilled": sum(p.outcome == "unfilled" for p in window),
        "median_days_to_fill": median(p.days_to_fill for p in window if p.days_to_fill is not None),
        "applications_per_position": round(applications / published, 2) if published else None,
        "recruited_applications": recruited,
        "recruited_verified_credential_share": share(sum(p.recruited_verified for p in window), recruited),
    }


def references(scope: Scope, configured: Mapping[str, Mapping], values: Mapping) -> list[dict]:
    """The reference figures whose measure and scope are those of the report: each one beside the same
    measure on the same scope, never beside another."""
    shown = []
    for key, ref in configured.items():
        wanted = ref.get("scope", {})
        same = (scope.department == wanted.get("department") and scope.org_kind == wanted.get("org_kind")
                and (scope.sector.value if scope.sector else None) == wanted.get("sector"))
        if same and ref["indicator"] in values:
            shown.append({"key": key,
                          **{k: ref[k] for k in ("indicator", "value", "source", "year", "measure")},
                          "scope": dict(wanted), "computed": values[ref["indicator"]]})
    return shown


def in_scope(facts: Facts, scope: Scope) -> Facts:
    """The facts of a scope."""
    return Facts(facts.as_of, [c for c in facts.contracts if scope.covers(c.place)],
                 [p for p in facts.positions if scope.covers(p.place)],
                 [f for f in facts.flows if scope.covers(f.place)])


def values(facts: Facts) -> dict:
    """Every indicator of a set of facts (those of one scope)."""
    return {**stock(facts.contracts), **flag_counts(facts.contracts), **flows(facts.flows),
            **positions(facts.positions)}

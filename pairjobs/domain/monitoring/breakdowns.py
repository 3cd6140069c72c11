"""Breakdowns of a scope's facts by department and by organization: rows of plain values, computed live
or once when a snapshot is recorded (and then stored with it)."""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa

from pairjobs.domain.geo import geography
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.indicators import SEVERITIES, flows, share, stock
from pairjobs.extensions import db
from pairjobs.models import Organization


def organization_labels(ids) -> dict[int, tuple[str, str]]:
    """The name and FINESS of organizations (monitors know an organization by its FINESS, not by an id of
    pairjobs)."""
    ids = sorted(set(ids))
    rows = db.session.execute(sa.select(Organization.id, Organization.name, Organization.finess)
                              .where(Organization.id.in_(ids))).all() if ids else []
    return {org_id: (name, finess) for org_id, name, finess in rows}


def department_rows(facts: Facts, department: str | None = None) -> list[dict]:
    """People, contracts and FTE, their stability and the flows, per department (one when given)."""
    positions: Counter[str] = Counter()
    contracts, moves = defaultdict(list), defaultdict(list)
    for c in facts.contracts:
        contracts[c.place.department_code].append(c)
    for p in facts.positions:
        positions[p.place.department_code] += p.open
    for f in facts.flows:
        moves[f.place.department_code].append(f)
    rows = []
    for d in sorted(geography().departments.values(), key=lambda d: d.code):
        if department and d.code != department:
            continue
        s, m = stock(contracts[d.code]), flows(moves[d.code])
        rows.append({"department": d.code, "name": d.name, "people": s["active_people"],
                     "contracts": s["active_contracts"], "fte": s["active_fte"],
                     "precarious_people": s["precarious_people"],
                     "precarious_people_share": s["precarious_people_share"],
                     "supervised_monthly_people": s["supervised_monthly_people"],
                     "supervised_monthly_people_share": s["supervised_monthly_people_share"],
                     "lone_peer_share": s["lone_peer_share"], "open_positions": positions[d.code],
                     "entries_12m": m["entries_12m"], "exits_12m": m["exits_12m"]})
    return rows


def organization_rows(facts: Facts) -> list[dict]:
    """Each organization with running contracts: its contracts, people and flagged contracts (by the most
    serious flag, legal or practice); not ranked."""
    per: dict[int, list] = defaultdict(list)
    for c in facts.contracts:
        per[c.place.organization_id].append(c)
    labels = organization_labels(per)
    rows = []
    for org_id, contracts in per.items():
        flagged = [c for c in contracts if c.flags]
        worst = Counter(min((f.severity for f in c.flags), key=SEVERITIES.index) for c in flagged)
        place = contracts[0].place
        name, finess = labels.get(org_id, (f"#{org_id}", ""))
        rows.append({"organization_id": org_id, "organization": name, "finess": finess,
                     "department": place.department_code, "sector": place.sector,
                     "contracts": len(contracts), "people": sum(c.person_main for c in contracts),
                     "flagged_contracts": len(flagged), **{s: worst[s] for s in SEVERITIES},
                     "legal_flagged": sum(any(f.legal for f in c.flags) for c in flagged),
                     "practice_flagged": sum(any(not f.legal for f in c.flags) for c in flagged)})
    return rows


ORGANIZATION_COLUMNS = ("rank", "organization", "finess", "department", "sector", "contracts", "people",
                        "flagged_contracts", "flagged_share", *SEVERITIES, "legal_flagged",
                        "practice_flagged")


def by_name(rows: list[dict]) -> list[dict]:
    """Organizations' rows by name, then id: the order of organizations whose ranking ties."""
    return sorted(rows, key=lambda r: (r["organization"], r["organization_id"]))


def ranked_row(row: dict, minimum: int, place: int) -> dict:
    """An organization's row at its place (from 0) in the ranking: ranked, with its flagged share and rank,
    from `minimum` contracts (below it the share is noise: the row says the number is too small)."""
    ranked = row["contracts"] >= minimum
    return row | {"ranked": ranked, "rank": place + 1 if ranked else None,
                  "flagged_share": share(row["flagged_contracts"], row["contracts"]) if ranked else None}


def rank_organizations(rows: list[dict], minimum: int) -> list[dict]:
    """Organizations' rows ranked by flagged share, only from `minimum` contracts; new rows, in the order
    of the ranking: the ranked ones first (by share, then contracts, then name), then the others (by
    contracts, then name)."""
    def key(r: dict) -> tuple:
        ranked = r["contracts"] >= minimum
        return (not ranked, -(share(r["flagged_contracts"], r["contracts"]) or 0) if ranked else 0,
                -r["contracts"])

    ordered = sorted(by_name(rows), key=key)  # stable: ties stay by name
    return [ranked_row(row, minimum, place) for place, row in enumerate(ordered)]

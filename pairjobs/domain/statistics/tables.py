"""The monitoring tables of a report: by department, by organization, flags per organization, flagged
positions and the yearly trend.

Rows hold code values (sector `public`, flag `lone_peer_worker`); pages and exports show their labels
(pairjobs.reports.present). No row describes a contract or a person: monitors see counts per
organization, and no date finer than the month.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from pairjobs.domain.geo import geography
from pairjobs.domain.statistics import Report, snapshots
from pairjobs.domain.statistics.facts import Facts
from pairjobs.domain.statistics.indicators import SEVERITIES, flows, share, stock
from pairjobs.extensions import db
from pairjobs.models import Organization


@dataclass(frozen=True)
class Table:
    """Rows with their columns, in a fixed order, so that pages, charts and exports agree."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict]
    notes: dict = field(default_factory=dict)


def _organization_names(ids) -> dict[int, str]:
    ids = sorted(set(ids))
    return dict(db.session.execute(sa.select(Organization.id, Organization.name)
                                   .where(Organization.id.in_(ids))).all()) if ids else {}


def by_department(report: Report) -> Table:
    """People, contracts and FTE, their stability and the flows, per department of the region."""
    facts = report.facts
    contracts, positions, moves = defaultdict(list), Counter(), defaultdict(list)
    for c in facts.contracts:
        contracts[c.place.department_code].append(c)
    for p in facts.positions:
        positions[p.place.department_code] += p.open
    for f in facts.flows:
        moves[f.place.department_code].append(f)
    rows = []
    for d in sorted(geography().departments.values(), key=lambda d: d.code):
        if report.scope.department and d.code != report.scope.department:
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
    return Table("departments", tuple(rows[0]) if rows else ("department",), rows)


def by_organization(report: Report, minimum: int) -> Table:
    """Organizations with their flagged contracts; ranked by flagged share only from `minimum` contracts
    (below it the share is noise: the row says the number is too small)."""
    per: dict[int, list] = defaultdict(list)
    for c in report.facts.contracts:
        per[c.place.organization_id].append(c)
    names = _organization_names(per)
    rows = []
    for org_id, contracts in per.items():
        flagged = [c for c in contracts if c.flags]
        worst = Counter(min((f.severity for f in c.flags), key=SEVERITIES.index) for c in flagged)
        place = contracts[0].place
        large = len(contracts) >= minimum
        rows.append({"organization_id": org_id, "organization": names.get(org_id, f"#{org_id}"),
                     "department": place.department_code, "sector": place.sector,
                     "contracts": len(contracts), "people": len({c.person for c in contracts}),
                     "flagged_contracts": len(flagged),
                     "flagged_share": share(len(flagged), len(contracts)) if large else None,
                     **{s: worst[s] for s in SEVERITIES},
                     "legal_flagged": sum(any(f.legal for f in c.flags) for c in flagged),
                     "practice_flagged": sum(any(not f.legal for f in c.flags) for c in flagged),
                     "ranked": large})
    rows.sort(key=lambda r: (not r["ranked"], -(r["flagged_share"] or 0), -r["contracts"], r["organization"],
                             r["organization_id"]))
    rank = 0
    for row in rows:
        rank += row["ranked"]
        row["rank"] = rank if row["ranked"] else None
    columns = ("rank", "organization_id", "organization", "department", "sector", "contracts", "people",
               "flagged_contracts", "flagged_share", *SEVERITIES, "legal_flagged", "practice_flagged")
    return Table("organizations", columns, rows, {"minimum": minimum})


def funnel(table: Table) -> dict:
    """Each ranked organization's flagged share against its number of contracts, with the regional share
    and its 95 % control limits for each size."""
    ranked = [r for r in table.rows if r["ranked"]]
    total = sum(r["contracts"] for r in ranked)
    p = sum(r["flagged_contracts"] for r in ranked) / total if total else None
    sizes = sorted({r["contracts"] for r in ranked})
    limits = []
    if p is not None:
        for n in range(max(1, min(sizes)), max(sizes) + 1):
            half = 1.96 * math.sqrt(p * (1 - p) / n)
            limits.append((n, max(0.0, p - half), min(1.0, p + half)))
    points = [(r["contracts"], r["flagged_contracts"] / r["contracts"], r["organization"]) for r in ranked]
    return {"share": p, "limits": limits, "points": points}


def organization_flags(report: Report, organization_id: int | None = None) -> Table:
    """How many active contracts carry each flag, per organization."""
    counts: Counter[tuple[int, str]] = Counter()
    severity: dict[str, str] = {}
    places = {}
    for c in report.facts.contracts:
        if organization_id is not None and c.place.organization_id != organization_id:
            continue
        for f in {f.code: f for f in c.flags}.values():
            counts[(c.place.organization_id, f.code)] += 1
            severity[f.code] = f.severity
            places[c.place.organization_id] = c.place
    names = _organization_names(places)
    rows = [{"organization_id": org_id, "organization": names.get(org_id, f"#{org_id}"),
             "department": places[org_id].department_code, "flag": code, "severity": severity[code],
             "contracts": n} for (org_id, code), n in counts.items()]
    rows.sort(key=lambda r: (r["organization"], r["organization_id"], SEVERITIES.index(r["severity"]), r["flag"]))
    return Table("organization_flags", ("organization_id", "organization", "department", "flag", "severity",
                                        "contracts"), rows)


def flagged_positions(report: Report, code: str | None = None, organization_id: int | None = None) -> Table:
    """Positions open on the date with their flags (positions are public: they may be listed one by one)."""
    rows = []
    for p in sorted(report.facts.positions, key=lambda p: p.position_id):
        codes = tuple(f.code for f in p.flags)
        if not p.open or not codes or (code and code not in codes):
            continue
        if organization_id is not None and p.place.organization_id != organization_id:
            continue
        rows.append({"position_id": p.position_id, "title": p.title, "organization_id": p.place.organization_id,
                     "organization": p.organization_name, "department": p.place.department_code,
                     "contract_type": p.contract_type, "flags": codes})
    return Table("flagged_positions", ("position_id", "title", "organization_id", "organization", "department",
                                       "contract_type", "flags"), rows)


def _year_row(year: int, day: date, facts: Facts | None, revision) -> dict:
    if facts is None:
        return {"year": year, "as_of": day.isoformat(), "revision": None, "people": None, "contracts": None,
                "precarious_people_share": None, "precarious_share": None,
                "supervised_monthly_people_share": None, "entries_12m": None, "conversions_to_cdi_12m": None}
    s, m = stock(facts.contracts), flows(facts.flows)
    return {"year": year, "as_of": day.isoformat(), "revision": revision, "people": s["active_people"],
            "contracts": s["active_contracts"], "precarious_people_share": s["precarious_people_share"],
            "precarious_share": s["precarious_share"],
            "supervised_monthly_people_share": s["supervised_monthly_people_share"],
            "entries_12m": m["entries_12m"], "conversions_to_cdi_12m": m["conversions_to_cdi_12m"]}


def by_year(report: Report, years: int = 5) -> Table:
    """The trend: the snapshot of each 31 December (the report's own date for its year); a year whose
    31 December is not recorded has no figures."""
    rows = []
    for year in range(report.scope.as_of.year - years + 1, report.scope.as_of.year + 1):
        day = min(date(year, 12, 31), report.scope.as_of)
        if day == report.scope.as_of:
            facts, revision = report.facts, report.snapshot.revision if report.snapshot else None
        else:
            snapshot = snapshots.latest(day)
            facts = snapshots.facts_of(snapshot, report.scope) if snapshot else None
            revision = snapshot.revision if snapshot else None
        rows.append(_year_row(year, day, facts, revision))
    return Table("years", tuple(rows[0]), rows)


def summary_table(summary: dict) -> Table:
    """The summary as a two-column table (indicator, value); nested counts as indicator:key rows."""
    rows = []
    for key, value in summary.items():
        if key in ("scope", "snapshot", "references", "as_of"):
            continue
        if isinstance(value, dict):
            rows += [{"indicator": f"{key}:{k}", "value": v} for k, v in value.items()]
        else:
            rows.append({"indicator": key, "value": value})
    return Table("summary", ("indicator", "value"), rows)

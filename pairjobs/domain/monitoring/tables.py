"""The monitoring tables of a report: by department, by organization, flags per organization, flagged
positions and the yearly trend.

Rows hold code values (sector `public`, flag `lone_peer_worker`); pages and exports show their labels
(pairjobs.reports.present). No row describes a contract or a person: monitors see counts per
organization, and no date finer than the month.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from pairjobs.domain.monitoring import Report, of_snapshot, snapshots
from pairjobs.domain.monitoring import stored as storage
from pairjobs.domain.monitoring.breakdowns import (
    ORGANIZATION_COLUMNS,
    department_rows,
    organization_labels,
    organization_rows,
    rank_organizations,
)
from pairjobs.domain.monitoring.indicators import SEVERITIES


@dataclass(frozen=True)
class Table:
    """Rows with their columns, in a fixed order, so that pages, charts and exports agree."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict]


def by_department(report: Report) -> Table:
    """People, contracts and FTE, their stability and the flows, per department of the region."""
    rows = report.frozen["departments"] if report.frozen else department_rows(report.facts,
                                                                               report.scope.department)
    return Table("departments", tuple(rows[0]) if rows else ("department",), rows)


def by_organization(report: Report, minimum: int) -> Table:
    """Organizations with their flagged contracts; ranked by flagged share only from `minimum` contracts
    (below it the share is noise: the row says the number is too small). Stored figures (a snapshot,
    today's computed ahead) are ranked by the database."""
    return organization_page(report, minimum)[0]


def organization_page(report: Report, minimum: int, page: int = 1,
                      per_page: int | None = None) -> tuple[Table, int]:
    """One page of `by_organization` (all of it without `per_page`) and the number of organizations: only
    the page is read of stored figures."""
    if report.stored is not None:
        rows, total = storage.organization_page(report.stored, report.scope, minimum, page, per_page)
    else:
        rows = rank_organizations(organization_rows(report.facts), minimum)
        total = len(rows)
        if per_page is not None:
            rows = rows[(page - 1) * per_page:page * per_page]
    return Table("organizations", ORGANIZATION_COLUMNS, rows), total


def funnel(table: Table) -> dict:
    """Each organization's flagged share against its number of contracts, with the regional share and its
    95 % control limits for each size: the small ones too, whose wide limits say how little their share
    means (the ranking leaves them out)."""
    ranked = [r for r in table.rows if r["contracts"]]
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
    severity: dict[tuple[int, str], str] = {}
    places = {}
    for c in report.flagged_contracts(organization_id):
        for f in {f.code: f for f in c.flags}.values():
            key = (c.place.organization_id, f.code)
            counts[key] += 1
            severity[key] = min(severity.get(key, f.severity), f.severity, key=SEVERITIES.index)
            places[c.place.organization_id] = c.place
    if report.frozen:  # the names as recorded with the snapshot
        labels = {r["organization_id"]: (r["organization"], r.get("finess", ""))
                  for r in report.frozen["organizations"]}
    else:
        labels = organization_labels(places)
    rows = [{"organization_id": org_id, "organization": labels.get(org_id, (f"#{org_id}", ""))[0],
             "finess": labels.get(org_id, ("", ""))[1],
             "department": places[org_id].department_code, "flag": code, "severity": severity[(org_id, code)],
             "contracts": n} for (org_id, code), n in counts.items()]
    rows.sort(key=lambda r: (r["organization"], r["organization_id"],
                             SEVERITIES.index(r["severity"]), r["flag"]))
    return Table("organization_flags",
                 ("organization", "finess", "department", "flag", "severity", "contracts"),
                 rows)


def flagged_positions(report: Report, code: str | None = None, organization_id: int | None = None) -> Table:
    """Positions open on the date with their flags (positions are public: they may be listed one by one)."""
    rows = []
    positions = sorted(report.flagged_open_positions(organization_id), key=lambda p: p.position_id)
    finess = organization_labels(p.place.organization_id for p in positions)
    for p in positions:
        codes = tuple(f.code for f in p.flags)
        if code and code not in codes:
            continue
        rows.append({"position_id": p.position_id, "title": p.title,
                     "organization_id": p.place.organization_id,
                     "finess": finess.get(p.place.organization_id, ("", ""))[1],
                     "organization": p.organization_name, "department": p.place.department_code,
                     "contract_type": p.contract_type, "flags": codes})
    return Table("flagged_positions", ("position_id", "title", "organization", "department",
                                       "contract_type", "flags"), rows)


_EMPTY_YEAR = ("people", "contracts", "precarious_people_share", "precarious_share",
               "supervised_monthly_people_share", "entries_12m", "conversions_to_cdi_12m")


def _year_row(year: int, day: date, values: dict | None, revision) -> dict:
    row = {"year": year, "as_of": day.isoformat(), "revision": revision}
    if values is None:
        return row | dict.fromkeys(_EMPTY_YEAR)
    return row | {"people": values["active_people"], "contracts": values["active_contracts"],
                  **{k: values[k] for k in _EMPTY_YEAR[2:]}}


def by_year(report: Report, years: int = 5) -> Table:
    """The trend: the snapshot of each 31 December (the report's own date for its year); a year whose
    31 December is not recorded has no figures."""
    rows = []
    for year in range(report.scope.as_of.year - years + 1, report.scope.as_of.year + 1):
        day = min(date(year, 12, 31), report.scope.as_of)
        values: dict | None
        if day == report.scope.as_of:
            values, revision = report.values(), report.snapshot.revision if report.snapshot else None
        else:
            snapshot = snapshots.latest(day)
            values = of_snapshot(snapshot, report.scope.at(day), ("summary",)).values() if snapshot else None
            revision = snapshot.revision if snapshot else None
        rows.append(_year_row(year, day, values, revision))
    return Table("years", tuple(rows[0]), rows)


def summary_table(summary: dict) -> Table:
    """The summary as a two-column table (indicator, value); nested counts as indicator:key rows."""
    rows = []
    for key, value in summary.items():
        if key in ("scope", "snapshot", "computed_at", "references", "as_of"):
            continue
        if isinstance(value, dict):
            rows += [{"indicator": f"{key}:{k}", "value": v} for k, v in value.items()]
        else:
            rows.append({"indicator": key, "value": value})
    return Table("summary", ("indicator", "value"), rows)

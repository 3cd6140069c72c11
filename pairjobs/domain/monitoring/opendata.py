"""The open-data file of a published snapshot: a fixed table at a fixed date, in long format, with
statistical disclosure control.

Cells: the region and each of its departments, by sector (all, public, private non-profit, private
for-profit), for a fixed list of indicators. Disclosure control, for each indicator:
- primary: a count of people under the threshold is suppressed ("s"), and so is a count of people with a
  trait (precarious, supervised, supervision kept) when the people of the cell without it are fewer than
  the threshold (none included), or when the count it is part of is suppressed (it would bound it);
- derived: contracts and FTE are suppressed where the count of people is, and a share wherever its
  numerator or its denominator is;
- complementary: in every group of cells with a published total (the sectors of one territory; the
  departments of the region for one sector), the suppressed cells are never alone and their sum is at
  least the threshold, so that no suppressed cell can be derived from the total and the other cells.
  Where no further cell can be suppressed, the total is. For a trait count, the people without the trait
  are protected the same way with the same cells (a trait count is at most its whole: hidden cells with
  few people without the trait would be bounded, or given back, by the published wholes).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Set

from pairjobs.domain.geo import geography
from pairjobs.domain.monitoring.facts import Facts
from pairjobs.domain.monitoring.indicators import flows, stock

REGION = "84"
SECTORS = ("all", "public", "private_nonprofit", "private_forprofit")
PEOPLE_COUNTS = ("people", "precarious_people", "supervised_monthly_people", "supervision_judged_people",
                 "supervision_kept_people", "entries_12m", "exits_12m")
# Counts of people with a trait, whose complement in the cell (the people of the count it is part of, without
# the trait) is protected too: trait -> the count it is part of.
COMPLEMENTED = {"precarious_people": "people", "supervised_monthly_people": "people",
                "supervision_judged_people": "people", "supervision_kept_people": "supervision_judged_people"}
# Counts suppressed with the number of people of the cell (and then protected on their own).
WITH_PEOPLE = ("contracts", "fte")
# share -> (numerator, denominator)
SHARES = {"precarious_people_share": ("precarious_people", "people"),
          "supervised_monthly_people_share": ("supervised_monthly_people", "people"),
          "supervision_kept_share": ("supervision_kept_people", "supervision_judged_people")}
INDICATORS = ("people", "contracts", "fte", "precarious_people", "precarious_people_share",
              "supervised_monthly_people", "supervised_monthly_people_share", "supervision_judged_people",
              "supervision_kept_people", "supervision_kept_share", "entries_12m", "exits_12m")
COLUMNS = ("date", "territory_level", "territory_code", "sector", "indicator", "value")
SUPPRESSED = "s"

Cell = tuple[str, str, str]  # territory level, territory code, sector


def _cell_values(facts: Facts, level: str, code: str, sector: str) -> dict:
    def keep(place):
        return ((level == "region" or place.department_code == code)
                and (sector == "all" or place.sector == sector))

    s = stock([c for c in facts.contracts if keep(c.place)])
    m = flows([f for f in facts.flows if keep(f.place)])
    return {"people": s["active_people"], "contracts": s["active_contracts"], "fte": s["active_fte"],
            "precarious_people": s["precarious_people"],
            "supervised_monthly_people": s["supervised_monthly_people"],
            "supervision_judged_people": s["supervision_judged_people"],
            "supervision_kept_people": s["supervision_kept_people"],
            "entries_12m": m["entries_12m"], "exits_12m": m["exits_12m"]}


def territories() -> list[tuple[str, str]]:
    return [("region", REGION)] + [("department", code) for code in sorted(geography().departments)]


def groups(cells: Iterable[Cell]) -> list[tuple[Cell, list[Cell]]]:
    """Every (total, parts) of the table: sectors within a territory, departments within the region."""
    departments = [code for level, code in territories() if level == "department"]
    out = [((level, code, "all"), [(level, code, s) for s in SECTORS[1:]]) for level, code in territories()]
    out += [(("region", REGION, s), [("department", d, s) for d in departments]) for s in SECTORS]
    return out


def _reduced(rows: list[list[int]], columns: int) -> tuple[list[list[int]], list[int]]:
    """A reduced row echelon form of an integer matrix, with its pivot columns, computed without fractions:
    each row is a non-zero multiple of the same row of the exact reduced form (lead × row − factor × pivot
    row, divided by the row's common divisor), so its zero entries are exactly those of the exact form."""
    rows = [list(r) for r in rows]
    pivots: list[int] = []
    for col in range(columns):
        r0 = len(pivots)
        pivot = next((r for r in range(r0, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[r0], rows[pivot] = rows[pivot], rows[r0]
        lead, pivot_row = rows[r0][col], rows[r0]
        for r in range(len(rows)):
            factor = rows[r][col]
            if r != r0 and factor != 0:
                row = [lead * a - factor * b for a, b in zip(rows[r], pivot_row, strict=True)]
                divisor = math.gcd(*row)
                rows[r] = [a // divisor for a in row] if divisor > 1 else row
        pivots.append(col)
    return rows, pivots


def determined(equations: list[tuple[Cell, list[Cell]]], suppressed: set[Cell]) -> set[Cell]:
    """The suppressed cells that the published cells and the equations (total = sum of parts) give back
    exactly: those whose value is the same in every solution of the equations, i.e. pivot columns of the
    reduced system whose row holds no free column."""
    unknowns = sorted(suppressed)
    index = {cell: i for i, cell in enumerate(unknowns)}
    matrix = []
    for total, parts in equations:
        row = [0] * len(unknowns)
        if total in index:
            row[index[total]] += 1
        for part in parts:
            if part in index:
                row[index[part]] -= 1
        if any(row):
            matrix.append(row)
    if not matrix:
        return set()
    reduced, pivots = _reduced(matrix, len(unknowns))
    free = [c for c in range(len(unknowns)) if c not in set(pivots)]
    return {unknowns[col] for r, col in enumerate(pivots) if all(reduced[r][f] == 0 for f in free)}


def _widen(values, suppressed: set[Cell], cells: list[Cell], hidden_sum: float, threshold: int) -> bool:
    """Suppress one more of `cells`: the smallest that brings the hidden sum to the threshold, else the
    largest. False when every cell is suppressed already."""
    candidates = sorted((c for c in cells if c not in suppressed), key=lambda c: (values[c], c))
    if not candidates:
        return False
    enough = [c for c in candidates if hidden_sum + values[c] >= threshold]
    suppressed.add(enough[0] if enough else candidates[-1])
    return True


def protect(values: dict[Cell, float], suppressed: set[Cell], threshold: int) -> set[Cell]:
    """Complementary suppression: grow `suppressed` until, in every group (total = sum of parts), no
    suppressed cell is alone, the suppressed parts of a published total add up to at least the threshold,
    and no suppressed cell can be solved for from all the groups together."""
    suppressed = set(suppressed)
    equations = groups(values)
    while True:
        changed = False
        for total, parts in equations:
            cells = [total, *parts]
            hidden = [c for c in cells if c in suppressed]
            if not hidden:
                continue
            if total in suppressed:
                if len(hidden) == 1:  # a total alone is the sum of its parts
                    changed |= _widen(values, suppressed, parts, 0, threshold)
                continue
            remainder = values[total] - sum(values[p] for p in parts if p not in suppressed)
            if len(hidden) < 2 or remainder < threshold:
                if not _widen(values, suppressed, parts, remainder, threshold):
                    suppressed.add(total)
                changed = True
        if changed:
            continue
        solvable = determined(equations, suppressed)
        if not solvable:
            return suppressed
        for cell in sorted(solvable):
            touching = [c for total, parts in equations if cell in (total, *parts) for c in (total, *parts)]
            if _widen(values, suppressed, touching, 0, threshold):
                break
        else:
            return suppressed  # pragma: no cover - every cell of its groups is suppressed already


def suppressed_cells(text: str) -> set[tuple[Cell, str]]:
    """The suppressed (cell, indicator) of a published file."""
    return {((r["territory_level"], r["territory_code"], r["sector"]), r["indicator"])
            for r in csv.DictReader(io.StringIO(text)) if r["value"] == SUPPRESSED}


def table(facts: Facts, threshold: int, keep: Set[tuple[Cell, str]] = frozenset()) -> list[dict]:
    """The rows of the file, in a fixed order, with suppressed values as "s" (and those of `keep`, the
    cells suppressed in an earlier file of the same date)."""
    cells = [(level, code, sector) for level, code in territories() for sector in SECTORS]
    raw = {cell: _cell_values(facts, *cell) for cell in cells}
    hidden: dict[str, set[Cell]] = {}
    for name in PEOPLE_COUNTS:
        values = {cell: raw[cell][name] for cell in cells}
        primary = {cell for cell, v in values.items() if v < threshold} | {c for c, i in keep if i == name}
        if name in COMPLEMENTED:
            # The people of the cell without the trait are a count too (none at all would tell the trait
            # of everyone in the cell), and a trait count bounds the cell's hidden people from below.
            whole = COMPLEMENTED[name]
            primary |= {cell for cell, v in values.items() if raw[cell][whole] - v < threshold}
            primary |= hidden[whole]
            # The people without the trait are protected as their own table, with the same cells hidden:
            # a trait count is at most its whole, so hidden cells whose people without the trait added up
            # to less than the threshold (none at all, say) would be bounded, even given back exactly.
            others = {cell: raw[cell][whole] - v for cell, v in values.items()}
            hidden[name] = protect(values, primary, threshold)
            while (both := protect(others, hidden[name], threshold)) != hidden[name]:
                hidden[name] = protect(values, both, threshold)
            continue
        hidden[name] = protect(values, primary, threshold)
    for name in WITH_PEOPLE:
        hidden[name] = protect({cell: raw[cell][name] for cell in cells},
                               hidden["people"] | {c for c, i in keep if i == name}, threshold)
    rows = []
    day = facts.as_of.isoformat()
    for cell in cells:
        for name in INDICATORS:
            if name in SHARES:
                numerator, denominator = SHARES[name]
                if (cell in hidden[numerator] or cell in hidden[denominator] or not raw[cell][denominator]
                        or (cell, name) in keep):
                    value = SUPPRESSED
                else:
                    value = round(raw[cell][numerator] / raw[cell][denominator], 3)
            else:
                value = SUPPRESSED if cell in hidden[name] else raw[cell][name]
            rows.append({"date": day, "territory_level": cell[0], "territory_code": cell[1],
                         "sector": cell[2],
                         "indicator": name, "value": value})
    return rows


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def table_schema(threshold: int) -> dict:
    """The Frictionless Table Schema of the file."""
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": "pairjobs — pairs-aidants salariés en Auvergne-Rhône-Alpes",
        "description": (
            "Indicateurs de stabilité des contrats et de supervision des pairs-aidants salariés, à une date "
            "d'arrêté (instantané figé). Secret statistique : une valeur est remplacée par « s » quand elle "
            f"compte moins de {threshold} personnes, quand elle en est dérivée, ou pour empêcher de la "
            "retrouver par différence avec les totaux."),
        "fields": [
            {"name": "date", "type": "date", "format": "%Y-%m-%d", "title": "Date d'arrêté",
             "constraints": {"required": True}},
            {"name": "territory_level", "type": "string", "title": "Niveau territorial",
             "constraints": {"required": True, "enum": ["region", "department"]}},
            {"name": "territory_code", "type": "string", "title": "Code INSEE du territoire",
             "constraints": {"required": True, "enum": [code for _, code in territories()]}},
            {"name": "sector", "type": "string", "title": "Secteur de l'employeur",
             "constraints": {"required": True, "enum": list(SECTORS)}},
            {"name": "indicator", "type": "string", "title": "Indicateur",
             "constraints": {"required": True, "enum": list(INDICATORS)}},
            {"name": "value", "type": "number", "title": "Valeur (« s » : secret statistique)",
             "constraints": {"minimum": 0}},
        ],
        "missingValues": [SUPPRESSED],
        "primaryKey": ["date", "territory_level", "territory_code", "sector", "indicator"],
    }

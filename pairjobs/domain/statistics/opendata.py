"""The open-data file of a published snapshot: a fixed table at a fixed date, in long format, with
statistical disclosure control.

Cells: the region and each of its departments, by sector (all, public, private non-profit, private
for-profit), for a fixed list of indicators. Disclosure control, for each indicator:
- primary: a count of people under the threshold is suppressed ("s");
- derived: contracts and FTE are suppressed where the count of people is, and a share wherever its
  numerator or its denominator is;
- complementary: in every group of cells with a published total (the sectors of one territory; the
  departments of the region for one sector), the suppressed cells are never alone and their sum is at
  least the threshold, so that no suppressed cell can be derived from the total and the other cells.
  Where no further cell can be suppressed, the total is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from pairjobs.domain.geo import geography
from pairjobs.domain.statistics.facts import Facts
from pairjobs.domain.statistics.indicators import flows, stock

REGION = "84"
SECTORS = ("all", "public", "private_nonprofit", "private_forprofit")
PEOPLE_COUNTS = ("people", "precarious_people", "supervised_monthly_people", "entries_12m", "exits_12m")
# Counts suppressed with the number of people of the cell (and then protected on their own).
WITH_PEOPLE = ("contracts", "fte")
# share -> (numerator, denominator)
SHARES = {"precarious_people_share": ("precarious_people", "people"),
          "supervised_monthly_people_share": ("supervised_monthly_people", "people")}
INDICATORS = ("people", "contracts", "fte", "precarious_people", "precarious_people_share",
              "supervised_monthly_people", "supervised_monthly_people_share", "entries_12m", "exits_12m")
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
            "precarious_people": s["precarious_people"], "supervised_monthly_people": s["supervised_monthly_people"],
            "entries_12m": m["entries_12m"], "exits_12m": m["exits_12m"]}


def territories() -> list[tuple[str, str]]:
    return [("region", REGION)] + [("department", code) for code in sorted(geography().departments)]


def groups(cells: Iterable[Cell]) -> list[tuple[Cell, list[Cell]]]:
    """Every (total, parts) of the table: sectors within a territory, departments within the region."""
    departments = [code for level, code in territories() if level == "department"]
    out = [((level, code, "all"), [(level, code, s) for s in SECTORS[1:]]) for level, code in territories()]
    out += [(("region", REGION, s), [("department", d, s) for d in departments]) for s in SECTORS]
    return out


def protect(values: dict[Cell, float], suppressed: set[Cell], threshold: int) -> set[Cell]:
    """Complementary suppression: grow `suppressed` until, in each group whose total is published, the
    suppressed parts are none, or at least two whose sum reaches the threshold."""
    suppressed = set(suppressed)
    all_groups = groups(values)
    changed = True
    while changed:
        changed = False
        for total, parts in all_groups:
            if total in suppressed:
                continue
            hidden = [p for p in parts if p in suppressed]
            hidden_sum = sum(values[p] for p in hidden)
            if not hidden or (len(hidden) >= 2 and hidden_sum >= threshold):
                continue
            candidates = sorted((p for p in parts if p not in suppressed), key=lambda p: (values[p], p))
            if not candidates:
                suppressed.add(total)
            else:
                enough = [p for p in candidates if hidden_sum + values[p] >= threshold]
                suppressed.add(enough[0] if enough else candidates[-1])
            changed = True
    return suppressed


def table(facts: Facts, threshold: int) -> list[dict]:
    """The rows of the file, in a fixed order, with suppressed values as "s"."""
    cells = [(level, code, sector) for level, code in territories() for sector in SECTORS]
    raw = {cell: _cell_values(facts, *cell) for cell in cells}
    hidden: dict[str, set[Cell]] = {}
    for name in PEOPLE_COUNTS:
        values = {cell: raw[cell][name] for cell in cells}
        hidden[name] = protect(values, {cell for cell, v in values.items() if v < threshold}, threshold)
    for name in WITH_PEOPLE:
        hidden[name] = protect({cell: raw[cell][name] for cell in cells}, hidden["people"], threshold)
    rows = []
    day = facts.as_of.isoformat()
    for cell in cells:
        for name in INDICATORS:
            if name in SHARES:
                numerator, denominator = SHARES[name]
                if cell in hidden[numerator] or cell in hidden[denominator] or not raw[cell][denominator]:
                    value = SUPPRESSED
                else:
                    value = round(raw[cell][numerator] / raw[cell][denominator], 3)
            else:
                value = SUPPRESSED if cell in hidden[name] else raw[cell][name]
            rows.append({"date": day, "territory_level": cell[0], "territory_code": cell[1], "sector": cell[2],
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
            "d'arrêté (instantané figé). Secret statistique : une valeur est remplacée par « s » quand elle "
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
            {"name": "value", "type": "number", "title": "Valeur (« s » : secret statistique)",
             "constraints": {"minimum": 0}},
        ],
        "missingValues": [SUPPRESSED],
        "primaryKey": ["date", "territory_level", "territory_code", "sector", "indicator"],
    }

"""CSV and XLSX files of the monitoring tables, and the open-data CSV with small counts suppressed."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from pairjobs.domain.report_tables import Table
from pairjobs.spreadsheets import safe_cell

SUPPRESSED = "s"  # "secret statistique": fewer people than the threshold


def _safe_rows(table: Table) -> list[dict]:
    return [{k: safe_cell(v) for k, v in row.items()} for row in table.rows]


def to_csv(table: Table) -> str:
    """The table as CSV (comma-separated, UTF-8, header row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=table.columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(_safe_rows(table))
    return out.getvalue()


def to_xlsx(table: Table) -> bytes:
    """The table as an Excel workbook with one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    sheet.append(list(table.columns))
    for row in _safe_rows(table):
        sheet.append([row.get(column) for column in table.columns])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def suppress_small_counts(table: Table, minimum: int) -> Table:
    """A copy where every count of people under `minimum`, and every share built on one, is suppressed."""
    rows = []
    for row in table.rows:
        row = dict(row)
        small = {c for c in table.people_columns if isinstance(row.get(c), int) and row[c] < minimum}
        for share, numerator, denominator in table.shares:
            if numerator in small or denominator in small:
                row[share] = SUPPRESSED
        for column in small:
            row[column] = SUPPRESSED
        rows.append(row)
    return Table(table.name, table.columns, rows, table.people_columns, table.shares)

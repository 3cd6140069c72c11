"""The monitoring tables as files for the analyst: CSV that a French spreadsheet opens by double click
(semicolon, UTF-8 with BOM, decimal comma, French headers and labels) and XLSX with shares formatted as
percentages."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pairjobs.domain.monitoring.tables import Table
from pairjobs.infra.spreadsheets import safe_cell
from pairjobs.reports import present

BOM = "\ufeff"


def _is_share(table: Table, column: str, row: dict) -> bool:
    if table.name == "summary" and column == "value":
        return row["indicator"].split(":")[0].endswith("_share")
    return column.endswith("_share")


def _cells(table: Table) -> list[list]:
    """Rows as the reader sees them: labels for codes, the summary's indicators named."""
    rows = []
    for row in table.rows:
        cells = []
        for column in table.columns:
            v = row.get(column)
            if table.name == "summary" and column == "indicator" and isinstance(v, str):
                v = present.indicator(v)
            elif column == "flagged_share" and v is None and row.get("ranked") is False:
                v = present.not_ranked()  # as the page says it, rather than an empty cell
            elif column == "as_of" and isinstance(v, str):
                v = date.fromisoformat(v)
            else:
                v = present.value(column, v)
            cells.append(v)
        rows.append(cells)
    return rows


def _french_number(v) -> str:
    if isinstance(v, bool) or v is None:
        return "" if v is None else ("oui" if v else "non")
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".").replace(".", ",") if v % 1 else str(int(v))
    return str(v)


def to_csv(table: Table) -> str:
    """The table as CSV for a French spreadsheet (text with its BOM; the caller encodes it in UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([present.column(c) for c in table.columns])
    for row, cells in zip(table.rows, _cells(table), strict=True):
        formatted = []
        for column, v in zip(table.columns, cells, strict=True):
            if isinstance(v, int | float) and not isinstance(v, bool) and _is_share(table, column, row):
                formatted.append(f"{v * 100:.1f}".replace(".", ",") + " %")
            elif isinstance(v, int | float | bool) or v is None:
                formatted.append(_french_number(v))
            elif isinstance(v, date):
                formatted.append(v.strftime("%d/%m/%Y"))  # a date to a French spreadsheet
            else:
                formatted.append(safe_cell(v))
        writer.writerow(formatted)
    return BOM + out.getvalue()


def to_xlsx(table: Table) -> bytes:
    """The table as an Excel workbook with one sheet; shares as percentages."""
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook starts with one worksheet")
    sheet.title = present.table_title(table.name)[:31]
    sheet.append([present.column(c) for c in table.columns])
    for row, cells in zip(table.rows, _cells(table), strict=True):
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in cells])
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=sheet.max_row, column=index)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(cell.value, float | int) and _is_share(table, column, row):
                cell.number_format = "0.0%"
            elif isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for index, column in enumerate(table.columns, start=1):
        width = max(10, min(40, len(present.column(column)) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

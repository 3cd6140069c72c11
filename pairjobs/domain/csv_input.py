"""Reading a CSV file that people fill in a spreadsheet: UTF-8, semicolons, a header line naming the columns,
French dates accepted (DD/MM/YYYY)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection

from flask_babel import gettext as _

from pairjobs.domain.errors import DomainError

DELIMITER = ";"
LINE = "__line__"  # the key of a row's line number in the file
_FRENCH_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def iso_day(value: str) -> str:
    """A French date (DD/MM/YYYY) written as YYYY-MM-DD; any other text unchanged."""
    if match := _FRENCH_DATE.match(value):
        day, month, year = match.groups()
        return f"{year}-{month}-{day}"
    return value


def decode(data: bytes) -> str:
    """The text of an uploaded file, or DomainError when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("The file is not in UTF-8. In your spreadsheet, "
                            "save it as “CSV UTF-8”.")) from None


def _header(fields: list[str], line: str, columns: Collection[str], known: Collection[str]) -> list[str]:
    """The column names of the header line (its fields, and the line as written), checked: every required
    column, known optional ones."""
    header = [h.strip().lower() for h in fields]
    missing = [c for c in columns if c not in header]
    if missing:
        for other in (",", "\t", "|"):
            if all(c in [h.strip().strip('"').lower() for h in line.split(other)] for c in columns):
                raise DomainError(_("The columns are separated by “%(found)s”: use a semicolon (;), as "
                                    "in the template.", found=other if other != "\t" else "tab"))
        raise DomainError(_("The header line does not match the template. Missing or misplaced columns: "
                            "%(columns)s.", columns=", ".join(missing)))
    unknown = [h for h in header if h not in known]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if unknown or repeated:
        raise DomainError(_("The header line does not match the template. Unknown or repeated columns: "
                            "%(columns)s.", columns=", ".join(unknown + repeated)))
    return header


def _record(reader) -> list[str] | None:
    """The next record of the file, None at its end; DomainError for a line the CSV module cannot read."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error:  # a cell over the CSV module's limit (131,072 characters), a stray quote
        raise DomainError(_("Line %(n)d cannot be read: a quote is not closed, or a cell is far too long (at "
                            "most %(max)d characters).", n=reader.line_num,
                            max=csv.field_size_limit())) from None


def csv_rows(text: str, columns: Collection[str], known: Collection[str],
             optional: Collection[str] = ()) -> list[dict[str, str]]:
    """The data lines as dicts by column, each with its line number in the file (LINE; blank lines left
    out; "__extra__" marks a line longer than the header), or DomainError for an empty file or a header that
    does not match. Line ends may be those of any system."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[0].strip():
        raise DomainError(_("The file is empty."))
    reader = csv.reader(io.StringIO(text), delimiter=DELIMITER)
    header = _header(_record(reader) or [], lines[0], columns, known)
    rows = []
    while True:
        first_line = reader.line_num + 1
        values = _record(reader)
        if values is None:
            break
        if not any(v.strip() for v in values):
            continue
        row = dict.fromkeys(optional, "") | dict(zip(header, values + [""] * (len(header) - len(values)),
                                                     strict=False))
        rows.append(row | {LINE: str(first_line)} | ({"__extra__": "1"} if len(values) > len(header) else {}))
    return rows

"""Text safe to open in a spreadsheet (CSV with either delimiter, XLSX).

A spreadsheet runs as a formula a cell that starts with `=`, `+`, `-` or `@`, also after leading spaces,
and a CSV opened with another delimiter than it was written with splits a cell at `;`, `,` or a tab: so
every such start, at the beginning of the text or right after one of those separators (spaces allowed in
between), gets an apostrophe before it, which spreadsheets show as text.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A formula character at the start of the text or of a piece a delimiter would cut off.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([;,\t\r\n])(\s*)([=+\-@])")


def safe_cell(value):
    """Text that a spreadsheet would run as a formula, wherever a separator could cut it, is neutralised."""
    if not isinstance(value, str):
        return value
    value = _FORMULA_AFTER_SEPARATOR.sub(r"\1\2'\3", value)
    if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value

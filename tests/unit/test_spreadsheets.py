"""Spreadsheet formulas (issue 15, point 8): no cell text starts a formula, wherever a delimiter cuts it."""

import pytest

from pairjobs.infra.spreadsheets import safe_cell

TRIGGERS = ["=", "+", "-", "@"]


@pytest.mark.parametrize("trigger", TRIGGERS)
@pytest.mark.parametrize("template", [
    "{t}1+1", "  {t}1+1", "\u00a0{t}1+1", "Poste;{t}HYPERLINK(\"x\")", "Poste; {t}cmd", "Poste,{t}cmd",
    "Poste,  {t}cmd", "Poste\t{t}cmd", "Poste\n{t}cmd", "a;b,{t}c", "{t}a;{t}b",
])
def test_no_piece_a_delimiter_cuts_off_starts_a_formula(trigger, template):
    value = template.format(t=trigger)
    safe = safe_cell(value)
    for delimiter in (";", ",", "\t", "\n", "\r"):
        for piece in safe.split(delimiter):
            stripped = piece.strip()
            assert not stripped.startswith(tuple(TRIGGERS)), (value, safe, delimiter, piece)


@pytest.mark.parametrize("value", ["Pair-aidant", "CDI à 80 %", "a-b; c", "Lyon, 69003", "x@example.org", ""])
def test_ordinary_text_is_kept(value):
    assert safe_cell(value) == value


def test_numbers_are_kept():
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5 and safe_cell(None) is None

"""French establishment identifiers: FINESS and SIRET."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

_FINESS_RE = re.compile(r"^(?:\d{2}|2[AB])\d{7}$")
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class FinessCheck:
    """Outcome of checking a FINESS number: the compact form and whether its key matches."""

    number: str
    key_valid: bool


def compact(value: str) -> str:
    """Strip spaces, dots and dashes, and upper-case (for 2A/2B)."""
    return _SEPARATORS.sub("", value or "").upper()


def check_finess(value: str) -> FinessCheck | None:
    """Check a FINESS number's format (None if wrong) and its unofficial Luhn key.

    The key is a convention, not a published rule: a failed key is reported, never rejected.
    """
    number = compact(value)
    if not _FINESS_RE.match(number):
        return None
    digits = number.replace("2A", "21", 1) if number.startswith("2A") else number
    digits = digits.replace("2B", "22", 1) if digits.startswith("2B") else digits
    return FinessCheck(number=number, key_valid=luhn.is_valid(digits))


def format_finess(number: str) -> str:
    """Display form: "NN NNN NNN N"."""
    return f"{number[:2]} {number[2:5]} {number[5:8]} {number[8:]}"


def check_siret(value: str) -> str | None:
    """The compact SIRET if valid (Luhn with La Poste's exception), else None."""
    try:
        return stdnum_siret.validate(compact(value))
    except StdnumError:
        return None

"""Parsing of raw input (form strings or JSON values) into typed values, collecting field errors.

Forms and the API hand the same raw mapping to the domain, so both get the same rules and the
same messages.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _

MISSING = object()


class Reader:
    """Reads fields from a raw mapping; each problem is recorded against its field."""

    def __init__(self, raw: Mapping[str, Any]):
        self.raw = raw
        self.errors: dict[str, list[str]] = {}

    def error(self, name: str, message: str) -> None:
        """Record a problem with a field."""
        self.errors.setdefault(name, []).append(message)

    def _value(self, name: str):
        value = self.raw.get(name, MISSING)
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                return MISSING
        if value is None:
            return MISSING
        return value

    def text(self, name: str, max_length: int, required: bool = False) -> str | None:
        """A string of at most max_length characters."""
        value = self._value(name)
        if value is MISSING:
            if required:
                self.error(name, _("This field is required."))
            return None
        if not isinstance(value, str):
            self.error(name, _("Must be text."))
            return None
        if len(value) > max_length:
            self.error(name, _("At most %(n)d characters.", n=max_length))
            return None
        return value

    def choice(self, name: str, enum_cls: type[enum.Enum], required: bool = False):
        """One value of an enumeration."""
        value = self._value(name)
        if value is MISSING:
            if required:
                self.error(name, _("This field is required."))
            return None
        try:
            return enum_cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum_cls)
            self.error(name, _("Unknown value; expected one of: %(allowed)s.", allowed=allowed))
            return None

    def integer(self, name: str, minimum: int, maximum: int, required: bool = False) -> int | None:
        """A whole number within bounds."""
        value = self._value(name)
        if value is MISSING:
            if required:
                self.error(name, _("This field is required."))
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str, float)):
            self.error(name, _("Must be a whole number."))
            return None
        try:
            number = int(value) if not isinstance(value, float) or value.is_integer() else None
        except ValueError:
            number = None
        if number is None:
            self.error(name, _("Must be a whole number."))
            return None
        if not minimum <= number <= maximum:
            self.error(name, _("Must be between %(min)d and %(max)d.", min=minimum, max=maximum))
            return None
        return number

    def decimal(self, name: str, minimum: float, maximum: float, required: bool = False) -> float | None:
        """A number (comma or dot as decimal separator) within bounds, kept to one decimal."""
        value = self._value(name)
        if value is MISSING:
            if required:
                self.error(name, _("This field is required."))
            return None
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value.replace(",", ".")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            self.error(name, _("Must be a number."))
            return None
        if not (minimum <= number <= maximum):  # also refuses NaN
            self.error(name, _("Must be between %(min)s and %(max)s.", min=minimum, max=maximum))
            return None
        return round(number, 1)

    def boolean(self, name: str, default: bool = False) -> bool:
        """Yes or no; forms send "y"/"on", JSON sends true/false."""
        value = self._value(name)
        if value is MISSING:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"y", "yes", "on", "true", "1"}:
            return True
        if isinstance(value, str) and value.lower() in {"n", "no", "off", "false", "0"}:
            return False
        self.error(name, _("Must be yes or no."))
        return default

    def date(self, name: str, required: bool = False) -> date | None:
        """A calendar date, YYYY-MM-DD."""
        value = self._value(name)
        if value is MISSING:
            if required:
                self.error(name, _("This field is required."))
            return None
        if isinstance(value, date):
            return value
        try:
            if not isinstance(value, str):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.error(name, _("Must be a date (YYYY-MM-DD)."))
            return None

    def given(self, name: str) -> bool:
        """Whether the field holds a value."""
        return self._value(name) is not MISSING

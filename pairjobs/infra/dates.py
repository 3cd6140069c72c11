"""Dates in the reader's language, French-style: the first day of a month is an ordinal ("1er décembre")."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask_babel import format_date, get_locale

_DAY_ONE = re.compile(r"(^|\s)1(\s)")


def first_of_month(text: str, day: date, locale: str) -> str:
    """French writes the first of a month "1er": "1 décembre 2026" → "1er décembre 2026" (the numeric
    forms, "01/12/2026", are left as they are)."""
    if day.day != 1 or not locale.startswith("fr"):
        return text
    return _DAY_ONE.sub(r"\g<1>1er\g<2>", text, count=1)


def long_date(day: date | datetime, format: str = "long") -> str:
    """A date in the current language (a datetime in the user's time zone), "1er" on the first of a month."""
    text = format_date(day, format)
    shown = day.date() if isinstance(day, datetime) else day
    return first_of_month(text, shown, str(get_locale()))

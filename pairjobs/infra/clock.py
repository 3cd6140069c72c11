"""The current date where pairjobs works (Europe/Paris), in one place so tests can freeze it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def today() -> date:
    """Today's date in France."""
    return datetime.now(PARIS).date()

"""Supervision as delivered: the sessions held over the last months against what the position promised.

A contract with sessions recorded is judged on them; a contract without is judged, as before, on what the
employer declares in place (and the flag says so).
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from pairjobs.domain.precarity.base import PRACTICE, Finding, Severity, Thresholds
from pairjobs.domain.precarity.facts import ContractFacts, Situation
from pairjobs.domain.precarity.registry import PERSON, rule
from pairjobs.models.position import SupervisionKind

WINDOWS = (3, 6)  # the months over which the delivered frequency is shown
PROFESSIONAL = frozenset({SupervisionKind.EXTERNAL.value, SupervisionKind.INTERNAL.value})


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it has fewer days)."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Delivery:
    """The sessions held over a window ending on a day, and, when a frequency was promised, how many it
    asked for over the same days."""

    months: int
    start: date  # the window's first day (the contract's first day when it started within the window)
    end: date
    held: int
    contested: int  # sessions the peer worker says were not held (never counted as held)
    due: int | None
    counted_from: date | None = None  # the first day a session counts from (the start less the grace days)

    @property
    def kept(self) -> bool | None:
        """Whether the sessions held reach those due; None when nothing is due yet (nothing promised, or a
        window shorter than the promised interval: too early to judge)."""
        return None if not self.due else self.held >= self.due


def delivery(c: ContractFacts, as_of: date, months: int, grace_days: int = 0,
             min_minutes: int = 0) -> Delivery:
    """The supervision delivered for a contract over the `months` months up to `as_of` (its last day if it
    ended before): the days with a session from the day after the same day `months` months earlier
    (`grace_days` earlier still, `counted_from`: a session a few days late is not a missed one), not
    contested, of `min_minutes` at least, within paid time when paid time was promised, and professional
    (not peer intervision) when professional supervision was promised (several sessions on one day count
    once). What is due is the promised sessions a year over the window, prorated when the
    contract started within it, rounded down."""
    end = min(as_of, c.end_date) if c.end_date is not None else as_of
    nominal = months_before(end, months) + timedelta(days=1)
    start = max(nominal, c.start_date)
    paid_needed = bool(c.promised_supervision_paid_time)
    counted_from = start - timedelta(days=grace_days)
    in_window = [s for s in c.sessions if counted_from <= s.held_on <= end]
    # Peer intervision does not keep a promise of professional supervision (external or internal).
    professional = c.promised_supervision_kind in PROFESSIONAL
    held = len({s.held_on for s in in_window
                if not s.contested and (s.paid_time or not paid_needed) and s.minutes >= min_minutes
                and not (professional and s.kind == SupervisionKind.PEER_INTERVISION.value)})
    promised = c.promised_supervision_frequency
    due = None
    if promised is not None:
        whole = promised.per_year * months / 12
        share = ((end - start).days + 1) / ((end - nominal).days + 1)
        due = math.floor(whole * min(max(share, 0), 1) + 1e-9)
    return Delivery(months, start, end, held, sum(s.contested for s in in_window), due, counted_from)


def deliveries(c: ContractFacts, as_of: date, thresholds: Thresholds) -> list[Delivery]:
    """The supervision delivered over the last 3 and 6 months (nothing when no session is recorded)."""
    if not c.sessions:
        return []
    return [delivery(c, as_of, months, thresholds["supervision_grace_days"],
                     thresholds["supervision_min_minutes"]) for months in WINDOWS]


def kept(c: ContractFacts, as_of: date, thresholds: Thresholds) -> bool | None:
    """Whether the sessions held meet the promise over the configured window; None when nothing was
    promised or no session is recorded (the commitment is then only declared)."""
    promised = c.promised_supervision_frequency
    if not c.sessions or promised is None or not promised.per_year:
        return None
    return _judged(c, as_of, thresholds).kept


def _judged(c: ContractFacts, as_of: date, thresholds: Thresholds) -> Delivery:
    return delivery(c, as_of, thresholds["supervision_window_months"], thresholds["supervision_grace_days"],
                    thresholds["supervision_min_minutes"])


@rule("supervision_not_kept", Severity.WARNING, "practice",
      name=_l("Supervision commitment not kept"), level=PERSON)
def supervision_not_kept(s: Situation, thresholds: Thresholds) -> Finding | None:
    """The supervision held (sessions recorded) or declared in place (none recorded) is below what the
    position promised."""
    c = s.contract
    promised = c.promised_supervision_frequency
    if promised is None:
        return None
    if c.sessions:
        held = _judged(c, s.as_of, thresholds)
        months = held.months
        if held.kept is not False:
            return None
        return Finding(
            ngettext("Supervision held below what the position promised: %(num)d session in the last "
                     "%(months)d months, %(due)d promised",
                     "Supervision held below what the position promised: %(num)d sessions in the last "
                     "%(months)d months, %(due)d promised", held.held, months=months, due=held.due),
            f"{PRACTICE} : séances de supervision enregistrées sur {months} mois (non contestées"
            f"{', sur le temps de travail' if c.promised_supervision_paid_time else ''}) comparées à "
            "l'engagement de l'offre",
        )
    less_often = c.supervision_frequency.per_year < promised.per_year
    unpaid = bool(c.promised_supervision_paid_time) and not c.supervision_paid_time
    if not (less_often or unpaid):
        return None
    return Finding(_("Supervision declared below what the position promised (no session recorded)"),
        f"{PRACTICE} : engagement de supervision de l'offre comparé à la supervision déclarée en place",
    )

"""Calendar invitations (iCalendar, RFC 5545/5546) built with the icalendar package.

One event per interview, always with the interview's UID: a new or changed interview goes as
METHOD:REQUEST, a cancelled one as METHOD:CANCEL, each with a higher SEQUENCE than the last sent, so that
calendar applications update the event they already hold. Times are given in Europe/Paris with its
VTIMEZONE, as the candidate and the employer read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from pairjobs.infra.clock import PARIS
from pairjobs.models.base import utcnow

REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class Invitation:
    """What the event says: the same for the first sending, an update and a cancellation."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    location: str | None
    url: str | None
    organizer_name: str
    organizer_email: str
    attendee_name: str
    attendee_email: str


def invitation_text(invitation: Invitation, method: str) -> str:
    """The iCalendar text of the invitation, for METHOD:REQUEST or METHOD:CANCEL."""
    calendar = Calendar()
    calendar.add("prodid", "-//pairjobs//entretiens//FR")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", invitation.starts_at.astimezone(PARIS))
    event.add("dtend", invitation.ends_at.astimezone(PARIS))
    event.add("summary", invitation.summary)
    event.add("description", invitation.description)
    if invitation.location:
        event.add("location", invitation.location)
    if invitation.url:
        event.add("url", invitation.url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{invitation.organizer_email}")
    organizer.params["cn"] = vText(invitation.organizer_name)
    event["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{invitation.attendee_email}")
    attendee.params["cn"] = vText(invitation.attendee_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")  # the answer is given on pairjobs, not by a reply e-mail
    event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def method_of(text: str) -> str:
    """The METHOD of a stored invitation (for the text/calendar content type)."""
    return str(Calendar.from_ical(text).get("method", REQUEST))

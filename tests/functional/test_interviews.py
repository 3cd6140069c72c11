"""Interviews: proposed by a recruiter, sent as calendar invitations through a real SMTP server, answered by
the candidate, changed or cancelled with the same UID and a higher SEQUENCE, reminded the day before."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from pairjobs.extensions import db
from pairjobs.models import ApplicationStatus, Interview
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
FUTURE = (datetime.now(PARIS) + timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture
def setting(accounts):
    position = factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair")
    application = factories.application(accounts.candidate, position)
    return accounts, application


def invitation(message):
    """The calendar part of a message, parsed back, and its content type's method."""
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "one invitation per message"
    return Calendar.from_ical(parts[0].get_content()), parts[0].get_param("method")


def event_of(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_proposal_sends_an_invitation_and_an_update_and_a_cancellation_keep_its_uid(
        mail_app, api, smtp, setting):
    _controller, inbox = smtp
    accounts, application = setting
    client = mail_app.test_client()
    employer = api.bearer(accounts.employer)
    body = {"starts_at": FUTURE.isoformat(), "duration_minutes": 45, "location": "CMP de Bron, salle 2",
            "note": "Venez avec vos questions."}
    created = client.post(f"/api/v1/applications/{application.id}/interviews", json=body, headers=employer)
    assert created.status_code == 201, created.json
    interview = created.json
    assert interview["status"] == "proposed" and interview["duration_minutes"] == 45
    assert datetime.fromisoformat(interview["starts_at"]) == FUTURE
    assert created.headers["Location"].endswith(f"/api/v1/interviews/{interview['id']}")
    db.session.expire_all()
    assert application.status is ApplicationStatus.INTERVIEW  # the pipeline follows

    (first,) = inbox.to(accounts.candidate.email)
    assert first["Subject"].startswith("Entretien proposé")
    calendar, method = invitation(first)
    event = event_of(calendar)
    assert calendar["METHOD"] == "REQUEST" and method == "REQUEST"
    uid = str(event["UID"])
    assert event["SEQUENCE"] == 0
    start = event.decoded("DTSTART")
    assert start == FUTURE and str(start.tzinfo) == "Europe/Paris"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.decoded("DTEND") - start == timedelta(minutes=45)
    assert str(event["LOCATION"]) == "CMP de Bron, salle 2"
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the event"

    later = FUTURE + timedelta(hours=2)
    changed = client.patch(f"/api/v1/interviews/{interview['id']}", json={"starts_at": later.isoformat()},
                           headers=employer)
    assert changed.status_code == 200 and changed.json["sequence"] == 1
    cancelled = client.post(f"/api/v1/interviews/{interview['id']}/cancel", headers=employer)
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"

    _first, update, cancel = inbox.to(accounts.candidate.email)
    calendar, method = invitation(update)
    assert (calendar["METHOD"], method, str(event_of(calendar)["UID"])) == ("REQUEST", "REQUEST", uid)
    assert event_of(calendar)["SEQUENCE"] == 1 and event_of(calendar).decoded("DTSTART") == later
    calendar, method = invitation(cancel)
    assert (calendar["METHOD"], method, str(event_of(calendar)["UID"])) == ("CANCEL", "CANCEL", uid)
    assert event_of(calendar)["SEQUENCE"] == 2 and str(event_of(calendar)["STATUS"]) == "CANCELLED"
    assert cancel["Subject"].startswith("Entretien annulé")


def test_the_candidate_accepts_or_declines_and_the_recruiters_are_told(mail_app, api, smtp, setting):
    _controller, inbox = smtp
    accounts, application = setting
    client = mail_app.test_client()
    interview = client.post(f"/api/v1/applications/{application.id}/interviews",
                            json={"starts_at": FUTURE.isoformat(), "duration_minutes": 30,
                                  "video_url": "https://visio.example.org/abc"},
                            headers=api.bearer(accounts.employer)).json
    candidate = api.bearer(accounts.candidate)
    assert client.post(f"/api/v1/interviews/{interview['id']}/accept", headers=api.bearer(accounts.employer)
                       ).status_code == 403  # the recruiter does not answer for the candidate
    accepted = client.post(f"/api/v1/interviews/{interview['id']}/accept", headers=candidate)
    assert accepted.status_code == 200 and accepted.json["status"] == "accepted"
    declined = client.post(f"/api/v1/interviews/{interview['id']}/decline", headers=candidate)
    assert declined.status_code == 200 and declined.json["status"] == "declined"
    subjects = [m["Subject"] for m in inbox.to(accounts.employer.email)]
    assert any(s.startswith("Entretien accepté") for s in subjects)
    assert any(s.startswith("Entretien décliné") for s in subjects)
    other = factories.user(factories.Role.CANDIDATE)
    assert client.post(f"/api/v1/interviews/{interview['id']}/accept",
                       headers=api.bearer(other)).status_code == 404  # someone else's


@pytest.mark.parametrize("body, field", [
    ({"duration_minutes": 30, "location": "Lyon"}, "starts_at"),
    # without its offset
    ({"starts_at": "2030-01-10T10:00:00", "duration_minutes": 30, "location": "Lyon"}, "starts_at"),
    ({"starts_at": "2020-01-10T10:00:00+01:00", "duration_minutes": 30, "location": "Lyon"}, "starts_at"),
    ({"starts_at": "demain", "duration_minutes": 30, "location": "Lyon"}, "starts_at"),
    ({"starts_at": "2030-01-10T10:00:00+01:00", "duration_minutes": 5, "location": "Lyon"},
     "duration_minutes"),
    ({"starts_at": "2030-01-10T10:00:00+01:00", "duration_minutes": 30}, "location"),
    ({"starts_at": "2030-01-10T10:00:00+01:00", "duration_minutes": 30, "video_url": "http://x.org"},
     "video_url"),
    ({"starts_at": "2030-01-10T10:00:00+01:00", "duration_minutes": 30, "video_url": "https://"},
     "video_url"),
])
def test_bad_proposals_are_refused_by_field_and_change_nothing(client, api, setting, body, field):
    accounts, application = setting
    response = client.post(f"/api/v1/applications/{application.id}/interviews", json=body,
                           headers=api.bearer(accounts.employer))
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 0


def test_no_interview_for_a_closed_application_nor_for_another_organization(client, api, setting):
    accounts, application = setting
    body = {"starts_at": FUTURE.isoformat(), "duration_minutes": 30, "location": "Lyon"}
    outsider = factories.user(factories.Role.EMPLOYER, factories.organization())
    assert client.post(f"/api/v1/applications/{application.id}/interviews", json=body,
                       headers=api.bearer(outsider)).status_code == 404
    assert client.post(f"/api/v1/applications/{application.id}/withdraw",
                       headers=api.bearer(accounts.candidate)).status_code == 200
    assert client.post(f"/api/v1/applications/{application.id}/interviews", json=body,
                       headers=api.bearer(accounts.employer)).status_code == 409


def test_the_reminder_goes_once_the_day_before(mail_app, api, smtp, setting):
    _controller, inbox = smtp
    accounts, application = setting
    tomorrow = (datetime.now(PARIS) + timedelta(days=1)).replace(hour=9, minute=30, second=0, microsecond=0)
    client = mail_app.test_client()
    created = client.post(f"/api/v1/applications/{application.id}/interviews",
                          json={"starts_at": tomorrow.isoformat(), "duration_minutes": 60,
                                "location": "Lyon"},
                          headers=api.bearer(accounts.employer))
    assert created.status_code == 201
    with mail_app.app_context():  # the command runs in the application that delivers to the test server
        first = mail_app.test_cli_runner().invoke(args=["send-reminders"])
        second = mail_app.test_cli_runner().invoke(args=["send-reminders"])
    assert first.exit_code == 0 and "Reminded 1 interview" in first.output, first.output
    assert second.exit_code == 0 and "Reminded 0 interview" in second.output, second.output
    reminders = [m for m in inbox.to(accounts.candidate.email) if m["Subject"].startswith("Rappel")]
    assert len(reminders) == 1
    assert [m for m in inbox.to(accounts.employer.email) if m["Subject"].startswith("Rappel")]


def test_from_the_pages_a_recruiter_proposes_the_candidate_accepts_and_the_recruiter_cancels(
        client, auth, setting):
    accounts, application = setting
    local = (FUTURE + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")  # a datetime-local input, France's time
    auth.login(accounts.employer.email)
    page = client.get(f"/employer/applications/{application.id}")
    assert "Proposer un entretien" in page.text
    refused = client.post(f"/employer/applications/{application.id}/interviews",
                          data={"interview-starts_at": local, "interview-duration_minutes": "45"})
    assert refused.status_code == 422
    assert "ou le lien de la visioconférence." in refused.text
    sent = client.post(f"/employer/applications/{application.id}/interviews",
                       data={"interview-starts_at": local, "interview-duration_minutes": "45",
                             "interview-location": "CMP de Bron"})
    assert sent.status_code == 302
    interview = db.session.scalar(sa.select(Interview))
    assert interview.starts_at == FUTURE + timedelta(days=1) and interview.location == "CMP de Bron"
    auth.logout()

    auth.login(accounts.candidate.email)
    mine = client.get(f"/me/applications/{application.id}")
    assert "CMP de Bron" in mine.text and "Accepter" in mine.text
    assert client.post(f"/me/interviews/{interview.id}/accept").status_code == 302
    db.session.expire_all()
    assert interview.status.value == "accepted"
    auth.logout()

    auth.login(accounts.employer.email)
    confirm = client.get(f"/employer/interviews/{interview.id}/cancel")
    assert confirm.status_code == 200 and "Oui, annuler" in confirm.text
    db.session.expire_all()
    assert interview.status.value == "accepted"  # asking is not cancelling
    assert client.post(f"/employer/interviews/{interview.id}/cancel").status_code == 302
    db.session.expire_all()
    assert interview.status.value == "cancelled" and interview.sequence == 1


def test_an_interview_is_written_in_the_shape_it_is_read(client, api, setting):
    accounts, application = setting
    employer = api.bearer(accounts.employer)
    body = {"starts_at": FUTURE.isoformat(), "duration_minutes": 30, "location": "Lyon"}
    created = client.post(f"/api/v1/applications/{application.id}/interviews", json=body,
                          headers=employer).json
    read = client.get(f"/api/v1/interviews/{created['id']}", headers=employer).json
    changed = client.patch(f"/api/v1/interviews/{created['id']}", json=read | {"duration_minutes": 60},
                           headers=employer)
    assert changed.status_code == 200, changed.json
    assert changed.json["duration_minutes"] == 60 and changed.json["sequence"] == 1
    listed = client.get(f"/api/v1/applications/{application.id}/interviews",
                        headers=api.bearer(accounts.candidate)).json
    assert [i["id"] for i in listed["items"]] == [created["id"]]


def test_an_application_that_ends_cancels_its_interviews_to_come(mail_app, api, smtp, accounts):
    _controller, inbox = smtp
    client = mail_app.test_client()
    employer, candidate = api.bearer(accounts.employer), api.bearer(accounts.candidate)
    body = {"starts_at": FUTURE.isoformat(), "duration_minutes": 30, "location": "Lyon"}
    ends = {
        "withdrawn": lambda a: client.post(f"/api/v1/applications/{a.id}/withdraw", headers=candidate),
        "rejected": lambda a: client.patch(f"/api/v1/applications/{a.id}", headers=employer,
                                           json={"status": "rejected", "reason": "profile_mismatch"}),
        "closed": lambda a: client.post(f"/api/v1/positions/{a.position_id}/close", headers=employer,
                                        json={"outcome": "cancelled"}),
    }
    for name, end in ends.items():
        position = factories.position(accounts.organization, accounts.employer, title=f"Poste {name}")
        application = factories.application(accounts.candidate, position)
        interview = client.post(f"/api/v1/applications/{application.id}/interviews", json=body,
                                headers=employer).json
        accepted = client.post(f"/api/v1/interviews/{interview['id']}/accept", headers=candidate)
        assert accepted.status_code == 200
        assert end(application).status_code == 200, name
        after = client.get(f"/api/v1/interviews/{interview['id']}", headers=candidate).json
        assert (after["status"], after["sequence"]) == ("cancelled", 1), name
        cancel = next(m for m in reversed(inbox.to(accounts.candidate.email))
                      if m["Subject"] == f"Entretien annulé : Poste {name}")
        calendar, method = invitation(cancel)
        assert (calendar["METHOD"], method, event_of(calendar)["SEQUENCE"]) == ("CANCEL", "CANCEL", 1)
        assert client.post(f"/api/v1/interviews/{interview['id']}/decline",
                           headers=candidate).status_code == 409  # nothing left to answer


def test_arranging_an_interview_is_an_answer_that_starts_the_delays_again(app, api, client, setting):
    accounts, application = setting
    application.status_changed_at = application.status_changed_at.replace(year=2020)  # long unanswered
    db.session.commit()
    body = {"starts_at": FUTURE.isoformat(), "duration_minutes": 30, "location": "Lyon"}
    client.post(f"/api/v1/applications/{application.id}/interviews", json=body,
                headers=api.bearer(accounts.employer))
    seen = client.get(f"/api/v1/applications/{application.id}", headers=api.bearer(accounts.candidate)).json
    assert seen["days_without_answer"] is None

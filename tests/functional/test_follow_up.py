"""Applications that get an answer: with the clock moved, recruiters are reminded once after 21 days without a
change of status, the candidate reads "sans réponse depuis N jours", and after 60 days the application is
closed as "no_response" and the candidate told (through a real SMTP server). A refusal's reason may stay in
the organization."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from pairjobs.extensions import db
from pairjobs.models import ApplicationStatus, RejectionReason
from tests import factories
from tests.helpers import signed_in

START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def reminders(mail_app):
    with mail_app.app_context():
        result = mail_app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def test_reminded_once_after_21_days_then_closed_after_60(mail_app, smtp, accounts):
    _controller, inbox = smtp
    with time_machine.travel(START, tick=False):
        position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en CMP",
                                      deadline="2027-12-31")
        application = factories.application(accounts.candidate, position)
    with time_machine.travel(START + timedelta(days=20), tick=False):
        assert "0 application(s) waiting reminded" in reminders(mail_app)
    with time_machine.travel(START + timedelta(days=22), tick=False):
        assert "1 application(s) waiting reminded" in reminders(mail_app)
        assert "0 application(s) waiting reminded" in reminders(mail_app)  # once
        (reminder,) = inbox.to(accounts.employer.email)
        assert reminder["Subject"] == "1 candidature attend votre réponse"
        assert "sans réponse depuis 22 jours" in reminder.get_content()
        assert f"/employer/applications/{application.id}" in reminder.get_content()
        page = signed_in(mail_app, accounts.candidate).get(f"/me/applications/{application.id}")
        assert "Sans réponse depuis 22 jours" in page.text
    with time_machine.travel(START + timedelta(days=61), tick=False):
        assert "1 closed without an answer" in reminders(mail_app)
    db.session.expire_all()
    assert application.status is ApplicationStatus.REJECTED
    assert application.rejection_reason is RejectionReason.NO_RESPONSE
    closing = inbox.to(accounts.candidate.email)[-1]
    assert closing["Subject"] == "Candidature close sans réponse : Pair-aidant en CMP"
    assert "L'employeur n'a pas répondu dans le délai prévu" in closing.get_content()


def test_a_change_of_status_starts_the_delays_again(mail_app, api, accounts):
    with time_machine.travel(START, tick=False):
        position = factories.position(accounts.organization, accounts.employer, deadline="2027-12-31")
        application = factories.application(accounts.candidate, position)
    with time_machine.travel(START + timedelta(days=40), tick=False):
        moved = mail_app.test_client().patch(f"/api/v1/applications/{application.id}",
                                             json={"status": "in_review"},
                                             headers=api.bearer(accounts.employer))
        assert moved.status_code == 200
    with time_machine.travel(START + timedelta(days=70), tick=False):  # 30 days after the change
        output = reminders(mail_app)
    assert "0 closed" in output and "1 application(s) waiting reminded" in output
    db.session.expire_all()
    assert application.status is ApplicationStatus.IN_REVIEW


def test_a_reason_not_shared_stays_in_the_organization(mail_app, smtp, api, accounts):
    _controller, inbox = smtp
    position = factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair")
    application = factories.application(accounts.candidate, position)
    client = mail_app.test_client()
    refused = client.patch(f"/api/v1/applications/{application.id}",
                           json={"status": "rejected", "reason": "profile_mismatch", "reason_shared": False},
                           headers=api.bearer(accounts.employer))
    assert refused.status_code == 200
    assert refused.json["rejection_reason"] == "profile_mismatch" and refused.json["reason_shared"] is False
    seen = client.get(f"/api/v1/applications/{application.id}", headers=api.bearer(accounts.candidate)).json
    assert seen["status"] == "rejected" and seen["rejection_reason"] is None
    assert all(step["reason"] is None for step in seen["history"]) and "reason_shared" not in seen
    decision = inbox.to(accounts.candidate.email)[-1]
    assert "non retenue" in decision.get_content().lower() and "Motif" not in decision.get_content()
    page = signed_in(mail_app, accounts.candidate).get(f"/me/applications/{application.id}")
    assert "ne correspond pas" not in page.text  # the label of profile_mismatch


def test_recruiters_are_reminded_once_of_a_deadline_near(mail_app, smtp, accounts):
    _controller, inbox = smtp
    with time_machine.travel(START, tick=False):
        position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en CMP",
                                      deadline="2027-03-10")
        factories.application(accounts.candidate, position)
    with time_machine.travel(START + timedelta(days=5), tick=False):  # 4 days before
        assert "0 deadline(s) near" in reminders(mail_app)
    with time_machine.travel(START + timedelta(days=6), tick=False):  # 3 days before
        assert "1 deadline(s) near" in reminders(mail_app)
        assert "0 deadline(s) near" in reminders(mail_app)
    (notice,) = [m for m in inbox.to(accounts.employer.email) if m["Subject"].startswith("Date limite")]
    assert notice["Subject"] == "Date limite proche : Pair-aidant en CMP"
    assert "1 candidature est en cours." in notice.get_content()
    assert f"/employer/positions/{position.id}/edit" in notice.get_content()

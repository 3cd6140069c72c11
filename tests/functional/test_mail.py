"""E-mail through a real SMTP server (aiosmtpd): who receives what, and nothing lost when SMTP fails."""

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Application, MailState, OutboxMessage
from tests import factories
from tests.helpers import free_port


def test_new_application_mails_the_organizations_recruiters(mail_app, api, smtp, accounts):
    _controller, inbox = smtp
    colleague = factories.user(factories.Role.EMPLOYER, accounts.organization)
    position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en CMP")
    client = mail_app.test_client()
    response = client.post(f"/api/v1/positions/{position.id}/applications", json={"message": "Bonjour"},
                           headers=api.bearer(accounts.candidate))
    assert response.status_code == 201
    recipients = sorted(r for rcpts, m in inbox.messages for r in rcpts
                        if m["Subject"].startswith("Nouvelle"))
    # Approved recruiters of the organization only: not the pending one, not the other organization.
    assert recipients == sorted([accounts.employer.email, colleague.email])
    (receipt,) = inbox.to(accounts.candidate.email)  # and the candidate's receipt
    assert receipt["Subject"] == "Candidature envoyée : Pair-aidant en CMP"
    assert f"/me/applications/{response.json['id']}" in receipt.get_content()
    message = inbox.to(accounts.employer.email)[0]
    assert message["Subject"] == "Nouvelle candidature : Pair-aidant en CMP"
    assert f"/employer/applications/{response.json['id']}" in message.get_content()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.state == MailState.SENT)) == 3


def test_each_status_change_mails_the_candidate_in_french_with_the_reason(mail_app, api, smtp, accounts):
    _controller, inbox = smtp
    position = factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair")
    application = factories.application(accounts.candidate, position)
    client = mail_app.test_client()
    headers = api.bearer(accounts.employer)
    client.patch(f"/api/v1/applications/{application.id}", json={"status": "in_review", "note": "interne"},
                 headers=headers)
    client.patch(f"/api/v1/applications/{application.id}",
                 json={"status": "rejected", "reason": "credential_missing"}, headers=headers)
    to_candidate = [m for rcpts, m in inbox.messages if rcpts == [accounts.candidate.email]]
    assert len(to_candidate) == 2
    first, second = (m.get_content() for m in to_candidate)
    assert to_candidate[0]["Subject"] == "Votre candidature : Médiateur de santé pair"
    assert "en cours d'examen" in first.lower()
    assert "interne" not in first  # notes stay in the organization
    assert "non retenue" in second.lower()
    assert "Le poste exige un diplôme de pair-aidance" in second


def test_a_failing_mail_server_neither_blocks_nor_loses_anything(make_app, mail_app, api, smtp, accounts):
    _controller, inbox = smtp
    broken = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_TIMEOUT=2)
    position = factories.position(accounts.organization, accounts.employer)
    client = broken.test_client()
    response = client.post(f"/api/v1/positions/{position.id}/applications", json={},
                           headers=api.bearer(accounts.candidate))
    assert response.status_code == 201
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1
    waiting = db.session.scalars(sa.select(OutboxMessage)).all()
    assert [m.state for m in waiting] == [MailState.FAILED] * 2  # the recruiter's notice, the receipt
    assert waiting[0].last_error and waiting[0].attempts == 1
    assert inbox.messages == []

    with mail_app.app_context():  # the command runs in the app whose context is current
        result = mail_app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0 and "Sent 2 e-mail(s), 0 failed." in result.output
    delivered = [r for rcpts, _m in inbox.messages for r in rcpts]
    assert delivered == [accounts.employer.email, accounts.candidate.email]


def test_development_outbox_keeps_messages_for_the_admin_page(client, auth, accounts):
    position = factories.position(accounts.organization, accounts.employer, title="Poste en outbox")
    factories.application(accounts.candidate, position)
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.state is MailState.OUTBOX
    auth.login(accounts.admin.email)
    page = client.get("/admin/outbox")
    assert "Nouvelle candidature : Poste en outbox" in page.text
    assert "(gardé dans la boîte d’envoi (développement))" in page.text and "(outbox)" not in page.text

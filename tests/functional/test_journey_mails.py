"""Every step tells the people concerned, through a real SMTP server, in French, each e-mail with its own
subject and a link; the e-mails the process does not need can be turned off."""

from __future__ import annotations

import re

import sqlalchemy as sa

from pairjobs.domain import positions as position_ops
from pairjobs.extensions import db
from pairjobs.models import Role, User
from tests import factories
from tests.helpers import signed_in


def subjects(inbox, address):
    return [m["Subject"] for m in inbox.to(address)]


def test_an_employer_request_reaches_the_administrators_then_its_approval_the_employer(mail_app, smtp):
    _controller, inbox = smtp
    org = factories.organization(name="CH Le Vinatier")
    admin = factories.user(Role.ADMIN)
    client = mail_app.test_client()
    client.post("/register/employer", data={"organization": org.id, "name": "Claire Dubois",
                                            "email": "claire@example.org", "password": factories.PASSWORD,
                                            "confirm": factories.PASSWORD, "accept_terms": "y"})
    (request,) = inbox.to(admin.email)
    assert request["Subject"] == "Demande d'employeur à approuver : CH Le Vinatier"
    assert "claire@example.org" in request.get_content() and "/admin/" in request.get_content()
    employer = db.session.scalar(sa.select(User).where(User.email == "claire@example.org"))
    assert signed_in(mail_app, admin).post(f"/admin/employers/{employer.id}/approve").status_code == 302
    assert "Votre compte employeur est approuvé" in subjects(inbox, "claire@example.org")
    approved = next(m for m in inbox.to("claire@example.org") if m["Subject"].startswith("Votre compte"))
    assert "/employer/" in approved.get_content()


def test_a_refused_employer_is_told_why_and_can_no_longer_sign_in(mail_app, smtp, accounts):
    _controller, inbox = smtp
    pending = accounts.pending_employer
    admin = signed_in(mail_app, accounts.admin)
    asked = admin.get(f"/admin/employers/{pending.id}/refuse")
    assert asked.status_code == 200 and "Motif, envoyé à la personne" in asked.text
    empty = admin.post(f"/admin/employers/{pending.id}/refuse", data={"reason": "  "})
    assert empty.status_code == 200 and "Indiquez le motif du refus" in empty.text
    db.session.refresh(pending)
    assert pending.is_enabled and inbox.to(pending.email) == []  # nothing changed
    done = admin.post(f"/admin/employers/{pending.id}/refuse",
                      data={"reason": "Aucun lien avec l'établissement n'a pu être vérifié."})
    assert done.status_code == 302
    (refusal,) = inbox.to(pending.email)
    assert refusal["Subject"] == "Votre demande de compte employeur"
    assert "Motif : Aucun lien avec l'établissement n'a pu être vérifié." in refusal.get_content()
    db.session.refresh(pending)
    assert not pending.is_enabled
    login = mail_app.test_client().post("/login",
                                        data={"email": pending.email, "password": factories.PASSWORD})
    assert login.status_code == 200 and "Location" not in login.headers  # the form again, no session
    assert pending.email not in admin.get("/admin/").text  # no longer waiting


def test_a_withdrawal_tells_the_recruiters(mail_app, api, smtp, accounts):
    _controller, inbox = smtp
    position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en CMP")
    application = factories.application(accounts.candidate, position)
    response = mail_app.test_client().post(f"/api/v1/applications/{application.id}/withdraw",
                                           headers=api.bearer(accounts.candidate))
    assert response.status_code == 200
    (notice,) = inbox.to(accounts.employer.email)
    assert notice["Subject"] == "Candidature retirée : Pair-aidant en CMP"
    assert f"/employer/applications/{application.id}" in notice.get_content()


def test_a_checked_credential_is_told_to_its_owner_with_the_reason_of_a_refusal(mail_app, smtp, accounts):
    _controller, inbox = smtp
    good = factories.credential(accounts.candidate, title="DU pair-aidance Lyon 1")
    bad = factories.credential(accounts.candidate, title="Licence MSP")
    admin = signed_in(mail_app, accounts.admin)
    admin.post(f"/admin/credentials/{good.id}/verify", data={"outcome": "verified"})
    admin.post(f"/admin/credentials/{bad.id}/verify", data={"outcome": "rejected",
                                                          "reason": "Le justificatif est illisible."})
    verified, refused = inbox.to(accounts.candidate.email)
    assert verified["Subject"] == "Diplôme vérifié : DU pair-aidance Lyon 1"
    assert refused["Subject"] == "Diplôme non vérifié : Licence MSP"
    assert "Motif : Le justificatif est illisible." in refused.get_content()
    assert "/me/credentials" in refused.get_content()


def test_closing_a_position_tells_each_candidate_still_in_progress(mail_app, smtp, accounts):
    _controller, inbox = smtp
    position = factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair")
    factories.application(accounts.candidate, position)
    factories.application(accounts.other_candidate, position)
    with mail_app.app_context():
        position_ops.close(db.session.merge(position), None, "cancelled")
        db.session.commit()
    for candidate in (accounts.candidate, accounts.other_candidate):
        (closing,) = inbox.to(candidate.email)
        assert closing["Subject"] == "Recrutement clôturé : Médiateur de santé pair"
        assert "Le recrutement a été clôturé" in closing.get_content()


def test_optional_mails_can_be_turned_off_and_required_ones_still_go(mail_app, api, smtp, accounts):
    _controller, inbox = smtp
    candidate = signed_in(mail_app, accounts.candidate)
    page = candidate.get("/account/notifications")
    assert page.status_code == 200 and "Un accusé de réception pour chaque candidature" in page.text
    assert "Chaque nouvelle candidature" not in page.text  # only the candidate's own kinds
    assert candidate.post("/account/notifications", data={}).status_code == 302  # every box unticked
    assert candidate.post("/account/notifications", data={"wanted": "new_application"}).status_code == 200
    db.session.refresh(accounts.candidate)
    assert accounts.candidate.mail_opt_outs == ["application_received", "interview_reminder"]
    position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant")
    applied = mail_app.test_client().post(f"/api/v1/positions/{position.id}/applications", json={},
                                          headers=api.bearer(accounts.candidate))
    assert applied.status_code == 201
    assert inbox.to(accounts.candidate.email) == []  # no receipt
    assert subjects(inbox, accounts.employer.email) == ["Nouvelle candidature : Pair-aidant"]
    recruiter = api.bearer(accounts.employer)
    mail_app.test_client().patch(f"/api/v1/applications/{applied.json['id']}",
                                 json={"status": "rejected", "reason": "profile_mismatch"},
                                 headers=recruiter)
    assert subjects(inbox, accounts.candidate.email) == ["Votre candidature : Pair-aidant"]  # a decision goes


def test_an_employer_invites_a_colleague_who_chooses_a_password_and_posts(mail_app, smtp, accounts):
    _controller, inbox = smtp
    employer = signed_in(mail_app, accounts.employer)
    sent = employer.post("/employer/colleagues/invite",
                         data={"name": "Léa Colin", "email": "lea@example.org"})
    assert sent.status_code == 302
    (invitation,) = inbox.to("lea@example.org")
    assert invitation["Subject"].endswith("vous invite sur pairjobs")
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+)", invitation.get_content()).group(1)
    visitor = mail_app.test_client()
    assert visitor.post(link, data={"password": "Un mot de passe très sûr 2027", "confirm":
                                    "Un mot de passe très sûr 2027"}).status_code == 302
    colleague = db.session.scalar(sa.select(User).where(User.email == "lea@example.org"))
    assert colleague.organization_id == accounts.organization.id and colleague.is_approved
    assert colleague.email_confirmed
    login = visitor.post("/login",
                         data={"email": "lea@example.org", "password": "Un mot de passe très sûr 2027"})
    assert login.status_code == 302 and visitor.get("/employer/positions/new").status_code == 200
    # An address that already has an account: the same answer, nothing created, its owner told.
    again = employer.post("/employer/colleagues/invite",
                          data={"name": "Quelqu'un", "email": accounts.candidate.email})
    assert again.status_code == 302
    assert db.session.get(User, accounts.candidate.id).role is Role.CANDIDATE
    assert len(inbox.to(accounts.candidate.email)) == 1

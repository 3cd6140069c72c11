"""Health data (issue 15, point 9): the file as sent, narrowed once the candidate left, every reading
logged, nothing cached, every message of a deleted account gone, closed positions resolved."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine
from flask_babel import force_locale

from pairjobs.domain import applications as pipeline
from pairjobs.domain import positions as position_ops
from pairjobs.domain import privacy
from pairjobs.domain.mail import queue_mail
from pairjobs.domain.retention import purge
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    CandidateProfile,
    CloseOutcome,
    OutboxMessage,
    PositionStatus,
    RejectionReason,
    User,
)
from tests import factories
from tests.helpers import PDF, mails_to, signed_in

PROFILE = {"phone": "06 11 22 33 44", "share_phone": "y", "availability": "Dès mars",
           "presentation": "Présentation d'origine", "lived_experience": "Récit d'origine",
           "lived_experience_consent": "y", "share_lived_experience": "y"}


def set_profile(app, candidate, **changes):
    page = signed_in(app, candidate)
    response = page.post("/me/profile", data={"name": candidate.name} | PROFILE | changes)
    assert response.status_code == 302, response.text
    return page


def applied(app, accounts, candidate=None):
    """The candidate's profile filled in, a credential, and an application sent."""
    candidate = candidate or accounts.candidate
    set_profile(app, candidate)
    credential = factories.credential(candidate, title="DU Pair-aidance d'origine")
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(candidate, position, [credential])
    db.session.commit()
    return application, credential


def reads(app, api, accounts, application_id):
    """What the organization's recruiter reads of the application: the page, the API file, the API list."""
    page = signed_in(app, accounts.employer).get(f"/employer/applications/{application_id}").text
    client = api.as_(accounts.employer)
    one = client.get(f"/api/v1/applications/{application_id}").json
    listed = [a for a in client.get("/api/v1/applications").json["items"] if a["id"] == application_id]
    return page, one, listed[0]


# -- the file as it was sent ------------------------------------------------------------------------

@pytest.mark.parametrize("field, before, after", [
    ("presentation", "Présentation d'origine", "Présentation réécrite"),
    ("lived_experience", "Récit d'origine", "Récit réécrit après coup"),
    ("phone", "06 11 22 33 44", "07 99 88 77 66"),
    ("availability", "Dès mars", "Seulement en 2030"),
])
def test_a_later_profile_edit_does_not_change_the_file_sent(app, api, accounts, field, before, after):
    application, _credential = applied(app, accounts)
    set_profile(app, accounts.candidate, **{field: after})
    page, one, listed = reads(app, api, accounts, application.id)
    for shown in (page, str(one["candidate"]), str(listed["candidate"])):
        assert before in shown.replace("&#39;", "'") and after not in shown
    assert one["candidate"][field] == before
    # A new application sends the profile as it is now.
    second = factories.application(accounts.candidate, factories.position(accounts.organization,
                                                                          accounts.employer))
    answer = api.as_(accounts.employer).get(f"/api/v1/applications/{second.id}").json
    assert answer["candidate"][field] == after


def test_credentials_are_shown_as_sent(app, api, accounts):
    application, credential = applied(app, accounts)
    credential.title = "Titre modifié ensuite"
    db.session.commit()
    page, one, listed = reads(app, api, accounts, application.id)
    assert "Titre modifié ensuite" not in page and "DU Pair-aidance d&#39;origine" in page
    assert [c["title"] for c in one["credentials"]] == ["DU Pair-aidance d'origine"]
    assert [c["title"] for c in listed["credentials"]] == ["DU Pair-aidance d'origine"]


def test_sharing_withdrawn_since_is_respected(app, api, accounts):
    application, _credential = applied(app, accounts)
    set_profile(app, accounts.candidate, share_lived_experience="", share_phone="")
    page, one, _listed = reads(app, api, accounts, application.id)
    assert "Récit d" not in page and "06 11 22 33 44" not in page
    assert one["candidate"]["lived_experience"] is None and one["candidate"]["phone"] is None


# -- once the candidate has left the recruitment ---------------------------------------------------

def withdraw(app, api, accounts, application):
    response = api.as_(accounts.candidate).post(f"/api/v1/applications/{application.id}/withdraw")
    assert response.status_code == 200


def reject(app, api, accounts, application):
    response = api.as_(accounts.employer).patch(f"/api/v1/applications/{application.id}",
                                                json={"status": "rejected", "reason": "other",
                                                      "note": "Note RH"})
    assert response.status_code == 200
    assert response.json["candidate"]["email"] is None  # the answer to the change itself


def reject_on_the_page(app, api, accounts, application):
    page = signed_in(app, accounts.employer)
    response = page.post(f"/employer/applications/{application.id}",
                         data={"status": "rejected", "reason": "profile_mismatch", "note": "Note RH",
                               "version": application.version})
    assert response.status_code == 302


def close_position(app, api, accounts, application):
    page = signed_in(app, accounts.employer)
    assert page.post(f"/employer/positions/{application.position_id}/close",
                     data={"outcome": "cancelled", "confirmed": "1"}).status_code == 302


def close_position_left_pending(app, api, accounts, application):
    """A position closed before closing resolved its applications (data from before the fix)."""
    position = application.position
    position.status, position.outcome = PositionStatus.CLOSED, CloseOutcome.CANCELLED
    db.session.commit()


@pytest.mark.parametrize("leave", [withdraw, reject, reject_on_the_page, close_position,
                                   close_position_left_pending])
def test_after_leaving_the_employer_keeps_the_history_but_not_contact_or_lived_experience(app, api, accounts,
                                                                                          leave):
    application, _credential = applied(app, accounts)
    pipeline.change_status(application, accounts.employer, "in_review", None, "Première note", None, today())
    db.session.commit()
    email = accounts.candidate.email
    page, one, listed = reads(app, api, accounts, application.id)
    assert email in page and "Récit d" in page and "06 11 22 33 44" in page
    leave(app, api, accounts, application)
    page, one, listed = reads(app, api, accounts, application.id)
    for text in (page, str(one), str(listed)):
        for secret in (email, "Récit d", "06 11 22 33 44", "Bonjour, je suis intéressé"):
            assert secret not in text
    assert "Première note" in page and "Première note" in str(one["history"])
    assert [e["to"] for e in one["history"]][:2] == ["submitted", "in_review"]
    assert one["candidate"]["left"] is True and one["candidate"]["name"] == accounts.candidate.name
    assert one["message"] is None and listed["message"] is None
    assert "Présentation d" in page  # what is not contact nor lived experience stays


def test_a_hired_candidate_stays_reachable(app, api, accounts):
    application, _credential = applied(app, accounts)
    factories.hire(application, accounts.employer)
    db.session.commit()
    page, one, _listed = reads(app, api, accounts, application.id)
    assert accounts.candidate.email in page and one["candidate"]["email"] == accounts.candidate.email


# -- every reading is logged -----------------------------------------------------------------------

def viewed(candidate_id):
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "candidate_file_viewed", AuditEntry.candidate_id == candidate_id))


def downloads(candidate_id):
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "credential_downloaded", AuditEntry.candidate_id == candidate_id))


@pytest.mark.parametrize("method, route", [
    ("GET", "page"), ("HEAD", "page"), ("POST", "page"),
    ("GET", "api"), ("HEAD", "api"), ("GET", "api_list"), ("HEAD", "api_list"), ("PATCH", "api"),
])
def test_every_rendering_of_the_file_is_logged(app, api, accounts, method, route):
    application, _credential = applied(app, accounts)
    me = accounts.candidate.id
    before = viewed(me)
    if route == "page":
        data = {"status": "", "note": "", "version": application.version} if method == "POST" else None
        response = signed_in(app, accounts.employer).open(f"/employer/applications/{application.id}",
                                                          method=method, data=data)
    else:
        url = "/api/v1/applications" if route == "api_list" else f"/api/v1/applications/{application.id}"
        body = {"note": "Note"} if method == "PATCH" else None
        response = api.as_(accounts.employer).open(url, method=method, json=body)
    assert response.status_code == 200, response.status_code  # shown (a page sent back with its errors too)
    assert viewed(me) == before + 1
    assert viewed(accounts.other_candidate.id) == 0


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_every_certificate_download_is_logged(app, accounts, method):
    candidate = signed_in(app, accounts.candidate)
    candidate.post("/me/credentials", data={"type": "du", "title": "DU", "institution": "Université Paris 8",
                                            "status": "obtained", "document": (io.BytesIO(PDF), "a.pdf")},
                   content_type="multipart/form-data")
    credential = accounts.candidate.credentials[0]
    factories.application(accounts.candidate, factories.position(accounts.organization, accounts.employer),
                          [credential])
    employer = signed_in(app, accounts.employer)
    response = employer.open(f"/me/credentials/{credential.id}/document", method=method)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert downloads(accounts.candidate.id) == 1


# -- no copy kept by a browser or a proxy ----------------------------------------------------------

def test_personal_pages_and_answers_are_not_stored(app, api, accounts):
    application, _credential = applied(app, accounts)
    pages = {
        accounts.candidate: ["/me/profile", "/me/applications", f"/me/applications/{application.id}",
                             "/me/data", "/me/data.json", "/me/credentials", "/"],
        accounts.employer: ["/employer/applications", f"/employer/applications/{application.id}",
                            "/employer/positions"],
        accounts.admin: ["/admin/audit"],
    }
    for user, urls in pages.items():
        client = signed_in(app, user)
        for url in urls:
            for method in ("GET", "HEAD"):
                response = client.open(url, method=method)
                assert response.status_code == 200, (url, response.status_code)
                assert "no-store" in response.headers.get("Cache-Control", ""), (user.role, url, method)
    for user, urls in {accounts.employer: ["/api/v1/applications", f"/api/v1/applications/{application.id}"],
                       accounts.candidate: ["/api/v1/applications", "/api/v1/me/credentials"]}.items():
        client = api.as_(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "no-store" in response.headers.get("Cache-Control", ""), url
    # Anonymous public pages may be cached.
    assert "no-store" not in app.test_client().get("/").headers.get("Cache-Control", "")


# -- account deletion removes every message to the person -------------------------------------------

@pytest.mark.parametrize("legacy", [False, True])
def test_deleting_the_account_deletes_its_mail_under_every_address(app, accounts, legacy):
    application, _credential = applied(app, accounts)
    candidate = accounts.candidate
    first = candidate.email
    pipeline.change_status(application, accounts.employer, "in_review", None, None, None, today())
    if legacy:  # a message from before messages carried their account, to the first address
        db.session.add(OutboxMessage(recipient=first.upper(), subject="Ancien", body="x"))
    db.session.commit()
    candidate.email = "nouvelle.adresse@example.org"  # what the accounts code does on an address change
    if legacy:
        privacy.remember_address(candidate, first)
    queue_mail(candidate, "status_changed", application=application, event=application.events[-1])
    db.session.add(OutboxMessage(recipient="NOUVELLE.adresse@example.org", subject="Sans compte", body="x"))
    kept = queue_mail(accounts.other_candidate, "account_exists")
    db.session.commit()
    candidate_id = candidate.id
    others = set(db.session.scalars(sa.select(OutboxMessage.id).where(
        OutboxMessage.recipient.in_([accounts.employer.email, accounts.other_candidate.email]))))
    assert kept.id in others and len(others) == 2  # the recruiter's notice of the application, and kept
    total = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    assert total - len(others) == (5 if legacy else 4)  # with the candidate's receipt of the application
    client = signed_in(app, candidate)
    assert client.post("/me/delete", data={"password": factories.PASSWORD}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, candidate_id) is None
    assert set(db.session.scalars(sa.select(OutboxMessage.id))) == others


# -- closing a position resolves its applications ---------------------------------------------------

def pending_on(app, accounts, n=2):
    position = factories.position(accounts.organization, accounts.employer, openings=1)
    candidates = [factories.user(factories.Role.CANDIDATE) for _ in range(n)]
    applications = [factories.application(c, position) for c in candidates]
    pipeline.change_status(applications[0], accounts.employer, "interview", None, None, None, today())
    db.session.commit()
    return position, applications




def close_on_the_page(app, api, accounts, position, outcome):
    assert signed_in(app, accounts.employer).post(f"/employer/positions/{position.id}/close",
                                                  data={"outcome": outcome, "confirmed": "1"}
                                                  ).status_code == 302


def close_over_the_api(app, api, accounts, position, outcome):
    response = api.as_(accounts.employer).post(f"/api/v1/positions/{position.id}/close",
                                               json={"outcome": outcome})
    assert response.status_code == 200, response.json


def close_at_the_deadline(app, api, accounts, position, outcome):
    position.deadline = today() - timedelta(days=1)
    db.session.commit()
    assert position_ops.close_expired(today()) == 1
    db.session.commit()


@pytest.mark.parametrize("close, outcome, reason", [
    (close_on_the_page, "cancelled", RejectionReason.POSITION_CLOSED),
    (close_on_the_page, "filled", RejectionReason.POSITION_FILLED),
    (close_over_the_api, "cancelled", RejectionReason.POSITION_CLOSED),
    (close_over_the_api, "filled", RejectionReason.POSITION_FILLED),
    (close_at_the_deadline, "cancelled", RejectionReason.POSITION_CLOSED),
])
def test_closing_a_position_resolves_its_pending_applications(app, api, accounts, close, outcome, reason):
    position, applications = pending_on(app, accounts, 3)
    withdrawn = applications[2]
    pipeline.withdraw(withdrawn, withdrawn.candidate)
    db.session.commit()
    before = {a.candidate_id: len(mails_to(a.candidate.email)) for a in applications}
    close(app, api, accounts, position, outcome)
    db.session.expire_all()
    for application in applications[:2]:
        assert application.status is ApplicationStatus.REJECTED
        assert application.rejection_reason is reason
        assert application.events[-1].to_status is ApplicationStatus.REJECTED
        mails = mails_to(application.candidate.email)
        assert len(mails) == before[application.candidate_id] + 1
        with force_locale("fr"):
            assert str(reason.label) in mails[-1].body
    assert withdrawn.status is ApplicationStatus.WITHDRAWN
    assert len(mails_to(withdrawn.candidate.email)) == before[withdrawn.candidate_id]


def test_a_hire_that_fills_the_position_resolves_the_others_as_filled(app, accounts):
    _position, applications = pending_on(app, accounts, 3)
    hired = applications[0]
    for status in ("offer", "hired"):
        pipeline.change_status(hired, accounts.employer, status, None, None, None, today())
    db.session.commit()
    db.session.expire_all()
    assert hired.status is ApplicationStatus.HIRED
    assert [a.rejection_reason for a in applications[1:]] == [RejectionReason.POSITION_FILLED] * 2
    # Each of the others: the receipt of their application, then its closing.
    assert all([m.subject.startswith("Candidature envoyée") for m in mails_to(a.candidate.email)]
               == [True, False] for a in applications[1:])


START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_retention_treats_an_application_on_a_closed_position_as_finished(app, accounts):
    with time_machine.travel(START, tick=False):
        position, applications = pending_on(app, accounts, 2)
        _open_position, open_applications = pending_on(app, accounts, 1)
        # Closed before closing resolved its applications: still "in progress" on a closed position.
        position.status, position.outcome = PositionStatus.CLOSED, CloseOutcome.CANCELLED
        position.closed_at = START
        db.session.commit()
        stale_ids = [a.id for a in applications]
        stale_candidates = [a.candidate_id for a in applications]
        open_id = open_applications[0].id
    days = app.config["RETENTION_DAYS"]
    purge(START + timedelta(days=days["closed_application"] - 1))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application).where(
        Application.id.in_(stale_ids))) == 2
    purge(START + timedelta(days=days["closed_application"] + 1))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application).where(
        Application.id.in_(stale_ids))) == 0
    assert db.session.get(Application, open_id) is not None
    # Nothing in progress any more: the dormant accounts go at the end of their own period.
    for candidate_id in stale_candidates:
        db.session.get(User, candidate_id).last_login_at = START
    db.session.commit()
    purge(START + timedelta(days=days["inactive_candidate"] + 1))
    db.session.commit()
    assert all(db.session.get(User, cid) is None for cid in stale_candidates)
    assert db.session.get(Application, open_id) is not None


def test_the_snapshot_is_stored_on_the_application(app, accounts):
    application, credential = applied(app, accounts)
    profile = db.session.get(CandidateProfile, accounts.candidate.id)
    profile.presentation = "changé"
    db.session.commit()
    snapshot = db.session.get(Application, application.id).profile_snapshot
    assert snapshot["presentation"] == "Présentation d'origine"
    assert snapshot["credentials"][0]["id"] == credential.id


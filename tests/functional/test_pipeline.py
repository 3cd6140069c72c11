"""Pipeline rules: allowed transitions only, one application per person, no lost update."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from pairjobs.domain import applications as pipeline
from pairjobs.domain import positions as position_ops
from pairjobs.domain.applications import TRANSITIONS
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Application, ApplicationEvent, ApplicationStatus
from tests import factories
from tests.helpers import EN, post_json, signed_in

S = ApplicationStatus


def move_to(application, status, actor):
    """Put an application in a status directly (set-up only)."""
    application.status = status
    application.rejection_reason = "other" if status is S.REJECTED else None
    db.session.commit()


NOT_ALLOWED = [(a, b) for a in S for b in S if b is not a and b not in TRANSITIONS[a]]


def move_over_api(api, accounts, current, target, reason):
    """An application brought to `current`, then asked over the API to move to `target`."""
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    move_to(application, current, accounts.employer)
    body = {"status": target.value, "reason": reason if target is S.REJECTED else None}
    employer = api.as_(accounts.employer, EN)
    return application, employer.patch(f"/api/v1/applications/{application.id}", json=body)


@pytest.mark.parametrize("current, target", NOT_ALLOWED,
                         ids=[f"{a.value}->{b.value}" for a, b in NOT_ALLOWED])
def test_transitions_that_are_not_allowed_are_refused(client, api, accounts, current, target):
    application, response = move_over_api(api, accounts, current, target, "other")
    assert response.status_code == 422, response.json
    assert "status" in response.json["error"]["fields"]
    db.session.refresh(application)
    assert application.status is current


@pytest.mark.parametrize("current, target",
                         [(a, b) for a in S for b in sorted(TRANSITIONS[a], key=lambda s: s.value)])
def test_allowed_transitions(client, api, accounts, current, target):
    _application, response = move_over_api(api, accounts, current, target, "profile_mismatch")
    assert response.status_code == 200, response.json
    assert response.json["status"] == target.value


def test_rejection_needs_a_reason_and_only_rejection_takes_one(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    headers = api.bearer(accounts.employer, EN)
    url = f"/api/v1/applications/{application.id}"
    assert client.patch(url, json={"status": "rejected"}, headers=headers).json["error"]["fields"] == {
        "reason": ["Choose the reason for the rejection."]}
    assert client.patch(url, json={"status": "in_review", "reason": "other"},
                        headers=headers).status_code == 422
    assert client.patch(url, json={"status": "rejected", "reason": "bad"}, headers=headers).status_code == 422
    assert client.patch(url, json={}, headers=headers).status_code == 422
    note = client.patch(url, json={"note": "Appeler lundi"}, headers=headers)
    assert note.status_code == 200 and note.json["status"] == "submitted"
    assert note.json["history"][-1]["note"] == "Appeler lundi"


def test_withdrawal_by_the_candidate(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    headers = api.bearer(accounts.candidate, EN)
    response = client.post(f"/api/v1/applications/{application.id}/withdraw", headers=headers)
    assert response.status_code == 200 and response.json["status"] == "withdrawn"
    assert client.post(f"/api/v1/applications/{application.id}/withdraw", headers=headers).status_code == 409
    employer = api.bearer(accounts.employer, EN)
    assert client.patch(f"/api/v1/applications/{application.id}", json={"status": "in_review"},
                        headers=employer).status_code == 422
    # Withdrawal is the candidate's own: an employer cannot do it.
    other = factories.application(accounts.other_candidate, position)
    assert client.post(f"/api/v1/applications/{other.id}/withdraw", headers=employer).status_code == 403


def test_apply_to_a_position_that_is_not_open_is_422(client, api, accounts):
    draft = factories.position(accounts.organization, accounts.employer, publish=False)
    closed = factories.position(accounts.organization, accounts.employer)
    from pairjobs.domain import positions

    positions.close(closed, accounts.employer, "cancelled")
    db.session.commit()
    headers = api.bearer(accounts.candidate, EN)
    assert client.post(f"/api/v1/positions/{draft.id}/applications", json={},
                       headers=headers).status_code == 404
    # A closed position stays readable, with its outcome, but takes no application.
    assert client.post(f"/api/v1/positions/{closed.id}/applications", json={},
                       headers=headers).status_code == 422
    expired = factories.position(accounts.organization, accounts.employer)
    from datetime import timedelta

    from pairjobs.infra.clock import today

    expired.deadline = today() - timedelta(days=1)
    db.session.commit()
    response = client.post(f"/api/v1/positions/{expired.id}/applications", json={}, headers=headers)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


def test_credentials_of_someone_else_cannot_be_attached(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    theirs = factories.credential(accounts.other_candidate)
    response = client.post(f"/api/v1/positions/{position.id}/applications",
                           json={"credential_ids": [theirs.id]}, headers=api.bearer(accounts.candidate, EN))
    assert response.status_code == 422 and "credential_ids" in response.json["error"]["fields"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


def test_second_application_is_409(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    headers = api.bearer(accounts.candidate, EN)
    assert client.post(f"/api/v1/positions/{position.id}/applications", json={},
                       headers=headers).status_code == 201
    again = client.post(f"/api/v1/positions/{position.id}/applications", json={}, headers=headers)
    assert again.status_code == 409
    assert "already applied" in again.json["error"]["message"]


@pytest.fixture
def live_server(app):
    """The application served by a real multi-threaded HTTP server on a free port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_concurrent_duplicate_applications_create_one(client, api, accounts, live_server):
    position = factories.position(accounts.organization, accounts.employer)
    headers = api.bearer(accounts.candidate, EN)
    url = f"{live_server}/api/v1/positions/{position.id}/applications"
    barrier = threading.Barrier(8)

    def attempt(_):
        barrier.wait()
        return post_json(url, headers)

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = sorted(pool.map(attempt, range(8)))
    assert statuses == [201] + [409] * 7
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1


def test_two_recruiters_at_once_the_second_gets_a_conflict(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    colleague = factories.user(factories.Role.EMPLOYER, accounts.organization)
    first, second = api.bearer(accounts.employer, EN), api.bearer(colleague, EN)
    url = f"/api/v1/applications/{application.id}"
    version = client.get(url, headers=first).json["version"]
    assert client.get(url, headers=second).json["version"] == version
    assert client.patch(url, json={"status": "interview", "version": version},
                        headers=first).status_code == 200
    stale = client.patch(url,
                         json={"status": "rejected", "reason": "other", "version": version}, headers=second)
    assert stale.status_code == 409
    db.session.refresh(application)
    assert application.status is S.INTERVIEW
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApplicationEvent)
                             .where(ApplicationEvent.to_status == S.REJECTED)) == 0


def test_stale_form_gets_a_clear_conflict_message(app, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    c = app.test_client()
    c.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    version = application.version
    assert c.post(f"/employer/applications/{application.id}", data={"status": "in_review", "version": version}
                  ).status_code == 302
    stale = c.post(f"/employer/applications/{application.id}", data={"status": "rejected", "reason": "other",
                                                                      "version": version},
                   headers={"Accept-Language": "en"})
    assert "Someone else changed this application meanwhile" in stale.text
    db.session.refresh(application)
    assert application.status is S.IN_REVIEW


def test_the_pipeline_page_is_paginated_newest_change_first(app, accounts, monkeypatch):
    monkeypatch.setitem(app.config, "PIPELINE_PAGE_SIZE", 2)
    position = factories.position(accounts.organization, accounts.employer)
    other = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en équipe mobile")
    names = []
    for n in range(3):
        candidate = factories.user(factories.Role.CANDIDATE, name=f"Candidate {n}")
        factories.application(candidate, position)
        names.append(candidate.name)
    factories.application(factories.user(factories.Role.CANDIDATE, name="Elsewhere"), other)
    c = app.test_client()
    c.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    first = c.get(f"/employer/applications?position_id={position.id}", headers={"Accept-Language": "en"}).text
    assert "3 applications" in first and "Page 1 of 2" in first
    assert "Candidate 2" in first and "Candidate 1" in first and "Candidate 0" not in first
    assert f"position_id={position.id}" in first.split('rel="next" href="')[1].split('"')[0]
    second = c.get(f"/employer/applications?position_id={position.id}&page=2",
                   headers={"Accept-Language": "en"}).text
    assert "Candidate 0" in second and "Candidate 2" not in second and "Page 2 of 2" in second
    past = c.get("/employer/applications?page=9", headers={"Accept-Language": "en"}).text
    assert "4 applications" in past and "No application." in past


def test_a_withdrawal_is_confirmed_first_and_can_be_taken_back_while_the_position_is_open(app, accounts):
    position = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en CMP")
    application = factories.application(accounts.candidate, position)
    pipeline.change_status(application, accounts.employer, "in_review", None, None, None, today())
    db.session.commit()
    candidate = signed_in(app, accounts.candidate)
    asked = candidate.post(f"/me/applications/{application.id}/withdraw")
    assert asked.status_code == 200 and "Oui, la retirer" in asked.text
    db.session.refresh(application)
    assert application.status is ApplicationStatus.IN_REVIEW  # nothing before the confirmation
    candidate.post(f"/me/applications/{application.id}/withdraw", data={"confirmed": "1"})
    db.session.refresh(application)
    assert application.status is ApplicationStatus.WITHDRAWN
    assert "Annuler mon retrait" in candidate.get(f"/me/applications/{application.id}").text
    assert candidate.post(f"/me/applications/{application.id}/reinstate").status_code == 302
    db.session.refresh(application)
    assert application.status is ApplicationStatus.IN_REVIEW  # back where it was
    candidate.post(f"/me/applications/{application.id}/withdraw", data={"confirmed": "1"})
    position_ops.close(position, accounts.employer, "cancelled")
    db.session.commit()
    candidate.post(f"/me/applications/{application.id}/reinstate")
    db.session.refresh(application)
    assert application.status is ApplicationStatus.WITHDRAWN  # the position closed: too late


def test_the_person_hired_reads_a_summary_of_their_contract(app, accounts):
    position = factories.position(accounts.organization, accounts.employer, contract_type="cdd_public",
                                  legal_basis="vacancy", duration_months=12, fte_percent=80)
    application = factories.application(accounts.candidate, position)
    factories.hire(application, accounts.employer)
    db.session.commit()
    page = signed_in(app, accounts.candidate).get(f"/me/applications/{application.id}")
    summary = page.text.split('id="contract"')[1].split("</section>")[0]
    assert "CDD de droit public" in summary and "80 %" in summary
    other = signed_in(app, accounts.other_candidate).get(f"/me/applications/{application.id}")
    assert other.status_code == 404


@pytest.mark.parametrize("reason", ["no_response", "position_closed"])
def test_reasons_pairjobs_gives_itself_are_refused_from_a_recruiter(client, api, accounts, reason):
    application = factories.application(accounts.candidate, factories.position(accounts.organization,
                                                                               accounts.employer))
    response = client.patch(f"/api/v1/applications/{application.id}", json={"status": "rejected",
                            "reason": reason}, headers=api.bearer(accounts.employer))
    assert response.status_code == 422 and "reason" in response.json["error"]["fields"]
    db.session.refresh(application)
    assert application.status is ApplicationStatus.SUBMITTED

"""Defects found in review, each pinned by a test."""

import csv
import io
import re

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from pairjobs.extensions import db
from pairjobs.models import Contract, OutboxMessage
from tests import factories
from tests.helpers import EN, PDF


def test_employers_download_only_the_certificates_attached_to_an_application(app, accounts):
    owner = app.test_client()
    owner.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    for title in ("Attached", "Kept private"):
        owner.post("/me/credentials", data={"type": "du", "title": title, "institution": "Université Paris 8",
                                            "status": "obtained", "document": (io.BytesIO(PDF), "a.pdf")},
                   content_type="multipart/form-data")
    attached, private = db.session.scalars(sa.select(factories.Credential)
                                           .order_by(factories.Credential.id)).all()
    position = factories.position(accounts.organization, accounts.employer)
    factories.application(accounts.candidate, position, [attached])
    employer = app.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    assert employer.get(f"/me/credentials/{attached.id}/document").status_code == 200
    assert employer.get(f"/me/credentials/{private.id}/document").status_code == 404


def test_pending_employers_see_no_drafts_and_no_colleagues(client, auth, accounts):
    draft = factories.position(accounts.organization, accounts.employer, publish=False)
    auth.login(accounts.pending_employer.email)
    assert client.get(f"/jobs/{draft.id}").status_code == 404
    assert accounts.employer.email not in client.get("/employer/").text
    assert client.get("/employer/positions").status_code == 403


def test_links_in_mail_use_the_public_url_not_the_host_header(client, api, accounts, app):
    position = factories.position(accounts.organization, accounts.employer)
    client.post(f"/api/v1/positions/{position.id}/applications", json={},
                headers=api.bearer(accounts.candidate, EN) | {"Host": "evil.example"})
    body = db.session.scalar(sa.select(OutboxMessage.body))
    assert "evil.example" not in body
    assert app.config["PUBLIC_URL"] + "/employer/applications/" in body


def test_a_control_character_in_a_title_does_not_stop_the_mail(mail_app, api, app, smtp, accounts):
    _controller, inbox = smtp
    position = factories.position(accounts.organization, accounts.employer,
                                  title="Pair-aidant\r\nBcc: x@evil")
    candidate = api.using(mail_app.test_client()).as_(accounts.candidate, EN)
    assert candidate.post(f"/api/v1/positions/{position.id}/applications", json={}).status_code == 201
    assert len(inbox.messages) == 2  # the recruiter's notice and the candidate's receipt, both delivered
    for _rcpts, message in inbox.messages:
        assert "\n" not in message["Subject"] and "Bcc" not in message


def count_queries(app, action) -> int:
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def test_application_list_takes_the_same_number_of_queries_whatever_its_length(client, api, accounts, app):
    headers = api.bearer(accounts.employer, EN)
    positions = [factories.position(accounts.organization, accounts.employer) for _ in range(6)]
    credential = factories.credential(accounts.candidate)
    factories.application(accounts.candidate, positions[0], [credential])
    few = count_queries(app, lambda: client.get("/api/v1/applications", headers=headers))
    for p in positions[1:]:
        factories.application(accounts.candidate, p, [credential])
    many = count_queries(app, lambda: client.get("/api/v1/applications", headers=headers))
    assert many == few


def test_contract_actions_work_from_the_rendered_page(make_app, app, accounts):
    org = factories.organization(sector="private_nonprofit", kind="association")
    boss = factories.user(factories.Role.EMPLOYER, org)
    position = factories.position(org, boss, contract_type="cdd", duration_months=6)
    application = factories.application(accounts.candidate, position)

    factories.hire(application, boss)
    db.session.commit()
    contract = db.session.scalar(sa.select(Contract))
    browser = make_app(WTF_CSRF_ENABLED=True).test_client()
    login = browser.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    browser.post("/login", data={"email": boss.email, "password": factories.PASSWORD, "csrf_token": token})
    page = browser.get(f"/employer/contracts/{contract.id}").text
    fields = re.findall(r'<form[^>]*action="[^"]*/act"[^>]*>.*?</form>', page, re.S)
    assert len(fields) == 4
    renew = next(f for f in fields if 'name="action" value="renew"' in f)
    inputs = re.finditer(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', renew)
    data = {m.group(1): m.group(2) for m in inputs}
    data["duration_months"] = "6"
    action = re.search(r'action="([^"]+)"', renew).group(1)
    response = browser.post(action, data=data, follow_redirects=True, headers={"Accept-Language": "en"})
    assert "The contract is renewed." in response.text
    db.session.refresh(contract)
    assert contract.state.value == "renewed" and contract.renewal_decision.value == "renew"
    assert contract.decided_at is not None


def test_exports_never_carry_spreadsheet_formulas(client, auth, accounts):
    factories.position(accounts.organization, accounts.employer, title='=HYPERLINK("http://evil.example")',
                       supervision_frequency="none", supervision_kind=None)
    auth.login(accounts.monitor.email)
    text = client.get("/reports/export/flagged_positions.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][1].startswith("'=")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get("/reports/export/flagged_positions.xlsx").data)).active
    title = sheet.cell(row=2, column=2)
    assert title.data_type == "s" and title.value.startswith("'=")


@pytest.mark.parametrize("url", ["/jobs/99999999999999999999", "/api/v1/positions/99999999999999999999"])
def test_huge_ids_are_404(client, url):
    assert client.get(url).status_code == 404


def test_odd_numbers_and_types_are_422_not_500(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    headers = api.bearer(accounts.employer, EN)
    for query in ("page=²", "per_page=²", "position_id=²", "per_page=1000"):
        assert client.get(f"/api/v1/applications?{query}", headers=headers).status_code == 422, query
    assert client.get("/api/v1/contracts?page=0", headers=headers).json["error"]["fields"] == {
        "page": ["Must be a whole number of at least 1."]}
    response = client.patch(f"/api/v1/applications/{application.id}", json={"note": ["x"]}, headers=headers)
    assert response.status_code == 422 and "note" in response.json["error"]["fields"]


def test_durations_beyond_the_legal_limits_are_refused(client, api, accounts):
    org = factories.organization(sector="private_nonprofit", kind="association")
    boss = factories.user(factories.Role.EMPLOYER, org)
    private = api.bearer(boss, EN)
    too_long = client.post("/api/v1/positions", json=factories.position_input(contract_type="cdd",
                                                                               duration_months=19),
                           headers=private)
    assert too_long.status_code == 422 and "duration_months" in too_long.json["error"]["fields"]
    seasonal = api.as_(accounts.employer, EN).post("/api/v1/positions", json=factories.position_input(
        contract_type="cdd_public", legal_basis="seasonal", duration_months=7))
    assert seasonal.status_code == 422
    ok = client.post("/api/v1/positions",
                     json=factories.position_input(contract_type="cdd", duration_months=18),
                     headers=private)
    assert ok.status_code == 201


def test_token_endpoint_asks_for_basic_credentials(client):
    assert client.post("/api/v1/tokens").headers["WWW-Authenticate"].startswith("Basic")
    assert client.get("/api/v1/me").headers["WWW-Authenticate"].startswith("Bearer")


def test_disabling_an_account_ends_its_sessions(client, auth, accounts):
    auth.login(accounts.candidate.email)
    assert client.get("/account").status_code == 200
    accounts.candidate.is_enabled = False
    db.session.commit()
    assert client.get("/account").status_code == 302

"""API tokens and JSON errors."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import ApiToken, Organization
from pairjobs.models.base import utcnow
from tests.helpers import basic
from tests.helpers import bearer_header as bearer


def assert_error(response, status, code):
    assert response.status_code == status
    assert response.content_type == "application/json"
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_issue_use_and_revoke_a_token(client, api, accounts):
    response = client.post("/api/v1/tokens", headers=basic(accounts.candidate.email.upper()))
    assert response.status_code == 201
    body = response.json
    assert set(body) == {"token", "expires_at"}
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(hours=23) < expires - utcnow() <= timedelta(hours=24)
    # Only a hash is stored.
    assert db.session.scalar(sa.select(ApiToken.token_hash)) != body["token"]

    me = api.with_token(body["token"]).get("/api/v1/me")
    assert me.status_code == 200
    assert me.json["email"] == accounts.candidate.email
    assert me.json["role"] == "candidate"

    assert api.with_token(body["token"]).delete("/api/v1/tokens").status_code == 204
    assert_error(api.with_token(body["token"]).get("/api/v1/me"), 401, "unauthorized")


@pytest.mark.parametrize("password", ["wrong password!", ""])
def test_wrong_credentials_get_401(client, accounts, password):
    response = client.post("/api/v1/tokens", headers=basic(accounts.candidate.email, password))
    assert_error(response, 401, "unauthorized")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_unknown_account_and_no_credentials_get_401(client, accounts):
    assert_error(client.post("/api/v1/tokens", headers=basic("nobody@example.org")), 401, "unauthorized")
    assert_error(client.post("/api/v1/tokens"), 401, "unauthorized")


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Token abc", "Basic abc"])
def test_calls_without_a_valid_token_get_401(client, accounts, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_gets_401(client, api, accounts):
    token = api.token(accounts.candidate)
    record = db.session.scalar(sa.select(ApiToken))
    record.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert_error(api.with_token(token).get("/api/v1/me"), 401, "unauthorized")


def test_token_of_a_disabled_account_stops_working(client, api, accounts):
    token = api.token(accounts.candidate)
    user = db.session.get(type(accounts.candidate), accounts.candidate.id)
    user.is_enabled = False
    db.session.commit()
    assert_error(api.with_token(token).get("/api/v1/me"), 401, "unauthorized")


VALID_ORG = {"name": "CH Drôme Vivarais", "kind": "epsm", "sector": "public", "finess": "260000047",
             "department": "26", "commune": "26196"}


@pytest.mark.parametrize("actor", ["candidate", "employer", "monitor"])
def test_only_admins_create_organizations(client, api, accounts, actor):
    token = api.token(getattr(accounts, actor))
    assert_error(api.with_token(token).post("/api/v1/organizations", json=VALID_ORG), 403, "forbidden")
    # Reading is open to every signed-in account.
    assert api.with_token(token).get("/api/v1/organizations").status_code == 200


def test_admin_creates_an_organization_over_the_api(client, api, accounts):
    token = api.token(accounts.admin)
    response = api.with_token(token).post("/api/v1/organizations", json=VALID_ORG)
    assert response.status_code == 201
    assert response.json["finess"] == "260000047"
    assert response.json["warnings"] == []
    assert api.with_token(token).get(response.headers["Location"]).json["name"] == "CH Drôme Vivarais"
    names = [o["name"] for o in api.with_token(token).get("/api/v1/organizations").json["items"]]
    assert "CH Drôme Vivarais" in names
    duplicate = api.with_token(token).post("/api/v1/organizations", json=VALID_ORG)
    assert_error(duplicate, 409, "conflict")


def test_invalid_organization_gets_422_with_fields_and_saves_nothing(client, api, accounts):
    token = api.token(accounts.admin)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Organization))
    body = VALID_ORG | {"finess": "123", "siret": "1", "commune": "Paris", "kind": "castle"}
    response = api.with_token(token).post("/api/v1/organizations", json=body)
    assert_error(response, 422, "validation_failed")
    # The shape's errors come first (an unknown kind), then the rules' (identifiers, commune), all at once.
    assert set(response.json["error"]["fields"]) == {"kind"}
    response = client.post("/api/v1/organizations", json=body | {"kind": VALID_ORG["kind"]},
                           headers=bearer(token))
    assert_error(response, 422, "validation_failed")
    assert set(response.json["error"]["fields"]) == {"finess", "siret", "commune"}
    assert all(isinstance(m, list) and m for m in response.json["error"]["fields"].values())
    wrong_type = api.with_token(token).post("/api/v1/organizations", json=VALID_ORG | {"name": 12})
    assert_error(wrong_type, 422, "validation_failed")
    assert wrong_type.json["error"]["fields"] == {"name": ["Doit être du texte."]}
    json_type = {"Content-Type": "application/json"}
    not_json = client.post("/api/v1/organizations", data="{", headers=bearer(token) | json_type)
    assert_error(not_json, 400, "bad_request")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization)) == before


def test_api_errors_are_json_never_html(client, api, accounts):
    token = api.token(accounts.admin)
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(api.with_token(token).get("/api/v1/organizations/999999"), 404, "not_found")
    assert_error(client.put("/api/v1/tokens"), 405, "method_not_allowed")


def test_a_pending_employer_gets_the_pages_403_from_the_api(client, api, auth, accounts):
    pending = api.as_(accounts.pending_employer)
    assert pending.get("/api/v1/me").json["approved"] is False  # who it is, it may know
    for method, url in (("GET", "/api/v1/contracts"), ("POST", "/api/v1/positions"),
                        ("GET", "/api/v1/applications")):
        response = pending.open(url, method, json={})
        assert_error(response, 403, "forbidden")
        assert response.json["error"]["message"] == "Votre compte employeur attend sa validation."
    auth.login(accounts.pending_employer.email)
    for path in ("/employer/contracts", "/employer/positions/new", "/employer/applications"):
        page = client.get(path)
        assert page.status_code == 403 and "Votre compte employeur attend sa validation." in page.text

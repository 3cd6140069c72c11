"""API tokens and JSON errors."""

import base64
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import ApiToken, Organization
from pairjobs.models.base import utcnow
from tests import factories


def basic(email, password=factories.PASSWORD):
    return {"Authorization": "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def issue(client, email):
    response = client.post("/api/v1/tokens", headers=basic(email))
    assert response.status_code == 201, response.json
    return response.json["token"]


def assert_error(response, status, code):
    assert response.status_code == status
    assert response.content_type == "application/json"
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_issue_use_and_revoke_a_token(client, accounts):
    response = client.post("/api/v1/tokens", headers=basic(accounts.candidate.email.upper()))
    assert response.status_code == 201
    body = response.json
    assert set(body) == {"token", "expires_at"}
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(hours=23) < expires - utcnow() <= timedelta(hours=24)
    # Only a hash is stored.
    assert db.session.scalar(sa.select(ApiToken.token_hash)) != body["token"]

    me = client.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json["email"] == accounts.candidate.email
    assert me.json["role"] == "candidate"

    assert client.delete("/api/v1/tokens", headers=bearer(body["token"])).status_code == 204
    assert_error(client.get("/api/v1/me", headers=bearer(body["token"])), 401, "unauthorized")


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


def test_expired_token_gets_401(client, accounts):
    token = issue(client, accounts.candidate.email)
    record = db.session.scalar(sa.select(ApiToken))
    record.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert_error(client.get("/api/v1/me", headers=bearer(token)), 401, "unauthorized")


def test_token_of_a_disabled_account_stops_working(client, accounts):
    token = issue(client, accounts.candidate.email)
    user = db.session.get(type(accounts.candidate), accounts.candidate.id)
    user.is_enabled = False
    db.session.commit()
    assert_error(client.get("/api/v1/me", headers=bearer(token)), 401, "unauthorized")


VALID_ORG = {"name": "CH Drôme Vivarais", "kind": "epsm", "sector": "public", "finess": "260000047",
             "department": "26", "commune": "26196"}


@pytest.mark.parametrize("actor", ["candidate", "employer", "monitor"])
def test_only_admins_create_organizations(client, accounts, actor):
    token = issue(client, getattr(accounts, actor).email)
    assert_error(client.post("/api/v1/organizations", json=VALID_ORG, headers=bearer(token)),
                 403, "forbidden")
    # Reading is open to every signed-in account.
    assert client.get("/api/v1/organizations", headers=bearer(token)).status_code == 200


def test_admin_creates_an_organization_over_the_api(client, accounts):
    token = issue(client, accounts.admin.email)
    response = client.post("/api/v1/organizations", json=VALID_ORG, headers=bearer(token))
    assert response.status_code == 201
    assert response.json["finess"] == "260000047"
    assert response.json["warnings"] == []
    assert client.get(response.headers["Location"], headers=bearer(token)).json["name"] == "CH Drôme Vivarais"
    names = [o["name"] for o in client.get("/api/v1/organizations", headers=bearer(token)).json["items"]]
    assert "CH Drôme Vivarais" in names
    duplicate = client.post("/api/v1/organizations", json=VALID_ORG, headers=bearer(token))
    assert_error(duplicate, 409, "conflict")


def test_invalid_organization_gets_422_with_fields_and_saves_nothing(client, accounts):
    token = issue(client, accounts.admin.email)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Organization))
    body = VALID_ORG | {"finess": "123", "siret": "1", "commune": "Paris", "kind": "castle"}
    response = client.post("/api/v1/organizations", json=body, headers=bearer(token))
    assert_error(response, 422, "validation_failed")
    # The shape's errors come first (an unknown kind), then the rules' (identifiers, commune), all at once.
    assert set(response.json["error"]["fields"]) == {"kind"}
    response = client.post("/api/v1/organizations", json=body | {"kind": VALID_ORG["kind"]},
                           headers=bearer(token))
    assert_error(response, 422, "validation_failed")
    assert set(response.json["error"]["fields"]) == {"finess", "siret", "commune"}
    assert all(isinstance(m, list) and m for m in response.json["error"]["fields"].values())
    wrong_type = client.post("/api/v1/organizations", json=VALID_ORG | {"name": 12}, headers=bearer(token))
    assert_error(wrong_type, 422, "validation_failed")
    assert wrong_type.json["error"]["fields"] == {"name": ["Doit être du texte."]}
    json_type = {"Content-Type": "application/json"}
    not_json = client.post("/api/v1/organizations", data="{", headers=bearer(token) | json_type)
    assert_error(not_json, 400, "bad_request")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization)) == before


def test_api_errors_are_json_never_html(client, accounts):
    token = issue(client, accounts.admin.email)
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/v1/organizations/999999", headers=bearer(token)), 404, "not_found")
    assert_error(client.put("/api/v1/tokens"), 405, "method_not_allowed")

"""The API writes what it reads: GET a resource, change one field, send the whole body back."""

import copy

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Contract, Position
from tests import factories
from tests.helpers import EN


def hired_contract(accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    factories.hire(application, accounts.employer)
    db.session.commit()
    return db.session.scalar(sa.select(Contract).where(Contract.position_id == position.id))


def round_trip(client, url, headers, update):
    """GET → change the fields of `update` (nested objects merged) → PATCH the whole body → GET."""
    before = client.get(url, headers=headers)
    assert before.status_code == 200, before.json
    body = copy.deepcopy(before.json)
    for name, value in update.items():
        body[name] = body[name] | value if isinstance(value, dict) else value
    patched = client.patch(url, json=body, headers=headers)
    assert patched.status_code == 200, patched.json
    assert "Deprecation" not in patched.headers  # the shape read is the current one
    after = client.get(url, headers=headers).json
    return before.json, after


def test_a_position_round_trips(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    position = factories.position(accounts.organization, accounts.employer)
    url = f"/api/v1/positions/{position.id}"

    before, after = round_trip(client, url, headers, {"supervision": {"frequency": "weekly"}})
    assert after["supervision"]["frequency"] == "weekly"
    assert after["version"] == before["version"] + 1
    unchanged = {k for k in before if k not in {"supervision", "version", "flags"}}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_a_position_patch_is_partial_and_nested(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    position = factories.position(accounts.organization, accounts.employer)
    url = f"/api/v1/positions/{position.id}"
    before = client.get(url, headers=headers).json
    response = client.patch(url, json={"funding": {"kind": "grant", "ends_on": "2031-06-30"}},
                            headers=headers)
    assert response.status_code == 200, response.json
    assert response.json["funding"] == {"kind": "grant", "ends_on": "2031-06-30"}
    assert response.json["supervision"] == before["supervision"]
    assert response.json["title"] == before["title"]


def test_a_get_body_can_be_posted_as_a_new_position(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    position = factories.position(accounts.organization, accounts.employer)
    body = client.get(f"/api/v1/positions/{position.id}", headers=headers).json
    del body["id"]
    body["title"] = "Médiateur de santé pair, équipe mobile"
    created = client.post("/api/v1/positions", json=body, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["title"] == "Médiateur de santé pair, équipe mobile"
    assert created.json["status"] == "draft"  # what only pairjobs writes is ignored on input
    assert created.json["supervision"] == body["supervision"]
    assert created.json["funding"] == body["funding"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Position)) == 2


def test_a_contract_round_trips(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    contract = hired_contract(accounts)
    url = f"/api/v1/contracts/{contract.id}"

    before, after = round_trip(client, url, headers, {"monthly_gross": 2150})
    assert after["monthly_gross"] == 2150
    assert {k: after[k] for k in ("funding", "supervision", "start_date", "end_date")} == {
        k: before[k] for k in ("funding", "supervision", "start_date", "end_date")}


def test_a_credential_round_trips_and_goes_back_for_verification(client, api, accounts):
    headers = api.bearer(accounts.candidate, EN)
    credential = factories.credential(accounts.candidate)
    url = f"/api/v1/me/credentials/{credential.id}"

    before, after = round_trip(client, url, headers, {"hours": 120})
    assert after["hours"] == 120
    assert after["title"] == before["title"]
    other = api.bearer(accounts.other_candidate, EN)
    assert client.get(url, headers=other).status_code == 404
    assert client.patch(url, json={"hours": 1}, headers=other).status_code == 404


def test_a_credential_get_body_can_be_posted(client, api, accounts):
    headers = api.bearer(accounts.candidate, EN)
    credential = factories.credential(accounts.candidate)
    body = client.get(f"/api/v1/me/credentials/{credential.id}", headers=headers).json
    del body["id"]
    created = client.post("/api/v1/me/credentials", json=body, headers=headers)
    assert created.status_code == 201, created.json
    assert created.json["verification"] == "pending"
    assert created.headers["Location"].endswith(f"/api/v1/me/credentials/{created.json['id']}")


def test_an_organization_round_trips(client, api, accounts):
    headers = api.bearer(accounts.admin, EN)
    url = f"/api/v1/organizations/{accounts.organization.id}"

    before, after = round_trip(client, url, headers, {"name": "CH Le Vinatier, pôle Est"})
    assert after["name"] == "CH Le Vinatier, pôle Est"
    assert {k: v for k, v in after.items() if k != "name"} == {k: v for k, v in before.items() if k != "name"}


@pytest.mark.parametrize("body, path", [
    ({"supervision": {"frequency": "daily"}}, "supervision.frequency"),
    ({"funding": {"kind": "grant", "ends_on": "soon"}}, "funding.ends_on"),
    ({"funding": "grant"}, "funding"),
    ({"commune": {"code": "38382"}}, "commune"),
    ({"organization": {"id": 999999}}, "organization"),
])
def test_field_errors_name_the_path(client, api, accounts, body, path):
    headers = api.bearer(accounts.employer, EN)
    position = factories.position(accounts.organization, accounts.employer)
    version = position.version
    response = client.patch(f"/api/v1/positions/{position.id}", json=body, headers=headers)
    assert response.status_code == 422, response.json
    assert set(response.json["error"]["fields"]) == {path}
    db.session.refresh(position)
    assert position.version == version  # nothing saved


def test_flat_names_still_work_with_a_deprecation_header(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    position = factories.position(accounts.organization, accounts.employer)
    response = client.patch(f"/api/v1/positions/{position.id}", json={"supervision_frequency": "weekly"},
                            headers=headers)
    assert response.status_code == 200, response.json
    assert response.json["supervision"]["frequency"] == "weekly"
    assert response.headers["Deprecation"].startswith("@")
    assert 'rel="deprecation"' in response.headers["Link"]
    nested = client.patch(f"/api/v1/positions/{position.id}", json={"supervision": {"frequency": "monthly"}},
                          headers=headers)
    assert "Deprecation" not in nested.headers


def test_the_libraries_messages_are_in_the_readers_language(api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    employer = api.as_(accounts.employer)  # French by default
    url = f"/api/v1/positions/{position.id}"
    cases = [({"nonsense": 1}, "nonsense", "Champ inconnu."),
             ({"supervision": None}, "supervision", "Ce champ ne peut pas être vide."),
             ({"organization": 1}, "organization", "Doit être un objet.")]
    for body, path, message in cases:
        answer = employer.patch(url, json=body)
        assert answer.status_code == 422, body
        assert answer.json["error"]["fields"][path] == [message], answer.json
    listing = employer.get("/api/v1/positions?sort=bogus")
    assert listing.status_code == 422
    assert listing.json["error"]["fields"]["sort"] == [
        "Doit être l’une des valeurs suivantes : newest, deadline."], listing.json
    english = api.as_(accounts.employer, EN).patch(url, json={"nonsense": 1})
    assert english.json["error"]["fields"]["nonsense"] == ["Unknown field."]

"""The data the contract rules need, through the API and the pages: what GET returns, PATCH accepts."""

from __future__ import annotations

from datetime import date

import pytest

from pairjobs.extensions import db
from pairjobs.models import Contract
from tests import factories
from tests.helpers import EN

NEW_FIELDS = ("category", "cdd_reason", "extended_duration", "part_time_at_employee_request", "post_ref")


def record(organization, **fields) -> Contract:
    values = {"person_key": "k-1", "contract_type": "cdd_public", "sector": "public",
              "legal_basis": "permanent_need", "start_date": date(2026, 1, 1), "end_date": date(2026, 12, 31),
              "weekly_hours": 35} | fields
    contract = factories.ContractFactory(organization=organization, **values)
    db.session.commit()
    return contract


def test_the_new_contract_fields_round_trip(client, api, accounts):
    contract = record(accounts.organization)
    headers = api.bearer(accounts.employer, EN)
    got = client.get(f"/api/v1/contracts/{contract.id}", headers=headers).json
    assert {k: got[k] for k in NEW_FIELDS} == {"category": None, "cdd_reason": None,
                                               "extended_duration": False,
                                               "part_time_at_employee_request": False, "post_ref": None}
    sent = {k: got[k] for k in NEW_FIELDS} | {"category": "B", "post_ref": "UF-12", "version": got["version"]}
    changed = client.patch(f"/api/v1/contracts/{contract.id}", json=sent, headers=headers)
    assert changed.status_code == 200, changed.json
    again = client.get(f"/api/v1/contracts/{contract.id}", headers=headers).json
    assert (again["category"], again["post_ref"]) == ("B", "UF-12")
    # Sent back unchanged, it is accepted again.
    resent = {k: again[k] for k in NEW_FIELDS} | {"version": again["version"]}
    assert client.patch(f"/api/v1/contracts/{contract.id}", json=resent, headers=headers).status_code == 200


@pytest.mark.parametrize("field, value", [("cdd_reason", "replacement"), ("extended_duration", True),
                                          ("category", "D"), ("part_time_at_employee_request", True)])
def test_a_field_that_does_not_apply_is_refused_and_changes_nothing(client, api, accounts, field, value):
    contract = record(accounts.organization)
    headers = api.bearer(accounts.employer, EN)
    response = client.patch(f"/api/v1/contracts/{contract.id}", json={field: value}, headers=headers)
    assert response.status_code == 422 and field in response.json["error"]["fields"]
    assert client.get(f"/api/v1/contracts/{contract.id}", headers=headers).json[field] in (None, False)


def test_a_private_cdd_takes_a_reason_and_a_pec_an_extended_duration(client, api, accounts):
    private = factories.organization(sector="private_nonprofit")
    employer = factories.user(factories.Role.EMPLOYER, private)
    headers = api.bearer(employer, EN)
    cdd = record(private, contract_type="cdd", sector="private_nonprofit", legal_basis=None)
    pec = record(private, person_key="k-2", contract_type="pec", sector="private_nonprofit", legal_basis=None)
    assert client.patch(f"/api/v1/contracts/{cdd.id}", json={"cdd_reason": "awaiting_cdi"},
                        headers=headers).json["cdd_reason"] == "awaiting_cdi"
    body = client.patch(f"/api/v1/contracts/{pec.id}", json={"extended_duration": True}, headers=headers).json
    assert body["extended_duration"] is True


def test_public_employers_may_use_pec_apprenticeship_and_temp_work(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    for kind, months in (("pec", 12), ("apprentissage", 24), ("interim", 6)):
        body = factories.position_input(contract_type=kind, duration_months=months)
        response = client.post("/api/v1/positions", json=body, headers=headers)
        assert response.status_code == 201, (kind, response.json)
    contract = record(accounts.organization, person_key="k-3", contract_type="pec", legal_basis=None)
    assert client.patch(f"/api/v1/contracts/{contract.id}", json={"weekly_hours": 20},
                        headers=headers).status_code == 200


@pytest.mark.parametrize("basis, months, accepted", [
    ("vacancy", 12, True), ("vacancy", 13, False), ("vacancy", 36, False), ("permanent_need", 36, True),
    ("permanent_need", 37, False), ("replacement", 48, True), ("seasonal", 7, False),
    ("temporary_increase", 12, True),
])
def test_postings_follow_the_limit_of_their_legal_basis(client, api, accounts, basis, months, accepted):
    body = factories.position_input(contract_type="cdd_public", legal_basis=basis, duration_months=months)
    response = api.as_(accounts.employer, EN).post("/api/v1/positions", json=body)
    assert (response.status_code == 201) == accepted
    if not accepted:
        assert response.status_code == 422
        assert "months" in " ".join(response.json["error"]["fields"]["duration_months"])


def test_organization_rule_data_round_trips(client, api, accounts):
    headers = api.bearer(accounts.admin, EN)
    url = f"/api/v1/organizations/{accounts.organization.id}"
    got = client.get(url, headers=headers).json
    assert (got["legal_entity_finess"], got["idcc"], got["opening_days"]) == (None, None, [1, 2, 3, 4, 5])
    sibling = accounts.other_organization.finess
    changed = client.patch(url, json={"opening_days": [7, 1, 2, 3, 4, 5, 6], "idcc": "413",
                                      "legal_entity_finess": sibling}, headers=headers)
    assert changed.status_code == 200, changed.json
    assert (changed.json["opening_days"], changed.json["idcc"], changed.json["legal_entity_finess"]) == (
        [1, 2, 3, 4, 5, 6, 7], "0413", sibling)
    again = client.get(url, headers=headers).json
    assert client.patch(url, json={k: again[k] for k in ("legal_entity_finess", "idcc", "opening_days")},
                        headers=headers).json == again
    for bad in ({"opening_days": [0]}, {"opening_days": []}, {"opening_days": "1"}, {"idcc": "12345"},
                {"legal_entity_finess": "123"}):
        response = client.patch(url, json=bad, headers=headers)
        assert response.status_code == 422, bad
    assert client.get(url, headers=headers).json == again
    assert api.as_(accounts.employer, EN).patch(url, json={"idcc": "29"}).status_code == 403


def test_a_position_overrides_the_opening_days(client, api, accounts):
    headers = api.bearer(accounts.employer, EN)
    body = factories.position_input(opening_days=[1, 2, 3, 4, 5, 6, 7])
    created = client.post("/api/v1/positions", json=body, headers=headers).json
    assert created["opening_days"] == [1, 2, 3, 4, 5, 6, 7]
    default = client.post("/api/v1/positions", json=factories.position_input(), headers=headers).json
    assert default["opening_days"] is None
    bad = client.post("/api/v1/positions", json=factories.position_input(opening_days=[8]), headers=headers)
    assert bad.status_code == 422 and "opening_days" in bad.json["error"]["fields"]


def test_the_contract_page_saves_the_new_fields(client, auth, accounts):
    contract = record(accounts.organization)
    auth.login(accounts.employer.email)
    page = client.get(f"/employer/contracts/{contract.id}")
    assert 'name="category"' in page.text and 'name="post_ref"' in page.text
    form = {"form": "terms", "contract_type": "cdd_public", "legal_basis": "vacancy", "category": "C",
            "post_ref": "UF-3", "start_date": "2026-01-01", "end_date": "2026-12-31", "fte_percent": "100",
            "weekly_hours": "35", "funding_kind": "permanent", "supervision_frequency": "monthly",
            "supervision_kind": "external", "supervision_paid_time": "y", "peer_team_size": "1",
            "version": str(contract.version)}
    response = client.post(f"/employer/contracts/{contract.id}", data=form, follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(contract)
    assert (contract.category.value, contract.post_ref,
            contract.legal_basis.value) == ("C", "UF-3", "vacancy")


def test_the_admin_page_records_the_legal_entity_and_opening_days(client, auth, accounts):
    auth.login(accounts.admin.email)
    assert "Jours d'ouverture" in client.get("/admin/organizations/new",
                                             headers={"Accept-Language": "fr"}).text
    finess = factories.finess_number()
    response = client.post("/admin/organizations/new", data={
        "name": "Unité test", "kind": "ch", "sector": "public", "finess": finess, "department": "69",
        "commune": "69029", "legal_entity_finess": accounts.organization.finess, "idcc": "",
        "opening_days": ["1", "2", "3", "4", "5", "6", "7"]}, follow_redirects=True)
    assert response.status_code == 200
    created = db.session.scalar(db.select(factories.Organization)
                                .where(factories.Organization.finess == finess))
    assert (created.legal_entity_finess, created.opening_days) == (accounts.organization.finess, "1234567")

"""Positions over the JSON API: life cycle, validation, visibility."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Position, PositionEvent
from tests import factories
from tests.helpers import EN


def count_positions():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Position))


@pytest.fixture
def employer(api, accounts):
    return api.bearer(accounts.employer, EN)


REQUIRED_KEYS = {
    "id", "title", "description", "organization", "setting", "department", "commune", "contract_type",
    "legal_basis", "duration_months", "fte_percent", "weekly_hours", "salary_min", "salary_max", "funding",
    "start_date", "deadline", "openings", "supervision", "peer_team_size", "training_funded",
    "credential_expectation", "status", "published_at", "flags", "url",
}


def test_full_life_cycle(client, accounts, employer):
    deadline = (today() + timedelta(days=30)).isoformat()
    body = factories.position_input(deadline=deadline)
    created = client.post("/api/v1/positions", json=body, headers=employer)
    assert created.status_code == 201, created.json
    position = created.json
    assert set(position) >= REQUIRED_KEYS
    assert position["status"] == "draft" and position["published_at"] is None
    assert position["organization"] == {"id": accounts.organization.id, "name": accounts.organization.name,
                                        "kind": "epsm", "sector": "public",
                                        "finess": accounts.organization.finess}
    assert position["commune"] == {"code": "69029", "name": "Bron"}
    assert position["department"] == "69"
    assert position["weekly_hours"] == 35.0
    assert position["supervision"] == {"frequency": "monthly", "kind": "external", "paid_time": True,
                                       "referent_role": None}
    assert position["funding"] == {"kind": "permanent", "ends_on": None}
    assert position["flags"] == []
    url = created.headers["Location"]

    # A draft is invisible to the public.
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/positions").json["total"] == 0

    patched = client.patch(url,
                           json={"fte_percent": 40, "supervision_frequency": "none",
                                 "supervision_kind": None},
                           headers=employer)
    assert patched.status_code == 200, patched.json
    codes = {f["code"] for f in patched.json["flags"]}
    assert codes == {"low_fte", "no_supervision"}
    assert all(f["label"] and f["severity"] in {"info", "warning", "critical"} for f in patched.json["flags"])
    assert patched.json["weekly_hours"] == 14.0  # derived again from the new FTE (35 h × 40 %)

    published = client.post(f"{url}/publish", headers=employer)
    assert published.status_code == 200
    assert published.json["status"] == "published" and published.json["published_at"]
    assert client.get(url).status_code == 200
    assert client.get("/api/v1/positions").json["total"] == 1
    assert client.post(f"{url}/publish", headers=employer).status_code == 409

    closed = client.post(f"{url}/close", json={"outcome": "filled"}, headers=employer)
    assert closed.status_code == 200
    assert closed.json["status"] == "closed" and closed.json["outcome"] == "filled"
    public = client.get(url)  # closed after publication: readable by all, with its outcome, out of the search
    assert public.status_code == 200
    assert (public.json["status"], public.json["outcome"]) == ("closed", "filled")
    assert client.get("/api/v1/positions").json["total"] == 0
    assert client.get(url, headers=employer).status_code == 200
    assert client.post(f"{url}/close", json={"outcome": "filled"}, headers=employer).status_code == 409
    assert client.patch(url, json={"title": "Again"}, headers=employer).status_code == 422

    actions = db.session.scalars(
        sa.select(PositionEvent.action).where(PositionEvent.position_id == position["id"])
        .order_by(PositionEvent.id)
    ).all()
    assert actions == ["created", "updated", "published", "closed"]
    update = db.session.scalar(sa.select(PositionEvent).where(PositionEvent.action == "updated"))
    assert update.actor_id == accounts.employer.id
    assert update.changes["fte_percent"] == [100, 40]
    assert update.changes["supervision_frequency"] == ["monthly", "none"]


def assert_refused(response, field):
    """A 422 that names the field."""
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]


def test_close_needs_a_known_outcome(client, accounts, employer):
    position = factories.position(accounts.organization, accounts.employer)
    for body in ({}, {"outcome": "done"}, {"outcome": None}):
        assert_refused(client.post(f"/api/v1/positions/{position.id}/close", json=body, headers=employer),
                       "outcome")
    db.session.refresh(position)
    assert position.status.value == "published"


def test_stale_version_is_a_conflict(client, accounts, employer):
    position = factories.position(accounts.organization, accounts.employer)
    url = f"/api/v1/positions/{position.id}"
    version = client.get(url).json["version"]
    assert client.patch(url, json={"title": "First edit", "version": version},
                        headers=employer).status_code == 200
    stale = client.patch(url, json={"title": "Second edit", "version": version}, headers=employer)
    assert stale.status_code == 409
    assert client.get(url).json["title"] == "First edit"


INVALID = [
    ({"contract_type": "cdd"}, "contract_type"),  # private type for a public employer
    ({"contract_type": "cdd_public", "legal_basis": "replacement"}, "duration_months"),
    ({"contract_type": "cdd_public", "duration_months": 12}, "legal_basis"),
    ({"contract_type": "cdi_public", "duration_months": 12}, "duration_months"),
    ({"contract_type": "titulaire", "legal_basis": "vacancy"}, "legal_basis"),
    ({"fte_percent": 9}, "fte_percent"),
    ({"fte_percent": 101}, "fte_percent"),
    ({"fte_percent": "full"}, "fte_percent"),
    ({"salary_min": 2500, "salary_max": 2000}, "salary_max"),
    ({"salary_min": -5}, "salary_min"),
    ({"commune": "38382"}, "commune"),  # Saint-Égrève is in Isère, not Rhône
    ({"department": "38"}, "commune"),
    ({"department": "75"}, "department"),
    ({"setting": "prison"}, "setting"),
    ({"supervision_frequency": "daily"}, "supervision.frequency"),  # errors name the path in the shape
    ({"credential_expectation": None}, "credential_expectation"),
    ({"title": "x" * 201}, "title"),
    ({"title": ""}, "title"),
    ({"funding_kind": "grant"}, "funding.ends_on"),
    ({"funding_ends_on": "2030-01-01"}, "funding.ends_on"),
    ({"deadline": "31/12/2030"}, "deadline"),
    ({"supervision_kind": None}, "supervision.kind"),
    ({"renewable": "perhaps"}, "renewable"),
]


@pytest.mark.parametrize("overrides, field", INVALID)
def test_invalid_position_is_refused_with_field_messages(client, accounts, employer, overrides, field):
    response = client.post("/api/v1/positions", json=factories.position_input(**overrides), headers=employer)
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "validation_failed"
    assert field in response.json["error"]["fields"], response.json
    assert all(response.json["error"]["fields"][field])
    assert count_positions() == 0


def test_private_employer_cannot_offer_a_public_contract(client, api, accounts):
    org = factories.organization(sector="private_nonprofit", kind="association")
    user = factories.user(factories.Role.EMPLOYER, org)
    headers = api.bearer(user, EN)
    refused = client.post("/api/v1/positions", json=factories.position_input(), headers=headers)
    assert refused.status_code == 422 and "contract_type" in refused.json["error"]["fields"]
    body = factories.position_input(contract_type="cdd", duration_months=6)
    accepted = client.post("/api/v1/positions", json=body, headers=headers)
    assert accepted.status_code == 201


def test_publishing_with_a_past_deadline_is_refused(client, accounts, employer):
    position = factories.position(accounts.organization, accounts.employer, publish=False,
                                  deadline=(today() - timedelta(days=1)).isoformat())
    assert_refused(client.post(f"/api/v1/positions/{position.id}/publish", headers=employer), "deadline")
    db.session.refresh(position)
    assert position.status.value == "draft"


def test_patch_refuses_unknown_fields_and_bad_bodies(client, accounts, employer):
    position = factories.position(accounts.organization, accounts.employer)
    url = f"/api/v1/positions/{position.id}"
    assert client.patch(url, json={"salary": 3}, headers=employer).json["error"]["fields"] == {
        "salary": ["Unknown field."]}
    assert client.patch(url, data="nope",
                        headers=employer | {"Content-Type": "application/json"}).status_code == 400
    assert client.patch(url, json=[1, 2], headers=employer).status_code == 400
    assert client.patch(url, json={"version": "x"}, headers=employer).status_code == 422


def test_other_organizations_positions_are_404(client, api, accounts):
    draft = factories.position(accounts.organization, accounts.employer, publish=False)
    published = factories.position(accounts.organization, accounts.employer)
    other = api.bearer(accounts.other_employer, EN)
    assert client.get(f"/api/v1/positions/{draft.id}", headers=other).status_code == 404
    assert client.get(f"/api/v1/positions/{published.id}", headers=other).status_code == 200
    for target in (draft, published):
        forged = client.patch(f"/api/v1/positions/{target.id}", json={"title": "Forged"}, headers=other)
        assert forged.status_code == 404
        assert client.post(f"/api/v1/positions/{target.id}/publish", headers=other).status_code == 404
        assert client.post(f"/api/v1/positions/{target.id}/close", json={"outcome": "cancelled"},
                           headers=other).status_code == 404
    assert client.patch("/api/v1/positions/999999", json={}, headers=other).status_code == 404
    db.session.refresh(published)
    assert published.title != "Forged" and published.status.value == "published"


def test_roles_that_may_not_post(client, api, accounts):
    for actor, status in (("candidate", 403), ("monitor", 403), ("admin", 403), ("pending_employer", 403)):
        headers = api.bearer(getattr(accounts, actor), EN)
        response = client.post("/api/v1/positions", json=factories.position_input(), headers=headers)
        assert response.status_code == status, actor
    assert client.post("/api/v1/positions", json=factories.position_input()).status_code == 401
    assert count_positions() == 0


def test_invalid_token_on_a_public_endpoint_is_401(client, accounts):
    published = factories.position(accounts.organization, accounts.employer)
    response = client.get(f"/api/v1/positions/{published.id}", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401

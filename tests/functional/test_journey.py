"""The whole journey: register, declare a credential, apply, pipeline to hired, contract, renewal, flags."""

import io
import re
from datetime import timedelta

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Application, Contract, ContractState, Credential, OutboxMessage, Role, User
from tests import factories
from tests.helpers import EN, PDF


def test_whole_journey_by_pages(app, accounts):
    position = factories.position(accounts.organization, accounts.employer, contract_type="cdd_public",
                                  legal_basis="vacancy", duration_months=12, supervision_frequency="monthly")
    candidate_client = app.test_client()
    # Register.
    candidate_client.post("/register", data={"name": "Camille Martin", "email": "camille@example.org",
                                             "password": factories.PASSWORD, "confirm": factories.PASSWORD,
                                             "accept_terms": "y"})
    camille = db.session.scalar(sa.select(User).where(User.email == "camille@example.org"))
    # Confirm the address with the link sent to it, then sign in.
    confirmation = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == camille.email))
    link = re.search(r"https?://[^/\s]+(/confirm/\S+)", confirmation.body).group(1)
    assert candidate_client.get(link).status_code == 302
    assert candidate_client.post("/login", data={"email": camille.email, "password": factories.PASSWORD}
                                 ).status_code == 302
    # Profile and credential with a certificate.
    response = candidate_client.post("/me/profile", data={
        "name": "Camille Martin", "phone": "06 12 34 56 78", "share_phone": "y",
        "departments_sought": ["69", "38"],
        "presentation": "Pair-aidante formée.", "lived_experience": "Mon parcours de rétablissement.",
        "lived_experience_consent": "y",
    })
    assert response.status_code == 302
    response = candidate_client.post("/me/credentials", data={
        "type": "du", "title": "DU Pair-aidance", "institution": "Université Claude Bernard Lyon 1",
        "start_year": "2022", "end_year": "2023", "status": "obtained", "hours": "129",
        "document": (io.BytesIO(PDF), "attestation.pdf"),
    }, content_type="multipart/form-data")
    assert response.status_code == 302
    credential = db.session.scalar(sa.select(Credential))
    assert credential.document_key and credential.document_filename == "attestation.pdf"
    # Apply.
    page = candidate_client.get(f"/jobs/{position.id}/apply")
    assert page.status_code == 200
    response = candidate_client.post(f"/jobs/{position.id}/apply",
                                     data={"message": "Bonjour", "credentials": [str(credential.id)]})
    assert response.status_code == 302
    application = db.session.scalar(sa.select(Application))
    assert application.status.value == "submitted"
    assert [c.id for c in application.credentials] == [credential.id]
    # A second attempt says "already applied" and creates nothing.
    again = candidate_client.post(f"/jobs/{position.id}/apply", data={"message": "Encore"},
                                  follow_redirects=True, headers=EN)
    assert "already applied" in again.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1

    # The employer runs the pipeline.
    employer = app.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    file = employer.get(f"/employer/applications/{application.id}", headers=EN)
    assert "Camille Martin" in file.text and "06 12 34 56 78" in file.text
    assert "Mon parcours" not in file.text  # not shared: the box was left unticked
    assert employer.get(f"/me/credentials/{credential.id}/document").data == PDF
    for status in ("in_review", "interview", "offer"):
        version = int(re.search(r'name="version" type="hidden" value="(\d+)"',
                                employer.get(f"/employer/applications/{application.id}").text).group(1))
        response = employer.post(f"/employer/applications/{application.id}",
                                 data={"status": status, "note": f"Étape {status}", "version": version})
        assert response.status_code == 302, status
    version = int(re.search(r'name="version" type="hidden" value="(\d+)"',
                            employer.get(f"/employer/applications/{application.id}").text).group(1))
    employer.post(f"/employer/applications/{application.id}", data={"status": "hired", "version": version})
    db.session.refresh(application)
    assert application.status.value == "hired"
    # The candidate sees the history but never the notes.
    mine = candidate_client.get(f"/me/applications/{application.id}", headers=EN)
    assert "Hired" in mine.text and "Étape" not in mine.text

    # The contract follows from the position's terms; the position is filled.
    contract = db.session.scalar(sa.select(Contract))
    assert contract.person_id == camille.id and contract.contract_type.value == "cdd_public"
    assert contract.start_date >= today() and contract.end_date is not None
    assert contract.promised_supervision_frequency.value == "monthly"
    assert contract.promised_supervision_kind.value == "external"  # who supervises, as the position promised
    db.session.refresh(position)
    assert position.status.value == "closed" and position.outcome.value == "filled"
    # The supervision actually in place is below the promise: flagged.
    page = employer.get(f"/employer/contracts/{contract.id}")
    version = int(re.search(r'name="version" type="hidden" value="(\d+)"', page.text).group(1))
    terms = {"form": "terms", "contract_type": "cdd_public", "legal_basis": "vacancy",
             "start_date": contract.start_date.isoformat(), "end_date": contract.end_date.isoformat(),
             "fte_percent": "100", "weekly_hours": "35", "funding_kind": "permanent",
             "supervision_frequency": "quarterly", "supervision_kind": "internal",
             "supervision_paid_time": "y",
             "peer_team_size": "1", "version": version}
    assert employer.post(f"/employer/contracts/{contract.id}", data=terms).status_code == 302
    page = employer.get(f"/employer/contracts/{contract.id}", headers=EN).text
    assert "Supervision declared below what the position promised (no session recorded)" in page
    # Renew for 24 months: a new contract linked to the first.
    db.session.refresh(contract)
    employer.post(f"/employer/contracts/{contract.id}/act",
                  data={"action": "renew", "duration_months": "24", "version": contract.version})
    db.session.refresh(contract)
    renewal = db.session.scalar(sa.select(Contract).where(Contract.previous_id == contract.id))
    assert contract.state is ContractState.RENEWED and renewal.state is ContractState.ACTIVE
    assert renewal.start_date == contract.end_date + timedelta(days=1)
    assert renewal.person_key == contract.person_key
    listing = employer.get("/employer/contracts", headers=EN)
    assert listing.text.count("Camille Martin") == 2


def test_journey_by_api_to_conversion(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer, contract_type="cdd_public",
                                  legal_basis="vacancy", duration_months=6)
    candidate = api.bearer(accounts.candidate, EN)
    created = client.post("/api/v1/me/credentials",
                          json={"type": "diu", "title": "DIU", "institution": "other",
                                                          "institution_other": "Université de Lille",
                                                          "status": "enrolled"}, headers=candidate)
    assert created.status_code == 201 and created.json["verification"] == "pending"
    assert [c["title"] for c in client.get("/api/v1/me/credentials",
                                           headers=candidate).json["items"]] == ["DIU"]
    applied = client.post(f"/api/v1/positions/{position.id}/applications",
                          json={"message": "Bonjour", "credential_ids": [created.json["id"]]},
                          headers=candidate)
    assert applied.status_code == 201
    assert applied.json["status"] == "submitted" and applied.json["version"] == 1
    app_id = applied.json["id"]
    employer = api.bearer(accounts.employer, EN)
    version = applied.json["version"]
    for status in ("interview", "offer", "hired"):
        response = client.patch(f"/api/v1/applications/{app_id}", json={"status": status, "version": version},
                                headers=employer)
        assert response.status_code == 200, response.json
        version = response.json["version"]
    contracts = client.get("/api/v1/contracts", headers=employer).json
    assert contracts["total"] == 1
    contract = contracts["items"][0]
    assert "person_key" in contract and "name" not in contract
    converted = client.post(f"/api/v1/contracts/{contract['id']}/convert",
                            json={"start_date": (today() + timedelta(days=30)).isoformat()}, headers=employer)
    assert converted.status_code == 201, converted.json
    assert converted.json["contract_type"] == "cdi_public" and converted.json["previous_id"] == contract["id"]
    first = client.get(f"/api/v1/contracts/{contract['id']}", headers=employer).json
    assert first["state"] == "converted"
    assert client.get("/api/v1/contracts", headers=employer).json["total"] == 2
    ended = client.post(f"/api/v1/contracts/{converted.json['id']}/end",
                        json={"reason": "resignation",
                              "end_date": (today() + timedelta(days=60)).isoformat()},
                        headers=employer)
    assert ended.status_code == 200 and ended.json["state"] == "ended"


def test_api_renewal_and_flags(client, api, accounts):
    org = factories.organization(sector="private_nonprofit", kind="association")
    boss = factories.user(Role.EMPLOYER, org)
    position = factories.position(org, boss, contract_type="cdd", duration_months=6)
    application = factories.application(accounts.candidate, position)
    employer = api.bearer(boss, EN)
    version = application.version
    for status in ("interview", "offer", "hired"):
        version = client.patch(f"/api/v1/applications/{application.id}",
                               json={"status": status, "version": version},
                               headers=employer).json["version"]
    contract_id = client.get("/api/v1/contracts", headers=employer).json["items"][0]["id"]
    for _ in range(3):
        renewed = client.post(f"/api/v1/contracts/{contract_id}/renew", json={"duration_months": 6},
                              headers=employer)
        assert renewed.status_code == 201, renewed.json
        contract_id = renewed.json["id"]
    codes = {f["code"] for f in renewed.json["flags"]}
    assert {"private_cdd_over_max", "private_cdd_too_many_renewals"} <= codes
    bad = client.post(f"/api/v1/contracts/{contract_id}/renew", json={}, headers=employer)
    assert bad.status_code == 422
    both = client.post(f"/api/v1/contracts/{contract_id}/renew",
                       json={"duration_months": 3, "end_date": "2030-01-01"},
                       headers=employer)
    assert both.status_code == 422

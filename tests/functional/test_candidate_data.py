"""Uploads, access to applications, notes, certificates and contracts; data export and deletion."""

import io
import json

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.infra.documents import documents_dir
from pairjobs.models import Application, Contract, Credential, User
from tests import factories
from tests.helpers import EN, PDF, pdf


def credential_form(document, filename):
    return {"type": "du", "title": "DU Pair-aidance", "institution": "Université Claude Bernard Lyon 1",
            "status": "obtained", "end_year": "2023", "document": (io.BytesIO(document), filename)}


@pytest.fixture
def candidate_client(client, auth, accounts):
    auth.login(accounts.candidate.email)
    return client


@pytest.mark.parametrize(
    "document, filename, message",
    [
        (b"MZ\x90\x00 this is an executable", "certificate.pdf", "The file is not a PDF document."),
        (b"<html>%PDF-1.4</html>", "attestation.pdf", "The file is not a PDF document."),
        (b"%PDF-1.4 truncated without end", "a.pdf", "The file is not a PDF document."),
        (b"", "empty.pdf", "The file is empty."),
        (b"%PDF-" + b"0" * (5 * 1024 * 1024) + b"%%EOF", "big.pdf", "The file is larger than 5 MB."),
        # Active content (pypdf reads the document): a script, a launch action, an attached file.
        (pdf(javascript="app.alert('x')"), "script.pdf", "This PDF carries active content"),
        (pdf(launch=True), "launch.pdf", "This PDF carries active content"),
        (pdf(attachment=True), "attached.pdf", "This PDF carries active content"),
        (pdf(escaped_script=True), "escaped.pdf", "This PDF carries active content"),
        (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "broken.pdf", "cannot be read to the end"),
    ],
)
def test_upload_refusals_save_nothing(candidate_client, accounts, document, filename, message):
    response = candidate_client.post("/me/credentials", data=credential_form(document, filename),
                                     content_type="multipart/form-data", headers=EN)
    assert response.status_code == 200
    assert message in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Credential)) == 0
    assert list(documents_dir().iterdir()) == []


def test_request_over_the_global_limit_is_413(candidate_client):
    response = candidate_client.post("/me/credentials",
                                     data=credential_form(b"%PDF-" + b"0" * (7 * 1024 * 1024),
                                                                             "huge.pdf"),
                                     content_type="multipart/form-data")
    assert response.status_code == 413
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Credential)) == 0


@pytest.mark.parametrize("filename",
                         ["../../etc/passwd.pdf", "..\\..\\app.pdf", "/tmp/x.pdf", "a/../../b.pdf"])
def test_path_tricks_in_the_name_never_reach_the_disk(candidate_client, filename):
    response = candidate_client.post("/me/credentials", data=credential_form(PDF, filename),
                                     content_type="multipart/form-data")
    assert response.status_code == 302
    credential = db.session.scalar(sa.select(Credential))
    assert "/" not in credential.document_filename and "\\" not in credential.document_filename
    assert not credential.document_filename.startswith(".")
    stored = list(documents_dir().iterdir())
    assert [p.name for p in stored] == [f"{credential.document_key}.pdf"]
    assert stored[0].read_bytes() == PDF


def test_certificate_is_downloadable_only_by_owner_admins_and_employers_applied_to(app, accounts):
    owner = app.test_client()
    owner.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    owner.post("/me/credentials", data=credential_form(PDF, "attestation.pdf"),
               content_type="multipart/form-data")
    credential = db.session.scalar(sa.select(Credential))
    url = f"/me/credentials/{credential.id}/document"

    def fetch(user):
        c = app.test_client()
        if user is not None:
            c.post("/login", data={"email": user.email, "password": factories.PASSWORD})
        return c.get(url)

    assert owner.get(url).data == PDF
    assert fetch(accounts.admin).data == PDF
    assert fetch(None).status_code == 302
    for stranger in (accounts.other_candidate, accounts.employer, accounts.other_employer, accounts.monitor):
        assert fetch(stranger).status_code == 404
    position = factories.position(accounts.organization, accounts.employer)
    factories.application(accounts.candidate, position, [credential])
    assert fetch(accounts.employer).data == PDF
    assert fetch(accounts.other_employer).status_code == 404
    assert fetch(accounts.pending_employer).status_code == 404


def test_nobody_else_reads_an_application_its_notes_or_contract(client, api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    employer = api.bearer(accounts.employer)
    url = f"/api/v1/applications/{application.id}"
    client.patch(url, json={"note": "Note confidentielle"}, headers=employer)
    for status in ("interview", "offer", "hired"):
        client.patch(url, json={"status": status}, headers=employer)
    contract = db.session.scalar(sa.select(Contract))

    mine = api.as_(accounts.candidate).get(url)
    assert mine.status_code == 200 and "Note confidentielle" not in mine.text
    assert "Note confidentielle" in client.get(url, headers=employer).text
    for stranger in (accounts.other_candidate, accounts.other_employer):
        headers = api.bearer(stranger)
        assert client.get(url, headers=headers).status_code == 404
        assert client.get("/api/v1/applications", headers=headers).json["total"] == 0
        assert client.patch(url, json={"note": "forged"}, headers=headers).status_code in (403, 404)
    other = api.bearer(accounts.other_employer)
    assert client.get(f"/api/v1/contracts/{contract.id}", headers=other).status_code == 404
    assert client.post(f"/api/v1/contracts/{contract.id}/end", json={"reason": "other"},
                       headers=other).status_code == 404
    assert client.get("/api/v1/contracts", headers=other).json["total"] == 0
    assert api.as_(accounts.candidate).get("/api/v1/contracts").status_code == 403
    for role in ("monitor", "admin"):
        assert api.as_(getattr(accounts, role)).get(url).status_code == 403


def test_pages_refuse_other_candidates_and_organizations(app, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    factories.hire(application, accounts.employer)
    db.session.commit()
    contract = db.session.scalar(sa.select(Contract))

    def client_for(user):
        c = app.test_client()
        c.post("/login", data={"email": user.email, "password": factories.PASSWORD})
        return c

    other_candidate = client_for(accounts.other_candidate)
    assert other_candidate.get(f"/me/applications/{application.id}").status_code == 404
    assert other_candidate.post(f"/me/applications/{application.id}/withdraw").status_code == 404
    other_org = client_for(accounts.other_employer)
    assert other_org.get(f"/employer/applications/{application.id}").status_code == 404
    assert other_org.post(f"/employer/applications/{application.id}", data={"note": "x"}).status_code == 404
    assert other_org.get(f"/employer/contracts/{contract.id}").status_code == 404
    assert other_org.post(f"/employer/contracts/{contract.id}/act", data={"action": "end", "reason": "other"}
                          ).status_code == 404
    assert accounts.candidate.name not in other_org.get("/employer/applications").text
    assert client_for(accounts.employer).get(f"/employer/contracts/{contract.id}").status_code == 200


def test_lived_experience_is_shown_only_when_shared_and_only_to_employers_applied_to(app, accounts):
    c = app.test_client()
    c.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    c.post("/me/profile",
           data={"name": accounts.candidate.name, "lived_experience": "Mon savoir expérientiel",
                 "lived_experience_consent": "y", "share_lived_experience": "y"})
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    employer = app.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    assert "Mon savoir expérientiel" in employer.get(f"/employer/applications/{application.id}").text
    c.post("/me/profile",
           data={"name": accounts.candidate.name, "lived_experience": "Mon savoir expérientiel",
                 "lived_experience_consent": "y"})
    assert "Mon savoir expérientiel" not in employer.get(f"/employer/applications/{application.id}").text


def test_export_and_deletion(app, accounts):
    candidate_id = accounts.candidate.id
    c = app.test_client()
    c.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    c.post("/me/credentials", data=credential_form(PDF, "attestation.pdf"),
           content_type="multipart/form-data")
    credential = db.session.scalar(sa.select(Credential))
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position, [credential])
    from pairjobs.domain import applications as pipeline
    from pairjobs.infra.clock import today

    pipeline.change_status(application, accounts.employer, "in_review", None, "note interne", None, today())
    factories.hire(application, accounts.employer)
    db.session.commit()
    assert c.post("/me/pool", data={"consent": "y", "departments": ["69"]}).status_code == 302

    export = c.get("/me/data.json")
    assert export.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(export.data)
    assert data["account"]["email"] == accounts.candidate.email
    assert data["credentials"][0]["document"] == "attestation.pdf"
    assert data["applications"][0]["status"] == "hired"
    assert len(data["contracts"]) == 1
    assert data["talent_pool"]["departments"] == ["69"] and data["talent_pool"]["expires_at"]
    assert data["interviews"] == []
    assert "note interne" not in export.text

    wrong = c.post("/me/delete", data={"password": "not my password"})
    assert wrong.status_code == 302 and db.session.get(User, candidate_id) is not None
    c.post("/me/delete", data={"password": factories.PASSWORD})
    db.session.expire_all()
    assert db.session.get(User, candidate_id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Credential)) == 0
    assert list(documents_dir().iterdir()) == []
    contract = db.session.scalar(sa.select(Contract))
    assert contract is not None and contract.person_id is None and contract.person_key
    assert c.get("/me/profile").status_code == 302  # signed out


def test_admin_verifies_or_rejects_with_a_reason(client, api, auth, accounts):
    credential = factories.credential(accounts.candidate)
    other = factories.credential(accounts.candidate, title="DIU")
    auth.login(accounts.admin.email)
    assert "DU Pair-aidance" in client.get("/admin/credentials").text
    client.post(f"/admin/credentials/{credential.id}/verify", data={"outcome": "verified"})
    refused = client.post(f"/admin/credentials/{other.id}/verify", data={"outcome": "rejected"},
                          follow_redirects=True, headers=EN)
    assert "Give the reason for the rejection." in refused.text
    client.post(f"/admin/credentials/{other.id}/verify",
                data={"outcome": "rejected", "reason": "Inconnu de l'IUT"})
    db.session.refresh(credential)
    db.session.refresh(other)
    assert credential.verification.value == "verified" and credential.verified_by_id == accounts.admin.id
    assert credential.verified_at is not None
    assert other.verification.value == "rejected" and other.rejection_reason == "Inconnu de l'IUT"
    again = client.post(f"/admin/credentials/{credential.id}/verify",
                        data={"outcome": "rejected", "reason": "x"},
                        follow_redirects=True, headers=EN)
    assert "already checked" in again.text
    # The employer sees the state.
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position, [credential, other])
    data = api.as_(accounts.employer).get(f"/api/v1/applications/{application.id}").json
    assert {c["verification"] for c in data["credentials"]} == {"verified", "rejected"}

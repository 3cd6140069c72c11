"""Administration tools that scale: accounts turned off and on (refused by page and API), lists searched and
shown 50 a page whatever page is asked for, an audit log filtered by day."""

from __future__ import annotations

import base64
import re

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import ApiToken, OutboxMessage, Role
from tests import factories
from tests.helpers import signed_in


def basic(user) -> dict:
    raw = f"{user.email}:{factories.PASSWORD}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


def test_a_deactivated_account_is_refused_by_pages_and_api_until_turned_on_again(app, client, api, accounts):
    candidate = accounts.candidate
    session = signed_in(app, candidate)
    token = api.token(candidate)
    assert session.get("/me/applications").status_code == 200
    admin = signed_in(app, accounts.admin)
    asked = admin.get(f"/admin/users/{candidate.id}/deactivate")
    assert asked.status_code == 200 and "Oui, le désactiver" in asked.text
    db.session.refresh(candidate)
    assert candidate.is_enabled  # asking is not doing
    assert admin.post(f"/admin/users/{candidate.id}/deactivate").status_code == 302
    db.session.refresh(candidate)
    assert not candidate.is_enabled
    # The open session ends, the token stops, a new sign-in and a new token are refused.
    assert session.get("/me/applications").status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken).where(
        ApiToken.user_id == candidate.id, ApiToken.revoked_at.is_(None))) == 0
    assert client.post("/api/v1/tokens", headers=basic(candidate)).status_code == 401
    login = app.test_client().post("/login", data={"email": candidate.email, "password": factories.PASSWORD})
    assert login.status_code == 200 and "Location" not in login.headers

    assert admin.post(f"/admin/users/{candidate.id}/reactivate").status_code == 302
    assert client.post("/api/v1/tokens", headers=basic(candidate)).status_code == 201
    assert signed_in(app, candidate).get("/me/applications").status_code == 200


def test_an_administrator_cannot_turn_their_own_account_off(app, accounts):
    admin = signed_in(app, accounts.admin)
    admin.post(f"/admin/users/{accounts.admin.id}/deactivate")
    db.session.refresh(accounts.admin)
    assert accounts.admin.is_enabled


@pytest.mark.parametrize("page, shown", [("1", 50), ("2", 50), ("3", None), ("0", 50), ("-1", 50),
                                         ("abc", 50), ("99999999999", 50), ("4", None), ("99999", None)])
def test_lists_show_50_a_page_whatever_page_is_asked(app, accounts, page, shown):
    for i in range(120):
        db.session.add(OutboxMessage(recipient=f"r{i}@example.org", subject=f"Sujet {i}", body="x"))
    db.session.commit()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    admin = signed_in(app, accounts.admin)
    response = admin.get(f"/admin/outbox?page={page}")
    assert response.status_code == 200
    rows = response.text.count('<details class="card">')
    expected = total - 100 if shown is None else shown
    assert rows == expected
    assert f"{total} résultats" in response.text


def test_lists_are_searched(app, accounts):
    for i in range(60):
        factories.user(Role.CANDIDATE, name=f"Personne {i:02d}")
    factories.user(Role.CANDIDATE, name="Camille Lefèvre", email="camille.lefevre@example.org")
    admin = signed_in(app, accounts.admin)
    found = admin.get("/admin/users?q=lefevre")
    assert "camille.lefevre@example.org" in found.text and "1 résultat" in found.text
    assert "1 résultat" in admin.get("/admin/users?q=CAMILLE+lef").text  # every word, any case
    employers = admin.get("/admin/users?role=employer")
    assert "Personne 01" not in employers.text and accounts.employer.email in employers.text
    following = re.search(r'rel="next" href="([^"]+)"', admin.get("/admin/users?role=candidate").text)
    assert following and "page=2" in following.group(1) and "role=candidate" in following.group(1)
    assert admin.get("/admin/organizations?q=" + accounts.organization.finess).text.count("<tr>") == 2


def test_the_audit_log_is_filtered_by_day_and_a_bad_day_is_said(app, accounts):
    admin = signed_in(app, accounts.admin)
    admin.post(f"/admin/users/{accounts.candidate.id}/deactivate")
    today = admin.get("/admin/audit?action=account_deactivated")
    assert "1 résultat" in today.text
    assert "0 résultat" in admin.get("/admin/audit?from=2000-01-01&to=2000-12-31").text
    bad = admin.get("/admin/audit?from=2026-13-45")
    assert bad.status_code == 200 and "Une date n" in bad.text


def test_an_administrator_edits_an_organization_and_bad_values_change_nothing(app, accounts):
    organization = accounts.organization
    admin = signed_in(app, accounts.admin)
    page = admin.get(f"/admin/organizations/{organization.id}/edit")
    assert page.status_code == 200 and organization.finess in page.text
    values = {"name": organization.name, "kind": organization.kind.value, "sector": organization.sector.value,
              "finess": organization.finess, "department": organization.department_code,
              "commune": organization.commune_code}
    bad = admin.post(f"/admin/organizations/{organization.id}/edit", data=values | {"finess": "12"})
    assert bad.status_code == 200 and "9 caractères" in bad.text
    db.session.refresh(organization)
    assert organization.finess == values["finess"]
    changes = {"name": "CH Le Vinatier (renommé)", "idcc": "413", "opening_days": ["1", "2"]}
    saved = admin.post(f"/admin/organizations/{organization.id}/edit", data=values | changes)
    assert saved.status_code == 302
    db.session.refresh(organization)
    assert (organization.name, organization.idcc, organization.opening_days) == ("CH Le Vinatier (renommé)",
                                                                                "0413", "12")


def test_a_refused_request_cannot_be_approved_afterwards(app, accounts):
    admin = signed_in(app, accounts.admin)
    admin.post(f"/admin/employers/{accounts.pending_employer.id}/refuse", data={"reason": "Inconnu"})
    admin.post(f"/admin/employers/{accounts.pending_employer.id}/approve")
    db.session.refresh(accounts.pending_employer)
    assert accounts.pending_employer.approved_at is None and not accounts.pending_employer.is_enabled


def test_a_long_refusal_reason_of_a_credential_is_said_in_french(app, accounts):
    credential = factories.credential(accounts.candidate)
    admin = signed_in(app, accounts.admin)
    response = admin.post(f"/admin/credentials/{credential.id}/verify",
                          data={"outcome": "rejected", "reason": "x" * 301}, follow_redirects=True)
    assert response.status_code == 200 and "300 caractères au maximum" in response.text
    db.session.refresh(credential)
    assert credential.verification.value == "pending"


def test_the_audit_log_is_searched_by_subject_or_person(app, accounts):
    admin = signed_in(app, accounts.admin)
    admin.post(f"/admin/users/{accounts.candidate.id}/deactivate")
    assert "1 résultat" in admin.get(f"/admin/audit?q=user:{accounts.candidate.id}").text
    assert "1 résultat" in admin.get(f"/admin/audit?q={accounts.admin.email}").text
    assert "0 résultat" in admin.get("/admin/audit?q=personne-inconnue").text

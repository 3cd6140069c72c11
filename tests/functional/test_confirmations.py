"""Destructive actions ask first, and the confirmation page posts the same request again, CSRF token
included, as a browser would."""

from __future__ import annotations

import html
import re

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from pairjobs.extensions import db
from pairjobs.models import Contract, Credential
from tests import factories


def browser_for(make_app, user):
    """A client of the application with CSRF protection on, signed in through the login form."""
    browser = make_app(WTF_CSRF_ENABLED=True).test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', browser.get("/login").text).group(1)
    browser.post("/login", data={"email": user.email, "password": factories.PASSWORD, "csrf_token": token})
    return browser


def confirm(browser, page: str):
    """Post the confirmation page's form as it is."""
    form = re.search(r'<form method="post" action="([^"]+)" class="actions">(.*?)</form>', page, re.S)
    data = [(m.group(1), html.unescape(m.group(2)))
            for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2))]
    return browser.post(form.group(1), data=MultiDict(data))


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_ending_a_contract_asks_first(make_app, app, accounts):
    org = factories.organization(sector="private_nonprofit", kind="association")
    boss = factories.user(factories.Role.EMPLOYER, org)
    position = factories.position(org, boss, contract_type="cdd", duration_months=6)
    factories.hire(factories.application(accounts.candidate, position), boss)
    db.session.commit()
    contract = db.session.scalar(sa.select(Contract))
    browser = browser_for(make_app, boss)
    page = browser.get(f"/employer/contracts/{contract.id}").text
    asked = browser.post(f"/employer/contracts/{contract.id}/act",
                         data={"csrf_token": csrf(page), "action": "end", "reason": "resignation",
                               "version": str(contract.version)})
    assert asked.status_code == 200 and "Oui, mettre fin au contrat" in asked.text
    db.session.refresh(contract)
    assert contract.state.value == "active"
    assert confirm(browser, asked.text).status_code == 302
    db.session.refresh(contract)
    assert contract.state.value == "ended" and contract.end_reason.value == "resignation"


def test_removing_a_credential_asks_first(make_app, app, accounts):
    credential = factories.credential(accounts.candidate, title="DU Lyon 1")
    db.session.commit()
    browser = browser_for(make_app, accounts.candidate)
    page = browser.get("/me/credentials").text
    asked = browser.post(f"/me/credentials/{credential.id}/delete", data={"csrf_token": csrf(page)})
    assert asked.status_code == 200 and "DU Lyon 1" in asked.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Credential)) == 1
    assert confirm(browser, asked.text).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Credential)) == 0

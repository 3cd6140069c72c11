"""Two-factor sign-in (issue 15, point 4): required for administrators and monitors, required of an
organization's employers when an administrator says so, available to everyone; TOTP codes (each accepted
once) or ten single-use recovery codes; API tokens only with the code."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
import sqlalchemy as sa
import time_machine

from pairjobs.extensions import db
from pairjobs.models import RecoveryCode, User
from pairjobs.models.base import utcnow
from tests import factories
from tests.helpers import EN, basic

BUDGET = 4


@pytest.fixture
def site(make_app, app):
    """The production rule: administrators and monitors must use a second factor."""
    return make_app(TWO_FACTOR_ROLES=("admin", "monitor"), RATELIMIT_ENABLED=True,
                    LOGIN_LIMIT_PER_ACCOUNT=f"{BUDGET} per hour", LOGIN_LIMIT_PER_ADDRESS="1000 per hour")


def enrolled(user) -> str:
    """Give the account a second factor, as a finished setup leaves it; its key."""
    user.totp_secret, user.totp_enabled_at = pyotp.random_base32(), utcnow()
    db.session.commit()
    return user.totp_secret


def signed_in(site, user):
    """A client signed in with the password and the current code of an enrolled account."""
    client = site.test_client()
    password_step(client, user.email)
    assert client.post("/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()}).status_code == 302
    return client


def password_step(client, email):
    return client.post("/login", data={"email": email, "password": factories.PASSWORD})


def set_up(client, email) -> tuple[str, list[str]]:
    """Sign in with the password, set the second factor up; the secret and the recovery codes."""
    assert password_step(client, email).headers["Location"].endswith("/login/code/setup")
    page = client.get("/login/code/setup", headers=EN)
    assert 'src="data:image/svg+xml' in page.text  # the QR code, drawn here (no outside service)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page.text).group(1)
    wrong = client.post("/login/code/setup", data={"code": "000000"}, headers=EN)
    assert wrong.status_code == 200 and "not the one the app shows" in wrong.text
    done = client.post("/login/code/setup", data={"code": pyotp.TOTP(secret).now()}, headers=EN)
    codes = re.findall(r"<code>(\d{5}-\d{5})</code>", done.text)
    assert len(set(codes)) == 10
    return secret, codes


def test_a_monitor_sets_it_up_at_first_sign_in_and_needs_a_code_afterwards(site, accounts):
    email = accounts.monitor.email
    client = site.test_client()
    assert password_step(client, email).status_code == 302
    assert client.get("/reports/").status_code == 302  # a correct password alone opens nothing
    secret, codes = set_up(client, email)
    assert client.get("/reports/").status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 10
    assert all(codes[0] not in h for h in db.session.scalars(sa.select(RecoveryCode.code_hash)))

    later = site.test_client()
    assert password_step(later, email).headers["Location"].endswith("/login/code")
    assert later.get("/reports/").status_code == 302
    replay = later.post("/login/code", data={"code": pyotp.TOTP(secret).now()}, headers=EN)
    assert replay.status_code == 200 and "already used" in replay.text  # the setup's code, again
    with time_machine.travel(utcnow() + timedelta(seconds=60)):
        fresh = later.post("/login/code", data={"code": pyotp.TOTP(secret).now()})
        assert fresh.status_code == 302 and later.get("/reports/").status_code == 200

    lost_phone = site.test_client()
    password_step(lost_phone, email)
    assert lost_phone.post("/login/code", data={"code": codes[0]}).status_code == 302
    again = site.test_client()
    password_step(again, email)
    assert again.post("/login/code", data={"code": codes[0]}, headers=EN).status_code == 200  # once only
    assert again.post("/login/code", data={"code": codes[1].replace("-", " ")}).status_code == 302


def test_codes_spend_the_accounts_attempt_budget(site, accounts):
    user = accounts.admin
    enrolled(user)
    client = site.test_client()
    password_step(client, user.email)
    for _ in range(BUDGET):  # the correct password gave the budget back; each code spends one
        assert client.post("/login/code", data={"code": "123456"}).status_code == 200
    locked = client.post("/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()}, headers=EN)
    assert locked.status_code == 429 and "Try again in" in locked.text


def test_api_tokens_of_staff_need_the_code(site, accounts):
    monitor = accounts.monitor
    api = site.test_client()
    refused = api.post("/api/v1/tokens", headers=basic(monitor.email) | EN)
    assert refused.status_code == 403 and "Set up two-factor sign-in" in refused.json["error"]["message"]
    enrolled(monitor)
    missing = api.post("/api/v1/tokens", headers=basic(monitor.email))
    assert missing.status_code == 401 and "otp" in missing.json["error"]["fields"]
    wrong = api.post("/api/v1/tokens", headers=basic(monitor.email), json={"otp": "000000"})
    assert wrong.status_code == 401 and "otp" in wrong.json["error"]["fields"]
    issued = api.post("/api/v1/tokens", headers=basic(monitor.email),
                      json={"otp": pyotp.TOTP(monitor.totp_secret).now()})
    assert issued.status_code == 201 and issued.json["token"]
    summary = api.get("/api/v1/reports/summary", headers={"Authorization": f"Bearer {issued.json['token']}"})
    assert summary.status_code == 200
    # Employers and candidates without it get their token with the password alone.
    assert api.post("/api/v1/tokens", headers=basic(accounts.employer.email)).status_code == 201


def test_an_administrator_requires_it_of_an_organizations_employers(site, accounts):
    enrolled(accounts.admin)
    admin = signed_in(site, accounts.admin)
    page = admin.get("/admin/organizations", headers=EN)
    assert "Require" in page.text
    assert admin.post(f"/admin/organizations/{accounts.organization.id}/two-factor").status_code == 302
    db.session.refresh(accounts.organization)
    assert accounts.organization.two_factor_required
    employer = site.test_client()
    location = password_step(employer, accounts.employer.email).headers["Location"]
    assert location.endswith("/login/code/setup")
    tokens = site.test_client()
    assert tokens.post("/api/v1/tokens", headers=basic(accounts.employer.email)).status_code == 403
    # Another organization's employers are not concerned.
    other = password_step(site.test_client(), accounts.other_employer.email)
    assert other.headers["Location"] == "/employer/"


def test_a_candidate_turns_it_on_and_off(site, accounts):
    email = accounts.candidate.email
    client = site.test_client()
    assert password_step(client, email).status_code == 302
    assert "Set up two-factor sign-in" in client.get("/account", headers=EN).text
    page = client.get("/account/two-factor", headers=EN)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page.text).group(1)
    done = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()}, headers=EN)
    assert len(re.findall(r"<code>(\d{5}-\d{5})</code>", done.text)) == 10
    assert "10 recovery codes left" in client.get("/account", headers=EN).text
    assert password_step(site.test_client(), email).headers["Location"].endswith("/login/code")
    with time_machine.travel(utcnow() + timedelta(seconds=60)):
        off = client.post("/account/two-factor/off", data={"tf-current_password": factories.PASSWORD,
                                                           "tf-code": pyotp.TOTP(secret).now()})
    assert off.status_code == 302
    db.session.refresh(accounts.candidate)
    assert not accounts.candidate.two_factor_enabled
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0
    assert password_step(site.test_client(), email).headers["Location"] != "/login/code"


def test_staff_cannot_turn_it_off(site, accounts):
    monitor = accounts.monitor
    enrolled(monitor)
    client = signed_in(site, monitor)
    assert "cannot be turned off" in client.get("/account", headers=EN).text
    client.post("/account/two-factor/off", data={"tf-current_password": factories.PASSWORD, "tf-code": "1"})
    assert db.session.get(User, monitor.id).two_factor_enabled


def test_the_code_page_needs_a_fresh_correct_password(site, accounts):
    client = site.test_client()
    assert client.get("/login/code").headers["Location"] == "/login"
    monitor = accounts.monitor
    enrolled(monitor)
    password_step(client, monitor.email)
    with time_machine.travel(utcnow() + timedelta(minutes=11)):
        late = client.post("/login/code", data={"code": pyotp.TOTP(monitor.totp_secret).now()})
    assert late.headers["Location"] == "/login"

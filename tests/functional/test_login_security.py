"""Login throttling, common passwords, changing the password or e-mail, idle timeout."""

import base64

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import User
from tests import factories
from tests.helpers import EN


@pytest.fixture
def throttled(make_app, app):
    return make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="3 per hour",
                    LOGIN_LIMIT_PER_ADDRESS="6 per hour")


def test_repeated_failures_on_one_account_get_429(throttled, accounts):
    client = throttled.test_client()
    for _ in range(3):
        assert client.post("/login", data={"email": accounts.candidate.email, "password": "wrong password!"}
                           ).status_code == 200
    blocked = client.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    assert blocked.status_code == 429
    assert '<html lang="fr">' in blocked.text
    # Another account from the same address is not blocked yet; successes do not count.
    assert client.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD}
                       ).status_code == 302


def test_unknown_accounts_are_throttled_the_same_way(throttled, accounts):
    client = throttled.test_client()
    statuses = [client.post("/login", data={"email": "nobody@example.org", "password": "whatever it is"}
                            ).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_repeated_failures_from_one_address_get_429(throttled, accounts):
    client = throttled.test_client()
    for n in range(6):
        client.post("/login", data={"email": f"guess{n}@example.org", "password": "whatever it is"})
    assert client.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD}
                       ).status_code == 429


def test_token_endpoint_is_throttled_too(throttled, accounts):
    client = throttled.test_client()
    bad = {"Authorization": "Basic " + base64.b64encode(f"{accounts.candidate.email}:nope".encode()).decode()}
    assert [client.post("/api/v1/tokens", headers=bad).status_code for _ in range(4)] == [401, 401, 401, 429]
    assert client.post("/api/v1/tokens", headers=bad).json["error"]["code"] == "too_many_requests"


@pytest.mark.parametrize("password", ["password1234", "1qaz2wsx3edc", "Azertyuiop123",
                                      "LeaveMeAlone"])
def test_common_passwords_are_refused(client, password):
    response = client.post("/register", data={"name": "A", "email": "a@example.org", "password": password,
                                              "confirm": password, "accept_terms": "y"}, headers=EN)
    assert "among the most common" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_changing_the_password_asks_for_the_current_one_and_ends_other_sessions(app, accounts):
    mine, other = app.test_client(), app.test_client()
    for c in (mine, other):
        c.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    wrong = mine.post("/account/password", data={"pw-current_password": "not it at all", "pw-password":
                                                 "a brand new sentence",
                                                 "pw-confirm": "a brand new sentence"},
                      headers=EN)
    assert "The current password is not correct." in wrong.text
    ok = mine.post("/account/password", data={"pw-current_password": factories.PASSWORD,
                                              "pw-password": "a brand new sentence",
                                              "pw-confirm": "a brand new sentence"})
    assert ok.status_code == 302
    assert mine.get("/account").status_code == 200  # this session goes on
    assert other.get("/account").status_code == 302  # the other one ended
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": accounts.candidate.email, "password": "a brand new sentence"}
                      ).status_code == 302


def test_changing_the_email_asks_for_the_password(app, accounts):
    c = app.test_client()
    c.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    taken = c.post("/account/email", data={"em-email": accounts.employer.email.upper(),
                                           "em-current_password": factories.PASSWORD}, headers=EN)
    assert "already exists" in taken.text
    wrong = c.post("/account/email", data={"em-email": "new@example.org", "em-current_password": "nope nope"},
                   headers=EN)
    assert "The current password is not correct." in wrong.text
    assert c.post("/account/email", data={"em-email": "New@Example.org",
                                          "em-current_password": factories.PASSWORD}).status_code == 302
    db.session.refresh(accounts.candidate)
    assert accounts.candidate.email == "new@example.org"


def test_staff_sessions_end_after_inactivity(make_app, app, accounts):
    short = make_app(IDLE_TIMEOUT=__import__("datetime").timedelta(seconds=0))
    employer = short.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    assert employer.get("/employer/").status_code == 200  # first request after login sets the clock
    import time

    time.sleep(0.01)
    response = employer.get("/employer/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    candidate = short.test_client()
    candidate.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    candidate.get("/account")
    time.sleep(0.01)
    assert candidate.get("/account").status_code == 200  # candidates are not staff


def test_a_password_change_revokes_api_tokens(app, client, accounts):
    auth = base64.b64encode(f"{accounts.candidate.email}:{factories.PASSWORD}".encode()).decode()
    token = client.post("/api/v1/tokens", headers={"Authorization": f"Basic {auth}"}).json["token"]
    c = app.test_client()
    c.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    c.post("/account/password", data={"pw-current_password": factories.PASSWORD, "pw-password":
                                      "a brand new sentence", "pw-confirm": "a brand new sentence"})
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

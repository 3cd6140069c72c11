"""Hardening of accounts: one atomic attempt budget per account, no account enumeration, recovery by e-mail,
address confirmation, password rules (issue 15, points 1, 2, 3, 5)."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from pairjobs.domain import accounts as accounts_domain
from pairjobs.domain.password_policy import DEMO_PASSWORD, common_passwords, password_problems
from pairjobs.extensions import db
from pairjobs.models import AccountLink, ApiToken, Application, OutboxMessage, Role, User
from pairjobs.models.base import utcnow
from tests import factories
from tests.helpers import EN, basic, mails_to

BUDGET = 3


@pytest.fixture
def throttled(make_app, app):
    return make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT=f"{BUDGET} per hour",
                    LOGIN_LIMIT_PER_ADDRESS="1000 per hour")




def link_in(message: OutboxMessage, path: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/{path}/[A-Za-z0-9_\-]+)", message.body)
    assert found, message.body
    return found.group(1)


# 1. Throttling -------------------------------------------------------------------------------------------


def test_forty_simultaneous_attempts_try_at_most_the_budget(throttled, accounts, monkeypatch):
    tried = []
    real = accounts_domain.verify_password
    lock = threading.Lock()

    def counting(password_hash, password):
        with lock:
            tried.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(accounts_domain, "verify_password", counting)
    email = accounts.candidate.email
    start = threading.Barrier(40)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        client = throttled.test_client()
        start.wait()
        route = n % 2
        if route:
            response = client.post("/login", data={"email": email, "password": f"wrong password {n}"})
        else:
            response = client.post("/api/v1/tokens", headers=basic(email, f"wrong password {n}"))
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(tried) <= BUDGET
    assert statuses.count(429) == 40 - len(tried)


def test_the_budget_is_the_authenticated_accounts_whatever_else_the_request_carries(throttled, accounts):
    client = throttled.test_client()
    email = accounts.candidate.email
    # Extra form fields naming other addresses do not give the Basic account a fresh budget.
    for n in range(BUDGET):
        response = client.post("/api/v1/tokens", headers=basic(email, "wrong password"),
                               data={"email": f"other{n}@example.org"})
        assert response.status_code == 401
    locked = client.post("/api/v1/tokens", headers=basic(email.upper(), factories.PASSWORD),
                         data={"email": "fresh@example.org"})
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
    # The same budget on the login form, whatever the address's case and spaces.
    page = client.post("/login", data={"email": f"  {email.upper()} ", "password": factories.PASSWORD},
                       headers=EN)
    assert page.status_code == 429
    assert re.search(r"Try again in \d+ minutes?", page.text)


def test_the_account_page_spends_the_same_budget(throttled, accounts):
    owner = throttled.test_client()
    assert owner.post("/login", data={"email": accounts.candidate.email,
                                      "password": factories.PASSWORD}).status_code == 302
    for _ in range(BUDGET):
        wrong = owner.post("/account/password", data={"pw-current_password": "not it at all",
                                                      "pw-password": "a brand new sentence",
                                                      "pw-confirm": "a brand new sentence"}, headers=EN)
        assert wrong.status_code == 200 and "The current password is not correct." in wrong.text
    locked = owner.post("/account/email", data={"em-email": "new@example.org",
                                                "em-current_password": factories.PASSWORD}, headers=EN)
    assert locked.status_code == 429 and "Try again in" in locked.text
    db.session.refresh(accounts.candidate)
    assert accounts.candidate.email != "new@example.org"
    assert throttled.test_client().post("/login", data={"email": accounts.candidate.email,
                                                        "password": factories.PASSWORD}).status_code == 429


def test_a_success_gives_the_budget_back_and_unknown_addresses_have_their_own(throttled, accounts):
    client = throttled.test_client()
    for _ in range(BUDGET - 1):
        client.post("/login", data={"email": accounts.candidate.email, "password": "wrong password"})
    assert client.post("/login", data={"email": accounts.candidate.email,
                                       "password": factories.PASSWORD}).status_code == 302
    other = throttled.test_client()
    for _ in range(BUDGET - 1):
        assert other.post("/login", data={"email": accounts.candidate.email,
                                          "password": "wrong password"}).status_code == 200
    statuses = [other.post("/login", data={"email": "nobody@example.org", "password": "whatever it is"}
                           ).status_code for _ in range(BUDGET + 1)]
    assert statuses == [200] * BUDGET + [429]


def test_the_reset_link_works_during_a_lockout(throttled, accounts):
    client = throttled.test_client()
    email = accounts.candidate.email
    for _ in range(BUDGET + 2):
        client.post("/login", data={"email": email, "password": "an attacker's guess"})
    assert client.post("/password/forgot", data={"email": email}).status_code == 302
    path = link_in(mails_to(email)[-1], "password/reset")
    assert client.get(path).status_code == 200
    assert client.post(path, data={"password": "une phrase toute neuve", "confirm": "une phrase toute neuve"}
                       ).status_code == 302
    assert client.post("/login", data={"email": email, "password": "une phrase toute neuve"}
                       ).status_code == 302


# 2. No account enumeration ------------------------------------------------------------------------------


def _registration(client, email: str, employer_org=None):
    data = {"name": "Camille Martin", "email": email, "password": factories.PASSWORD,
            "confirm": factories.PASSWORD, "accept_terms": "y"}
    if employer_org is not None:
        data["organization"] = employer_org.id
    return client.post("/register/employer" if employer_org else "/register", data=data, headers=EN)


def _page(data: bytes) -> str:
    """A page without the parts that differ on every request (CSP nonce, CSRF token)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", data.decode())


def _shape(response) -> tuple:
    return (response.status_code, response.headers.get("Location"),
            sorted(name for name, _value in response.headers if name.lower() != "content-length"),
            _page(response.data))


@pytest.mark.parametrize("employer", [False, True])
def test_registering_an_existing_address_answers_as_for_a_new_one(app, employer):
    org = factories.organization() if employer else None
    owner = factories.user(email="owner@example.org")
    new = _registration(app.test_client(), "newcomer@example.org", org)
    existing = _registration(app.test_client(), "OWNER@example.org", org)
    assert _shape(new) == _shape(existing)
    follow_new = app.test_client()
    follow_existing = app.test_client()
    assert (_page(follow_new.get(new.headers["Location"], headers=EN).data)
            == _page(follow_existing.get(existing.headers["Location"], headers=EN).data))
    # The owner is told; nothing is created or changed for them.
    told = mails_to("owner@example.org")
    assert len(told) == 1 and "en a déjà un" in told[0].body.replace("\n", " ")
    db.session.refresh(owner)
    assert owner.password_hash.startswith("$argon2id$")
    assert accounts_domain.authenticate("owner@example.org", factories.PASSWORD,
                                        lambda *_: _NoBudget()) is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2
    assert len(mails_to("newcomer@example.org")) == 1  # the confirmation link


class _NoBudget:
    def spend(self) -> None: ...

    def refund(self) -> None: ...


def test_asking_a_reset_answers_the_same_whether_or_not_the_address_has_an_account(app):
    factories.user(email="owner@example.org")
    known = app.test_client().post("/password/forgot", data={"email": "owner@example.org"}, headers=EN)
    unknown = app.test_client().post("/password/forgot", data={"email": "nobody@example.org"}, headers=EN)
    assert _shape(known) == _shape(unknown)
    assert len(mails_to("owner@example.org")) == 1
    assert mails_to("nobody@example.org") == []


# 3. Account recovery and address confirmation -----------------------------------------------------------


def test_the_login_page_offers_recovery(client):
    page = client.get("/login")
    assert "Mot de passe oublié" in page.text
    assert 'href="/password/forgot"' in page.text


def test_a_reset_link_is_single_use_and_ends_every_session_and_token(app, accounts, api):
    email = accounts.candidate.email
    session = app.test_client()
    session.post("/login", data={"email": email, "password": factories.PASSWORD})
    token = app.test_client().post("/api/v1/tokens", headers=basic(email, factories.PASSWORD)).json["token"]
    app.test_client().post("/password/forgot", data={"email": email})
    path = link_in(mails_to(email)[-1], "password/reset")
    client = app.test_client()
    weak = client.post(path, data={"password": "aaaaaaaaaaaa", "confirm": "aaaaaaaaaaaa"}, headers=EN)
    assert weak.status_code == 200 and "too few different characters" in weak.text  # the link still works
    assert client.post(path, data={"password": "une phrase toute neuve",
                                   "confirm": "une phrase toute neuve"}).status_code == 302
    assert session.get("/account").status_code == 302  # the other session ended
    assert app.test_client().get("/api/v1/me/credentials", headers={"Authorization": f"Bearer {token}"}
                                 ).status_code == 401
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)
                             .where(ApiToken.revoked_at.is_(None))) == 0
    again = app.test_client().post(path, data={"password": "encore une autre phrase",
                                               "confirm": "encore une autre phrase"}, headers=EN)
    assert again.status_code == 302 and again.headers["Location"] == "/password/forgot"
    assert app.test_client().post("/login", data={"email": email, "password": "une phrase toute neuve"}
                                  ).status_code == 302


def test_a_reset_link_expires_after_one_hour(app, accounts):
    email = accounts.candidate.email
    app.test_client().post("/password/forgot", data={"email": email})
    path = link_in(mails_to(email)[-1], "password/reset")
    link = db.session.scalar(sa.select(AccountLink))
    assert timedelta(minutes=59) < link.expires_at - link.created_at <= timedelta(hours=1)
    link.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    client = app.test_client()
    assert client.get(path).status_code == 302
    assert client.post(path, data={"password": "une phrase toute neuve",
                                   "confirm": "une phrase toute neuve"}).status_code == 302
    assert app.test_client().post("/login", data={"email": email, "password": factories.PASSWORD}
                                  ).status_code == 302  # unchanged


def test_a_new_candidate_confirms_the_address_before_applying(app, accounts):
    position = factories.position(organization=accounts.organization)
    client = app.test_client()
    client.post("/register", data={"name": "Inès Bernard", "email": "ines@example.org",
                                   "password": factories.PASSWORD, "confirm": factories.PASSWORD,
                                   "accept_terms": "y"})
    assert client.post("/login", data={"email": "ines@example.org",
                                       "password": factories.PASSWORD}).status_code == 302
    refused = client.post(f"/jobs/{position.id}/apply", data={"message": "Bonjour"}, headers=EN,
                          follow_redirects=True)
    assert "Confirm your e-mail address before applying" in refused.text
    user = accounts_domain.find_by_email("ines@example.org")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0
    path = link_in(mails_to("ines@example.org")[-1], "confirm")
    assert client.get(path).status_code == 302
    db.session.refresh(user)
    assert user.email_confirmed
    assert client.get(path).status_code == 302  # used: says so, changes nothing
    applied = client.post(f"/jobs/{position.id}/apply", data={"message": "Bonjour"}, headers=EN,
                          follow_redirects=True)
    assert "Confirm your e-mail address" not in applied.text


def test_changing_the_address_revokes_tokens_and_asks_to_confirm_the_new_one(app, accounts):
    email = accounts.candidate.email
    token = app.test_client().post("/api/v1/tokens", headers=basic(email, factories.PASSWORD)).json["token"]
    client = app.test_client()
    client.post("/login", data={"email": email, "password": factories.PASSWORD})
    assert client.post("/account/email", data={"em-email": "nouvelle@example.org",
                                               "em-current_password": factories.PASSWORD}).status_code == 302
    assert app.test_client().get("/api/v1/me/credentials", headers={"Authorization": f"Bearer {token}"}
                                 ).status_code == 401
    db.session.refresh(accounts.candidate)
    assert not accounts.candidate.email_confirmed
    link_in(mails_to("nouvelle@example.org")[-1], "confirm")


# 5. Passwords -------------------------------------------------------------------------------------------


def test_the_common_list_has_at_least_100000_passwords():
    assert len(common_passwords()) >= 100_000


@pytest.mark.parametrize("password, message", [
    (DEMO_PASSWORD, "demo accounts"),
    (DEMO_PASSWORD.upper(), "demo accounts"),
    ("Pairjobs Demo 2026", "demo accounts"),
    ("aaaaaaaaaaaa", "too few different characters"),
    ("abababababababab", "too few different characters"),
    ("blueblueblueblue", "too few different characters"),
    ("abcdefghijklmn", "too few different characters"),
    ("987654321098", "too few different characters"),
    ("aabbccddeeff", "too few different characters"),
    ("1234567890ab", "too few different characters"),
    ("xpairjobs-demo-2026", "demo accounts"),
    ("mon pairjobs demo 2026 à moi", "demo accounts"),
    ("Password2024!", "among the most common"),
    ("trustno1trustno1", "among the most common"),
    ("Dubois-Claire-Lyon", "your name or your e-mail address"),
    ("mon mot claire.dubois", "your name or your e-mail address"),
    ("CLAIREDUBOIS1990", "your name or your e-mail address"),
    ("Élodie aime le vélo", "your name or your e-mail address"),
])
def test_weak_passwords_are_refused_everywhere(app, accounts, password, message):
    name, email = "Claire Élodie Dubois", "claire.dubois@example.org"
    form = {"name": name, "email": email, "password": password, "confirm": password, "accept_terms": "y"}
    registered = app.test_client().post("/register", data=form, headers=EN)
    assert registered.status_code == 200 and message in registered.text, registered.text[-2000:]
    assert accounts_domain.find_by_email(email) is None
    with app.test_request_context(headers=EN):
        assert password_problems(password, email=email, name=name)
    # The same rules on the account page of that person.
    factories.user(email=email, name=name)
    client = app.test_client()
    client.post("/login", data={"email": email, "password": factories.PASSWORD})
    changed = client.post("/account/password", data={"pw-current_password": factories.PASSWORD,
                                                      "pw-password": password, "pw-confirm": password},
                          headers=EN)
    assert changed.status_code == 200 and message in changed.text


@pytest.mark.parametrize("password", ["une phrase toute neuve", "Lyon est belle en hiver", "kT9#vQ2$mZ7!pL",
                                      "correct horse battery staple", "7f3k9qw2xv8m"])
def test_good_passwords_are_accepted(app, password):
    with app.test_request_context(headers=EN):
        assert password_problems(password, email="claire.dubois@example.org", name="Claire Dubois") == []


def test_demo_accounts_keep_the_demo_password(app):
    user = accounts_domain.create_user(email="camille.martin@demo.pairjobs.fr", password=DEMO_PASSWORD,
                                       name="Camille Martin", role=Role.CANDIDATE, is_demo=True)
    assert user.role is Role.CANDIDATE


def test_a_reset_link_sent_to_a_former_address_no_longer_opens_the_account(app, accounts):
    old = accounts.candidate.email
    app.test_client().post("/password/forgot", data={"email": old})
    path = link_in(mails_to(old)[-1], "password/reset")
    owner = app.test_client()
    owner.post("/login", data={"email": old, "password": factories.PASSWORD})
    assert owner.post("/account/email", data={"em-email": "camille.nouvelle@example.org",
                                              "em-current_password": factories.PASSWORD}).status_code == 302
    # Whoever reads the former mailbox now: the link no longer sets a password.
    taken = app.test_client().post(path, data={"password": "une phrase toute neuve",
                                               "confirm": "une phrase toute neuve"})
    assert taken.status_code == 302 and taken.headers["Location"] == "/password/forgot"
    new = "camille.nouvelle@example.org"
    tokens = app.test_client()
    assert tokens.post("/api/v1/tokens", headers=basic(new, "une phrase toute neuve")).status_code == 401
    assert tokens.post("/api/v1/tokens", headers=basic(new, factories.PASSWORD)).status_code == 201


def test_deleting_the_account_spends_the_same_budget(throttled, accounts):
    owner = throttled.test_client()
    owner.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    for _ in range(BUDGET):
        wrong = owner.post("/me/delete", data={"password": "not the password"}, follow_redirects=True)
        assert "Le mot de passe n’est pas correct" in wrong.text or "mot de passe" in wrong.text
    locked = owner.post("/me/delete", data={"password": factories.PASSWORD}, follow_redirects=True)
    assert "Trop de tentatives" in locked.text
    assert db.session.get(User, accounts.candidate.id) is not None  # nothing deleted
    assert throttled.test_client().post("/login", data={"email": accounts.candidate.email,
                                                        "password": factories.PASSWORD}).status_code == 429


def test_the_per_address_lockout_says_how_long_to_wait(make_app, app, accounts):
    limited = make_app(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="1000 per hour",
                       LOGIN_LIMIT_PER_ADDRESS="2 per 15 minutes")
    client = limited.test_client()
    for n in range(2):
        client.post("/login", data={"email": f"nobody{n}@example.org", "password": "wrong password"})
    refused = client.post("/login", data={"email": "nobody9@example.org", "password": "wrong password"})
    assert refused.status_code == 429 and "Réessayez d’ici 15 minutes" in refused.text
    assert "Retry-After" in refused.headers

"""Registration, login, logout."""

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Role, User
from tests import factories

WRONG = "Wrong e-mail address or password."


def count_users():
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def register(client, **fields):
    data = {"name": "Camille Martin", "email": "camille@example.org", "password": factories.PASSWORD,
            "confirm": factories.PASSWORD, "accept_terms": "y"} | fields
    return client.post("/register", data=data, headers={"Accept-Language": "en"})


def test_candidate_registers_then_signs_in(client, auth):
    response = register(client, email="Camille@Example.ORG")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register/sent"
    user = db.session.scalar(sa.select(User))
    assert user.email == "camille@example.org"
    assert user.role is Role.CANDIDATE
    assert user.password_hash.startswith("$argon2id$")
    assert not user.email_confirmed
    assert auth.login("camille@example.org").status_code == 302
    page = client.get("/account", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert b"camille@example.org" in page.data
    assert b"Confirm your e-mail address" in page.data


def test_registration_with_an_existing_address_creates_nothing_whatever_its_case(client):
    factories.user(email="camille@example.org")
    response = register(client, email="CAMILLE@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/register/sent"
    assert count_users() == 1


def test_registration_refuses_bad_input_and_saves_nothing(client):
    for fields, message in [
        ({"email": "not-an-address"}, b"Enter a valid e-mail address."),
        ({"password": "short", "confirm": "short"}, b"at least 12 characters"),
        ({"confirm": "something else entirely"}, b"The two passwords differ."),
        ({"name": ""}, b"This field is required."),
    ]:
        response = register(client, **fields)
        assert response.status_code == 200
        assert message in response.data, fields
        assert b'aria-invalid="true"' in response.data
    assert count_users() == 0


def test_login_and_logout(client, auth):
    user = factories.user(email="camille@example.org")
    response = auth.login("Camille@Example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    db.session.refresh(user)
    assert user.last_login_at is not None
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/account").status_code == 302


def test_unknown_address_and_wrong_password_get_the_same_message(client, auth):
    factories.user(email="camille@example.org")
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "whatever-long-enough"},
                          headers={"Accept-Language": "en"})
    wrong = client.post("/login", data={"email": "camille@example.org", "password": "whatever-long-enough"},
                        headers={"Accept-Language": "en"})
    assert unknown.status_code == wrong.status_code == 200
    assert WRONG.encode() in unknown.data
    assert WRONG.encode() in wrong.data
    assert client.get("/account").status_code == 302


def test_login_starts_a_new_session(client, auth):
    factories.user(email="camille@example.org")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login("camille@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert "_user_id" in session


def test_logout_invalidates_a_copied_session_cookie(app, auth, client):
    factories.user(email="camille@example.org")
    auth.login("camille@example.org")
    stolen = client.get_cookie("session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/account")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_disabled_account_cannot_sign_in(client, auth):
    user = factories.user(email="camille@example.org")
    user.is_enabled = False
    db.session.commit()
    response = auth.login("camille@example.org")
    assert response.status_code == 200
    assert client.get("/account").status_code == 302


def test_login_redirects_only_to_local_pages(client):
    factories.user(email="camille@example.org")
    data = {"email": "camille@example.org", "password": factories.PASSWORD}
    response = client.post("/login?next=https://evil.example/", data=data)
    assert response.headers["Location"] == "/account"
    client.post("/logout")
    response = client.post("/login?next=/account", data=data)
    assert response.headers["Location"] == "/account"


def test_employer_registration_waits_for_approval(client, auth):
    org = factories.organization(name="CH Le Vinatier")
    admin = factories.user(Role.ADMIN)
    response = client.post(
        "/register/employer",
        data={"organization": org.id, "name": "Claire Dubois", "email": "claire@example.org",
              "password": factories.PASSWORD, "confirm": factories.PASSWORD, "accept_terms": "y"},
    )
    assert response.status_code == 302
    employer = db.session.scalar(sa.select(User).where(User.email == "claire@example.org"))
    assert employer.role is Role.EMPLOYER and employer.organization_id == org.id
    assert not employer.is_approved
    auth.login("claire@example.org")
    page = client.get("/employer/", headers={"Accept-Language": "en"})
    assert b"awaiting approval" in page.data
    client.post("/logout")

    auth.login(admin.email)
    pending = client.get("/admin/", headers={"Accept-Language": "en"})
    assert b"claire@example.org" in pending.data
    response = client.post(f"/admin/employers/{employer.id}/approve")
    assert response.status_code == 302
    db.session.refresh(employer)
    assert employer.is_approved
    assert employer.approved_by_id == admin.id
    again = client.post(f"/admin/employers/{employer.id}/approve", follow_redirects=True,
                        headers={"Accept-Language": "en"})
    assert b"already approved" in again.data


def test_employer_registration_needs_an_organization(client):
    response = client.post(
        "/register/employer",
        data={"organization": 0, "name": "Claire", "email": "claire@example.org",
              "password": factories.PASSWORD, "confirm": factories.PASSWORD, "accept_terms": "y"},
    )
    assert response.status_code == 200
    assert count_users() == 0

"""Error pages, CSRF protection."""

import pytest

from tests import factories


@pytest.fixture
def fragile_app(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("unexpected")

    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("unexpected")

    return app


def test_unexpected_error_gives_a_french_500_page(fragile_app, app):
    response = fragile_app.test_client().get("/boom")
    assert response.status_code == 500
    assert '<html lang="fr">' in response.text
    assert "Erreur du serveur" in response.text
    assert "unexpected" not in response.text


def test_unexpected_api_error_is_json(fragile_app, app):
    response = fragile_app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json == {"error": {"code": "server_error", "message": response.json["error"]["message"]}}


@pytest.fixture
def csrf_client(make_app, app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def test_forms_without_csrf_token_are_refused(csrf_client):
    factories.user(email="camille@example.org")
    response = csrf_client.post("/login",
                                data={"email": "camille@example.org", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert '<html lang="fr">' in response.text
    assert csrf_client.get("/account").status_code == 302


def test_forms_with_csrf_token_are_accepted(csrf_client):
    import re

    factories.user(email="camille@example.org")
    page = csrf_client.get("/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    response = csrf_client.post(
        "/login", data={"email": "camille@example.org", "password": factories.PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert csrf_client.get("/account").status_code == 200


def test_api_needs_no_csrf_token(csrf_client, app):
    user = factories.user(email="camille@example.org")
    import base64

    auth = base64.b64encode(f"{user.email}:{factories.PASSWORD}".encode()).decode()
    assert csrf_client.post("/api/v1/tokens", headers={"Authorization": f"Basic {auth}"}).status_code == 201


def test_every_state_changing_page_request_needs_a_csrf_token(make_app, app):
    """With CSRF on, a POST without its token is refused on every HTML route (the API uses tokens)."""
    csrf_app = make_app(WTF_CSRF_ENABLED=True)
    client = csrf_app.test_client()
    checked = 0
    for rule in csrf_app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", "1").replace(f"<{arg}>", "x")
        response = client.post(url, data={"anything": "1"})
        assert response.status_code == 400, url
        checked += 1
    assert checked >= 25


def test_session_cookie_is_secure_in_production(database_url):
    from pairjobs import create_app

    production = create_app({"PAIRJOBS_ENV": "production", "SECRET_KEY": "production-test-key-" + "k" * 32,
                             "PUBLIC_URL": "https://pairjobs.example",
                             "SQLALCHEMY_DATABASE_URI": database_url})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"

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
    response = csrf_client.post("/login", data={"email": "camille@example.org", "password": factories.PASSWORD})
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

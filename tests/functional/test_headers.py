"""Security headers."""

import pytest


@pytest.mark.parametrize("path", ["/", "/jobs", "/login", "/api/v1/positions", "/no-such-page"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers  # not over plain HTTP in development


def test_hsts_in_production(make_app, app):
    secure = make_app(SESSION_COOKIE_SECURE=True)
    assert secure.test_client().get("/").headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_flags(client, accounts):
    response = client.post("/login",
                           data={"email": accounts.candidate.email, "password": "correct horse battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_nul_characters_are_refused_everywhere(client, accounts):
    assert client.get("/jobs?q=a%00b").status_code == 400
    assert client.post("/register", data={"name": "a\x00b", "email": "x@example.org"}).status_code == 400
    response = client.post("/api/v1/positions", data='{"title": "a\\u0000b"}',
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"

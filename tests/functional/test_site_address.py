"""Absolute links follow PUBLIC_URL, or in development the address actually served."""

from __future__ import annotations

import pytest

from pairjobs.infra.links import public_url
from tests import factories


@pytest.fixture
def served_app(make_app, app):
    """A development-like application without PUBLIC_URL, on the test database."""
    return make_app(PUBLIC_URL=None)


def test_without_public_url_links_follow_the_served_address(served_app, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    client = served_app.test_client()
    base = "http://127.0.0.1:5001"
    feed = client.get("/jobs/feed.atom", base_url=base).text
    sitemap = client.get("/sitemap.xml", base_url=base).text
    page = client.get(f"/jobs/{position.id}", base_url=base).text
    for body in (feed, sitemap, page):
        assert f"{base}/jobs/{position.id}" in body
        assert "127.0.0.1:5000" not in body


def test_the_json_ld_of_a_cached_page_follows_each_address(served_app, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    client = served_app.test_client()
    assert "http://localhost:5002/jobs/" in client.get(f"/jobs/{position.id}",
                                                       base_url="http://localhost:5002").text
    assert "http://127.0.0.1:5001/jobs/" in client.get(f"/jobs/{position.id}",
                                                       base_url="http://127.0.0.1:5001").text


def test_public_url_wins_over_the_served_address(make_app, app, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    client = make_app(PUBLIC_URL="https://pairjobs.example/").test_client()
    feed = client.get("/jobs/feed.atom", base_url="http://127.0.0.1:5001").text
    assert f"https://pairjobs.example/jobs/{position.id}" in feed
    assert "127.0.0.1:5001" not in feed


def test_production_refuses_to_start_without_public_url(make_app, app):
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        make_app(PAIRJOBS_ENV="production", SECRET_KEY="k" * 32, PUBLIC_URL=None)


def test_outside_a_request_links_use_the_port_flask_run_serves_on(served_app, monkeypatch):
    """Mail built by a command (no request) links to the address of `make run PORT=…`."""
    monkeypatch.setenv("FLASK_RUN_PORT", "5187")
    monkeypatch.delenv("FLASK_RUN_HOST", raising=False)
    with served_app.app_context():
        assert public_url("jobs.search").startswith("http://127.0.0.1:5187/")

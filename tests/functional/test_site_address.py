"""Absolute links follow PUBLIC_URL, or in development the address actually served."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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


def test_outside_a_request_links_use_the_port_flask_run_serves_on(tmp_path):
    """Mail built by a command (no request) links to the address of `make run PORT=…`."""
    script = ("from pairjobs import create_app\n"
              "from pairjobs.infra.links import public_url\n"
              "app = create_app({'PAIRJOBS_ENV': 'testing', 'PUBLIC_URL': None, "
              f"'SQLALCHEMY_DATABASE_URI': 'sqlite:///{tmp_path / 'x.sqlite'}'}})\n"
              "with app.app_context():\n"
              "    print(public_url('jobs.search'))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PUBLIC_URL", "FLASK_RUN_HOST")}
    env |= {"FLASK_RUN_PORT": "5187", "PAIRJOBS_INSTANCE": str(tmp_path)}
    printed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                             check=True).stdout
    assert printed.strip().startswith("http://127.0.0.1:5187/")

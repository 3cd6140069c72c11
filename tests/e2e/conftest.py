"""Real-browser tests: Playwright drives Debian's Chromium against the application on a live server.

The browser is the system's (`apt-get install chromium`), never one downloaded by Playwright. The server is
a threaded werkzeug server on 127.0.0.1 and a free port, serving the application with CSRF protection on,
as in production, so every form goes through with the token the page gave. Tests use the `app` fixture of
tests/conftest.py: they run on empty tables and leave them empty.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from tests import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000
HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test of this directory `browser` (before `-m` selects): `make test-fast` leaves them out."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Browser:
    """One headless Chromium for the whole run."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's browser with `apt-get install -y chromium`.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _served_app(make_app, _migrated_app):
    """The application as users get it: the test settings, but with CSRF protection on."""
    return make_app(WTF_CSRF_ENABLED=True)


class QuietRequestHandler(WSGIRequestHandler):
    """No line per request in the test output; errors are still logged."""

    def log_request(self, code="-", size="-"):
        pass


@pytest.fixture(scope="session")
def _server(_served_app):
    server = make_server("127.0.0.1", 0, _served_app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture
def live_server(app, _server) -> str:
    """The base URL of the served application; the tables are emptied after the test (`app`)."""
    return _server


class PageProblems:
    """What a user would not see but should never happen: server errors, script errors, CSP refusals."""

    def __init__(self):
        self.items: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("response", lambda r: r.status >= 500 and self.items.append(f"HTTP {r.status} {r.url}"))
        page.on("pageerror", lambda e: self.items.append(f"script error: {e}"))
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console: {m.text}"))


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (its own cookies), French unless told otherwise.

    Several contexts can be open at once: an employer and a candidate side by side.
    """
    contexts = []
    problems = PageProblems()

    def open_page(locale: str = "fr-FR") -> Page:
        context = browser.new_context(base_url=live_server, locale=locale,
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems.items, "the browser met problems:\n" + "\n".join(problems.items)


@pytest.fixture
def page(new_page) -> Page:
    """A page in a French browser context."""
    return new_page()


def sign_in(page: Page, email: str, password: str = factories.PASSWORD) -> None:
    """Sign in through the login form, as a user would, in whatever language the page is in."""
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()
    if re.search(r"/login(\?|$)", page.url):
        raise AssertionError(f"sign-in failed for {email}: {page.locator('main').inner_text()}")


def signed_in(page: Page, email: str, password: str = factories.PASSWORD) -> None:
    """Sign the page's browser context in by posting the login form without drawing it (the journeys
    sign in through the drawn form): the context's cookies are the browser's."""
    request = page.context.request
    form = request.get("/login").text()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
    assert token, "the login form carries its CSRF token"
    answer = request.post("/login", form={"csrf_token": token.group(1), "email": email, "password": password},
                          max_redirects=0)
    assert answer.status == 302 and "/login" not in answer.headers.get("location", ""), (email, answer.status)

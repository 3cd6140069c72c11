"""Real-browser tests: Playwright drives Debian's Chromium against the application on a live server.

The browser is the system's (`apt-get install chromium-headless-shell`), never one downloaded by Playwright.
The server is a threaded werkzeug server on 127.0.0.1 and a free port, serving the application with CSRF
protection on, as in production, so every form goes through with the token the page gave. Tests use the
`app` fixture of tests/conftest.py: they run on empty tables and leave them empty.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import WSGIRequestHandler, make_server

from tests import factories

# Debian's headless build of Chromium (package chromium-headless-shell, the same engine and version as its
# `chromium`): the shell Playwright itself runs for headless tests. The full browser in headless mode spent
# 2.5 times its processor time on the same pages (measured: 58 s against 23 s for the browser tests).
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # One site is tested: no process per site, a few renderers for all contexts (measured: 10 % less time).
    "--disable-site-isolation-trials",
    "--disable-features=site-per-process",
    "--renderer-process-limit=2",
]
TIMEOUT_MS = 10_000
VIEWPORT = {"width": 1280, "height": 900}
# Chromium's console line for any 4xx/5xx answer: the responses themselves are checked (PageProblems).
LOAD_FAILURE = "Failed to load resource: the server responded with a status of"
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
        pytest.fail(f"{CHROMIUM} is missing: install Debian's headless browser with "
                    "`apt-get install -y chromium-headless-shell`.")
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
        self._watched: list[tuple[Page, str, Callable]] = []

    def watch(self, page: Page) -> None:
        for event, handler in (
            ("response", lambda r: self._failed(r) and self.items.append(f"HTTP {r.status} {r.url}")),
            ("pageerror", lambda e: self.items.append(f"script error: {e}")),
            ("console", lambda m: m.type == "error" and not m.text.startswith(LOAD_FAILURE)
                and self.items.append(f"console: {m.text}")),
        ):
            page.on(event, handler)
            self._watched.append((page, event, handler))

    @staticmethod
    def _failed(response) -> bool:
        """A server error, or a style sheet, script, image or font that is not there. A page may answer
        4xx on purpose (a form with errors, a date refused): its test checks the status it expects."""
        if response.status >= 500:
            return True
        return response.status >= 400 and response.request.resource_type != "document"

    def stop(self) -> None:
        for page, event, handler in self._watched:
            if not page.is_closed():
                page.remove_listener(event, handler)


class ContextPool:
    """Browser contexts reused from test to test, per locale.

    A new context costs Chromium a new renderer process, about half a second of processor each, and the
    browser tests open dozens. A context is given back emptied, as a new one would be: no cookies, no HTTP
    cache, no storage of the site, its one page blank at the standard size. One that cannot be emptied
    (a test closed its page or opened others) is closed instead.
    """

    def __init__(self, browser: Browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.free: dict[str, list[Page]] = defaultdict(list)

    def take(self, locale: str) -> Page:
        if self.free[locale]:
            return self.free[locale].pop()
        context = self.browser.new_context(base_url=self.base_url, locale=locale, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    def give_back(self, page: Page, locale: str) -> None:
        context = page.context
        if page.is_closed() or len(context.pages) != 1:
            context.close()
            return
        try:
            page.goto("about:blank")
            cdp = context.new_cdp_session(page)
            cdp.send("Network.clearBrowserCache")
            cdp.send("Storage.clearDataForOrigin", {"origin": self.base_url, "storageTypes": "all"})
            cdp.detach()
            context.clear_cookies()
            context.clear_permissions()
            page.set_viewport_size(VIEWPORT)
        except PlaywrightError:
            context.close()
            return
        self.free[locale].append(page)

    def close(self) -> None:
        for pages in self.free.values():
            for page in pages:
                page.context.close()


@pytest.fixture(scope="session")
def _contexts(browser, _server):
    pool = ContextPool(browser, _server)
    yield pool
    pool.close()


@pytest.fixture
def new_page(_contexts, live_server):
    """Open a page in a browser context of its own (its own cookies), French unless told otherwise.

    Several contexts can be open at once: an employer and a candidate side by side.
    """
    taken: list[tuple[Page, str]] = []
    problems = PageProblems()

    def open_page(locale: str = "fr-FR") -> Page:
        page = _contexts.take(locale)
        taken.append((page, locale))
        problems.watch(page)
        return page

    yield open_page
    problems.stop()
    for page, locale in taken:
        _contexts.give_back(page, locale)
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

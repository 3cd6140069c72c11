"""Accessibility of the main pages, in French and in English, checked by axe-core in a real browser.

axe-core comes inside the axe-playwright-python package (axe.min.js): nothing is fetched at run time. A
violation of impact "serious" or "critical" fails the test, with the rule, the elements and what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests import factories
from tests.e2e.conftest import signed_in

BLOCKING = {"serious", "critical"}
LOCALES = {"fr-FR": "fr", "en-GB": "en"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
AXE = Axe()


@dataclass(frozen=True)
class Screen:
    name: str
    path: str  # formatted with the ids of the data below
    user: str | None = None  # which of the standard accounts is signed in
    submit_empty: bool = False  # submit the form empty first, to check the page showing errors


SCREENS = [
    Screen("home", "/"),
    Screen("search", "/jobs?q=pair"),
    Screen("position", "/jobs/{position}"),
    Screen("login", "/login"),
    Screen("register", "/register"),
    Screen("register-with-errors", "/register", submit_empty=True),
    Screen("employer-position-form", "/employer/positions/new", user="employer"),
    Screen("employer-position-form-with-errors", "/employer/positions/new", user="employer",
           submit_empty=True),
    Screen("employer-position-edit", "/employer/positions/{position}/edit", user="employer"),
    Screen("employer-application", "/employer/applications/{application}", user="employer"),
    Screen("candidate-apply-form", "/jobs/{other_position}/apply", user="candidate"),
    Screen("candidate-applications", "/me/applications", user="candidate"),
    Screen("reports", "/reports/", user="monitor"),
    Screen("legal-notice", "/mentions-legales"),
    Screen("privacy", "/confidentialite"),
    Screen("accessibility", "/accessibilite"),
    Screen("terms", "/cgu"),
]


def describe(violations: list[dict], screen: Screen, locale: str) -> str:
    """What is wrong, where, and axe's advice: enough to fix the template or the CSS."""
    lines = []
    for v in violations:
        lines.append(f"[{screen.name} {locale}] {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:200]}\n      {summary}")
    return "\n".join(lines)


@pytest.fixture
def screens_data(app, accounts):
    """A published position with an application, and a second position to apply to."""
    position = factories.position(accounts.organization, accounts.employer,
                                  title="Médiateur de santé pair en CMP", contract_type="cdd_public",
                                  legal_basis="vacancy", duration_months=6, supervision_frequency="quarterly",
                                  supervision_paid_time=False)
    other = factories.position(accounts.organization, accounts.employer,
                               title="Pair-aidante en équipe mobile")
    credential = factories.credential(accounts.candidate)
    application = factories.application(accounts.candidate, position, [credential])
    return accounts, {"position": position.id, "other_position": other.id, "application": application.id}


@pytest.mark.parametrize("screen", SCREENS, ids=[s.name for s in SCREENS])
def test_no_serious_accessibility_violation(screens_data, new_page, screen: Screen):
    """Each screen in French, as a French browser gets it, then in English on the same page.

    The English screen is what the server answers an English browser for the same request, drawn in
    place of the French one: axe, loaded once, runs warm (a first run in a page costs three times more).
    """
    accounts, ids = screens_data
    page: Page = new_page("fr-FR")
    if screen.user:
        signed_in(page, getattr(accounts, screen.user).email)
    path = screen.path.format(**ids)
    response = page.goto(path)
    assert response.ok, f"{path}: HTTP {response.status}"
    if screen.submit_empty:
        page.locator("main form.form [type=submit]").last.click()
        page.wait_for_load_state()
        assert page.locator(".form-summary").count() == 1, "the empty form was expected to show errors"
    check(page, screen, "fr-FR")
    draw(page, english(page, path, screen.submit_empty))
    assert page.locator(".form-summary").count() == (1 if screen.submit_empty else 0)
    check(page, screen, "en-GB")


def check(page: Page, screen: Screen, locale: str) -> None:
    assert page.locator("html").get_attribute("lang") == LOCALES[locale]
    results = AXE.run(page) if page.evaluate("typeof axe === 'undefined'") else \
        AxeResults(page.evaluate("options => axe.run(options)", {"resultTypes": ["violations"]}))
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking, screen, locale)


def english(page: Page, path: str, submit_empty: bool) -> str:
    """The page an English browser with the same cookies gets (the empty form sent, if it was)."""
    request = page.context.request
    answer = request.get(path, headers=ENGLISH)
    if submit_empty:
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', answer.text())
        answer = request.post(path, form={"csrf_token": token.group(1)} if token else {}, headers=ENGLISH)
    assert answer.status < 500, (path, answer.status)
    return answer.text()


def draw(page: Page, html: str) -> None:
    """Put a page's language, title and body in place of the current ones (same style sheet)."""
    page.evaluate("""html => {
        const drawn = new DOMParser().parseFromString(html, 'text/html');
        document.documentElement.lang = drawn.documentElement.lang;
        document.title = drawn.title;
        document.body.replaceWith(document.adoptNode(drawn.body));
    }""", html)


def test_axe_runs_offline_and_finds_violations(page):
    """The checks above mean something: the bundled axe-core loads without network and reports problems."""
    page.set_content('<html lang="fr"><head><title>Essai</title></head><body><main>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     '<p style="color:#bbb;background:#fff">Texte trop pâle</p></main></body></html>')
    found = {v["id"]: v["impact"] for v in AXE.run(page).response["violations"]}
    assert found.get("image-alt") == "critical" and found.get("color-contrast") == "serious", found


@pytest.mark.parametrize("locale", LOCALES, ids=LOCALES.values())
def test_skip_link_takes_keyboard_users_to_the_content(live_server, new_page, locale):
    page = new_page(locale)
    page.goto("/jobs")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")  # the next stop is inside the content: the search field
    assert page.evaluate("document.activeElement.closest('main') !== null")

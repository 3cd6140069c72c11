"""Every main page of each role on a 390-pixel-wide phone: nothing scrolls sideways, and a screenshot of
each one's first screen is kept under tests/e2e/screenshots/<role>/ (ignored by git; CI keeps the folder
as an artefact of the run)."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Role, User
from tests import factories
from tests.e2e.conftest import signed_in
from tests.functional.test_authorization_matrix import build_world
from tests.functional.test_roles import OPEN_PAGES, PAGES, VISITOR_PAGES

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).parent / "screenshots"
NOT_PAGES = re.compile(r"(\.(atom|xml|txt|json|csv)$)|^/healthz$")
# Pages behind an identifier, for the role that reaches them.
DETAIL_PAGES = {
    "anonymous": ["/jobs/{position}"],
    "candidate": ["/jobs/{position}", "/jobs/{position}/apply", "/me/applications/{application}"],
    "employer": ["/jobs/{position}", "/employer/applications/{application}", "/employer/contracts/{contract}",
                 "/employer/positions/{draft}/edit", "/employer/interviews/{interview}/cancel"],
    "monitor": ["/reports/organizations/{finess}", "/reports/?day={day}"],
    "admin": ["/admin/organizations/{organization}/edit", "/admin/employers/{pending}/refuse"],
    "pending_employer": [],
}
ROLES = list(DETAIL_PAGES)


def email_of(role: str, ids: dict) -> str:
    """The address of the world's account of this role (the first one made)."""
    if role == "pending_employer":
        return db.session.get(User, ids["pending"]).email
    kind = {"candidate": Role.CANDIDATE, "employer": Role.EMPLOYER, "monitor": Role.MONITOR,
            "admin": Role.ADMIN}
    return db.session.scalars(sa.select(User.email).where(User.role == kind[role]).order_by(User.id)).first()


# Pages whose content is the same for every role: seen once, by the first role of ROLES that reaches them
# (the header, which differs by role, is seen on every role's home page).
SAME_FOR_ALL = {"/mentions-legales", "/confidentialite", "/accessibilite", "/cgu", "/developers/api",
                "/opendata/", "/account/notifications", "/account/two-factor"}


def pages_of(role: str, ids: dict) -> list[str]:
    first_reaching = {p: next(r for r in ROLES if r in PAGES[p]) for p in SAME_FOR_ALL}
    pages = sorted(p for p, roles in PAGES.items() if role in roles and not NOT_PAGES.search(p)
                   and first_reaching.get(p, role) == role)
    if role == "anonymous":
        pages += sorted(VISITOR_PAGES | OPEN_PAGES)
    return pages + [p.format(**ids) for p in DETAIL_PAGES[role]]


def overflow(page) -> list[str]:
    """The elements that stick out on the right, when the document is wider than the screen."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}.${e.className} → `
                      + `${Math.round(e.getBoundingClientRect().right)} px`);
    }""")


def test_no_page_scrolls_sideways_on_a_phone(new_page, live_server):
    """Each role in turn (one world for all: building it is the slow part), every page it reaches."""
    ids, _sessions = build_world()
    wide: dict[str, dict[str, list[str]]] = {}
    for role in ROLES:
        page = new_page()
        page.set_viewport_size(PHONE)
        if role != "anonymous":
            signed_in(page, email_of(role, ids))
        folder = SCREENSHOTS / role
        folder.mkdir(parents=True, exist_ok=True)
        for path in pages_of(role, ids):
            response = page.goto(path)
            assert response.status in (200, 422), (role, path, response.status)
            name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
            # The first screen, as the phone shows it (a whole-page shot costs three times the test).
            page.screenshot(path=str(folder / f"{name}.jpg"), type="jpeg", quality=70)
            if sticking_out := overflow(page):
                wide.setdefault(role, {})[path] = sticking_out
    assert not wide, f"pages wider than a {PHONE['width']}-pixel phone: {wide}"


def test_search_filters_fold_on_a_phone_and_stay_open_on_a_desktop(new_page, accounts):
    for title in ("Pair-aidant en CMP", "Médiatrice de santé paire", "Travailleur pair"):
        factories.position(accounts.organization, accounts.employer, title=title)
    phone = new_page()
    phone.set_viewport_size(PHONE)
    phone.goto("/jobs")
    filters = phone.locator("details.search-more")
    assert filters.get_attribute("open") is None
    first = phone.locator("li.result").first.bounding_box()
    assert first and first["y"] + 40 < PHONE["height"], "the first result must show on the first screen"
    phone.get_by_text("Filtres", exact=True).click()
    assert phone.locator("#department").is_visible()
    # With filters chosen, the results still come first; the button says how many filters are on.
    phone.goto("/jobs?department=69&contract_type=cdi_public")
    assert phone.locator("details.search-more").get_attribute("open") is None
    assert phone.locator("details.search-more > summary").inner_text().strip() == "Filtres (2)"
    first = phone.locator("li.result").first.bounding_box()
    assert first and first["y"] + 40 < PHONE["height"]
    # Searching from the form with the filters left as they are adds no notice and no filter.
    phone.locator("#q").fill("pair")
    phone.get_by_role("button", name="Rechercher").click()
    phone.wait_for_load_state()
    assert phone.locator(".notice").count() == 0, phone.locator(".notice").inner_text()

    desktop = new_page()
    desktop.goto("/jobs")
    assert desktop.locator("#department").is_visible()

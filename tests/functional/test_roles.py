"""Each role reaches its pages; the others get 403, and anonymous visitors the login page."""

import pytest

from pairjobs.extensions import db

PAGES = {
    "/": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/jobs": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/jobs/feed.atom": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/sitemap.xml": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/robots.txt": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/mentions-legales": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/confidentialite": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/accessibilite": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/cgu": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/healthz": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/developers/api": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/opendata/": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/opendata/schema.json": {"anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"},
    "/employer/positions": {"employer"},
    "/employer/positions/new": {"employer"},
    "/employer/positions/export/france-travail.csv": {"employer"},
    "/account": {"candidate", "employer", "pending_employer", "monitor", "admin"},
    "/account/notifications": {"candidate", "employer", "pending_employer", "monitor", "admin"},
    "/account/two-factor": {"candidate", "employer", "pending_employer", "monitor", "admin"},
    "/employer/": {"employer", "pending_employer"},
    "/reports/": {"monitor", "admin"},
    "/admin/": {"admin"},
    "/admin/organizations": {"admin"},
    "/admin/organizations/new": {"admin"},
    "/admin/users": {"admin"},
    "/admin/users/new": {"admin"},
    "/admin/credentials": {"admin"},
    "/admin/outbox": {"admin"},
    "/admin/audit": {"admin"},
    "/employer/applications": {"employer"},
    "/employer/contracts": {"employer"},
    "/employer/supervision-sessions/template.csv": {"employer"},
    "/employer/questionnaire": {"employer"},
    "/employer/verifications": {"employer"},
    "/reports/verifications": {"monitor", "admin"},
    "/reports/questionnaire": {"monitor", "admin"},
    "/employer/pool": {"employer"},
    "/me/profile": {"candidate"},
    "/me/credentials": {"candidate"},
    "/me/applications": {"candidate"},
    "/me/data": {"candidate"},
    "/me/data.json": {"candidate"},
    "/me/searches": {"candidate"},
    "/me/pool": {"candidate"},
    "/me/supervision": {"candidate"},
    "/reports/print": {"monitor", "admin"},
    "/reports/flags": {"monitor", "admin"},
    "/reports/snapshots": {"monitor", "admin"},
    "/reports/import": {"monitor", "admin"},
    "/reports/import/template.csv": {"monitor", "admin"},
}
ACTORS = ["anonymous", "candidate", "employer", "pending_employer", "monitor", "admin"]
# Pages for visitors only: a signed-in user is sent on to their own pages.
VISITOR_PAGES = {"/login", "/register", "/register/employer"}
# Pages for everyone, signed in or not: asking for a reset link, the "check your inbox" page.
OPEN_PAGES = {"/password/forgot", "/register/sent"}
# The second step of signing in: only after a correct password, else back to the login page.
CODE_PAGES = {"/login/code", "/login/code/setup"}


def visit(client, auth, accounts, actor, path):
    """GET the page as the actor (signed in through the login form, unless anonymous)."""
    if actor != "anonymous":
        auth.login(getattr(accounts, actor).email)
    return client.get(path)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("path", sorted(VISITOR_PAGES))
def test_visitor_pages(client, auth, accounts, actor, path):
    response = visit(client, auth, accounts, actor, path)
    assert response.status_code == (200 if actor == "anonymous" else 302)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("path", sorted(OPEN_PAGES))
def test_open_pages(client, auth, accounts, actor, path):
    assert visit(client, auth, accounts, actor, path).status_code == 200


def answered_as_expected(actor: str, path: str, response) -> bool:
    """200 for the roles let in; the login page for an anonymous visitor; a French 403 page for the others."""
    if actor in PAGES[path]:
        return response.status_code == 200
    if actor == "anonymous":
        return response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    return (response.status_code == 403 and "<html lang=\"fr\">" in response.text
            and ("Accès refusé" in response.text or "Access denied" in response.text))


@pytest.mark.parametrize("actor", ACTORS)
def test_page_access(client, auth, accounts, actor):
    """Every page of the table as the actor, signed in once (a sign-in and a fresh set of accounts for each
    of the 300 pairs cost seconds): each wrong answer is named."""
    if actor != "anonymous":
        auth.login(getattr(accounts, actor).email)
    wrong = []
    for path in sorted(PAGES):
        response = client.get(path)
        if not answered_as_expected(actor, path, response):
            wrong.append((path, response.status_code))
    assert wrong == []


def test_every_html_get_route_is_in_the_table(app):
    routes = {
        rule.rule for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.rule.startswith(("/api/", "/static/")) and "<" not in rule.rule
    }
    assert routes == set(PAGES) | VISITOR_PAGES | OPEN_PAGES | CODE_PAGES


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("path", sorted(CODE_PAGES))
def test_code_pages_need_a_password_just_given(client, auth, accounts, actor, path):
    response = visit(client, auth, accounts, actor, path)
    assert response.status_code == 302 and response.headers["Location"] == "/login"


def test_approve_is_for_admins_only(client, auth, accounts):
    pending = accounts.pending_employer
    for actor in ("candidate", "employer", "monitor"):
        auth.login(getattr(accounts, actor).email)
        assert client.post(f"/admin/employers/{pending.id}/approve").status_code == 403
        auth.logout()
    db.session.refresh(pending)
    assert not pending.is_approved


def test_approving_an_unknown_account_is_404(client, auth, accounts):
    auth.login(accounts.admin.email)
    assert client.post("/admin/employers/999999/approve").status_code == 404

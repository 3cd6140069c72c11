"""The authorization matrix: for every route and every actor, who may act and who is refused.

A refusal is 401, 403, 404, or a redirect to the login page; anything else means the actor was let
through. Every route of app.url_map must appear below, or the last test fails. Ids are real objects
of the first organization and its candidate, so other candidates and other organizations use
forged ids.
"""

import base64
import hashlib
import io
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from pairjobs.domain import alerts, interviews, questionnaire, verification
from pairjobs.domain.monitoring import snapshots
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, QuestionnaireLink, SupervisionSession
from pairjobs.models.base import utcnow
from tests import factories
from tests.helpers import PDF, copy_database, restore_database

ALL = frozenset({"anonymous", "candidate", "other_candidate", "employer", "other_employer",
                 "monitor", "admin"})
SIGNED = ALL - {"anonymous"}
CANDIDATES = frozenset({"candidate", "other_candidate"})
EMPLOYERS = frozenset({"employer", "other_employer"})
MONITORS = frozenset({"monitor", "admin"})
CANDIDATE, EMPLOYER, ADMIN = frozenset({"candidate"}), frozenset({"employer"}), frozenset({"admin"})
NOBODY = frozenset()

# (method, url template, actors let through)
MATRIX = [
    ("GET", "/", ALL), ("GET", "/healthz", ALL), ("GET", "/mentions-legales", ALL),
    ("GET", "/confidentialite", ALL), ("GET", "/accessibilite", ALL), ("GET", "/cgu", ALL),
    ("GET", "/robots.txt", ALL), ("GET", "/sitemap.xml", ALL),
    ("GET", "/static/css/pairjobs.css", ALL), ("GET", "/developers/api", ALL), ("POST", "/language", ALL),
    ("GET", "/login", ALL), ("POST", "/login", ALL), ("POST", "/logout", SIGNED),
    ("GET", "/register", ALL), ("POST", "/register", ALL),
    ("GET", "/register/employer", ALL), ("POST", "/register/employer", ALL),
    ("GET", "/account", SIGNED),
    ("GET", "/account/notifications", SIGNED), ("POST", "/account/notifications", SIGNED),
    ("POST", "/account/email", SIGNED), ("POST", "/account/password", SIGNED),
    ("GET", "/login/code", ALL), ("POST", "/login/code", ALL), ("GET", "/login/code/setup", ALL),
    ("POST", "/login/code/setup", ALL), ("GET", "/account/two-factor", SIGNED),
    ("POST", "/account/two-factor", SIGNED), ("POST", "/account/two-factor/recovery-codes", SIGNED),
    ("POST", "/account/two-factor/off", SIGNED),
    ("POST", "/account/confirmation", SIGNED), ("GET", "/register/sent", ALL),
    ("GET", "/password/forgot", ALL), ("POST", "/password/forgot", ALL),
    ("GET", "/password/reset/{token}", ALL), ("POST", "/password/reset/{token}", ALL),
    ("GET", "/confirm/{token}", ALL),
    # Administration.
    ("GET", "/admin/", ADMIN), ("GET", "/admin/audit", ADMIN), ("GET", "/admin/credentials", ADMIN),
    ("POST", "/admin/credentials/{credential}/verify", ADMIN),
    ("POST", "/admin/employers/{pending}/approve", ADMIN),
    ("GET", "/admin/employers/{pending}/refuse", ADMIN),
    ("POST", "/admin/employers/{pending}/refuse", ADMIN),
    ("GET", "/admin/users/{pending}/deactivate", ADMIN), ("POST", "/admin/users/{pending}/deactivate", ADMIN),
    ("POST", "/admin/users/{pending}/reactivate", ADMIN), ("GET", "/admin/organizations", ADMIN),
    ("GET", "/admin/organizations/new", ADMIN),
    ("GET", "/admin/organizations/{organization}/edit", ADMIN),
    ("POST", "/admin/organizations/{organization}/edit", ADMIN), ("POST", "/admin/organizations/new", ADMIN),
    ("GET", "/admin/outbox", ADMIN),
    ("POST", "/admin/organizations/{organization}/two-factor", ADMIN), ("GET", "/admin/users", ADMIN),
    ("GET", "/admin/users/new", ADMIN), ("POST", "/admin/users/new", ADMIN),
    # Employers: their own organization only.
    ("GET", "/employer/", EMPLOYERS), ("GET", "/employer/applications", EMPLOYERS),
    ("GET", "/employer/applications/{application}", EMPLOYER),
    ("POST", "/employer/applications/{application}", EMPLOYER),
    ("POST", "/employer/applications/{application}/interviews", EMPLOYER),
    ("GET", "/employer/interviews/{interview}/cancel", EMPLOYER),
    ("POST", "/employer/colleagues/invite", EMPLOYERS), ("GET", "/employer/pool", EMPLOYERS),
    ("POST", "/employer/pool/{pending}/invite", EMPLOYERS),
    ("POST", "/employer/interviews/{interview}/cancel", EMPLOYER),
    ("GET", "/employer/contracts", EMPLOYERS), ("GET", "/employer/contracts/{contract}", EMPLOYER),
    ("POST", "/employer/contracts/{contract}", EMPLOYER),
    ("POST", "/employer/contracts/{contract}/act", EMPLOYER),
    ("POST", "/employer/contracts/{contract}/supervision-sessions/import", EMPLOYER),
    ("GET", "/employer/supervision-sessions/template.csv", EMPLOYERS),
    ("GET", "/employer/questionnaire", EMPLOYERS),
    ("POST", "/employer/supervision-sessions/{session}/delete", EMPLOYER),
    ("GET", "/employer/verifications", EMPLOYERS),
    ("POST", "/employer/verifications/items/{item}/proof", EMPLOYER),
    ("GET", "/employer/verifications/items/{item}/proof", EMPLOYER),
    ("POST", "/employer/verifications/items/{item}/answer", EMPLOYER),
    ("GET", "/employer/positions", EMPLOYERS), ("GET", "/employer/positions/new", EMPLOYERS),
    ("POST", "/employer/positions/new", EMPLOYERS),
    ("GET", "/employer/positions/{draft}/edit", EMPLOYER),
    ("POST", "/employer/positions/{draft}/edit", EMPLOYER),
    ("POST", "/employer/positions/{draft}/publish", EMPLOYER),
    ("POST", "/employer/positions/{draft}/duplicate", EMPLOYER),
    ("GET", "/employer/positions/{draft}/delete", EMPLOYER),
    ("POST", "/employer/positions/{draft}/delete", EMPLOYER),
    ("POST", "/employer/positions/{draft}/close", EMPLOYER),
    ("GET", "/employer/positions/export/france-travail.csv", EMPLOYERS),
    # The job board.
    ("GET", "/jobs", ALL), ("GET", "/jobs/feed.atom", ALL), ("GET", "/jobs/{position}", ALL),
    ("GET", "/jobs/{draft}", EMPLOYER), ("GET", "/jobs/{position}/apply", CANDIDATES),
    ("POST", "/jobs/{position}/apply", CANDIDATES), ("POST", "/jobs/saved", CANDIDATES),
    ("GET", "/jobs/alerts/unsubscribe/{token}", ALL), ("POST", "/jobs/alerts/unsubscribe/{token}", ALL),
    # The candidate's own space.
    ("GET", "/me/applications", CANDIDATES), ("GET", "/me/applications/{application}", CANDIDATE),
    ("POST", "/me/applications/{application}/withdraw", CANDIDATE),
    ("POST", "/me/applications/{application}/reinstate", CANDIDATE),
    ("GET", "/me/supervision", CANDIDATES), ("POST", "/me/supervision-sessions/{session}/contest", CANDIDATE),
    ("GET", "/me/pool", CANDIDATES), ("POST", "/me/pool", CANDIDATES), ("POST", "/me/pool/leave", CANDIDATES),
    ("POST", "/me/interviews/{interview}/accept", CANDIDATE),
    ("POST", "/me/interviews/{interview}/decline", CANDIDATE),
    ("GET", "/me/credentials", CANDIDATES), ("POST", "/me/credentials", CANDIDATES),
    ("POST", "/me/credentials/{credential}/delete", CANDIDATE),
    ("GET", "/me/credentials/{credential}/document", CANDIDATE | EMPLOYER | ADMIN),
    ("GET", "/me/data", CANDIDATES), ("GET", "/me/data.json", CANDIDATES), ("POST", "/me/delete", CANDIDATES),
    ("GET", "/me/profile", CANDIDATES), ("POST", "/me/profile", CANDIDATES),
    ("GET", "/me/searches", CANDIDATES),
    ("POST", "/me/searches/{search}/delete", CANDIDATE),
    # Regional monitoring: monitors and administrators.
    ("GET", "/reports/", MONITORS), ("GET", "/reports/print", MONITORS), ("GET", "/reports/flags", MONITORS),
    ("GET", "/reports/charts/departments.svg", MONITORS),
    ("GET", "/reports/export/departments.csv", MONITORS),
    ("GET", "/reports/organizations/{finess}", MONITORS),
    ("GET", "/reports/snapshots", MONITORS), ("POST", "/reports/snapshots", MONITORS),
    ("POST", "/reports/snapshots/{snapshot}/publish", MONITORS),
    ("GET", "/reports/import", MONITORS), ("POST", "/reports/import", MONITORS),
    ("GET", "/reports/import/template.csv", MONITORS),
    ("GET", "/reports/questionnaire", MONITORS), ("POST", "/reports/questionnaire", MONITORS),
    ("GET", "/reports/questionnaire/{year}", MONITORS),
    ("POST", "/reports/questionnaire/{year}/links", MONITORS),
    ("GET", "/reports/verifications", MONITORS), ("POST", "/reports/verifications", MONITORS),
    ("GET", "/reports/verifications/{campaign}", MONITORS),
    ("POST", "/reports/verifications/{campaign}", MONITORS),
    ("GET", "/reports/verifications/items/{item}/proof", MONITORS),
    ("GET", "/questionnaire/{link}", ALL), ("POST", "/questionnaire/{link}", ALL),
    # The API (bearer tokens).
    ("GET", "/api/v1/openapi.json", ALL), ("POST", "/api/v1/tokens", NOBODY),  # HTTP Basic only
    ("DELETE", "/api/v1/tokens", SIGNED), ("GET", "/api/v1/me", SIGNED),
    ("GET", "/api/v1/organizations", SIGNED), ("POST", "/api/v1/organizations", ADMIN),
    ("GET", "/api/v1/organizations/{organization}", SIGNED),
    ("PATCH", "/api/v1/organizations/{organization}", ADMIN),
    ("GET", "/api/v1/positions", ALL), ("POST", "/api/v1/positions", EMPLOYERS),
    ("GET", "/api/v1/positions/{position}", ALL), ("GET", "/api/v1/positions/{draft}", EMPLOYER),
    ("PATCH", "/api/v1/positions/{draft}", EMPLOYER), ("DELETE", "/api/v1/positions/{draft}", EMPLOYER),
    ("POST", "/api/v1/positions/{draft}/publish", EMPLOYER),
    ("POST", "/api/v1/positions/{draft}/close", EMPLOYER),
    ("POST", "/api/v1/positions/{position}/applications", CANDIDATES),
    ("GET", "/api/v1/me/credentials", CANDIDATES), ("POST", "/api/v1/me/credentials", CANDIDATES),
    ("GET", "/api/v1/me/credentials/{credential}", CANDIDATE),
    ("PATCH", "/api/v1/me/credentials/{credential}", CANDIDATE),
    ("GET", "/api/v1/applications", CANDIDATES | EMPLOYERS),
    ("GET", "/api/v1/applications/{application}", CANDIDATE | EMPLOYER),
    ("PATCH", "/api/v1/applications/{application}", EMPLOYER),
    ("POST", "/api/v1/applications/{application}/withdraw", CANDIDATE),
    ("POST", "/api/v1/applications/{application}/interviews", EMPLOYER),
    ("GET", "/api/v1/applications/{application}/interviews", CANDIDATE | EMPLOYER),
    ("GET", "/api/v1/interviews/{interview}", CANDIDATE | EMPLOYER),
    ("PATCH", "/api/v1/interviews/{interview}", EMPLOYER),
    ("POST", "/api/v1/interviews/{interview}/cancel", EMPLOYER),
    ("POST", "/api/v1/interviews/{interview}/accept", CANDIDATE),
    ("POST", "/api/v1/interviews/{interview}/decline", CANDIDATE),
    ("GET", "/api/v1/contracts", EMPLOYERS), ("GET", "/api/v1/contracts/{contract}", EMPLOYER),
    ("PATCH", "/api/v1/contracts/{contract}", EMPLOYER),
    ("POST", "/api/v1/contracts/{contract}/renew", EMPLOYER),
    ("POST", "/api/v1/contracts/{contract}/convert", EMPLOYER),
    ("POST", "/api/v1/contracts/{contract}/end", EMPLOYER),
    ("POST", "/api/v1/contracts/{contract}/decision", EMPLOYER),
    ("GET", "/api/v1/contracts/{contract}/supervision-sessions", EMPLOYER | CANDIDATE),
    ("POST", "/api/v1/contracts/{contract}/supervision-sessions", EMPLOYER),
    ("POST", "/api/v1/supervision-sessions/{session}/contest", CANDIDATE),
    ("GET", "/api/v1/supervision-sessions/{session}", EMPLOYER | CANDIDATE),
    ("DELETE", "/api/v1/supervision-sessions/{session}", EMPLOYER),
    ("GET", "/api/v1/reports/summary", MONITORS),
    # Open data: public.
    ("GET", "/opendata/", ALL), ("GET", "/opendata/schema.json", ALL),
    ("GET", "/opendata/pairjobs-{day}.csv", ALL),
]


@pytest.fixture
def world(app, database_url):
    """One of everything, owned by the first organization and its candidate.

    Each test gets it afresh (the let-through actors change it). On SQLite it is built once per run and
    each test gets a copy of the same database and documents (`_WorldImage`), which is how long building
    it takes (a published snapshot); on PostgreSQL it is built for each test.
    """
    if not database_url.startswith("sqlite:"):
        return build_world()
    if _image.values is None:
        _image.save(build_world())
    return _image.restore()


class _WorldImage:
    """A copy of the SQLite database and of the stored documents, taken once the world is built."""

    def __init__(self):
        self.values = self.database = self.documents = None

    @staticmethod
    def _documents() -> Path:
        return Path(current_app.instance_path) / "documents"

    def save(self, values):
        db.session.commit()
        db.session.close()
        self.database = copy_database()
        self.documents = Path(tempfile.mkdtemp(prefix="world-documents-"))
        shutil.copytree(self._documents(), self.documents, dirs_exist_ok=True)
        self.values = values

    def restore(self):
        restore_database(self.database)
        shutil.copytree(self.documents, self._documents(), dirs_exist_ok=True)
        return self.values


_image = _WorldImage()


def build_world():
    a = factories.standard_accounts()
    position = factories.position(a.organization, a.employer)
    draft = factories.position(a.organization, a.employer, publish=False)
    credential = factories.credential(a.candidate)
    from pairjobs.infra.documents import store_pdf

    credential.document_key, credential.document_filename, credential.document_size = store_pdf(
        io.BytesIO(PDF), "a.pdf")
    application = factories.application(a.candidate, position, [credential])
    interview = interviews.propose(application, a.employer, interviews.InterviewInput(
        starts_at=utcnow() + timedelta(days=7), duration_minutes=45, location="Bron"), utcnow())
    hired_position = factories.position(a.organization, a.employer, contract_type="cdd_public",
                                        legal_basis="vacancy", duration_months=12)
    hire = factories.application(a.candidate, hired_position)
    factories.hire(hire, a.employer)
    held = SupervisionSession(contract_id=db.session.scalar(sa.select(Contract.id)), held_on=today(),
                              kind="external", minutes=60, paid_time=True, provider_kind="independent")
    db.session.add(held)
    published = snapshots.record(today().replace(day=1) - timedelta(days=1), publish=True)  # last month-end
    campaign = questionnaire.create_campaign(today().year, today(), today() + timedelta(days=30),
                                             current_app.config["QUESTIONNAIRE_QUESTIONS"], 5, a.monitor)
    checked = verification.start(a.monitor, today() + timedelta(days=10), 100, today())
    item = checked.items[0]
    item.document_key, item.document_filename, item.document_size = credential.document_key, "p.pdf", 10
    item.uploaded_at = utcnow()
    link = "a-questionnaire-link"
    db.session.add(QuestionnaireLink(token_hash=hashlib.sha256(link.encode()).hexdigest(),
                                     campaign_id=campaign.id, organization_id=a.organization.id))
    search = alerts.save_search(a.candidate,
                                __import__("werkzeug").datastructures.MultiDict({"department": "69"}))
    db.session.commit()
    ids = {"position": position.id, "draft": draft.id, "credential": credential.id,
           "application": application.id, "interview": interview.id,
           "contract": db.session.scalar(sa.select(Contract.id)), "search": search.id,
           "token": alerts.unsubscribe_token(search), "pending": a.pending_employer.id,
           "organization": a.organization.id, "finess": a.organization.finess, "snapshot": published.id,
           "day": published.day.isoformat(), "session": held.id,
           "year": campaign.year, "link": link, "campaign": checked.id, "item": item.id}
    users = {"candidate": a.candidate, "other_candidate": a.other_candidate, "employer": a.employer,
             "other_employer": a.other_employer, "monitor": a.monitor, "admin": a.admin}
    return ids, {name: signed_in(u) for name, u in users.items()}


def signed_in(user) -> tuple[str, str]:
    """The session cookie of a sign-in through the login form, and an API token (part of the world)."""
    client = current_app.test_client()
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    cookie = client.get_cookie("session")
    assert cookie is not None, user.email
    auth = base64.b64encode(f"{user.email}:{factories.PASSWORD}".encode()).decode()
    token = client.post("/api/v1/tokens", headers={"Authorization": f"Basic {auth}"}).json["token"]
    return cookie.value, token


def refused(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (401, 403, 404) or (response.status_code == 302 and "/login" in location
                                                        and "next=" in location)


def call(app, method, url, actor, users):
    client = app.test_client()
    headers = {}
    if actor != "anonymous":
        cookie, token = users[actor]
        if url.startswith("/api/"):
            headers["Authorization"] = f"Bearer {token}"
        else:
            client.set_cookie("session", cookie)
    kwargs = {"json": {}} if url.startswith("/api/") and method != "GET" else {}
    return client.open(url, method=method, headers=headers, **kwargs)


@pytest.mark.parametrize("method, template, allowed", MATRIX, ids=[f"{m} {t}" for m, t, _a in MATRIX])
def test_route_by_actor(app, world, method, template, allowed):
    ids, users = world
    url = template.format(**ids)
    # The refused first: their attempts must change nothing for the others.
    for actor in sorted(ALL - allowed) + sorted(allowed):
        response = call(app, method, url, actor, users)
        assert response.status_code < 500, (actor, response.status_code)
        assert refused(response) == (actor not in allowed), (actor, response.status_code,
                                                             response.headers.get("Location"))


def test_every_route_is_in_the_matrix(app):
    covered = set()
    for method, template, _allowed in MATRIX:
        covered.add((method, template))
    placeholders = {"{position}", "{draft}", "{credential}", "{application}", "{contract}", "{search}",
                    "{token}", "{pending}", "{organization}", "{snapshot}", "{interview}", "{session}"}
    placeholders |= {"{link}", "{campaign}", "{item}"}
    shapes = set()
    for method, template in covered:
        shape = template
        for p in placeholders:
            shape = shape.replace(p, "<id>")
        shapes.add((method, shape.replace("departments.svg", "<name>.svg")
                    .replace("export/departments.csv", "export/<table>.<fmt>")
                    .replace("{day}", "<day>").replace("{year}", "<year>").replace("{finess}", "<finess>")
                    .replace("css/pairjobs.css", "<path>")))
    missing = []
    for rule in app.url_map.iter_rules():
        shape = rule.rule
        for arg in rule.arguments:
            for converter in ("int:", "path:", ""):
                shape = shape.replace(f"<{converter}{arg}>", "<id>" if arg.endswith("_id") or arg == "token"
                                      else f"<{ 'path' if converter == 'path:' else arg}>")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, shape) not in shapes:
                missing.append((method, rule.rule))
    assert missing == []

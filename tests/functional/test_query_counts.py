"""No N+1: the busy pages take the same number of SQL statements whatever the number of rows."""

import base64
from datetime import date, timedelta

import sqlalchemy as sa

from pairjobs.domain.monitoring import snapshots
from pairjobs.extensions import db
from tests import factories
from tests.functional.test_reports import contract
from tests.helpers import Api, bearer_header
from tests.sql import get_with_statements, recorded_statements


def statements(app, client, url, **kwargs) -> int:
    return len(get_with_statements(app, client, url, **kwargs)[0])


def test_search_and_api_list(app, client, accounts):
    for n in range(3):
        factories.position(accounts.organization if n % 2 else accounts.other_organization, None)
    few = (statements(app, client, "/jobs"), statements(app, client, "/api/v1/positions?per_page=100"))
    for n in range(12):
        factories.position(accounts.organization if n % 2 else accounts.other_organization, None)
    many = (statements(app, client, "/jobs"), statements(app, client, "/api/v1/positions?per_page=100"))
    assert many == few


def test_employer_pages(app, accounts):
    employer = app.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    candidates = [factories.user(factories.Role.CANDIDATE) for _ in range(8)]

    def measure():
        return tuple(statements(app, employer, url) for url in ("/employer/positions",
                                                                "/employer/applications"))

    position = factories.position(accounts.organization, accounts.employer)
    factories.application(candidates[0], position)
    few = measure()
    for candidate in candidates[1:]:
        factories.application(candidate, factories.position(accounts.organization, accounts.employer))
    assert measure() == few
    assert db.session.scalar(sa.select(sa.func.count()).select_from(factories.Credential)) == 0


def test_the_page_size_does_not_change_the_count(app, accounts, monkeypatch):
    employer = app.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    token = employer.post("/api/v1/tokens", headers={"Authorization": "Basic " + base64.b64encode(
        f"{accounts.employer.email}:{factories.PASSWORD}".encode()).decode()}).json["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    for _ in range(6):
        position = factories.position(accounts.organization, accounts.employer)
        factories.application(factories.user(factories.Role.CANDIDATE), position)

    def measure(size):
        monkeypatch.setitem(app.config, "PIPELINE_PAGE_SIZE", size)
        return (statements(app, employer, f"/api/v1/positions?per_page={size}"),
                statements(app, employer, f"/api/v1/applications?per_page={size}", headers=bearer),
                statements(app, employer, "/employer/applications"))

    assert measure(1) == measure(50)


def test_the_dashboard_count_does_not_grow_with_the_contracts(app, make_app, accounts):
    uncached = make_app(RESULT_CACHE=False)  # count what a cold dashboard runs
    monitor = uncached.test_client()
    monitor.post("/login", data={"email": accounts.monitor.email, "password": factories.PASSWORD})
    start = date(2026, 1, 5)
    contract(accounts.organization, "person-0", "cdd", start, start + timedelta(days=200))
    db.session.commit()
    snapshots.record(date(2026, 6, 30))
    db.session.commit()
    few = statements(uncached, monitor, "/reports/?as_of=2026-06-30")
    live = statements(uncached, monitor, "/reports/")
    for n in range(1, 9):
        org = accounts.organization if n % 2 else accounts.other_organization
        contract(org, f"person-{n}", "cdd" if n % 3 else "cdi", start, start + timedelta(days=100 * n))
    db.session.commit()
    snapshots.record(date(2026, 6, 30), revise=True, reason="More contracts")
    db.session.commit()
    assert statements(uncached, monitor, "/reports/?as_of=2026-06-30") == few
    assert statements(uncached, monitor, "/reports/") == live


def test_the_other_busy_pages_do_not_grow_with_the_data(app, make_app, accounts):
    """The employer's home and pipeline API, a position's page, the candidate's pages and applying: the
    same number of statements with one position and application as with ten, with the result cache off
    (what a first visitor gets)."""
    uncached = make_app(RESULT_CACHE=False)
    employer, candidate = uncached.test_client(), uncached.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    candidate.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    employer_token = Api(employer).token(accounts.employer)
    candidate_token = Api(candidate).token(accounts.candidate)
    credential = factories.credential(accounts.candidate)

    def add(n: int) -> tuple[int, int]:
        for _ in range(n):
            position = factories.position(accounts.organization, accounts.employer)
            factories.application(accounts.candidate, position, [credential])
            other = factories.position(accounts.organization, accounts.employer)
            factories.application(factories.user(factories.Role.CANDIDATE), other)
        db.session.commit()
        return position.id, db.session.scalar(sa.select(sa.func.max(factories.Application.id)).where(
            factories.Application.candidate_id == accounts.candidate.id))

    def measure(position_id: int, application_id: int) -> dict[str, int]:
        counts = {
            "employer home": statements(uncached, employer, "/employer/"),
            "pipeline API": statements(uncached, employer, "/api/v1/applications?per_page=20",
                                       headers=bearer_header(employer_token)),
            "position page": statements(uncached, candidate, f"/jobs/{position_id}"),
            "application page": statements(uncached, candidate, f"/me/applications/{application_id}"),
            **{path: statements(uncached, candidate, path) for path in (
                "/me/applications", "/me/profile", "/me/credentials")},
        }
        target = factories.position(accounts.other_organization, None).id
        with recorded_statements(db.engine) as seen:
            answer = candidate.post(f"/api/v1/positions/{target}/applications", json={},
                                    headers=bearer_header(candidate_token))
        assert answer.status_code == 201, answer.json
        counts["apply"] = len(seen)
        return counts

    few = measure(*add(1))
    many = measure(*add(9))
    assert many == few

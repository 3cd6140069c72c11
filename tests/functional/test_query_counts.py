"""No N+1: the busy pages take the same number of SQL statements whatever the number of rows."""

import sqlalchemy as sa
from sqlalchemy import event

from pairjobs.extensions import db
from tests import factories


def statements(app, client, url, **kwargs) -> int:
    seen = []
    with app.app_context():
        engine = db.engine

    def count(*args):
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url, **kwargs)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, url
    return len(seen)


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
        return tuple(statements(app, employer, url) for url in ("/employer/positions", "/employer/applications"))

    position = factories.position(accounts.organization, accounts.employer)
    factories.application(candidates[0], position)
    few = measure()
    for candidate in candidates[1:]:
        factories.application(candidate, factories.position(accounts.organization, accounts.employer))
    assert measure() == few
    assert db.session.scalar(sa.select(sa.func.count()).select_from(factories.Credential)) == 0

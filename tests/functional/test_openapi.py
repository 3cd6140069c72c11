"""The OpenAPI document: valid, served, and true — schemathesis calls every operation as each actor
and checks that no response is a server error or breaks the document."""

import base64

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from pairjobs.extensions import db
from pairjobs.models import Contract
from tests import factories

ACTORS = ["anonymous", "candidate", "employer", "monitor", "admin"]


def test_document_is_valid_openapi_3_1(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert {"/positions", "/applications/{application_id}", "/reports/summary",
            "/tokens"} <= set(document["paths"])


def test_every_api_route_is_documented(app, client):
    document = client.get("/api/v1/openapi.json").json
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops
                  if method != "parameters"}  # path-level parameters, not an operation
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi_document":
            path = rule.rule.removeprefix("/api/v1")
            for arg in rule.arguments:
                path = path.replace(f"<int:{arg}>", f"{{{arg}}}")
            routes |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == documented


@pytest.fixture
def world(app):
    """Accounts of each kind and one of everything, so that generated ids often exist."""
    accounts = factories.standard_accounts()
    position = factories.position(accounts.organization, accounts.employer)
    credential = factories.credential(accounts.candidate)
    application = factories.application(accounts.candidate, position, [credential])
    factories.hire(application, accounts.employer)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contract)) == 1
    headers = {}
    client = app.test_client()
    for actor in ACTORS[1:]:
        user = getattr(accounts, actor)
        auth = base64.b64encode(f"{user.email}:{factories.PASSWORD}".encode()).decode()
        token = client.post("/api/v1/tokens", headers={"Authorization": f"Basic {auth}"}).json["token"]
        headers[actor] = {"Authorization": f"Bearer {token}"}
    headers["anonymous"] = {}
    return headers


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_api_conforms_to_its_document(app, world):
    """Every operation, with generated parameters and bodies, as each kind of account."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    calls = []
    for operation in operations:
        if (operation.method.upper(), operation.path) == ("DELETE", "/tokens"):
            continue  # revoking would end the other calls' tokens; covered in test_api.py

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            for actor in ACTORS:  # each generated request, as each kind of account
                case.call_and_validate(headers=dict(case.headers or {}) | world[actor], checks=CHECKS)
                calls.append(1)

        check()
    assert len(calls) > 1000


def test_human_readable_reference_is_rendered_from_the_document(client):
    page = client.get("/developers/api", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "<code>GET /positions</code>" in page.text and 'id="schema-Position"' in page.text
    assert "https://" not in page.text.split("<main", 1)[1].split("</main>")[0].replace(
        "https://schema.org", "")  # no external asset

"""Hypothesis fuzzes the forms, the search parameters and the API bodies: no input gives a 500."""


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
TEXT = st.text(max_size=40) | st.sampled_from(["", " ", "0", "-1", "1e309", "2026-02-30", "²", "9" * 30,
                                               "<script>", "cdi", "cdd_public", "69", "NaN", "\x00", "é"])
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)
POSITION_FIELDS = list(factories.position_input()) + ["department", "commune", "legal_basis",
                                                      "duration_months",
                                                      "weekly_hours", "funding_ends_on",
                                                      "deadline", "version"]


def fields_of(names):
    return st.dictionaries(st.sampled_from(names), TEXT, max_size=len(names))


@pytest.fixture
def world(app, client, api):
    accounts = factories.standard_accounts()
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position)
    return {"accounts": accounts, "position": position.id, "application": application.id,
            "employer": api.bearer(accounts.employer), "candidate": api.bearer(accounts.candidate)}


def test_search_parameters(client, world):
    @SETTINGS
    @given(params=st.dictionaries(st.sampled_from(["q", "department", "contract_type",
                                                   "stable_only", "min_fte",
                                                   "supervision", "setting", "org_kind", "sort", "page",
                                                   "per_page", "as_of"]), TEXT, max_size=6))
    def run(params):
        for url in ("/jobs", "/api/v1/positions", "/jobs/feed.atom"):
            assert client.get(url, query_string=params).status_code < 500, (url, params)

    run()


def test_api_bodies(client, world):
    targets = [
        ("post", "/api/v1/positions", "employer"),
        ("patch", f"/api/v1/positions/{world['position']}", "employer"),
        ("post", f"/api/v1/positions/{world['position']}/close", "employer"),
        ("post", f"/api/v1/positions/{world['position']}/applications", "candidate"),
        ("patch", f"/api/v1/applications/{world['application']}", "employer"),
        ("post", "/api/v1/me/credentials", "candidate"),
    ]

    @SETTINGS
    @given(body=JSON_VALUE | st.dictionaries(st.sampled_from(POSITION_FIELDS + ["status", "reason", "note",
                                                                                "message", "credential_ids",
                                                                                "outcome", "type", "title"]),
                                              JSON_VALUE, max_size=8))
    def run(body):
        for method, url, actor in targets:
            response = getattr(client, method)(url, json=body, headers=world[actor])
            assert response.status_code < 500, (method, url, body)
            assert response.is_json

    run()


def test_forms(app, world):
    accounts = world["accounts"]
    employer = app.test_client()
    employer.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    candidate = app.test_client()
    candidate.post("/login", data={"email": accounts.candidate.email, "password": factories.PASSWORD})
    anonymous = app.test_client()
    forms = [
        (anonymous, "/register", ["name", "email", "password", "confirm", "accept_terms",
                                     "lived_experience_consent"]),
        (anonymous, "/login", ["email", "password"]),
        (employer, "/employer/positions/new", POSITION_FIELDS),
        (employer, f"/employer/applications/{world['application']}", ["status", "reason", "note", "version"]),
        (candidate, "/me/profile", ["name", "phone", "departments_sought", "availability", "presentation",
                                    "lived_experience", "lived_experience_consent", "share_phone"]),
        (candidate, "/me/credentials", ["type", "title", "institution", "institution_other", "start_year",
                                        "end_year", "status", "hours", "reference"]),
    ]

    @SETTINGS
    @given(data=st.data())
    def run(data):
        for client, url, names in forms:
            values = data.draw(fields_of(names))
            assert client.post(url, data=values).status_code < 500, (url, values)

    run()

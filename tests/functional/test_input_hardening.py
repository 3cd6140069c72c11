"""Bad input never gives a 500 and never half-commits, and all user text is normalised once (issue 15,
points 6, 7 and 11's upload check is in test_candidate_data.py)."""

from __future__ import annotations

import io
import json
from datetime import date

import sqlalchemy as sa
from lxml import etree
from openpyxl import load_workbook

from pairjobs.extensions import db
from pairjobs.models import Contract, OutboxMessage, Position
from tests import factories
from tests.functional.test_contract_rule_data import record
from tests.helpers import EN

ODD_DATES = ("9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01")


def test_dates_outside_1900_2100_are_refused_on_the_pages_and_in_the_api(client, api, auth, accounts):
    contract = record(accounts.organization)
    employer = api.as_(accounts.employer)
    for day in ODD_DATES:
        answer = employer.patch(f"/api/v1/contracts/{contract.id}", json={"end_date": day})
        assert answer.status_code == 422, day
        assert answer.json["error"]["fields"]["end_date"] == ["Choisissez une date entre 1900 et 2100."]
        created = employer.post("/api/v1/positions", json=factories.position_input(start_date=day))
        assert created.status_code == 422 and "start_date" in created.json["error"]["fields"], day
    db.session.refresh(contract)
    assert contract.end_date == date(2026, 12, 31)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Position)) == 0
    auth.login(accounts.employer.email)
    form = {"form": "terms", "contract_type": "cdd_public", "legal_basis": "vacancy", "category": "B",
            "start_date": "2026-01-01", "end_date": "9999-12-31", "fte_percent": "100", "weekly_hours": "35",
            "funding_kind": "permanent", "supervision_frequency": "monthly", "supervision_kind": "external",
            "supervision_paid_time": "y", "peer_team_size": "1", "version": str(contract.version)}
    page = client.post(f"/employer/contracts/{contract.id}", data=form)
    assert page.status_code < 500 and "Choisissez une date entre 1900 et 2100." in page.text
    db.session.refresh(contract)
    assert contract.end_date == date(2026, 12, 31)
    auth.logout()
    auth.login(accounts.monitor.email)
    assert client.get("/reports/").status_code == 200  # the region's dashboard still answers


def test_json_that_cannot_be_stored_or_read_is_a_400(api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    employer = api.as_(accounts.employer)
    url = f"/api/v1/positions/{position.id}"
    nested: object = "x"
    for _ in range(40):
        nested = {"a": nested}
    bodies = [
        ('{"title": "abc\\ud800def"}', "application/json"),  # a lone surrogate
        ('{"title": "abc\\udc00"}', "application/merge-patch+json"),
        ("[" * 2000 + "]" * 2000, "application/json"),  # far too deep for the parser
        (json.dumps({"title": nested}), "application/json"),  # deeper than 32
        ('{"fte_percent": ' + "9" * 5000 + "}", "application/json"),  # a number over the digit limit
        ('{"title": "Pair\\u0000aidant"}', "application/merge-patch+json"),
        ('{"title": "Pair\\u0000aidant"}', "application/vnd.api+json"),
        ('{"title": "Pair\\u0000aidant"}', "text/json"),
    ]
    for body, media_type in bodies:
        answer = employer.patch(url, data=body, headers={"Content-Type": media_type})
        assert answer.status_code == 400, (body[:40], media_type, answer.status_code)
    db.session.refresh(position)
    assert position.title == factories.position_input()["title"]


def test_thousands_of_unknown_names_get_one_message(api, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    answer = api.as_(accounts.employer).patch(f"/api/v1/positions/{position.id}",
                                              json={f"name{n}": 1 for n in range(5000)})
    assert answer.status_code == 422 and len(answer.data) < 2000
    assert answer.json["error"]["fields"] == {
        "_schema": ["Le corps de la requête contient 5000 noms que cette ressource n’a pas."]}


def test_huge_integers_in_query_strings_are_never_a_500(client, api, auth, accounts):
    huge = "9" * 5000
    monitor = api.as_(accounts.monitor)
    for url in (f"/api/v1/positions?per_page={huge}", f"/api/v1/positions?min_fte={huge}",
                f"/api/v1/positions?page={huge}"):
        assert api.get(url).status_code in (200, 404, 422), url
    assert monitor.get(f"/api/v1/reports/summary?revision={huge}").status_code in (404, 422)
    employer = api.as_(accounts.employer)
    assert employer.get(f"/api/v1/applications?page={huge}").status_code in (200, 404, 422)
    assert employer.get(f"/api/v1/contracts?page={huge}").status_code in (200, 404, 422)
    auth.login(accounts.employer.email)
    for url in (f"/employer/applications?position_id={huge}", f"/employer/applications?page={huge}",
                "/employer/applications?position_id=99999999999999999999"):
        assert client.get(url).status_code == 200, url


def test_control_characters_never_reach_the_feed_the_exports_or_a_mail_subject(client, api, auth, accounts):
    title = "Pair\x07aidant\x85 en\u2028CMP\ufffe\x1b"
    body = factories.position_input(title=title, description="Ligne 1\r\nLigne\x002\u2029Ligne 3\x0b",
                                    supervision_frequency="none", supervision_kind=None)
    employer = api.as_(accounts.employer)
    body["description"] = body["description"].replace("\x00", "")  # a NUL is refused (400), not cleaned
    created = employer.post("/api/v1/positions", json=body)
    assert created.status_code == 201, created.json
    assert created.json["title"] == "Pairaidant en CMP"
    assert created.json["description"] == "Ligne 1\nLigne2\nLigne 3"
    position_id = created.json["id"]
    assert employer.post(f"/api/v1/positions/{position_id}/publish", json={}).status_code == 200
    etree.fromstring(client.get("/jobs/feed.atom").data)  # well-formed XML
    factories.application(accounts.candidate, db.session.get(Position, position_id))
    subjects = [m.subject for m in db.session.scalars(sa.select(OutboxMessage))]
    assert subjects and all(not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029"
                                    for c in s) for s in subjects)
    auth.login(accounts.monitor.email)
    export = client.get("/reports/export/flagged_positions.xlsx")
    assert export.status_code == 200
    load_workbook(io.BytesIO(export.data))
    name = api.as_(accounts.candidate).patch("/api/v1/me", json={"name": "Camille\tMartin\x9b"})
    assert name.status_code in (200, 404, 405, 422)


def test_a_survey_cell_over_the_csv_limit_is_a_line_error(client, auth, accounts, app):
    from pairjobs.domain.survey_values import COLUMNS

    auth.login(accounts.monitor.email)
    row = ["x" * 200_000 if c == "person_ref" else "" for c in COLUMNS]
    text = ";".join(COLUMNS) + "\n" + ";".join(row) + "\n"
    answer = client.post("/reports/import", data={"file": (io.BytesIO(text.encode()), "enquete.csv"),
                                                  "reference_date": "2025-12-31"},
                         content_type="multipart/form-data", headers=EN)
    assert answer.status_code < 500 and "Line 2" in answer.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contract)) == 0

"""Regional monitoring: a small dataset whose indicators are computed by hand, compared with the
dashboard, the API and the exports, at the as_of boundaries and for each filter."""

import base64
import csv
import io
import statistics
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from pairjobs.extensions import db
from pairjobs.models import Application, Contract, Verification
from tests import factories

AS_OF = date(2026, 6, 30)


def contract(org, key, kind, start, end, fte=100, hours=35.0, supervision="monthly", paid=True, team=1, **extra):
    if end is not None and end < AS_OF and "state" not in extra:
        # Recorded as ended on its last day (a fixed term still active after its end would count, flagged).
        extra |= {"state": "ended", "end_reason": "term_reached", "renewal_decision": "not_renew"}
    if extra.get("state", "active") != "active":
        extra.setdefault("closed_at", at(end))
    c = Contract(organization_id=org.id, person_key=key, contract_type=kind, sector=org.sector,
                 legal_basis="vacancy" if kind == "cdd_public" else None, start_date=start, end_date=end,
                 fte_percent=fte, weekly_hours=hours, monthly_gross=2000, funding_kind="permanent",
                 supervision_frequency=supervision, supervision_kind=None if supervision == "none" else "external",
                 supervision_paid_time=paid and supervision != "none", peer_team_size=team, **extra)
    db.session.add(c)
    db.session.flush()
    return c


def at(day):
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


@pytest.fixture
def dataset(accounts):
    a = accounts.organization  # public EPSM, Rhône
    b = factories.organization(name="Association Iséroise", kind="association", sector="private_nonprofit",
                               department="38", commune="38185")
    c = factories.organization(name="CHU Clermont (test)", kind="chu", department="63", commune="63113")
    contract(a, "a1", "cdd_public", date(2026, 1, 1), date(2026, 12, 31))
    contract(a, "a2", "cdi_public", date(2020, 1, 1), None, fte=80, supervision="none", team=0)
    contract(a, "a3", "cdd_public", date(2025, 1, 1), date(2025, 12, 31))  # ended before as_of
    contract(b, "b1", "cdd", AS_OF, date(2026, 12, 31), fte=50, hours=17.5, supervision="quarterly", team=2)
    contract(b, "b2", "cdi", AS_OF + timedelta(days=1), None)  # starts the day after
    # Ends on as_of; its end is recorded the next day.
    contract(b, "b3", "cdd", date(2026, 1, 1), AS_OF, fte=60, hours=21.0, supervision="weekly", paid=False, team=0,
             state="ended", end_reason="term_reached", renewal_decision="not_renew",
             decided_at=at(AS_OF + timedelta(days=1)), closed_at=at(AS_OF + timedelta(days=1)))
    contract(c, "c1", "cdi_public", date(2024, 1, 1), None, team=3)
    d1 = contract(a, "d", "cdd_public", date(2025, 1, 1), date(2025, 9, 30), state="converted")
    contract(a, "d", "cdi_public", date(2025, 10, 1), None, previous_id=d1.id)
    db.session.commit()

    def position(org, published, status="published", outcome=None, closed=None, deadline=None, **kw):
        p = factories.position(org, None, publish=False, contract_type="cdd" if org is b else "cdi_public",
                               duration_months=6 if org is b else None, **kw)
        p.status, p.published_at, p.outcome = status, at(published), outcome
        p.closed_at = at(closed) if closed else None
        p.deadline = deadline
        db.session.commit()
        return p

    p1 = position(a, date(2026, 3, 1), "closed", "filled", date(2026, 4, 10))
    position(b, date(2026, 5, 1), deadline=date(2026, 6, 15))
    p3 = position(c, date(2026, 6, 1), deadline=date(2026, 7, 31))
    p4 = position(a, date(2025, 1, 1))  # before the window
    position(a, date(2026, 2, 1), "closed", "cancelled", date(2026, 2, 20))
    verified = factories.credential(accounts.candidate)
    verified.verification = Verification.VERIFIED
    db.session.commit()
    for p, candidate, status, creds in [
        (p1, accounts.candidate, "hired", [verified]), (p1, accounts.other_candidate, "rejected", []),
        (p3, accounts.other_candidate, "hired", []), (p4, accounts.candidate, "submitted", []),
    ]:
        db.session.add(Application(position_id=p.id, candidate_id=candidate.id, status=status,
                                   rejection_reason="other" if status == "rejected" else None,
                                   credentials=creds, created_at=at(date(2026, 5, 1))))
    db.session.commit()
    return {"a": a, "b": b, "c": c}


def days(a, b):
    return (b - a).days


EXPECTED = {
    "active_contracts": 6,  # a1, a2, b1 (starts on as_of), b3 (ends on as_of), c1, d's CDI
    "precarious_share": 3 / 6,
    "supervised_monthly_share": 4 / 6,  # a1, b3 (weekly), c1, d
    "supervised_paid_share": 4 / 6,  # a1, b1, c1, d
    "median_fte": 90.0,  # 50 60 80 | 100 100 100
    "lone_peer_share": 2 / 6,
    "conversions_to_cdi": 1,
    "median_days_to_cdi": float(days(date(2025, 1, 1), date(2025, 10, 1))),
    "median_tenure_days": float(statistics.median([
        days(date(2026, 1, 1), AS_OF), days(date(2020, 1, 1), AS_OF), 0, days(date(2026, 1, 1), AS_OF),
        days(date(2024, 1, 1), AS_OF), days(date(2025, 1, 1), AS_OF)])),
    "positions_published": 4,  # p1 p2 p3 p5
    "positions_filled": 1,
    "positions_unfilled": 2,  # p2 past its deadline, p5 cancelled
    "median_days_to_fill": 40.0,
    "applications_per_position": 0.75,  # three applications to the window's four positions
    "hires_verified_credential_share": 0.5,
    "flagged_contracts": 4,  # a1, a2, b1, b3
}
EXPECTED_FLAGS = {"precarious_form": 3, "lone_peer_worker": 2, "no_supervision": 1, "infrequent_supervision": 1,
                  "supervision_outside_paid_time": 1, "short_fixed_term": 2, "part_time_below_legal_minimum": 2,
                  "end_near_no_decision": 1}


def bearer(client, user):
    auth = base64.b64encode(f"{user.email}:{factories.PASSWORD}".encode()).decode()
    return {"Authorization": "Bearer " + client.post("/api/v1/tokens",
                                                     headers={"Authorization": f"Basic {auth}"}).json["token"]}


def test_api_summary_matches_the_hand_computed_figures(client, accounts, dataset):
    body = client.get(f"/api/v1/reports/summary?as_of={AS_OF}", headers=bearer(client, accounts.monitor)).json
    for key, value in EXPECTED.items():
        assert body[key] == pytest.approx(value), key
    assert {k: body["flags"].get(k, 0) for k in EXPECTED_FLAGS} == EXPECTED_FLAGS
    assert body["flags"].get("low_fte", 0) == 0  # 50 % is not under 50 %


def test_as_of_boundaries(client, accounts, dataset):
    headers = bearer(client, accounts.monitor)
    next_day = client.get(f"/api/v1/reports/summary?as_of={AS_OF + timedelta(days=1)}", headers=headers).json
    assert next_day["active_contracts"] == 6  # b3 ended, b2 started
    before = client.get("/api/v1/reports/summary?as_of=2019-12-31", headers=headers).json
    assert before["active_contracts"] == 0
    assert before["precarious_share"] is None and before["median_fte"] is None


@pytest.mark.parametrize("params, active, precarious_share", [
    ({"department": "69"}, 3, 1 / 3), ({"department": "38"}, 2, 1.0), ({"department": "63"}, 1, 0.0),
    ({"sector": "private_nonprofit"}, 2, 1.0), ({"sector": "public"}, 4, 0.25),
    ({"org_kind": "chu"}, 1, 0.0), ({"org_kind": "association", "department": "69"}, 0, None),
])
def test_each_filter(client, accounts, dataset, params, active, precarious_share):
    body = client.get("/api/v1/reports/summary", query_string={"as_of": AS_OF, **params},
                      headers=bearer(client, accounts.monitor)).json
    assert body["active_contracts"] == active
    assert body["precarious_share"] == pytest.approx(precarious_share) if precarious_share is not None \
        else body["precarious_share"] is None


def test_department_filter_applies_to_positions(client, accounts, dataset):
    body = client.get(f"/api/v1/reports/summary?as_of={AS_OF}&department=38",
                      headers=bearer(client, accounts.monitor)).json
    assert (body["positions_published"], body["positions_unfilled"], body["applications_per_position"]) == (1, 1, 0)


def test_api_access_and_bad_parameters(client, accounts, dataset):
    url = f"/api/v1/reports/summary?as_of={AS_OF}"
    assert client.get(url, headers=bearer(client, accounts.admin)).status_code == 200
    for actor in ("candidate", "employer"):
        assert client.get(url, headers=bearer(client, getattr(accounts, actor))).status_code == 403
    assert client.get(url).status_code == 401
    bad = client.get("/api/v1/reports/summary?as_of=30/06/2026&sector=x", headers=bearer(client, accounts.monitor))
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"as_of", "sector"}


def test_dashboard_and_exports_show_the_same_figures(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    page = client.get(f"/reports/?as_of={AS_OF}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "50 %" in page.text and "66.7 %" in page.text  # precarious share, monthly supervision
    assert "Reference: 43 %" in page.text and "CREAI" in page.text
    rows = list(csv.DictReader(io.StringIO(client.get(f"/reports/export/departments.csv?as_of={AS_OF}").text)))
    by_code = {r["department"]: r for r in rows}
    assert len(rows) == 12
    assert (by_code["69"]["active_contracts"], by_code["38"]["active_contracts"]) == ("3", "2")
    assert float(by_code["38"]["precarious_share"]) == 1.0
    summary = list(csv.DictReader(io.StringIO(client.get(f"/reports/export/summary.csv?as_of={AS_OF}").text)))
    values = {r["indicator"]: r["value"] for r in summary}
    assert values["active_contracts"] == "6" and values["flag:lone_peer_worker"] == "2"
    workbook = load_workbook(io.BytesIO(client.get(f"/reports/export/organizations.xlsx?as_of={AS_OF}").data))
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert sheet[0][:2] == ("organization_id", "organization")
    ranked = [row[1] for row in sheet[1:]]
    assert ranked[0] == "Association Iséroise"  # 2 of 2 contracts flagged
    assert ranked[-1] == "CHU Clermont (test)"  # none flagged


def test_open_data_suppresses_cells_counting_fewer_than_three_people(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    rows = {r["department"]: r for r in csv.DictReader(io.StringIO(
        client.get(f"/reports/opendata/departments.csv?as_of={AS_OF}").text))}
    assert rows["69"]["active_contracts"] == "3"
    assert rows["69"]["precarious_contracts"] == "s" and rows["69"]["precarious_share"] == "s"
    assert rows["38"]["active_contracts"] == "s" and rows["38"]["supervised_monthly_share"] == "s"
    assert rows["01"]["active_contracts"] == "s"  # zero counts fewer than three too
    assert rows["69"]["open_positions"] != "s"  # positions are not people


def test_flag_lists_never_show_identities(client, auth, accounts, dataset):
    hired = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, hired)
    from pairjobs.domain import applications as pipeline
    from pairjobs.timeutil import today

    for status in ("interview", "offer", "hired"):
        pipeline.change_status(application, accounts.employer, status, None, None, None, today())
    db.session.commit()
    auth.login(accounts.monitor.email)
    for url in ("/reports/flags?kind=contracts", f"/reports/flags?kind=contracts&as_of={AS_OF}",
                "/reports/flags?kind=positions", "/reports/", f"/reports/organizations/{accounts.organization.id}",
                "/reports/export/flagged_contracts.csv"):
        text = client.get(url).text
        assert accounts.candidate.name not in text and accounts.candidate.email not in text, url
    listing = client.get(f"/reports/flags?kind=contracts&code=lone_peer_worker&as_of={AS_OF}").text
    assert listing.count("P-") >= 2 and "CH Le Vinatier (test)" in listing


def test_charts_are_svg_without_scripts(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    for name in ("departments", "years"):
        response = client.get(f"/reports/charts/{name}.svg?as_of={AS_OF}")
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.text.startswith("<svg") and "<script" not in response.text
    assert client.get("/reports/charts/nothing.svg").status_code == 404


def test_year_trend(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    rows = {int(r["year"]): r for r in csv.DictReader(io.StringIO(
        client.get(f"/reports/export/years.csv?as_of={AS_OF}").text))}
    assert sorted(rows) == [2022, 2023, 2024, 2025, 2026]
    assert rows[2022]["active_contracts"] == "1"  # a2 only
    assert rows[2025]["active_contracts"] == "4"  # a2, a3, c1, d's CDI (on 31 December)
    assert rows[2026]["active_contracts"] == "6"


def test_figures_are_formatted_for_french_readers(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    page = client.get(f"/reports/?as_of={AS_OF}")
    assert "66,7 %" in page.text and "66.7 %" not in page.text

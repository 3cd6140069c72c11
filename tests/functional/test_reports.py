"""Regional monitoring: a small dataset whose indicators are computed by hand, compared with the
snapshot of its date through the API, the dashboard and the exports, for each filter."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from pairjobs.domain.monitoring import snapshots
from pairjobs.extensions import db
from pairjobs.models import Application, Contract, Organization, Verification
from tests import factories

AS_OF = date(2026, 6, 30)


def contract(org, key, kind, start, end, fte=100, hours=35.0, supervision="monthly", paid=True, team=1,
             kind_of_supervision="external", **extra):
    if end is not None and end < AS_OF and "state" not in extra:
        # Recorded as ended on its last day (a fixed term still active after its end would count, flagged).
        extra |= {"state": "ended", "end_reason": "term_reached", "renewal_decision": "not_renew"}
    if extra.get("state", "active") != "active":
        extra.setdefault("closed_at", at(end))
    return factories.ContractFactory(
        organization=org, person_key=key, contract_type=kind, start_date=start, end_date=end, fte_percent=fte,
        weekly_hours=hours, monthly_gross=2000, supervision_frequency=supervision,
        supervision_kind=None if supervision == "none" else kind_of_supervision,
        supervision_paid_time=paid and supervision != "none", peer_team_size=team, **extra)


def at(day):
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def record(day=AS_OF, **kw):
    snapshot = snapshots.record(day, **kw)
    db.session.commit()
    return snapshot


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
    contract(b, "b3", "cdd", date(2026, 1, 1), AS_OF, fte=60, hours=21.0, supervision="weekly",
             paid=False, team=0,
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
    p4 = position(a, date(2025, 1, 1))  # before the window, still open
    position(a, date(2026, 2, 1), "closed", "cancelled", date(2026, 2, 20))
    position(a, AS_OF + timedelta(days=1))  # published the day after: not open on as_of
    position(c, date(2026, 4, 1), "closed", "filled", date(2026, 7, 15))  # closed after as_of: open then
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
    record()
    return {"a": a, "b": b, "c": c}


EXPECTED = {
    "active_contracts": 6,  # a1, a2, b1 (starts on as_of), b3 (ends on as_of), c1, d's CDI
    "active_people": 6,
    "active_fte": 4.9,
    "precarious_people": 3,
    "precarious_people_share": 3 / 6,
    "cdd_people_share": 3 / 6,
    "precarious_share": 3 / 6,
    "supervised_monthly_people_share": 4 / 6,  # a1, b3 (weekly), c1, d
    "supervised_professional_people_share": 4 / 6,
    "supervised_monthly_share": 4 / 6,
    "supervised_paid_share": 4 / 6,  # a1, b1, c1, d
    "median_fte": 90.0,  # 50 60 80 | 100 100 100
    "lone_peer_share": 2 / 6,
    "median_tenure_months": 11.0,  # 0 5 5 | 17 29 77
    "entries_12m": 3,  # a1, b1 (on as_of), b3; d converted within its employment, a3 started before
    "exits_12m": 1,  # a3 (b3 ends on as_of: still employed that day)
    "exits_by_reason": {"term_reached": 1},
    "conversions_to_cdi_12m": 1,
    "median_months_to_cdi": 9.0,
    "retention_cohort_people": 2,  # a3 and d entered on 2025-01-01
    "retention_12m_share": 0.5,  # d stayed
    "open_positions": 3,  # p3, p4, p7 (closed after as_of); p2 expired, p6 published after
    "positions_published": 5,  # p1 p2 p3 p5 p7
    "positions_filled": 1,
    "positions_unfilled": 2,  # p2 past its deadline, p5 cancelled
    "median_days_to_fill": 40.0,
    "applications_per_position": 0.6,  # three applications to the window's five positions
    "recruited_applications": 2,
    "recruited_verified_credential_share": 0.5,
    "flagged_contracts": 4,  # a1, a2, b1, b3
}
EXPECTED_FLAGS = {"precarious_form": 3, "lone_peer_worker": 2, "no_supervision": 1,
                  "infrequent_supervision": 1,
                  "supervision_outside_paid_time": 1, "short_fixed_term": 2,
                  "part_time_below_legal_minimum": 2,
                  "end_near_no_decision": 1}


def summary(api, accounts, **params):
    monitor = api.as_(accounts.monitor)
    response = monitor.get("/api/v1/reports/summary", query_string={"as_of": AS_OF, **params})
    assert response.status_code == 200, response.json
    return response.json


def test_api_summary_matches_the_hand_computed_figures(client, api, accounts, dataset):
    body = summary(api, accounts)
    for key, value in EXPECTED.items():
        assert body[key] == pytest.approx(value, abs=1e-4), key
    assert {k: body["flags"].get(k, 0) for k in EXPECTED_FLAGS} == EXPECTED_FLAGS
    assert body["flags"].get("low_fte", 0) == 0  # 50 % is not under 50 %
    assert sum(body["flagged_contracts_by_severity"].values()) == body["flagged_contracts"]
    assert set(body["flagged_contracts_by_severity"]) == {"critical", "warning", "info"}
    # A private fixed term's end-of-contract warning is a practice (a public one follows the notice scale).
    assert body["flags_legal"] == {"part_time_below_legal_minimum": 2}
    assert body["flags_practice"]["end_near_no_decision"] == 1
    assert body["legal_flagged_contracts"] == 2 and body["practice_flagged_contracts"] == 4
    assert body["snapshot"]["date"] == AS_OF.isoformat() and body["snapshot"]["revision"] == 1
    assert body["snapshot"]["reason"] is None and body["snapshot"]["taken_at"]


def test_today_is_live_and_other_dates_are_refused_with_the_accepted_ones(client, api, accounts, dataset):
    from pairjobs.infra.clock import today

    headers = api.bearer(accounts.monitor)
    live = client.get("/api/v1/reports/summary", headers=headers).json
    assert live["snapshot"] is None and live["as_of"] == today().isoformat()
    for day in (AS_OF + timedelta(days=1), AS_OF - timedelta(days=1), date(2019, 12, 31)):
        refused = client.get(f"/api/v1/reports/summary?as_of={day}", headers=headers)
        assert refused.status_code == 422
        assert refused.json["error"]["accepted_dates"] == sorted([AS_OF.isoformat(), today().isoformat()])
        assert "as_of" in refused.json["error"]["fields"]


def test_a_snapshot_does_not_change_when_an_old_contract_is_edited_and_its_revision_does(
        client, api, accounts, dataset):
    before = summary(api, accounts)
    a2 = db.session.scalar(db.select(Contract).where(Contract.person_key == "a2"))
    a2.supervision_frequency, a2.supervision_kind, a2.supervision_paid_time = "monthly", "external", True
    a2.fte_percent = 50
    db.session.commit()
    after = summary(api, accounts)
    assert ({k: v for k, v in after.items() if k != "snapshot"}
            == {k: v for k, v in before.items() if k != "snapshot"})
    revised = record(revise=True, reason="Supervision de a2 corrigée par l'employeur")
    assert revised.revision == 2
    now = summary(api, accounts)
    assert now["snapshot"]["revision"] == 2 and now["snapshot"]["reason"].startswith("Supervision")
    assert now["supervised_monthly_people_share"] == pytest.approx(5 / 6, abs=1e-4)
    assert now["active_fte"] == pytest.approx(4.6)
    first = summary(api, accounts, revision=1)
    assert first["snapshot"]["revision"] == 1
    assert first["supervised_monthly_people_share"] == pytest.approx(4 / 6, abs=1e-4)
    missing = api.as_(accounts.monitor).get(f"/api/v1/reports/summary?as_of={AS_OF}&revision=3")
    assert missing.status_code == 422


def test_recording_again_needs_a_revision_with_its_reason(app, dataset):
    from pairjobs.domain.errors import DomainError

    with pytest.raises(DomainError):
        snapshots.record(AS_OF)
    with pytest.raises(DomainError) as refused:
        snapshots.record(AS_OF, revise=True, reason="  ")
    assert "reason" in refused.value.fields
    db.session.rollback()
    from pairjobs.infra.clock import today

    with pytest.raises(DomainError) as future:
        snapshots.record(today())
    assert "date" in future.value.fields
    db.session.rollback()
    assert [s.revision for s in snapshots.every_revision()] == [1]


@pytest.mark.parametrize("params, people, precarious_share", [
    ({"department": "69"}, 3, 1 / 3), ({"department": "38"}, 2, 1.0), ({"department": "63"}, 1, 0.0),
    ({"sector": "private_nonprofit"}, 2, 1.0), ({"sector": "public"}, 4, 0.25),
    ({"org_kind": "chu"}, 1, 0.0), ({"org_kind": "association", "department": "69"}, 0, None),
])
def test_each_filter(client, api, accounts, dataset, params, people, precarious_share):
    body = summary(api, accounts, **params)
    assert body["active_people"] == people
    if precarious_share is None:
        assert body["precarious_people_share"] is None
    else:
        assert body["precarious_people_share"] == pytest.approx(precarious_share, abs=1e-4)


def test_department_filter_applies_to_positions(client, api, accounts, dataset):
    body = summary(api, accounts, department="38")
    assert (body["positions_published"], body["positions_unfilled"],
            body["applications_per_position"]) == (1, 1, 0)
    assert body["open_positions"] == 0


def test_api_access_and_bad_parameters(client, api, accounts, dataset):
    url = f"/api/v1/reports/summary?as_of={AS_OF}"
    assert api.as_(accounts.admin).get(url).status_code == 200
    for actor in ("candidate", "employer"):
        assert api.as_(getattr(accounts, actor)).get(url).status_code == 403
    assert client.get(url).status_code == 401
    bad = api.as_(accounts.monitor).get("/api/v1/reports/summary?as_of=30/06/2026&sector=x&revision=zero")
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"as_of", "sector", "revision"}


def test_references_are_shown_only_beside_the_same_measure_on_the_same_scope(client, api, auth, accounts,
                                                                             dataset):
    region = summary(api, accounts)
    assert [r["indicator"] for r in region["references"]] == ["supervised_professional_people_share"]
    public = summary(api, accounts, sector="public")
    assert [r["indicator"] for r in public["references"]] == ["cdd_people_share"]
    assert public["references"][0]["value"] == 0.43 and public["references"][0]["computed"] == 0.25
    assert summary(api, accounts, sector="public", department="69")["references"] == []
    auth.login(accounts.monitor.email)
    assert "CREAI" in client.get(f"/reports/?as_of={AS_OF}&sector=public").text
    page = client.get(f"/reports/?as_of={AS_OF}&sector=public&department=69").text
    assert "Référence : 43" not in page and "Référence : 24" not in page
    assert "Référence : 24" in client.get(f"/reports/?as_of={AS_OF}").text


def test_dashboard_and_exports_show_the_same_figures(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    page = client.get(f"/reports/?as_of={AS_OF}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "50 %" in page.text and "66.7 %" in page.text  # precarious people, monthly supervision
    assert "revision 1" in page.text
    exported = client.get(f"/reports/export/departments.csv?as_of={AS_OF}")
    assert exported.data.startswith("\ufeff".encode()) and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
    by_code = {r["Département"]: r for r in rows}
    assert len(rows) == 12
    assert (by_code["69"]["Personnes"], by_code["38"]["Personnes"]) == ("3", "2")
    assert by_code["38"]["Part des personnes en emploi précaire"] == "100,0 %"
    workbook = load_workbook(io.BytesIO(client.get(f"/reports/export/organizations.xlsx?as_of={AS_OF}").data))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Rang", "Établissement ou structure", "FINESS"]
    share = header.index("Part signalée") + 1
    assert all(sheet.cell(row=r, column=share).number_format == "0.0%" for r in range(2, sheet.max_row + 1)
               if isinstance(sheet.cell(row=r, column=share).value, float | int))
    assert sheet.title == "Structures"
    years = load_workbook(io.BytesIO(client.get(f"/reports/export/years.xlsx?as_of={AS_OF}").data)).active
    assert years.title == "Évolution par année"
    dates = [c for c in next(years.iter_cols(min_col=2, max_col=2, min_row=2)) if c.value is not None]
    assert dates and all(isinstance(c.value, datetime) and c.number_format == "DD/MM/YYYY" for c in dates)
    years_csv = client.get(f"/reports/export/years.csv?as_of={AS_OF}").data.decode("utf-8-sig")
    assert ";31/12/2025;" in years_csv and "2025-12-31" not in years_csv


def test_organizations_are_ranked_only_from_the_minimum_number_of_contracts(client, auth, app, accounts,
                                                                            dataset, monkeypatch):
    auth.login(accounts.monitor.email)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/reports/export/organizations.csv?as_of={AS_OF}")
                                           .data.decode("utf-8-sig")), delimiter=";"))
    # 1 to 3 contracts each: no rank, and the file says why, as the page does.
    assert all(r["Rang"] == "" and r["Part signalée"] == "Trop peu de contrats pour un classement"
               for r in rows)
    monkeypatch.setitem(app.config, "RANKING_MIN_CONTRACTS", 2)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/reports/export/organizations.csv?as_of={AS_OF}")
                                           .data.decode("utf-8-sig")), delimiter=";"))
    assert [(r["Rang"], r["Établissement ou structure"]) for r in rows[:2]] == [
        ("1", "Association Iséroise"), ("2", accounts.organization.name)]
    assert rows[2]["Rang"] == ""  # the CHU, one contract
    assert "Trop peu de contrats" in client.get(f"/reports/?as_of={AS_OF}").text


def test_flag_lists_count_per_organization_and_show_no_contract_or_person(client, auth, accounts, dataset):
    hired = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, hired)
    from pairjobs.domain import applications as pipeline
    from pairjobs.infra.clock import today

    for status in ("interview", "offer", "hired"):
        pipeline.change_status(application, accounts.employer, status, None, None, None, today())
    db.session.commit()
    auth.login(accounts.monitor.email)
    for url in ("/reports/flags?kind=contracts", f"/reports/flags?kind=contracts&as_of={AS_OF}",
                "/reports/flags?kind=positions", "/reports/",
                f"/reports/organizations/{accounts.organization.finess}",
                f"/reports/export/organization_flags.csv?as_of={AS_OF}"):
        text = client.get(url).data.decode("utf-8-sig")
        assert accounts.candidate.name not in text and accounts.candidate.email not in text, url
        text = re.sub(r'value="[^"]*"', "", text)  # the form tokens are random
        assert not re.search(r"\bC-\d+\b|\bP-[0-9A-F]{10}\b|\ba[123]\b|\bb[123]\b|\bc1\b", text), url
    rows = list(csv.DictReader(io.StringIO(client.get(f"/reports/export/organization_flags.csv?as_of={AS_OF}")
                                           .data.decode("utf-8-sig")), delimiter=";"))
    assert all("Identifiant" not in r for r in rows)  # no id of pairjobs, the FINESS instead
    assert {r["FINESS"] for r in rows} >= {accounts.organization.finess}
    lone = {r["Établissement ou structure"]: r["Contrats"] for r in rows
            if r["Signalement"] == "Pair-aidant seul dans l'équipe"}
    assert lone == {accounts.organization.name: "1", "Association Iséroise": "1"}


def test_charts_are_svg_without_scripts(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    for name in ("departments", "years", "funnel"):
        response = client.get(f"/reports/charts/{name}.svg?as_of={AS_OF}")
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.text.startswith("<svg") and "<script" not in response.text
    assert client.get("/reports/charts/nothing.svg").status_code == 404


def test_year_trend_reads_the_snapshots_of_31_december(client, auth, accounts, dataset):
    record(date(2025, 12, 31))
    auth.login(accounts.monitor.email)
    rows = {int(r["Année"]): r for r in csv.DictReader(io.StringIO(
        client.get(f"/reports/export/years.csv?as_of={AS_OF}").data.decode("utf-8-sig")), delimiter=";")}
    assert sorted(rows) == [2022, 2023, 2024, 2025, 2026]
    assert rows[2024]["Personnes"] == ""  # not recorded
    assert rows[2025]["Personnes"] == "4"  # a2, a3, c1, d (on 31 December)
    assert rows[2026]["Personnes"] == "6"


def test_figures_are_formatted_for_french_readers(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    page = client.get(f"/reports/?as_of={AS_OF}")
    assert "66,7 %" in page.text and "66.7 %" not in page.text
    # Years are names, not quantities; dates are written out.
    years = page.text[page.text.index('id="by-year"'):]
    assert ">2025<" in re.sub(r"\s+", "", years) and "2\u202f025" not in years and "2 025" not in years
    assert "30 juin 2026" in years and "2026-06-30<" not in re.sub(r"\s+", "", years)


def test_an_unrecorded_date_on_the_pages_lists_the_dates_to_choose(client, auth, accounts, dataset):
    auth.login(accounts.monitor.email)
    for url in ("/reports/", "/reports/flags", "/reports/export/summary.csv", "/reports/charts/years.svg"):
        response = client.get(f"{url}?as_of=2026-06-29")
        assert response.status_code == 422, url
        assert "as_of=2026-06-30" in response.text, url
        # Not a date at all: the same refusal as the API's, never today's figures in its place.
        for odd in ("abc", "2026-02-30", "0001-01-01"):
            response = client.get(f"{url}?as_of={odd}")
            assert response.status_code == 422 and "as_of=2026-06-30" in response.text, (url, odd)
    assert "« abc » n’est pas une date" in client.get("/reports/?as_of=abc").text


def test_the_organizations_of_the_dashboard_are_paginated(client, auth, app, accounts, dataset, monkeypatch):
    monkeypatch.setitem(app.config, "REPORT_TABLE_ROWS", 2)
    auth.login(accounts.monitor.email)
    first = client.get(f"/reports/?as_of={AS_OF}").text
    second = client.get(f"/reports/?as_of={AS_OF}&page=2").text
    assert "Page 1 sur 2" in first and "Page 2 sur 2" in second
    assert "3 établissements ou structures." in first
    names = ("Association Iséroise", "CHU Clermont (test)")
    org_tables = [page.split('id="by-organization"')[1].split("</table>")[0] for page in (first, second)]
    assert [sum(name in t for name in (*names, accounts.organization.name)) for t in org_tables] == [2, 1]


def test_the_funnel_plots_every_organization_even_under_the_ranking_minimum(app, accounts, dataset):
    from pairjobs.domain.monitoring import Scope, report_for, tables

    report = report_for(Scope(AS_OF, None, None, None))
    organizations = tables.by_organization(report, 5)
    assert not any(r["ranked"] for r in organizations.rows)  # every organization is under 5 contracts
    plotted = tables.funnel(organizations)
    assert sorted(name for _, _, name in plotted["points"]) == sorted(
        r["organization"] for r in organizations.rows if r["contracts"])
    assert len(plotted["points"]) == 3 and plotted["limits"]


def test_a_page_of_stored_organizations_is_that_page_of_the_ranking(app, accounts, dataset):
    """A snapshot stores each scope's organizations with what their ranking sorts on: a page the database
    ranks is that page of the ranking made in Python from the snapshot's own facts, whatever the minimum."""
    from pairjobs.domain.monitoring import Report, Scope, report_for, tables
    from pairjobs.models import Sector

    factories.organization(name="Association Iséroise", kind="association", sector="private_nonprofit",
                           department="38", commune="38185")  # the same name: the id breaks the tie
    for org in db.session.scalars(db.select(Organization).where(Organization.name == "Association Iséroise")):
        contract(org, f"tie{org.id}", "cdd", date(2026, 1, 1), date(2026, 12, 31), supervision="none", team=0)
    db.session.commit()
    record(AS_OF, revise=True, reason="Ties")
    for scope in (Scope(AS_OF, None, None, None), Scope(AS_OF, "38", None, None),
                  Scope(AS_OF, None, Sector.PRIVATE_NONPROFIT, None)):
        recorded = report_for(scope)
        for minimum in (1, 2, 3, 5):
            whole = tables.by_organization(Report(scope, None, facts=recorded.facts), minimum).rows
            assert tables.by_organization(recorded, minimum).rows == whole, (scope, minimum)
            for per_page in (1, 2, 50):
                for page in range(1, len(whole) // per_page + 3):
                    stored, total = tables.organization_page(recorded, minimum, page, per_page)
                    assert total == len(whole)
                    shown = whole[(page - 1) * per_page:page * per_page]
                    assert stored.rows == shown, (scope, page, per_page)

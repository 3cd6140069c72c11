"""Today's figures computed ahead (`flask today-figures`, TODAY_FIGURES_AHEAD): the same figures and lists
as those computed at the request, with their time; kept until the records change and computed again; never
a recorded date, never read on another day."""

import re
from datetime import date, timedelta

import pytest
import time_machine

from pairjobs.domain.monitoring import snapshots
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Snapshot, SnapshotContract
from tests.functional.test_reports import contract, dataset  # noqa: F401  (a fixture)

SCOPES = ({}, {"department": "38"}, {"sector": "public"}, {"department": "69", "org_kind": "epsm"})
LISTS = ("/reports/flags?kind=contracts", "/reports/flags?kind=positions", "/reports/?department=38")


def summaries(api, accounts) -> list[dict]:
    monitor = api.as_(accounts.monitor)
    bodies = []
    for scope in SCOPES:
        response = monitor.get("/api/v1/reports/summary", query_string=scope)
        assert response.status_code == 200, response.json
        bodies.append(response.json)
    return bodies


def without_time(bodies: list[dict]) -> list[dict]:
    return [{k: v for k, v in body.items() if k != "computed_at"} for body in bodies]


def pages(client) -> list[str]:
    """The lists and a dashboard as a monitor reads them, without the sentence on where the figures come
    from, the date menu's name of today and the form tokens."""
    texts = []
    for url in LISTS:
        text = client.get(url).text
        text = re.sub(r'<p class="snapshot-note">.*?</p>', "", text, flags=re.S)
        text = re.sub(r"Aujourd’hui( \(chiffres en direct\))?</option>", "", text)
        texts.append(re.sub(r'value="[^"]*"', "", text))
    return texts


def live_ones() -> list[Snapshot]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Snapshot).where(Snapshot.live.is_(True))))


@pytest.fixture
def ahead(app, monkeypatch):
    monkeypatch.setitem(app.config, "TODAY_FIGURES_AHEAD", True)
    monkeypatch.setitem(app.config, "RESULT_CACHE", False)


def test_computed_ahead_they_are_the_figures_of_the_request_until_the_records_change(
        app, client, api, auth, runner, accounts, dataset, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "RESULT_CACHE", False)
    auth.login(accounts.monitor.email)
    client.get("/")  # the sign-in message shown
    live, live_pages = summaries(api, accounts), pages(client)
    assert "Aujourd’hui (chiffres en direct)</option>" in client.get("/reports/").text
    assert all(body["computed_at"] is None and body["snapshot"] is None for body in live)
    assert live[0]["active_people"] > 0 and live[0]["flagged_contracts"] > 0

    first = runner.invoke(args=["today-figures"])
    assert first.exit_code == 0 and "Today's figures computed at" in first.output, first.output
    monkeypatch.setitem(app.config, "TODAY_FIGURES_AHEAD", True)
    ahead = summaries(api, accounts)
    assert without_time(ahead) == without_time(live)
    assert all(body["computed_at"] == live_ones()[0].taken_at.isoformat(timespec="seconds") for body in ahead)
    assert pages(client) == live_pages
    dashboard = client.get("/reports/").text
    assert "Chiffres du jour calculés le" in dashboard and "Des dossiers ont changé" not in dashboard
    # The date menu does not call them live either.
    assert ">Aujourd’hui</option>" in dashboard
    assert "en direct" not in dashboard

    again = runner.invoke(args=["today-figures"])  # nothing changed: nothing computed
    assert again.exit_code == 0 and "up to date" in again.output, again.output
    [kept] = live_ones()

    contract(accounts.organization, "new", "cdd_public", today() - timedelta(days=10),
             today() + timedelta(days=30), supervision="none", team=0)
    db.session.commit()
    assert without_time(summaries(api, accounts)) == without_time(ahead)  # as computed, and said so
    assert "Des dossiers ont changé depuis" in client.get("/reports/").text

    third = runner.invoke(args=["today-figures"])
    assert third.exit_code == 0 and "computed at" in third.output, third.output
    [replacing] = live_ones()
    assert replacing.source_key != kept.source_key
    recorded = {s.id for s in snapshots.every_revision()}
    stored = set(db.session.scalars(db.select(SnapshotContract.snapshot_id).distinct()))
    assert stored - recorded == {replacing.id}  # the rows of the previous computation are gone
    now = summaries(api, accounts)
    assert now[0]["active_people"] == live[0]["active_people"] + 1
    monkeypatch.setitem(app.config, "TODAY_FIGURES_AHEAD", False)
    assert without_time(summaries(api, accounts)) == without_time(now)


def test_they_are_never_a_recorded_date(app, client, api, auth, runner, accounts, dataset, ahead):  # noqa: F811
    assert runner.invoke(args=["today-figures"]).exit_code == 0
    [computed] = live_ones()
    # The data set records 30 June 2026 (tests.functional.test_reports.dataset).
    assert snapshots.recorded_dates() == [date(2026, 6, 30)] and len(snapshots.every_revision()) == 1
    assert snapshots.latest(today()) is None and snapshots.last_recorded_day() == date(2026, 6, 30)
    refused = api.as_(accounts.monitor).get("/api/v1/reports/summary?as_of=2026-05-31")
    assert refused.status_code == 422
    assert refused.json["error"]["accepted_dates"] == ["2026-06-30", today().isoformat()]
    revision = api.as_(accounts.monitor).get(f"/api/v1/reports/summary?as_of={today()}&revision=0")
    assert revision.status_code == 422
    auth.login(accounts.monitor.email)
    listed = client.get("/reports/snapshots").text
    assert listed.count("/publish") == 1 and f"/reports/snapshots/{computed.id}/publish" not in listed
    assert client.post(f"/reports/snapshots/{computed.id}/publish").status_code == 404
    assert live_ones()[0].published_at is None
    assert client.get("/opendata/", headers={"Accept": "application/json"}).json["snapshots"] == []
    recorded = runner.invoke(args=["snapshot", "--date", "2026-05-31"])
    assert recorded.exit_code == 0 and recorded.output.strip().endswith("2026-05-31 revision 1")
    assert snapshots.recorded_dates() == [date(2026, 5, 31), date(2026, 6, 30)] and len(live_ones()) == 1


def test_yesterdays_computation_is_not_read_today(app, api, runner, accounts, dataset, ahead):  # noqa: F811
    with time_machine.travel("2026-09-01 23:50 +02:00", tick=False):
        assert runner.invoke(args=["today-figures"]).exit_code == 0
        assert api.as_(accounts.monitor).get("/api/v1/reports/summary").json["computed_at"] is not None
    with time_machine.travel("2026-09-02 00:10 +02:00", tick=False):
        body = api.as_(accounts.monitor).get("/api/v1/reports/summary").json
        assert body["as_of"] == "2026-09-02" and body["computed_at"] is None  # computed for the request
        result = runner.invoke(args=["today-figures"])  # the records are the same, the day is not
        assert "Today's figures computed at" in result.output, result.output
        [computed] = live_ones()
        assert computed.day == date(2026, 9, 2)
        assert api.as_(accounts.monitor).get("/api/v1/reports/summary").json["computed_at"] is not None

"""Recording snapshots: the daily command (month-ends due), one date, revisions with their reason,
publication, and the same from the monitors' pages."""

from datetime import UTC, date, datetime

import time_machine

from pairjobs.domain.monitoring import snapshots
from pairjobs.domain.monitoring.snapshots import month_ends_between
from pairjobs.extensions import db
from pairjobs.models import Snapshot
from tests.functional.test_reports import contract

PARIS_NOON = "2026-03-15 12:00 +01:00"


def revisions():
    db.session.expire_all()  # rows changed by requests, in their own sessions
    return [(s.day.isoformat(), s.revision, s.reason, s.published_at is not None)
            for s in db.session.scalars(db.select(Snapshot).order_by(Snapshot.day, Snapshot.revision))]


def test_month_ends_between():
    assert month_ends_between(date(2025, 12, 31), date(2026, 3, 30)) == [date(2026, 1, 31), date(2026, 2, 28)]
    assert month_ends_between(date(2026, 1, 15), date(2026, 1, 31)) == [date(2026, 1, 31)]
    assert month_ends_between(date(2024, 1, 31), date(2024, 2, 29)) == [date(2024, 2, 29)]
    assert month_ends_between(date(2026, 1, 31), date(2026, 1, 31)) == []


def test_the_daily_command_records_every_month_end_due_up_to_yesterday(runner, accounts):
    contract(accounts.organization, "a", "cdd_public", date(2025, 6, 1), date(2026, 12, 31))
    db.session.commit()
    with time_machine.travel(PARIS_NOON, tick=False):
        first = runner.invoke(args=["snapshot"])
        assert first.exit_code == 0, first.output
        assert first.output.strip().splitlines()[-1] == "2026-02-28 revision 1"
        assert revisions() == [("2026-02-28", 1, None, False)]
        again = runner.invoke(args=["snapshot"])
        assert again.exit_code == 0 and again.output.strip().splitlines()[-1] == "2026-02-28 revision 1"
        assert len(revisions()) == 1
    with time_machine.travel("2026-06-01 08:00 +02:00", tick=False):  # 31 May is yesterday
        later = runner.invoke(args=["snapshot"])
        assert later.exit_code == 0, later.output
        assert [line for line in later.output.splitlines() if "revision" in line] == [
            "2026-03-31 revision 1", "2026-04-30 revision 1", "2026-05-31 revision 1"]


def test_one_date_a_revision_and_publication(runner, accounts):
    contract(accounts.organization, "a", "cdd_public", date(2025, 6, 1), date(2026, 12, 31))
    db.session.commit()
    result = runner.invoke(args=["snapshot", "--date", "2025-12-31", "--publish"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "2025-12-31 revision 1"
    refused = runner.invoke(args=["snapshot", "--date", "2025-12-31"])
    assert refused.exit_code == 1 and "révision" in refused.output
    no_reason = runner.invoke(args=["snapshot", "--date", "2025-12-31", "--revise"])
    assert no_reason.exit_code == 1 and "motif" in no_reason.output
    revised = runner.invoke(args=["snapshot", "--date", "2025-12-31", "--revise", "--reason",
                                  "Survey corrected"])
    assert revised.exit_code == 0 and revised.output.strip().splitlines()[-1] == "2025-12-31 revision 2"
    assert revisions() == [("2025-12-31", 1, None, True), ("2025-12-31", 2, "Survey corrected", False)]
    never = runner.invoke(args=["snapshot", "--date", "2025-11-30", "--revise", "--reason", "x"])
    assert never.exit_code == 1 and "rien à réviser" in never.output
    for bad in (["--date", "31/12/2025"], ["--date", "2999-01-01"], ["--revise"]):
        result = runner.invoke(args=["snapshot", *bad])
        assert result.exit_code != 0, bad
    assert len(revisions()) == 2


def test_monitors_record_and_publish_from_the_pages(client, auth, accounts):
    contract(accounts.organization, "a", "cdd_public", date(2025, 6, 1), date(2026, 12, 31))
    db.session.commit()
    auth.login(accounts.monitor.email)
    page = client.get("/reports/snapshots")
    assert page.status_code == 200 and "Aucun instantané" in page.text
    response = client.post("/reports/snapshots", data={"day": "2026-01-31"})
    assert response.status_code == 302
    assert revisions() == [("2026-01-31", 1, None, False)]
    again = client.post("/reports/snapshots", data={"day": "2026-01-31"})
    assert again.status_code == 422 and "déjà enregistré" in again.text
    no_reason = client.post("/reports/snapshots", data={"day": "2026-01-31", "revise": "y"})
    assert no_reason.status_code == 422 and "motif" in no_reason.text
    bad = client.post("/reports/snapshots", data={"day": "31/01/2026"})
    assert bad.status_code == 422
    assert client.post("/reports/snapshots", data={"day": "2026-01-31", "revise": "y", "reason": "Correction",
                                                   "publish": "y"}).status_code == 302
    assert revisions() == [("2026-01-31", 1, None, False), ("2026-01-31", 2, "Correction", True)]
    first = snapshots.revision(date(2026, 1, 31), 1)
    published = client.post(f"/reports/snapshots/{first.id}/publish", follow_redirects=True)
    assert "est publié en données ouvertes" in published.text, published.text
    assert revisions()[0][3] is True
    listing = client.get("/reports/snapshots").text
    assert "Correction" in listing and "Publié le" in listing
    assert client.get("/reports/?as_of=2026-01-31&revision=1").status_code == 200
    assert "révision 1" in client.get("/reports/?as_of=2026-01-31&revision=1").text


def test_monitors_record_only_month_ends_and_odd_input_is_refused_not_500(client, auth, accounts):
    auth.login(accounts.monitor.email)
    for day in ("2026-01-15", "0001-06-30", "1999-12-31"):
        response = client.post("/reports/snapshots", data={"day": day})
        assert response.status_code == 422, day
    assert "dernier jour d’un mois" in client.post("/reports/snapshots", data={"day": "2026-01-15"}).text
    assert revisions() == []
    for query in ("revision=²", "revision=0", "revision=-1", "page=²", "page=99999999999999999999",
                  "as_of=0001-01-01",
                  "as_of=2026-02-30"):
        for url in ("/reports/", "/reports/flags"):
            assert client.get(f"{url}?{query}").status_code < 500, (url, query)


def test_the_command_still_records_any_past_day(runner, accounts):
    result = runner.invoke(args=["snapshot", "--date", "2026-01-15"])
    assert result.exit_code == 0 and result.output.strip().splitlines()[-1] == "2026-01-15 revision 1"


def test_an_end_recorded_late_leaves_the_revision_not_the_first_recording(runner, api, accounts):
    contract(accounts.organization, "a", "cdd_public", date(2025, 6, 1), date(2026, 12, 31))
    # Ended on 15 January in fact; the records still said "active" when 31 January was first recorded.
    late = contract(accounts.organization, "b", "cdd_public", date(2025, 1, 1), date(2026, 1, 15),
                    state="active")
    db.session.commit()
    assert runner.invoke(args=["snapshot", "--date", "2026-01-31"]).exit_code == 0
    late.state, late.end_reason, late.renewal_decision = "ended", "term_reached", "not_renew"
    late.closed_at = datetime.now(UTC)  # recorded today, long after its last day
    db.session.commit()
    revised = runner.invoke(args=["snapshot", "--date", "2026-01-31", "--revise", "--reason", "Fin saisie"])
    assert revised.exit_code == 0, revised.output
    monitor = api.as_(accounts.monitor)
    first = monitor.get("/api/v1/reports/summary?as_of=2026-01-31&revision=1").json
    second = monitor.get("/api/v1/reports/summary?as_of=2026-01-31").json
    assert (first["active_contracts"], first["active_people"]) == (2, 2)
    assert (second["active_contracts"], second["active_people"]) == (1, 1)
    assert second["exits_12m"] == first["exits_12m"] + 1


def test_only_month_ends_are_published_and_a_recorded_date_can_be_published_later(runner, client, auth,
                                                                                    accounts):
    contract(accounts.organization, "a", "cdd_public", date(2025, 6, 1), date(2026, 12, 31))
    db.session.commit()
    refused = runner.invoke(args=["snapshot", "--date", "2026-01-15", "--publish"])
    assert refused.exit_code == 1 and "dernier jour d’un mois" in refused.output
    assert revisions() == []
    assert runner.invoke(args=["snapshot", "--date", "2026-01-15"]).exit_code == 0
    auth.login(accounts.monitor.email)
    day_snapshot = db.session.scalar(db.select(Snapshot).where(Snapshot.day == date(2026, 1, 15)))
    page = client.post(f"/reports/snapshots/{day_snapshot.id}/publish", follow_redirects=True)
    assert "dernier jour d’un mois" in page.text
    assert revisions() == [("2026-01-15", 1, None, False)]
    assert client.get("/opendata/pairjobs-2026-01-15.csv").status_code == 404
    assert runner.invoke(args=["snapshot", "--date", "2026-01-31"]).exit_code == 0
    published = runner.invoke(args=["snapshot", "--date", "2026-01-31", "--publish"])
    assert published.exit_code == 0, published.output
    assert published.output.strip().splitlines()[-1] == "2026-01-31 revision 1"
    assert revisions()[-1] == ("2026-01-31", 1, None, True)

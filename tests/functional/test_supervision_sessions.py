"""Supervision sessions held: recorded by the employer (page, month's CSV file, API), read by the peer worker
concerned, who may say one was not held; the flag and the delivered frequency follow the sessions."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from pairjobs.domain import supervision as supervision_ops
from pairjobs.domain.precarity.supervision import months_before
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, SupervisionSession
from tests import factories
from tests.helpers import EN
from tests.sql import get_with_statements


def a_contract(accounts, start=None, **fields) -> Contract:
    contract = factories.ContractFactory(
        organization=accounts.organization, person_id=accounts.candidate.id,
        start_date=start or today() - timedelta(days=400), promised_supervision_frequency="monthly",
        promised_supervision_paid_time=True, **({"weekly_hours": 35} | fields))
    db.session.commit()
    return contract


def session_body(day: date, **fields) -> dict:
    return {"held_on": day.isoformat(), "kind": "external", "minutes": 90, "paid_time": True,
            "provider_kind": "independent"} | fields


def sessions_in_db(contract) -> list[SupervisionSession]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(SupervisionSession).where(
        SupervisionSession.contract_id == contract.id).order_by(SupervisionSession.held_on)))


def monthly_days(count: int) -> list[date]:
    return [months_before(today() - timedelta(days=2), n) for n in range(count)]


def flag_codes(api, user, contract) -> set[str]:
    return {f["code"] for f in api.as_(user).get(f"/api/v1/contracts/{contract.id}").json["flags"]}


def test_sessions_recorded_by_api_are_read_by_the_employer_and_the_peer_worker(api, accounts):
    contract = a_contract(accounts)
    employer = api.as_(accounts.employer)
    url = f"/api/v1/contracts/{contract.id}/supervision-sessions"
    for day in monthly_days(6):
        created = employer.post(url, json=session_body(day))
        assert created.status_code == 201, created.json
    assert created.json | {"id": 0, "created_at": None} == {
        "id": 0, "contract_id": contract.id, **session_body(monthly_days(6)[-1]), "source": "api",
        "created_at": None, "contested_at": None, "contest_note": None}
    for user in (accounts.employer, accounts.candidate):
        listed = api.as_(user).get(url)
        assert listed.status_code == 200
        assert listed.json["total"] == 6 and [s["held_on"] for s in listed.json["items"]] == [
            d.isoformat() for d in monthly_days(6)]
        assert [(d["months"], d["held"], d["due"], d["kept"]) for d in listed.json["delivered"]] == [
            (3, 4, 3, True), (6, 6, 6, True)]  # 3 months: one more within the grace days
    assert "supervision_not_kept" not in flag_codes(api, accounts.employer, contract)
    # Nobody else reads them.
    for other in (accounts.other_employer, accounts.other_candidate):
        assert api.as_(other).get(url).status_code == 404
    assert api.as_(accounts.other_employer).post(url, json=session_body(today())).status_code == 404
    assert api.as_(accounts.candidate).post(url, json=session_body(today())).status_code == 403


@pytest.mark.parametrize("change, field", [
    ({"held_on": "tomorrow"}, "held_on"), ({"kind": "coaching"}, "kind"), ({"minutes": 0}, "minutes"),
    ({"minutes": 481}, "minutes"), ({"paid_time": "maybe"}, "paid_time"),
    ({"provider_kind": None}, "provider_kind"),
])
def test_a_wrong_session_is_refused_with_its_field_and_nothing_is_recorded(api, accounts, change, field):
    contract = a_contract(accounts)
    response = api.as_(accounts.employer).post(f"/api/v1/contracts/{contract.id}/supervision-sessions",
                                               json=session_body(today()) | change)
    assert response.status_code == 422 and field in response.json["error"]["fields"]
    assert sessions_in_db(contract) == []


def test_a_session_must_fall_within_the_contract_and_not_ahead_of_today(api, accounts):
    contract = a_contract(accounts, start=today() - timedelta(days=30), end_date=today() + timedelta(days=30))
    employer = api.as_(accounts.employer)
    url = f"/api/v1/contracts/{contract.id}/supervision-sessions"
    for day in (today() + timedelta(days=1), contract.start_date - timedelta(days=1)):
        refused = employer.post(url, json=session_body(day))
        assert refused.status_code == 422 and "held_on" in refused.json["error"]["fields"]
        assert "séance" in refused.json["error"]["fields"]["held_on"][0]  # in French by default
    assert employer.post(url, json=session_body(contract.start_date)).status_code == 201
    twice = employer.post(url, json=session_body(contract.start_date, minutes=60))
    assert twice.status_code == 409
    assert [s.minutes for s in sessions_in_db(contract)] == [90]


def test_the_peer_worker_says_a_session_was_not_held_and_the_record_stays(api, accounts):
    contract = a_contract(accounts)
    employer = api.as_(accounts.employer)
    ids = [employer.post(f"/api/v1/contracts/{contract.id}/supervision-sessions",
                         json=session_body(day)).json["id"] for day in monthly_days(6)]
    assert api.as_(accounts.other_candidate).post(f"/api/v1/supervision-sessions/{ids[0]}/contest",
                                                  json={}).status_code == 404
    assert employer.post(f"/api/v1/supervision-sessions/{ids[0]}/contest", json={}).status_code == 403
    worker = api.as_(accounts.candidate)
    said = worker.post(f"/api/v1/supervision-sessions/{ids[0]}/contest",
                       json={"note": "Annulée, non remplacée"})
    assert said.status_code == 200 and said.json["contested_at"] and said.json["contest_note"] == (
        "Annulée, non remplacée")
    assert worker.post(f"/api/v1/supervision-sessions/{ids[0]}/contest", json={}).status_code == 409
    # The employer's record is unchanged beside the disagreement; the session no longer counts as held.
    stored = sessions_in_db(contract)[-1]
    assert (stored.minutes, stored.kind.value, stored.contested_at is not None) == (90, "external", True)
    delivered = employer.get(f"/api/v1/contracts/{contract.id}/supervision-sessions").json["delivered"]
    assert [(d["held"], d["contested"], d["kept"]) for d in delivered] == [(3, 1, True), (5, 1, False)]
    flags = employer.get(f"/api/v1/contracts/{contract.id}", headers=EN).json["flags"]
    [flag] = [f for f in flags if f["code"] == "supervision_not_kept"]
    assert "5 sessions in the last 6 months, 6 promised" in flag["label"]


def test_without_sessions_the_declared_supervision_is_judged_and_labelled_so(api, accounts):
    contract = a_contract(accounts, supervision_frequency="quarterly")
    flags = api.as_(accounts.employer).get(f"/api/v1/contracts/{contract.id}", headers=EN).json["flags"]
    assert [f["label"] for f in flags if f["code"] == "supervision_not_kept"] == [
        "Supervision declared below what the position promised (no session recorded)"]


def test_the_employer_records_a_session_on_the_contract_page(client, auth, accounts):
    contract = a_contract(accounts)
    auth.login(accounts.employer.email)
    page = f"/employer/contracts/{contract.id}"
    assert "Séances de supervision tenues" in client.get(page).text
    form = {"form": "session", "held_on": (today() + timedelta(days=3)).isoformat(), "kind": "internal",
            "minutes": "60", "paid_time": "y", "provider_kind": "employer_staff"}
    refused = client.post(page, data=form)
    assert refused.status_code == 200 and "avant d’avoir eu lieu" in refused.text
    assert 'value="60"' in refused.text  # what was typed is shown again
    assert sessions_in_db(contract) == []
    recorded = client.post(page, data=form | {"held_on": today().isoformat()})
    assert recorded.status_code == 302 and recorded.location.endswith("#supervision")
    [session] = sessions_in_db(contract)
    assert (session.kind.value, session.minutes, session.paid_time, session.source) == (
        "internal", 60, True, "page")
    shown = client.get(page).text
    assert "Superviseur interne" in shown and "60 minutes" in shown


def csv_file(*lines: str) -> tuple[io.BytesIO, str]:
    text = "held_on;kind;minutes;paid_time;provider_kind\n" + "\n".join(lines) + "\n"
    return io.BytesIO(text.encode()), "seances.csv"


def test_a_month_of_sessions_is_imported_all_or_nothing_and_only_once(client, auth, accounts):
    contract = a_contract(accounts)
    auth.login(accounts.employer.email)
    month = months_before(today(), 1).replace(day=1)
    first, second = month.replace(day=3), month.replace(day=17)
    url = f"/employer/contracts/{contract.id}/supervision-sessions/import"
    good = [f"{first:%d/%m/%Y};Superviseur externe;90;oui;Un professionnel indépendant",
            f"{second.isoformat()};peer_intervision;120;non;peers"]
    wrong = client.post(url, data={"month": f"{month:%Y-%m}",
                                   "file": csv_file(*good, f"{month.replace(day=5)};Coaching;abc;oui;peers",
                                                    f"{today() + timedelta(days=40)};internal;60;oui;peers")},
                        content_type="multipart/form-data")
    assert wrong.status_code == 200
    assert "Rien n’a été importé" in wrong.text and "Ligne 4" in wrong.text and "Ligne 5" in wrong.text
    assert sessions_in_db(contract) == []
    done = client.post(url, data={"month": f"{month:%Y-%m}", "file": csv_file(*good)},
                       content_type="multipart/form-data")
    assert done.status_code == 302
    assert [(s.held_on, s.kind.value, s.paid_time, s.source) for s in sessions_in_db(contract)] == [
        (first, "external", True, "csv"), (second, "peer_intervision", False, "csv")]
    again = client.post(url, data={"month": f"{month:%Y-%m}", "file": csv_file(*good)},
                        content_type="multipart/form-data", follow_redirects=True)
    assert "2 étaient déjà enregistrées" in again.text and len(sessions_in_db(contract)) == 2
    earlier = months_before(month, 1)
    other_month = client.post(url, data={"month": f"{earlier:%Y-%m}", "file": csv_file(*good)},
                              content_type="multipart/form-data")
    assert "pas dans le mois du fichier" in other_month.text
    template = client.get("/employer/supervision-sessions/template.csv")
    assert template.status_code == 200
    assert template.text.startswith("held_on;kind;minutes;paid_time;provider_kind\n")


def test_the_peer_worker_reads_the_sessions_and_says_one_was_not_held_on_the_page(client, auth, accounts):
    contract = a_contract(accounts)
    held = SupervisionSession(contract_id=contract.id, held_on=today() - timedelta(days=10), kind="external",
                              minutes=90, paid_time=True, provider_kind="outside_body")
    db.session.add(held)
    db.session.commit()
    auth.login(accounts.other_candidate.email)
    assert "Aucun contrat enregistré" in client.get("/me/supervision").text
    assert client.post(f"/me/supervision-sessions/{held.id}/contest", data={}).status_code == 404
    auth.logout()
    auth.login(accounts.candidate.email)
    page = client.get("/me/supervision").text
    assert "un organisme extérieur" in page and "Non tenue" in page
    said = client.post(f"/me/supervision-sessions/{held.id}/contest", data={"note": "Reportée"},
                       follow_redirects=True)
    assert said.status_code == 200 and "n’est plus comptée comme tenue" in said.text
    [stored] = sessions_in_db(contract)
    assert stored.contested_at is not None and stored.contest_note == "Reportée"
    assert "Indique qu’elle n’a pas eu lieu" in said.text


def test_the_ars_sees_whose_sessions_kept_the_promise_and_a_recorded_date_holds(runner, api, accounts):
    month_end = today().replace(day=1) - timedelta(days=1)
    people = {}
    for key, held in (("a", 6), ("b", 2), ("c", 0)):
        contract = factories.ContractFactory(
            organization=accounts.organization, person_key=key, start_date=month_end - timedelta(days=700),
            weekly_hours=35, promised_supervision_frequency="monthly", promised_supervision_paid_time=True,
            person_id=accounts.candidate.id if key == "a" else None)
        db.session.flush()
        for n in range(held):
            day = months_before(month_end - timedelta(days=2), n)
            db.session.add(SupervisionSession(
                contract_id=contract.id, held_on=day, kind="external", minutes=60, paid_time=True,
                provider_kind="independent", created_at=datetime.combine(day, time(18), tzinfo=UTC)))
        people[key] = contract
    db.session.commit()
    assert runner.invoke(args=["snapshot", "--date", month_end.isoformat()]).exit_code == 0
    monitor = api.as_(accounts.monitor)

    def kept(query=""):
        got = monitor.get(f"/api/v1/reports/summary{query}").json
        return got["supervision_judged_people"], got["supervision_kept_people"], got["supervision_kept_share"]

    recorded = f"?as_of={month_end.isoformat()}"
    # a kept the promise, b did not; c has no session: judged on the declared supervision, not counted here.
    assert kept(recorded) == (2, 1, 0.5)
    first = db.session.scalars(sa.select(SupervisionSession).where(
        SupervisionSession.contract_id == people["a"].id).order_by(SupervisionSession.held_on)).first()
    assert api.as_(accounts.candidate).post(f"/api/v1/supervision-sessions/{first.id}/contest",
                                            json={}).status_code == 200
    assert kept() == (2, 0, 0.0)  # today: a's six months now hold five sessions
    assert kept(recorded) == (2, 1, 0.5)  # the recorded date keeps what it said


def test_a_session_recorded_meanwhile_is_a_conflict_not_an_error(client, auth, api, accounts, monkeypatch):
    contract = a_contract(accounts)
    day = today() - timedelta(days=3)
    url = f"/api/v1/contracts/{contract.id}/supervision-sessions"
    assert api.as_(accounts.employer).post(url, json=session_body(day)).status_code == 201
    # The other request inserts between this one's check and its insert: the unique day and kind answers.
    monkeypatch.setattr(supervision_ops, "_recorded", lambda contract, days: set())
    assert api.as_(accounts.employer).post(url, json=session_body(day, minutes=45)).status_code == 409
    auth.login(accounts.employer.email)
    page = client.post(f"/employer/contracts/{contract.id}", data={
        "form": "session", "held_on": day.isoformat(), "kind": "external", "minutes": "60", "paid_time": "y",
        "provider_kind": "independent"})
    assert page.status_code == 200 and "Déjà enregistrée ce jour-là" in page.text
    upload = client.post(f"/employer/contracts/{contract.id}/supervision-sessions/import",
                         data={"month": f"{day:%Y-%m}",
                               "file": csv_file(f"{day.isoformat()};external;60;oui;independent")},
                         content_type="multipart/form-data")
    assert upload.status_code == 200 and "entre-temps" in upload.text
    assert [s.minutes for s in sessions_in_db(contract)] == [90]


@pytest.mark.parametrize("text, line", [
    # Old Mac line ends, a quoted header, blank lines: the line numbers are those of the file.
    ("held_on;kind;minutes;paid_time;provider_kind\r\r2026-11-03;coaching;90;oui;peers\r", 3),
    (('"held_on";"kind";"minutes";"paid_time";"provider_kind"\n\n\n'
      '"2026-11-03";"coaching";"90";"oui";"peers"\n'), 4),
])
def test_odd_csv_files_are_read_and_their_errors_point_at_the_right_line(client, auth, accounts, text, line):
    contract = a_contract(accounts)
    auth.login(accounts.employer.email)
    response = client.post(f"/employer/contracts/{contract.id}/supervision-sessions/import",
                           data={"month": "2026-11", "file": (io.BytesIO(text.encode()), "s.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and f"Ligne {line}" in response.text
    assert sessions_in_db(contract) == []


@pytest.mark.parametrize("month", ["9999999999999999999-01", "2026-13", "abc", "", "3000-01"])
def test_a_wrong_month_is_refused_with_a_message(client, auth, accounts, month):
    contract = a_contract(accounts)
    auth.login(accounts.employer.email)
    response = client.post(f"/employer/contracts/{contract.id}/supervision-sessions/import",
                           data={"month": month, "file": csv_file("2026-11-03;external;90;oui;peers")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "Choisissez un mois" in response.text
    assert sessions_in_db(contract) == []


def test_the_peer_workers_page_reads_every_contracts_sessions_at_once(app, client, auth, accounts):
    def statements() -> int:
        return len(get_with_statements(app, client, "/me/supervision")[0])

    auth.login(accounts.candidate.email)
    first = a_contract(accounts)
    db.session.add(SupervisionSession(contract_id=first.id, held_on=today(), kind="external", minutes=60,
                                      paid_time=True, provider_kind="peers"))
    db.session.commit()
    one = statements()
    for n in range(4):
        other = a_contract(accounts, post_ref=f"poste-{n}")
        db.session.add(SupervisionSession(contract_id=other.id, held_on=today(), kind="internal", minutes=60,
                                          paid_time=True, provider_kind="peers"))
    db.session.commit()
    assert statements() == one


def test_saying_not_held_twice_keeps_the_first_word(api, accounts):
    contract = a_contract(accounts)
    held = SupervisionSession(contract_id=contract.id, held_on=today(), kind="external", minutes=60,
                              paid_time=True, provider_kind="peers")
    db.session.add(held)
    db.session.commit()
    supervision_ops.contest(held, "Annulée")
    db.session.commit()
    stale = SupervisionSession(id=held.id, contract_id=contract.id)  # a request that read it before
    with pytest.raises(supervision_ops.Conflict):
        supervision_ops.contest(stale, "Autre version")
    db.session.rollback()
    assert sessions_in_db(contract)[0].contest_note == "Annulée"


def test_a_session_has_its_own_address_pages_of_sessions_and_a_mistake_can_be_deleted(api, accounts):
    contract = a_contract(accounts)
    employer = api.as_(accounts.employer)
    url = f"/api/v1/contracts/{contract.id}/supervision-sessions"
    created = [employer.post(url, json=session_body(day)) for day in monthly_days(3)]
    assert all(c.status_code == 201 for c in created)
    location = created[0].headers["Location"]
    assert location.endswith(f"/api/v1/supervision-sessions/{created[0].json['id']}")
    for user in (accounts.employer, accounts.candidate):
        assert api.as_(user).get(location).json == created[0].json
    assert api.as_(accounts.other_employer).get(location).status_code == 404
    assert api.as_(accounts.other_candidate).get(location).status_code == 404
    second = employer.get(f"{url}?page=2&per_page=2").json
    assert (second["total"], second["page"], second["per_page"], len(second["items"])) == (3, 2, 2, 1)
    assert employer.get(f"{url}?per_page=0").status_code == 422
    # The peer worker's word keeps a session; a mistake without one is deleted.
    said = api.as_(accounts.candidate).post(f"/api/v1/supervision-sessions/{created[1].json['id']}/contest",
                                            json={})
    assert said.status_code == 200
    assert employer.delete(f"/api/v1/supervision-sessions/{created[1].json['id']}").status_code == 409
    assert api.as_(accounts.candidate).delete(location).status_code == 403
    assert api.as_(accounts.other_employer).delete(location).status_code == 404
    assert employer.delete(location).status_code == 204
    assert employer.get(location).status_code == 404
    assert len(sessions_in_db(contract)) == 2


def test_the_employer_deletes_a_session_recorded_by_mistake_on_the_page(client, auth, accounts):
    contract = a_contract(accounts)
    wrong, said = (SupervisionSession(contract_id=contract.id, held_on=today() - timedelta(days=d),
                                      kind="external", minutes=60, paid_time=True, provider_kind="peers")
                   for d in (3, 10))
    said.contested_at = datetime.now(UTC)
    db.session.add_all([wrong, said])
    db.session.commit()
    auth.login(accounts.employer.email)
    page = client.get(f"/employer/contracts/{contract.id}").text
    assert page.count("Supprimer (enregistrée par erreur)") == 1  # not the one the peer worker contested
    assert client.post(f"/employer/supervision-sessions/{wrong.id}/delete").status_code == 302
    refused = client.post(f"/employer/supervision-sessions/{said.id}/delete", follow_redirects=True)
    assert "reste, avec sa parole" in refused.text
    assert [s.id for s in sessions_in_db(contract)] == [said.id]

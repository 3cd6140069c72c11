"""Cached results (search, dashboard) are served until a write to a table they read commits, whichever
worker process computed them and whichever made the write."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import template_rendered

from pairjobs.domain import audit
from pairjobs.extensions import db
from pairjobs.infra.caching import cached, mark_changed
from pairjobs.infra.clock import today
from pairjobs.models import Contract, DataGeneration, Position
from pairjobs.models.base import utcnow
from tests import factories
from tests.functional.test_reports import contract
from tests.sql import get_with_statements


def tokens() -> dict[str, int]:
    return dict(db.session.execute(sa.select(DataGeneration.name, DataGeneration.token)).all())


def reads(statements: list[str], table: str) -> bool:
    return any(f"FROM {table}" in s or f"JOIN {table}" in s for s in statements)


def test_a_committed_write_renews_the_generation_of_its_table_only(app, accounts):
    before = tokens()
    accounts.organization.name = "Centre hospitalier renommé"
    db.session.commit()
    after = tokens()
    assert after["organization"] != before.get("organization")
    assert after.get("position") == before.get("position")
    assert after.get("contract") == before.get("contract")


def test_an_unchanged_or_rolled_back_object_keeps_the_generation(app, accounts):
    before = tokens()
    accounts.organization.name = accounts.organization.name
    db.session.commit()
    assert tokens() == before
    accounts.organization.name = "Jamais enregistré"
    db.session.flush()
    db.session.rollback()
    assert tokens() == before
    db.session.commit()  # a commit after the rollback has nothing left to renew
    assert tokens() == before


def test_a_rolled_back_savepoint_does_not_hide_the_rest_of_the_transaction(app, accounts):
    before = tokens()
    accounts.organization.name = "Renommé avant le point de sauvegarde"
    db.session.flush()
    savepoint = db.session.begin_nested()
    accounts.other_organization.name = "Jamais enregistré"
    db.session.flush()
    savepoint.rollback()
    db.session.commit()
    assert tokens()["organization"] != before.get("organization")


def test_bulk_statements_and_bare_connections_renew_the_generation(app, accounts):
    factories.position(accounts.organization, accounts.employer)
    before = tokens()
    db.session.execute(sa.update(Position).values(title="Médiateur de santé pair (titre revu)"))
    db.session.commit()
    after_bulk = tokens()
    assert after_bulk["position"] != before["position"]
    with db.engine.begin() as connection:
        mark_changed(connection, ["contract", "audit_entry"])  # unwatched tables are ignored
    after_mark = tokens()
    assert after_mark["contract"] != after_bulk.get("contract") and "audit_entry" not in after_mark


def test_unwatched_tables_do_not_renew_anything(app, accounts):
    before = tokens()
    audit.record(accounts.admin, audit.Action.REPORT_EXPORTED, "summary.csv")
    db.session.commit()
    assert tokens() == before


def test_cached_values_are_reused_until_a_table_they_read_changes(app, accounts):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("test", ("k",), ["position"], compute) == 1
    assert cached("test", ("k",), ["position"], compute) == 1
    assert cached("test", ("other",), ["position"], compute) == 2
    factories.organization()  # another table: still cached
    assert cached("test", ("k",), ["position"], compute) == 1
    factories.position(accounts.organization, accounts.employer)
    assert cached("test", ("k",), ["position"], compute) == 3


def test_search_is_cached_and_a_publication_through_another_worker_shows_at_once(app, make_app, accounts):
    other_worker = make_app()  # its own process-local cache, on the same database
    reader = other_worker.test_client()
    factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair à Bron")
    first, page = get_with_statements(other_worker, reader, "/jobs?q=mediateur")
    assert reads(first, "position") and "1 offre" in page
    hit, page = get_with_statements(other_worker, reader, "/jobs?q=mediateur")
    assert len(hit) == 1 and reads(hit, "data_generation") and not reads(hit, "position")
    assert "1 offre" in page and "Médiateur de santé pair à Bron" in page

    factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair à Vénissieux")
    _, page = get_with_statements(other_worker, reader, "/jobs?q=mediateur")
    assert "2 offres" in page and "Vénissieux" in page

    accounts.organization.name = "Hôpital du Vinatier (nouveau nom)"
    db.session.commit()
    _, page = get_with_statements(other_worker, reader, "/jobs?q=mediateur")
    assert "Hôpital du Vinatier (nouveau nom)" in page


def test_cached_search_results_follow_the_language(app, client, accounts):
    factories.position(accounts.organization, accounts.employer, contract_type="cdd_public",
                       legal_basis="vacancy", duration_months=12)
    french = client.get("/jobs", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    english = client.get("/jobs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "12 mois" in french and "12 months" in english and "12 mois" not in english


def test_a_position_past_its_deadline_leaves_the_cached_search_the_next_day(app, client, accounts,
                                                                            time_machine):
    time_machine.move_to("2026-06-10 10:00 +02:00")
    factories.position(accounts.organization, accounts.employer, deadline=date(2026, 6, 10))
    assert "1 offre" in client.get("/jobs").get_data(as_text=True)
    time_machine.move_to("2026-06-11 09:00 +02:00")
    assert "0 offre" in client.get("/jobs").get_data(as_text=True)


def test_the_dashboard_is_cached_until_a_contract_changes(app, api, make_app, accounts):
    other_worker = make_app()
    reader = other_worker.test_client()
    headers = api.using(reader).bearer(accounts.monitor)
    start = today() - timedelta(days=30)
    contract(accounts.organization, "person-1", "cdi", start, None)
    db.session.commit()
    first, _ = get_with_statements(other_worker, reader, "/api/v1/reports/summary", headers=headers)
    hit, _ = get_with_statements(other_worker, reader, "/api/v1/reports/summary", headers=headers)
    assert reads(first, "contract") and not reads(hit, "contract")
    assert reader.get("/api/v1/reports/summary", headers=headers).json["active_contracts"] == 1

    added = contract(accounts.organization, "person-2", "cdd", start, today() + timedelta(days=30))
    db.session.commit()
    summary = reader.get("/api/v1/reports/summary", headers=headers).json
    assert summary["active_contracts"] == 2 and summary["precarious_contracts"] == 1

    ended = db.session.get(Contract, added.id)
    ended.end_date, ended.state, ended.closed_at = today() - timedelta(days=1), "ended", utcnow()
    db.session.commit()
    assert reader.get("/api/v1/reports/summary", headers=headers).json["active_contracts"] == 1


def test_a_new_application_does_not_make_the_contracts_flags_computed_again(app, api, make_app, accounts):
    other_worker = make_app()
    reader = other_worker.test_client()
    headers = api.using(reader).bearer(accounts.monitor)
    contract(accounts.organization, "person-1", "cdd", today() - timedelta(days=30),
             today() + timedelta(days=60))
    position = factories.position(accounts.organization, accounts.employer)
    db.session.commit()
    reader.get("/api/v1/reports/summary", headers=headers)
    factories.application(accounts.candidate, position)
    db.session.commit()
    after, _ = get_with_statements(other_worker, reader, "/api/v1/reports/summary", headers=headers)
    assert reads(after, "application") and not reads(after, "contract")
    assert reader.get("/api/v1/reports/summary", headers=headers).json["applications_per_position"] == 1


def test_the_cache_can_be_turned_off(app, make_app, accounts):
    uncached = make_app(RESULT_CACHE=False)
    reader = uncached.test_client()
    factories.position(accounts.organization, accounts.employer)
    first, _ = get_with_statements(uncached, reader, "/jobs")
    again, _ = get_with_statements(uncached, reader, "/jobs")
    assert reads(first, "position") and reads(again, "position") and not reads(again, "data_generation")


def test_a_position_page_is_rendered_again_only_when_what_it_shows_changes(app, make_app, accounts):
    other_worker = make_app()
    reader = other_worker.test_client()
    rendered = []

    def record(sender, template, context, **extra):
        if template.name == "jobs/_position_body.html":
            rendered.append(template.name)

    position = factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair A")
    with template_rendered.connected_to(record, other_worker):
        assert "Médiateur de santé pair A" in reader.get(f"/jobs/{position.id}").text
        assert "Médiateur de santé pair A" in reader.get(f"/jobs/{position.id}").text
        assert len(rendered) == 1
        position.title = "Médiateur de santé pair B"
        db.session.commit()
        assert "Médiateur de santé pair B" in reader.get(f"/jobs/{position.id}").text
        accounts.organization.name = "Centre hospitalier au nouveau nom"
        db.session.commit()
        assert "Centre hospitalier au nouveau nom" in reader.get(f"/jobs/{position.id}").text
        assert len(rendered) == 3


def test_a_value_computed_inside_a_writing_transaction_is_neither_read_nor_stored(app, accounts):
    def count_positions():
        return cached("test.positions", (), ["position"],
                      lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Position)))

    first = factories.position(accounts.organization, accounts.employer)
    assert count_positions() == 1
    draft = Position(**{c.key: getattr(first, c.key)
                        for c in sa.inspect(Position).column_attrs if c.key not in ("id", "version")})
    db.session.add(draft)
    db.session.flush()
    assert count_positions() == 2  # this transaction's own write, not the committed value cached
    db.session.rollback()
    assert count_positions() == 1  # the rolled-back row was never stored as a cached value


def test_cache_keys_carry_the_release(app, monkeypatch):
    from pairjobs.extensions import cache
    from pairjobs.infra import caching

    seen = []
    monkeypatch.setattr(cache, "get", lambda key: seen.append(key))
    monkeypatch.setattr(cache, "set", lambda key, value: None)
    cached("test.release", (), [], lambda: 1)
    assert seen and caching.RELEASE and repr(caching.RELEASE) in seen[0]


def test_the_hooks_are_on_the_applications_session_only(app, accounts):
    from sqlalchemy.orm import Session

    before = tokens()
    with Session(db.engine) as other:  # a session that is not pairjobs': its writes are its own business
        other.execute(sa.update(Position).values(title="x"))
        other.commit()
    assert tokens() == before
    assert not sa.event.contains(Session, "before_commit", __import__(
        "pairjobs.infra.caching", fromlist=["_before_commit"])._before_commit)

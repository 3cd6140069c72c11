"""Query plans of the busy pages: every statement they run reaches its rows through an index, never by
reading a whole table of positions, applications, contracts or accounts (such a plan is what made the
employer's home take 3.8 s at national scale: SQLite walked every application at the "submitted" stage of
every organization)."""

import re

import pytest

from pairjobs.extensions import db
from tests import factories
from tests.sql import recorded_calls, table_walks

BIG_TABLES = {"application", "position", "contract", "user_account", "interview", "credential"}


@pytest.fixture
def employer(app, accounts):
    """An employer signed in, with positions, applications at several stages and a contract."""
    positions = [factories.position(accounts.organization, accounts.employer) for _ in range(3)]
    factories.position(accounts.other_organization, None)
    credential = factories.credential(accounts.candidate)
    application = factories.application(accounts.candidate, positions[0], [credential])
    for position in positions[1:]:
        factories.application(factories.user(factories.Role.CANDIDATE), position)
    factories.hire(application, accounts.employer)
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": accounts.employer.email, "password": factories.PASSWORD})
    return client


def walks_of(app, client, url, **kwargs) -> list[str]:
    with app.app_context():
        engine = db.engine
    with recorded_calls(engine) as calls:
        assert client.get(url, **kwargs).status_code == 200, url
    assert calls, url
    return table_walks(engine, calls, BIG_TABLES)


@pytest.mark.parametrize("url", ["/employer/", "/employer/applications",
                                 "/employer/applications?status=submitted", "/employer/positions",
                                 "/employer/contracts"])
def test_employer_pages_reach_their_rows_through_indexes(app, employer, url):
    assert walks_of(app, employer, url) == []


def test_the_pipeline_api_reaches_its_rows_through_indexes(app, api, accounts, employer):
    headers = {"Authorization": f"Bearer {api.token(accounts.employer)}"}
    assert walks_of(app, api.client, "/api/v1/applications?per_page=20", headers=headers) == []


def test_the_checker_finds_a_walk(app, accounts):
    """The check above can fail: a statement that filters on a column without an index walks the table."""
    with recorded_calls(db.engine) as calls:
        db.session.execute(db.text("SELECT count(*) FROM application WHERE message = :m"), {"m": "x"})
    assert table_walks(db.engine, calls, BIG_TABLES)


@pytest.mark.parametrize("url", ["/jobs?q=accompagnement", "/jobs?q=zzzzqx&department=69",
                                 "/jobs?q=accompagnement+pair&department=69&stable_only=1",
                                 "/jobs?q=pair+temps+plein&contract_type=cdd",
                                 "/jobs?q=accompagnement+psychosociale", "/jobs?q=pair+gem&min_salary=1800"])
def test_a_search_for_words_reads_the_positions_they_give_not_every_published_one(app, client, accounts,
                                                                                  url):
    """Below the count limit, the words' index leads: SQLite without statistics used to read every published
    position by the status index and look each up in the words' list (6 to 20 ms at national scale, for
    words that give none), and twice for words that also name a label ("psychosociale": the positions in
    psychosocial rehabilitation, 120 ms)."""
    for title in ("Accompagnement par un pair", "Pair-aidant en psychiatrie", "Médiateur de santé pair"):
        factories.position(accounts.organization, None, title=title)
    db.session.commit()
    with recorded_calls(db.engine) as calls:
        assert client.get(url).status_code == 200
    walks = table_walks(db.engine, calls, BIG_TABLES)
    # A label's positions ("temps plein", "psychosociale") are read from its column's index, by design.
    assert [w for w in walks if not re.match(r"SEARCH position USING COVERING INDEX ix_position_"
                                             r"(setting|fte_percent|contract_type) ", w)] == []
    if db.engine.dialect.name == "sqlite":  # the words' ids and the label's in one list, never ORed
        assert not [s for s, _p in calls if re.search(r"MATCH \?\) OR position\.", s)]


def test_a_search_past_the_count_limit_reads_its_page_in_index_order(app, client, accounts, monkeypatch):
    """Past SEARCH_FACET_LIMIT, the page of results is read from a newest-first index (the region's, or a
    department's when one is asked for), not sorted from every match, and the count stops at the limit."""
    for _ in range(6):
        factories.position(accounts.organization, None)
    monkeypatch.setitem(app.config, "SEARCH_FACET_LIMIT", 4)
    monkeypatch.setitem(app.config, "SEARCH_PAGE_SIZE", 2)
    for url, index in (("/jobs", "ix_position_status_published"),
                       ("/jobs?department=69", "ix_position_department_status_published")):
        with recorded_calls(db.engine) as calls:
            assert client.get(url).status_code == 200
        paged = [(s, p) for s, p in calls if "ORDER BY position.published_at DESC" in s]
        assert len(paged) == 1
        counted = [s for s, _p in calls if "count(" in s.lower()]
        assert counted and all("LIMIT" in s for s in counted)
        _read_in_index_order(*paged[0], index)


def _read_in_index_order(statement: str, parameters, index: str) -> None:
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            plan = {row[0]: (row[1], row[3]) for row in
                    conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)}
            first = next(i for i, (_parent, step) in plan.items() if step == "CO-ROUTINE first_rows")
            inside = [step for parent, step in plan.values() if parent == first]
            # The first rows are read in the index's order; only those few are sorted again outside.
            assert any(f"INDEX {index} " in step for step in inside), plan
            assert not any("TEMP B-TREE" in step for step in inside), plan
        else:  # the test table is tiny: only check that an index on the publication serves the order
            conn.exec_driver_sql("SET enable_sort = off")
            conn.exec_driver_sql("SET enable_seqscan = off")
            plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
            conn.exec_driver_sql("RESET ALL")
            conn.rollback()
            by_publication = (index, "ix_position_status_published", "ix_position_published_at")
            assert any("Index Scan" in step and any(i in step for i in by_publication) for step in plan), plan
            # No sort of every match: a Sort node. An Incremental Sort, whose input is already in the order
            # of the publication (ties on it put in the order of the id), is allowed, and its "Sort Key".
            assert not any(re.match(r"\s*(->\s+)?Sort\s+\(", step) for step in plan), plan


def test_postgresql_searches_the_stored_vector_never_one_computed_per_row(app, client, accounts):
    """On PostgreSQL the words are matched against the stored tsvector (its GIN index, and no per-row
    to_tsvector when another index leads the plan); SQLite matches its FTS5 index."""
    factories.position(accounts.organization, None, title="Accompagnement par un pair")
    with recorded_calls(db.engine) as calls:
        page = client.get("/jobs?q=accompagnement&department=69")
    assert page.status_code == 200 and "Accompagnement par un pair" in page.text
    searched = [s for s, _p in calls if "@@" in s or "MATCH" in s]
    assert searched
    for statement in searched:
        assert "to_tsvector" not in statement
        if db.engine.dialect.name == "postgresql":
            assert "position.search_vector @@ to_tsquery" in statement
        else:
            assert "position_fts MATCH" in statement

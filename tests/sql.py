"""Recording the SQL statements a piece of code runs (query counts, cache hits, query plans)."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from pairjobs.extensions import db


@contextmanager
def recorded_statements(engine) -> Iterator[list[str]]:
    """The statements run on the engine inside the block."""
    seen: list[str] = []

    def record(*args):
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def get_with_statements(app, client, url, **kwargs) -> tuple[list[str], str]:
    """GET a page that must answer 200: the statements it ran, and its text."""
    with app.app_context():
        engine = db.engine
    with recorded_statements(engine) as seen:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return seen, response.get_data(as_text=True)


@contextmanager
def recorded_calls(engine) -> Iterator[list[tuple[str, object]]]:
    """The statements run on the engine inside the block, with their parameters."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not executemany:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


# Columns that pick out a few rows of a big table: a plan that reaches a table by anything else (its
# status, a date) reads a share of the whole table, however many organizations there are.
SELECTIVE = {"rowid", "id", "position_id", "candidate_id", "organization_id", "application_id", "person_id",
             "user_id", "email", "person_key", "token_hash", "credential_id", "contract_id", "previous_id"}
_SQLITE_STEP = re.compile(r"^(SCAN|SEARCH) (\w+)(?: USING .*?\((\w+)[=<>])?")


def table_walks(engine, calls: list[tuple[str, object]], tables: set[str]) -> list[str]:
    """The plan steps of these statements that read a share of one of `tables` rather than a few rows: a
    scan of the table or of a whole index, or on SQLite a search whose first key is not a selective column
    (`SELECTIVE`), with the statement. On PostgreSQL, sequential scans are discouraged while explaining:
    the test tables are too small for its planner to prefer an index, so a "Seq Scan" left in the plan means
    that no index can serve the statement."""
    walks = []
    with engine.connect() as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            conn.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in calls:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            if postgres:
                steps = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
                bad = [s for s in steps for t in tables if f"Seq Scan on {t} " in s + " "]
            else:
                plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
                steps = [row[3] for row in plan]
                bad = [s for s in steps if (m := _SQLITE_STEP.match(s)) and m.group(2) in tables
                       and (m.group(1) == "SCAN" or m.group(3) not in SELECTIVE)]
            walks += [f"{step.strip()}  ←  {' '.join(statement.split())[:200]}" for step in bad]
        if postgres:
            conn.exec_driver_sql("RESET enable_seqscan")
        conn.rollback()
    return walks

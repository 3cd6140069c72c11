"""Per-connection database settings."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import Engine

_registered = False


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Enforce foreign keys, and let readers and a writer work side by side (WAL)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _begin_before_savepoint(connection, _name) -> None:
    """Open SQLite's transaction before a first SAVEPOINT.

    Python's sqlite3 only sends BEGIN before a write; a SAVEPOINT sent first would itself become the
    transaction, and releasing it would commit everything so far, out of reach of the rollback that a later
    refusal calls for.
    """
    if connection.dialect.name == "sqlite":
        dbapi_connection = connection.connection.dbapi_connection
        if not dbapi_connection.in_transaction:
            dbapi_connection.execute("BEGIN")


def register_db_events(app: Flask) -> None:
    """Install the connection hooks once per process."""
    global _registered
    if not _registered:
        sa.event.listen(Engine, "connect", _sqlite_pragmas)
        sa.event.listen(Engine, "savepoint", _begin_before_savepoint)
        _registered = True

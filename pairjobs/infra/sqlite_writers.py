"""SQLite writers wait their turn in a queue instead of sleeping on the database's lock.

SQLite lets one writer at a time. A connection that finds the database locked sleeps in SQLite's busy
handler, 1, 2, 5, 10 … up to 100 ms between tries, so under concurrent writes a short transaction waits
long after the lock is free (applying had a p95 near 800 ms at national scale on 2 cores, for a few
milliseconds of work). Before its first write, a connection takes an advisory lock (flock) on a file beside
the database, `<database>-writer`, shared by every thread and process that opens it; the lock is tried
again every fraction of a millisecond, and given back as the transaction commits or rolls back (or when
its connection returns to the pool). Readers never take it (WAL
lets them read beside the writer). After WRITER_WAIT seconds without it, the write goes on and SQLite's own
busy timeout decides, as without the queue.
"""

from __future__ import annotations

import fcntl
import os
import re
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

WRITER_WAIT = 10.0  # seconds, as SQLite's busy_timeout
_FD = "pairjobs_writer_fd"
_HELD = "pairjobs_writer_held"
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)
_registered = False


def _connect(dbapi_connection, record) -> None:
    """Open the queue's file of a database file (not of an in-memory database)."""
    if not type(dbapi_connection).__module__.startswith("sqlite3"):
        return
    path = next((row[2] for row in dbapi_connection.execute("PRAGMA database_list") if row[1] == "main"), "")
    if path:
        record.info[_FD] = os.open(f"{path}-writer", os.O_RDWR | os.O_CREAT, 0o600)


def _take(fd: int) -> bool:
    deadline, pause = time.monotonic() + WRITER_WAIT, 0.0002
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.002)


def _give_back(info: dict) -> None:
    if info.pop(_HELD, False):
        fcntl.flock(info[_FD], fcntl.LOCK_UN)


def _before_execute(conn, _cursor, statement: str, _parameters, _context, _executemany) -> None:
    info = conn.connection.info
    fd = info.get(_FD)
    if fd is None:
        return
    if info.get(_HELD):
        if conn.connection.dbapi_connection.in_transaction:
            return
        _give_back(info)  # the transaction that took it has ended
    if _WRITE.match(statement) and _take(fd):
        info[_HELD] = True


def _ending(conn) -> None:
    """The transaction commits or rolls back: the next writer may go (given back as the commit starts: a
    committed transaction may run more work, such as sending the e-mails it queued, before its connection
    is returned, and that work may write through another connection)."""
    info = conn.connection.info
    if info.get(_FD) is not None:
        _give_back(info)


def _checkin(_dbapi_connection, record) -> None:
    if record is not None and record.info.get(_FD) is not None:
        _give_back(record.info)


def _close(_dbapi_connection, record) -> None:
    fd = record.info.pop(_FD, None) if record is not None else None
    if fd is not None:
        record.info.pop(_HELD, None)
        os.close(fd)  # gives the lock back


def register_sqlite_writers() -> None:
    """Install the queue once per process (SQLite connections only)."""
    global _registered
    if not _registered:
        sa.event.listen(Engine, "connect", _connect)
        sa.event.listen(Engine, "before_cursor_execute", _before_execute)
        sa.event.listen(Engine, "commit", _ending)
        sa.event.listen(Engine, "rollback", _ending)
        sa.event.listen(Pool, "checkin", _checkin)
        sa.event.listen(Pool, "close", _close)
        _registered = True

"""SQLite writers queue on the `<database>-writer` lock (pairjobs.infra.sqlite_writers): taken before a
transaction's first write, given back when it ends, never taken by readers; a writer that waits goes on
once the other has committed, with both writes kept. PostgreSQL has no such queue (its writers lock rows):
there the tests check that none is installed, and what holds on both."""

import fcntl
import os
import threading

import pytest
import sqlalchemy as sa

from pairjobs.extensions import db

SQLITE_ONLY = "pairjobs_writer_fd"


@pytest.fixture
def lock_file(app):
    """The queue's lock file on SQLite; None on PostgreSQL."""
    if db.engine.dialect.name != "sqlite":
        yield None
        return
    path = f"{db.engine.url.database}-writer"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    yield fd
    os.close(fd)


def nothing_written() -> bool:
    """PostgreSQL: the session's transaction has written nothing yet (no transaction id assigned)."""
    return db.session.execute(sa.text("SELECT pg_current_xact_id_if_assigned()")).scalar() is None


def free(fd: int) -> bool:
    """Whether nobody holds the writers' lock (taken and given back at once)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


def test_a_write_holds_the_queue_until_its_transaction_ends_and_reads_never_take_it(app, lock_file):
    if lock_file is None:  # PostgreSQL: no queue
        with db.engine.connect() as conn:
            conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS note (x INTEGER)"))
            conn.execute(sa.text("INSERT INTO note VALUES (1)"))
            assert SQLITE_ONLY not in conn.connection.info
            conn.rollback()
        return
    with db.engine.connect() as conn:
        conn.execute(sa.text("SELECT count(*) FROM organization")).all()
        assert free(lock_file)  # a read
        conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS note (x INTEGER)"))
        conn.execute(sa.text("INSERT INTO note VALUES (1)"))
        assert not free(lock_file)
        conn.commit()
        conn.execute(sa.text("SELECT 1")).all()  # the transaction is over: given back
        assert free(lock_file)
        conn.execute(sa.text("UPDATE note SET x = 2"))
        assert not free(lock_file)
        conn.rollback()
    assert free(lock_file)  # given back with the connection, at the latest


def test_a_waiting_writer_goes_on_once_the_first_has_committed(app, lock_file):
    db.session.execute(sa.text("CREATE TABLE IF NOT EXISTS queue_note (who TEXT)"))
    db.session.commit()
    first = db.engine.connect()
    first.execute(sa.text("INSERT INTO queue_note VALUES ('first')"))
    done, engine = threading.Event(), db.engine

    def second():
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO queue_note VALUES ('second')"))
        done.set()

    thread = threading.Thread(target=second)
    thread.start()
    if lock_file is not None:
        assert not done.wait(0.3)  # SQLite: it waits for the first writer
    first.commit()
    first.close()
    thread.join(10)
    assert done.is_set()
    rows = db.session.execute(sa.text("SELECT who FROM queue_note ORDER BY who")).scalars().all()
    assert rows == ["first", "second"]
    db.session.execute(sa.text("DROP TABLE queue_note"))
    db.session.commit()


def test_snapshots_compute_before_their_first_write(app, lock_file, accounts, monkeypatch):
    """Recording a snapshot and computing today's figures take seconds at national scale: they compute
    everything before their first write, so that other writers do not wait for them."""
    from datetime import date

    from pairjobs.domain.monitoring import snapshots, stored

    real, seen = snapshots.live_facts, []

    def unwritten() -> bool:
        return free(lock_file) if lock_file is not None else nothing_written()

    def facts(day):
        seen.append(unwritten())
        result = real(day)
        seen.append(unwritten())
        return result

    real_figures = stored.figures

    def figures(*args):
        seen.append(unwritten())
        return real_figures(*args)

    monkeypatch.setattr(snapshots, "live_facts", facts)
    monkeypatch.setattr(stored, "figures", figures)
    snapshots.record(date(2026, 1, 31), publish=True)
    db.session.commit()
    snapshots.compute_today("a key")
    db.session.commit()
    assert seen and all(seen)

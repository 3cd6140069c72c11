"""Cached results of expensive reads, invalidated by data generations.

Each watched table has a generation token (`data_generation`). Any transaction that writes to the
table replaces its token with a new random value just before it commits, so the new token becomes
visible together with the data. A cached value is stored under the tokens of the tables it reads,
and the tokens are read *before* the data: a value is therefore never served once a write to one of
its tables has committed, whichever worker process computed it and whichever worker made the write.

A fragment that shows one row (a position page) can instead be keyed by `content_key`, a digest of
the values it is made from: no generation to read, and a new key whenever a value changes.

ORM flushes and ORM-enabled bulk statements (`session.execute(sa.update(Model)…)`) are tracked
automatically; code that writes through a bare connection calls `mark_changed`. Rows removed by a
database-level cascade (ON DELETE CASCADE) are not seen: delete watched rows through the ORM first, as
`privacy.delete_candidate` does with applications.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable, Iterable
from functools import wraps
from importlib.metadata import PackageNotFoundError, version
from itertools import chain
from typing import TypeVar

import sqlalchemy as sa
from flask import current_app
from flask_babel import get_locale
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pairjobs.extensions import cache, db
from pairjobs.models import DataGeneration

T = TypeVar("T")

# Part of every key: a new release never reads what an earlier one stored (a shared Redis cache).
try:
    RELEASE = version("pairjobs")
except PackageNotFoundError:  # run from a source tree that was not installed
    RELEASE = "unreleased"
# Tables whose changes invalidate cached results.
WATCHED = frozenset({"application", "contract", "credential", "organization", "position"})
_TOUCHED = "pairjobs_touched_tables"
_registered = False
_LOCKS = tuple(threading.Lock() for _ in range(64))
_computing = threading.local()


def cached(name: str, key: tuple, tables: Iterable[str], compute: Callable[[], T]) -> T:
    """compute(), or its cached value for the same name, key and generations of the tables (no tables:
    the key alone determines the value, see `content_key`)."""
    tables = sorted(tables)
    unknown = set(tables) - WATCHED
    if unknown:
        raise ValueError(f"not watched: {sorted(unknown)}")
    if not current_app.config.get("RESULT_CACHE", True) or _written_in_this_transaction(tables):
        return compute()  # what this transaction wrote is not committed: neither read nor stored
    tokens = generations(tables) if tables else {}
    full_key = repr((RELEASE, name, key, tuple(tokens.get(t) for t in tables)))
    hit = cache.get(full_key)
    if hit is None:
        hit = _compute_once(full_key, compute)
    return hit[0]


def generations(tables: Iterable[str]) -> dict[str, int]:
    """The current generation token of each table (a table never written has none)."""
    stmt = sa.select(DataGeneration.name, DataGeneration.token).where(DataGeneration.name.in_(sorted(tables)))
    return dict(db.session.execute(stmt).all())


def _written_in_this_transaction(tables: list[str]) -> bool:
    """Whether the current transaction has written, or is about to write, to one of the tables."""
    session = db.session()
    pending = {getattr(o, "__tablename__", None) for o in chain(session.new, session.dirty, session.deleted)}
    return bool((session.info.get(_TOUCHED, set()) | pending) & set(tables))


def content_key(*objects) -> str:
    """A digest of every column value of the ORM objects: it changes whenever one of them does."""
    values = [(type(o).__name__,
               [getattr(o, a.key) for a in sa.inspect(type(o)).column_attrs]) for o in objects]
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def _compute_once(full_key: str, compute: Callable[[], T]) -> tuple[T]:
    """Compute and store a missing value: one thread of the process computes, the others asking for the
    same value wait for it (a value computed inside another computation takes no lock, so no deadlock)."""
    if getattr(_computing, "active", False):
        hit = (compute(),)
        cache.set(full_key, hit)
        return hit
    with _LOCKS[hash(full_key) % len(_LOCKS)]:
        hit = cache.get(full_key)
        if hit is None:
            _computing.active = True
            try:
                hit = (compute(),)
            finally:
                _computing.active = False
            cache.set(full_key, hit)
    return hit


def cached_by_args(*tables: str, per_locale: bool = False):
    """Decorate a function of repr-stable arguments to cache its result (see `cached`); per_locale
    when the result holds translated text."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        name = f"{function.__module__}.{function.__qualname__}"

        @wraps(function)
        def wrapper(*args, **kwargs):
            key = (args, sorted(kwargs.items()), str(get_locale()) if per_locale else None)
            return cached(name, key, tables, lambda: function(*args, **kwargs))

        wrapper.uncached = function  # type: ignore[attr-defined]  # a function attribute: the original
        return wrapper

    return decorate


def mark_changed(connection_or_session: sa.Connection | Session, tables: Iterable[str]) -> None:
    """Give the tables new generations, in the caller's transaction (for writes the ORM does not see)."""
    dialect = connection_or_session.get_bind().dialect.name if isinstance(connection_or_session, Session) \
        else connection_or_session.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Sorted, so that concurrent transactions take the generation rows' locks in the same order.
    for table in sorted(set(tables) & WATCHED):
        stmt = insert(DataGeneration).values(name=table, token=secrets.randbits(62))
        connection_or_session.execute(stmt.on_conflict_do_update(index_elements=["name"],
                                                                 set_={"token": stmt.excluded.token}))


def _after_flush(session: Session, _context) -> None:
    touched = session.info.setdefault(_TOUCHED, set())
    for obj in chain(session.new, session.deleted, session.dirty):
        table = getattr(obj, "__tablename__", None)
        if (table in WATCHED and table not in touched
                and (obj not in session.dirty or session.is_modified(obj))):
            touched.add(table)


def _orm_execute(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name in WATCHED:
            state.session.info.setdefault(_TOUCHED, set()).add(table.name)


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the generations are renewed at the real commit
        return
    session.flush()
    touched = session.info.pop(_TOUCHED, None)
    if touched:
        mark_changed(session, touched)


def _after_soft_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction; after a savepoint, the rest goes on
        session.info.pop(_TOUCHED, None)


def register_generation_tracking() -> None:
    """Track writes to watched tables in the application's sessions (db.session; not every SQLAlchemy
    session of the process), once per process."""
    global _registered
    if not _registered:
        sa.event.listen(db.session, "after_flush", _after_flush)
        sa.event.listen(db.session, "do_orm_execute", _orm_execute)
        sa.event.listen(db.session, "before_commit", _before_commit)
        sa.event.listen(db.session, "after_soft_rollback", _after_soft_rollback)
        _registered = True

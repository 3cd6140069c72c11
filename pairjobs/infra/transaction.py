"""One unit of work: commit once what a block did, or roll all of it back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pairjobs.extensions import db


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit the session when the block ends normally; roll back on any exception and re-raise it."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise

"""Recording the SQL statements a piece of code runs (query counts, cache hits)."""

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

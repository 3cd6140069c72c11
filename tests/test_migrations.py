"""The migrations build exactly the schema the models declare, and they go down and up again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from pairjobs.extensions import db
from pairjobs.models.base import include_name
from tests.conftest import TEST_DATABASE_URL, reset_postgres_schema

SCHEMA = "migration_test"


@pytest.fixture
def scratch_app(make_app, tmp_path, database_url):
    """An application on its own empty database (SQLite file, or a PostgreSQL schema)."""
    if TEST_DATABASE_URL:
        reset_postgres_schema(database_url, SCHEMA)
        url = sa.engine.make_url(database_url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
        app = make_app(SQLALCHEMY_DATABASE_URI=url.render_as_string(hide_password=False))
    else:
        app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'scratch.sqlite'}")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    if TEST_DATABASE_URL:
        engine = sa.create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
        engine.dispose()


def schema_differences() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        return compare_metadata(context, db.metadata)


def table_names() -> set[str]:
    names = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {n for n in names if include_name(n, "table", {})}


def test_models_and_migrations_agree(scratch_app):
    upgrade()
    assert table_names() == set(db.metadata.tables)
    assert schema_differences() == []


def test_upgrade_downgrade_upgrade(scratch_app):
    upgrade()
    downgrade(revision="base")
    assert table_names() == set()
    upgrade()
    assert table_names() == set(db.metadata.tables)
    assert schema_differences() == []


def test_constraints_are_named_by_convention(scratch_app):
    upgrade()
    inspector = sa.inspect(db.engine)
    for table in db.metadata.tables:
        for fk in inspector.get_foreign_keys(table):
            assert fk["name"] and fk["name"].startswith(f"fk_{table}_"), fk
        for uq in inspector.get_unique_constraints(table):
            assert uq["name"] and uq["name"].startswith(f"uq_{table}_"), uq

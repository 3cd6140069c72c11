"""Test fixtures: one migrated database per run (SQLite, or PostgreSQL via TEST_DATABASE_URL).

The schema is built by the migrations, as in production; each test starts from empty tables.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade
from jinja2.bccache import Bucket, BytecodeCache

from pairjobs import create_app, normalize_database_url
from pairjobs.extensions import cache, db
from tests import factories, typography
from tests.helpers import Api, copy_database, restore_database

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
# argon2id at its smallest memory (8 KiB per lane; TestingConfig has 1 MiB): the suite hashes thousands of
# passwords (every `accounts`), and the hashing itself is tested on its format, not its cost.
CHEAPEST_ARGON2 = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 8, "ARGON2_PARALLELISM": 1}


def pytest_collection_finish(session):
    """Collect garbage less often than Python's default (a generation-0 pass every 700 allocations): the
    suite allocates millions of short-lived objects (requests, rows, templates) and spent 6 % of its
    processor time in the collector; the modules and collected tests are set aside for good (measured: the
    collector's time halves)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_report_header(config):
    return f"database: {redact(TEST_DATABASE_URL) if TEST_DATABASE_URL else 'SQLite (temporary file)'}"


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


# A skipped test would hide a gap on one of the two databases: make the run fail instead.
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\n{len(_skipped)} test(s) were skipped; no test may be skipped: {_skipped}")


def reset_postgres_schema(url: str, schema: str = "public") -> None:
    """Drop and recreate a schema of the test database (the database name must say "test")."""
    engine = sa.create_engine(url)
    if "test" not in (engine.url.database or ""):
        raise RuntimeError("TEST_DATABASE_URL must name a database whose name contains 'test'")
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()


def worker_database(url: str, worker: str) -> str:
    """The database of one pytest-xdist worker (`<name>_gw0`…) on the server of `url`, created if missing."""
    base = sa.engine.make_url(url)
    if "test" not in (base.database or ""):
        raise RuntimeError("TEST_DATABASE_URL must name a database whose name contains 'test'")
    name = f"{base.database}_{worker}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}):
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id) -> str:
    """The URL of the run's database, empty and ready for the migrations.

    Under pytest-xdist each worker has its own: a temporary SQLite file, or on PostgreSQL a database named
    after TEST_DATABASE_URL's and the worker (`pairjobs_test_gw0`), created on the same server.
    """
    if TEST_DATABASE_URL:
        url = normalize_database_url(TEST_DATABASE_URL)
        if worker_id != "master":
            url = worker_database(url, worker_id)
        reset_postgres_schema(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in its own application context.

    Tests hold an app context open; without this, requests would share its `g` (and so
    Flask-Login's and Flask-Babel's per-request caches) and its database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        typography.record(str(args[0] if args and isinstance(args[0], str) else kwargs.get("path", "?")),
                          response)
        return response


class SharedTemplates(BytecodeCache):
    """Compiled templates shared by the run's applications (a test that needs other settings builds its
    own application, which would otherwise compile every template it renders again)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:  # the key covers the template's name and source
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="session")
def make_app(database_url, instance_dir, monkeypatch_session):
    """Build an application on the test database, with setting overrides."""
    monkeypatch_session.setenv("PAIRJOBS_INSTANCE", str(instance_dir))

    templates = SharedTemplates()

    def build(**overrides):
        app = create_app({"PAIRJOBS_ENV": "testing", "SQLALCHEMY_DATABASE_URI": database_url,
                          **CHEAPEST_ARGON2, **overrides})
        app.test_client_class = IsolatedClient
        app.jinja_env.bytecode_cache = templates
        return app

    return build


@pytest.fixture(scope="session")
def monkeypatch_session():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.fixture(scope="session")
def _migrated_app(make_app):
    app = make_app()
    with app.app_context():
        upgrade()
    return app


@pytest.fixture
def app(_migrated_app):
    """The application, inside an app context, on empty tables."""
    with _migrated_app.app_context():
        yield _migrated_app
        db.session.remove()
        cache.clear()  # the tables are emptied behind the application's back
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        documents = Path(_migrated_app.instance_path) / "documents"
        if documents.exists():
            shutil.rmtree(documents)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def api(client) -> Api:
    """The JSON API through `client`: `api.as_(accounts.employer).get(...)`, `api.bearer(user)`."""
    return Api(client)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Sign a test client in and out through the real login form."""

    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = factories.PASSWORD):
        return self._client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class _AccountsImage:
    """The database right after `standard_accounts()` on empty tables, to copy instead of building it again.

    SQLite only (sqlite3's backup API). A copy gives the test the very rows a build gives (the same ids,
    e-mails, hashes and data generations), its objects loaded afresh and expired as after the build's commit.
    """

    def __init__(self):
        self.database: sqlite3.Connection | None = None
        self.ids: dict[str, int] = {}

    @staticmethod
    def tables_are_empty() -> bool:
        exists = " OR ".join(f'EXISTS (SELECT 1 FROM "{t.name}")' for t in db.metadata.sorted_tables)
        return not db.session.scalar(sa.text(f"SELECT {exists}"))

    def save(self, built: factories.StandardAccounts) -> None:
        self.ids = {f.name: getattr(built, f.name).id for f in dataclasses.fields(built)}
        self.database = copy_database()

    def restore(self) -> factories.StandardAccounts:
        restore_database(self.database)
        loaded = {}  # one query per model, not one per account
        for model in {f.type_model for f in _ACCOUNT_FIELDS}:
            ids = [self.ids[f.name] for f in _ACCOUNT_FIELDS if f.type_model is model]
            rows = db.session.scalars(sa.select(model).where(model.id.in_(ids)))
            loaded |= {(model, row.id): row for row in rows}
        fields = {f.name: loaded[f.type_model, self.ids[f.name]] for f in _ACCOUNT_FIELDS}
        db.session.expire_all()
        return factories.StandardAccounts(**fields)


@dataclasses.dataclass
class _Field:
    name: str
    type_model: type


_ACCOUNT_FIELDS = [_Field(f.name, factories.Organization if "organization" in f.name else factories.User)
                   for f in dataclasses.fields(factories.StandardAccounts)]
_accounts_image = _AccountsImage()


@pytest.fixture
def accounts(app, database_url, request):
    """One account of each kind, with the organizations they need.

    On SQLite, when the tables are empty, a copy of the first such build (`_AccountsImage`) is what the
    test gets: the same rows, in a few milliseconds instead of nine domain creations. Tests that move the
    clock (time_machine) always get a fresh build, timestamped on their clock.
    """
    copyable = database_url.startswith("sqlite:") and "time_machine" not in request.fixturenames \
        and not hasattr(request.module, "time_machine") and _AccountsImage.tables_are_empty()
    if copyable and _accounts_image.database is not None:
        return _accounts_image.restore()
    built = factories.standard_accounts()
    if copyable:
        _accounts_image.save(built)
        db.session.expire_all()
    return built

"""Helpers shared by the tests: request headers, the JSON API client, signing in, a free port."""

from __future__ import annotations

import base64
import io
import json
import socket
import sqlite3
import urllib.error
import urllib.request

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import OutboxMessage
from tests import factories

EN = {"Accept-Language": "en"}


def pdf(*, javascript: str | None = None, attachment: bool = False, launch: bool = False,
        escaped_script: bool = False) -> bytes:
    """A real one-page PDF (pypdf), plain unless asked to carry active content (`escaped_script`: a page
    action whose names are written with #-escapes, /J#61vaScript and /J#53, as a hiding attempt would)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if escaped_script:  # placeholders of the same length, replaced in the bytes (offsets unchanged)
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
            NameObject("/S"): NameObject("/JQQQvaScript"), NameObject("/JQQQ"): TextStringObject("x")})})
    if javascript is not None:  # run when the document opens
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)})
    if attachment:
        writer.add_attachment("payload.txt", b"hello")
    if launch:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue().replace(b"/JQQQvaScript", b"/J#61vaScript").replace(b"/JQQQ", b"/J#53")


PDF = pdf()  # a plain certificate


def basic(email: str, password: str = factories.PASSWORD) -> dict:
    """The HTTP Basic header of an account (what the token endpoint takes)."""
    return {"Authorization": "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()}


def count(model) -> int:
    """How many rows a model has."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def mails_to(address: str) -> list[OutboxMessage]:
    """The messages queued or kept for an address, oldest first (as the database has them now)."""
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == address)
                                   .order_by(OutboxMessage.id)))


def bearer_header(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def post_json(url: str, headers: dict, body=None, timeout: float = 60) -> int:
    """POST a JSON body to a live server; the status code, whatever it is."""
    request = urllib.request.Request(url, data=json.dumps(body or {}).encode(), method="POST",
                                     headers=headers | {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Api:
    """The JSON API through a test client, as one account: every request carries its bearer token.

    `api.as_(user)` gives the client of an account (tokens are issued by POST /api/v1/tokens, as a
    script would get them); `api.bearer(user)` gives just the header, for other clients or live servers.
    Bodies go as JSON (`json=`), answers are read with `.json`.
    """

    def __init__(self, client, headers: dict | None = None):
        self.client = client
        self.headers = dict(headers or {})

    def using(self, client) -> Api:
        """The same account's requests, through another test client (another application, another worker)."""
        return Api(client, self.headers)

    def token(self, user, password: str = factories.PASSWORD) -> str:
        """A fresh API token of the account."""
        response = self.client.post("/api/v1/tokens", headers=basic(user.email, password))
        assert response.status_code == 201, response.json
        return response.json["token"]

    def bearer(self, user, headers: dict | None = None) -> dict:
        """The Authorization header of a fresh token of the account (plus the other headers given)."""
        return bearer_header(self.token(user)) | (headers or {})

    def as_(self, user, headers: dict | None = None) -> Api:
        """The client of the account (sending the other headers given too, e.g. `EN`)."""
        return Api(self.client, self.headers | self.bearer(user, headers))

    def with_token(self, token: str) -> Api:
        return Api(self.client, self.headers | bearer_header(token))

    def open(self, url, method="GET", headers=None, **kwargs):
        return self.client.open(url, method=method, headers=self.headers | (headers or {}), **kwargs)

    def get(self, url, **kwargs):
        return self.open(url, "GET", **kwargs)

    def post(self, url, **kwargs):
        return self.open(url, "POST", **kwargs)

    def put(self, url, **kwargs):
        return self.open(url, "PUT", **kwargs)

    def patch(self, url, **kwargs):
        return self.open(url, "PATCH", **kwargs)

    def delete(self, url, **kwargs):
        return self.open(url, "DELETE", **kwargs)


def signed_in(app, user, password: str = factories.PASSWORD):
    """A new test client of the application, signed in as the account through the login form."""
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": password})
    return client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_database() -> sqlite3.Connection:
    """An in-memory copy of the test SQLite database as it is now (SQLite's backup API)."""
    image = sqlite3.connect(":memory:", check_same_thread=False)
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.backup(image)
    finally:
        raw.close()
    return image


def restore_database(image: sqlite3.Connection) -> None:
    """Put a copy made by copy_database back in place of the test database."""
    db.session.close()
    raw = db.engine.raw_connection()
    try:
        image.backup(raw.driver_connection)
    finally:
        raw.close()


class BuiltOnce:
    """Rows a module's tests share, built on the standard accounts: on SQLite, the database is copied after
    the first build and put back for each later test (the same rows and ids, without building them again);
    on PostgreSQL they are built for each test. The accounts' objects are not to be used beside them."""

    def __init__(self):
        self.database: sqlite3.Connection | None = None
        self.ids: dict[str, tuple[type, int]] = {}

    def get(self, database_url: str, build) -> dict:
        """The rows by name: built (and copied, the first time), or put back and loaded."""
        if not database_url.startswith("sqlite:"):
            return build()
        if self.database is None:
            built = build()
            db.session.commit()
            self.ids = {name: (type(row), row.id) for name, row in built.items()}
            self.database = copy_database()
            return built
        restore_database(self.database)
        return {name: db.session.get(model, key) for name, (model, key) in self.ids.items()}

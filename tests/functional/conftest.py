"""Fixtures of the functional tests: a real SMTP server (aiosmtpd) and the application sending to it."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from pairjobs.extensions import cache, db
from pairjobs.models import OutboxMessage
from tests import typography
from tests.helpers import free_port


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages received for an address, in order."""
        return [m for rcpts, m in self.messages if address in rcpts]


@pytest.fixture(autouse=True)
def french_typography(app):
    """Every French page the test rendered, and every French e-mail it queued, follows French typography
    (tests/typography.py)."""
    typography.rendered.clear()
    yield
    mails = [(f"e-mail to {m.recipient} ({m.subject})", f"{m.subject}\n{m.body}")
             for m in db.session.scalars(sa.select(OutboxMessage)) if "Bonjour" in m.body]
    faults = typography.problems(typography.rendered + mails)
    assert not faults, "French typography:\n" + "\n".join(faults[:20])


@pytest.fixture(scope="session")
def _smtp_server():
    """One SMTP server for the run; each test reads a fresh inbox (`smtp`)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def smtp(_smtp_server):
    controller, inbox = _smtp_server
    inbox.messages.clear()
    return controller, inbox


@pytest.fixture(scope="session")
def _mail_app(make_app, _migrated_app, _smtp_server):
    controller, _inbox = _smtp_server
    return make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_TIMEOUT=5)


@pytest.fixture
def mail_app(_mail_app, app, smtp):
    """The application delivering its mail to the test's SMTP server (built once for the run; its result
    cache is emptied after each test, as the tables are)."""
    yield _mail_app
    with _mail_app.app_context():
        cache.clear()

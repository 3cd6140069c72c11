"""Mail transport: rendering a mail template, SMTP delivery, and delivery after each commit.

A failing SMTP server never blocks or loses anything: the message stays in the outbox, marked
failed, and `flask --app pairjobs send-mail` tries again.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session, scoped_session

from pairjobs.extensions import db
from pairjobs.infra.invitations import method_of
from pairjobs.infra.text import clean_line
from pairjobs.models import MailState, OutboxMessage
from pairjobs.models.base import utcnow

QUEUED = "pairjobs.queued_mail"
# A personal secret in a message (a single-use link) is written between these marks: sent as it is, then
# erased from the stored message once delivered, so that the outbox never keeps it.
SECRET = "\ue000"
_SECRET = re.compile(f"{SECRET}[^{SECRET}]*{SECRET}")
ERASED = "[…]"


def secret(text: str) -> str:
    """Mark a personal secret of a message (see SECRET)."""
    return f"{SECRET}{text}{SECRET}"


def readable(body: str) -> str:
    """The message as sent: its secrets without their marks."""
    return body.replace(SECRET, "")


def erased(body: str) -> str:
    """The message as kept once sent: its secrets erased."""
    return _SECRET.sub(ERASED, body)
MAX_ATTEMPTS = 8  # after that a message stays failed, visible on the outbox page


def render_mail(template: str, locale: str, **context) -> str:
    """templates/mail/<template>.txt rendered in a language."""
    with force_locale(locale):
        return render_template(f"mail/{template}.txt", **context)


def remember_queued(session: Session | scoped_session[Any], message: OutboxMessage) -> None:
    """Note a message stored in this transaction, to be delivered once it commits."""
    session.info.setdefault(QUEUED, []).append(message)


def deliver_pending(limit: int = 100, ids: list[int] | None = None,
                    session: Session | scoped_session[Any] | None = None) -> tuple[int, int]:
    """Send waiting messages (those given, or every pending and failed one under the attempt cap).

    Returns (sent, failed). Each outcome is committed at once, so a crash loses nothing, and one bad
    message never stops the others.
    """
    if current_app.config["MAIL_BACKEND"] != "smtp":
        return 0, 0
    session = session or db.session
    stmt = sa.select(OutboxMessage).where(OutboxMessage.state.in_([MailState.PENDING, MailState.FAILED]),
                                          OutboxMessage.attempts < MAX_ATTEMPTS)
    if ids is not None:
        if not ids:
            return 0, 0
        stmt = stmt.where(OutboxMessage.id.in_(ids))
    messages = session.scalars(stmt.order_by(OutboxMessage.id).limit(limit)).all()
    sent = failed = 0
    for message in messages:
        try:
            _send(message)
        except Exception as exc:
            message.state = MailState.FAILED
            message.last_error = f"{type(exc).__name__}: {exc}"[:300]
            current_app.logger.warning("Mail %s to %s failed: %s", message.id, message.recipient,
                                       message.last_error)
            failed += 1
        else:
            message.state = MailState.SENT
            message.body = erased(message.body)
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        message.attempts += 1
        session.commit()
    return sent, failed


def _deliver_after_commit(session: Session) -> None:
    """After a commit, try to deliver the messages it stored; the rest is for `send-mail`.

    The committed session can emit no SQL here, so the delivery (which commits its attempt counters)
    runs in a session of its own: it never re-enters this hook, nor touches the caller's objects.
    """
    if session.in_nested_transaction():  # a savepoint: the messages are not committed yet
        return
    messages = session.info.pop(QUEUED, None)
    if not messages:
        return
    ids = [key[0] for m in messages if (key := sa.inspect(m).identity) is not None]
    if not ids or current_app.config["MAIL_BACKEND"] != "smtp":
        return
    with Session(session.get_bind(OutboxMessage.__mapper__)) as own:
        try:
            deliver_pending(ids=ids, session=own)
        except Exception:  # never let mail break the work that already succeeded
            own.rollback()
            current_app.logger.exception("Mail delivery failed")


def _forget_after_rollback(session: Session, previous_transaction) -> None:
    """Messages of a rolled-back transaction were never stored: nothing to deliver."""
    if previous_transaction.parent is None:
        session.info.pop(QUEUED, None)


def register_mail_delivery() -> None:
    """Deliver queued mail after each commit of db.session (once per process)."""
    if not sa.event.contains(db.session, "after_commit", _deliver_after_commit):
        sa.event.listen(db.session, "after_commit", _deliver_after_commit)
        sa.event.listen(db.session, "after_soft_rollback", _forget_after_rollback)


def _send(message: OutboxMessage) -> None:
    cfg = current_app.config
    email = EmailMessage()
    email["From"] = cfg["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = clean_line(message.subject)  # also for a message stored before subjects were cleaned
    email["Message-ID"] = make_msgid(domain="pairjobs")
    email.set_content(readable(message.body))
    if message.calendar:  # an invitation: calendars read the text/calendar part, with its method
        email.add_attachment(message.calendar, subtype="calendar", filename="invitation.ics",
                             params={"method": method_of(message.calendar)})
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg["MAIL_TIMEOUT"]) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())  # verifies the server's certificate
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        smtp.send_message(email)

"""E-mail: messages are stored in the outbox with the change that causes them, then delivered.

A failing SMTP server never blocks or loses anything: the message stays in the outbox, marked
failed, and `flask --app pairjobs send-mail` tries again.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale

from pairjobs.extensions import db
from pairjobs.models import MailState, OutboxMessage, User
from pairjobs.models.base import utcnow

QUEUED = "pairjobs.queued_mail"
MAX_ATTEMPTS = 8  # after that a message stays failed, visible on the outbox page
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def queue_mail(user: User, template: str, **context) -> OutboxMessage:
    """Render templates/mail/<template>.txt in the user's language and store it; flushes only.

    The first line of the rendered template is the subject.
    """
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        text = render_template(f"mail/{template}.txt", user=user, **context)
    subject, _sep, body = text.strip().partition("\n")
    subject = _CONTROL.sub(" ", subject).strip()  # a header never carries a line break
    backend = current_app.config["MAIL_BACKEND"]
    message = OutboxMessage(
        recipient=user.email,
        subject=subject.strip()[:200],
        body=body.strip() + "\n",
        state=MailState.OUTBOX if backend == "outbox" else MailState.PENDING,
    )
    db.session.add(message)
    # Remembered on the session so that the caller can deliver it right after committing.
    db.session.info.setdefault(QUEUED, []).append(message)
    if backend == "outbox":
        current_app.logger.info("Outbox: to %s: %s", message.recipient, message.subject)
    return message


def deliver_pending(limit: int = 100, ids: list[int] | None = None) -> tuple[int, int]:
    """Send waiting messages (those given, or every pending and failed one under the attempt cap).

    Returns (sent, failed). Each outcome is committed at once, so a crash loses nothing, and one bad
    message never stops the others.
    """
    if current_app.config["MAIL_BACKEND"] != "smtp":
        return 0, 0
    stmt = sa.select(OutboxMessage).where(OutboxMessage.state.in_([MailState.PENDING, MailState.FAILED]),
                                          OutboxMessage.attempts < MAX_ATTEMPTS)
    if ids is not None:
        if not ids:
            return 0, 0
        stmt = stmt.where(OutboxMessage.id.in_(ids))
    messages = db.session.scalars(stmt.order_by(OutboxMessage.id).limit(limit)).all()
    sent = failed = 0
    for message in messages:
        try:
            _send(message)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried later
            message.state = MailState.FAILED
            message.last_error = f"{type(exc).__name__}: {exc}"[:300]
            current_app.logger.warning("Mail %s to %s failed: %s", message.id, message.recipient, message.last_error)
            failed += 1
        else:
            message.state = MailState.SENT
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        message.attempts += 1
        db.session.commit()
    return sent, failed


def deliver_after_commit() -> None:
    """Try to deliver the messages queued in this session's committed work; the rest is for `send-mail`."""
    messages = db.session.info.pop(QUEUED, [])
    try:
        deliver_pending(ids=[m.id for m in messages if m.id is not None])
    except Exception:  # never let mail break the request that already succeeded
        db.session.rollback()
        current_app.logger.exception("Mail delivery failed")


def _send(message: OutboxMessage) -> None:
    cfg = current_app.config
    email = EmailMessage()
    email["From"] = cfg["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="pairjobs")
    email.set_content(message.body)
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg["MAIL_TIMEOUT"]) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())  # verifies the server's certificate
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        smtp.send_message(email)

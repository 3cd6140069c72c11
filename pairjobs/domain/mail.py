"""E-mail: messages are stored in the outbox with the change that causes them; flushes only.

They are delivered once that change commits (pairjobs.infra.mail); a failing SMTP server never
blocks or loses anything: the message stays in the outbox and `flask --app pairjobs send-mail`
tries again.
"""

from __future__ import annotations

from flask import current_app

from pairjobs.domain.notifications import wants
from pairjobs.extensions import db
from pairjobs.infra.mail import remember_queued, render_mail
from pairjobs.infra.text import clean_line
from pairjobs.models import MailState, OutboxMessage, User


def queue_mail(user: User, template: str, calendar: str | None = None, **context) -> OutboxMessage | None:
    """Render templates/mail/<template>.txt in the user's language and store it; flushes only.

    The first line of the rendered template is the subject; `calendar` is an invitation sent with it
    (pairjobs.infra.invitations). Nothing is sent (None) when the person turned this kind of e-mail off.
    """
    if not wants(user, template):
        return None
    text = render_mail(template, user.locale or current_app.config["BABEL_DEFAULT_LOCALE"],
                       user=user, **context)
    subject, _sep, body = text.strip().partition("\n")
    subject = clean_line(subject).strip()  # a header never carries a line break or a control character
    backend = current_app.config["MAIL_BACKEND"]
    if user.id is None:  # a new account: its id ties the message to it (deleted with it)
        db.session.flush()
    message = OutboxMessage(
        recipient=user.email,
        user_id=user.id,
        subject=subject.strip()[:200],
        body=body.strip() + "\n",
        calendar=calendar,
        state=MailState.OUTBOX if backend == "outbox" else MailState.PENDING,
    )
    db.session.add(message)
    remember_queued(db.session, message)  # delivered right after the commit
    if backend == "outbox":
        current_app.logger.info("Outbox: to %s: %s", message.recipient, message.subject)
    return message

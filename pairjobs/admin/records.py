"""Administration records: credentials to check, the outbox and the audit log."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.admin.forms import VerifyCredentialForm
from pairjobs.admin.views import bp, listing, words
from pairjobs.domain import candidates
from pairjobs.extensions import db
from pairjobs.infra.clock import PARIS
from pairjobs.models import AuditEntry, Credential, OutboxMessage, Role, User, Verification
from pairjobs.web import labels
from pairjobs.web.access import roles_required
from pairjobs.web.transaction import FAILED, form_change


@bp.get("/credentials")
@roles_required(Role.ADMIN)
def credentials():
    """Credentials waiting for a check, oldest first, searched by title, institution or owner."""
    q, found = words(Credential.title, Credential.institution, User.name, User.email)
    stmt = sa.select(Credential).join(User, Credential.user_id == User.id).where(
        Credential.verification == Verification.PENDING)
    if found is not None:
        stmt = stmt.where(found)
    result = listing(stmt, (Credential.created_at, Credential.id), (sa.orm.joinedload(Credential.user),))
    return render_template("admin/credentials.html", result=result, q=q, form=VerifyCredentialForm())


@bp.post("/credentials/<int:credential_id>/verify")
@roles_required(Role.ADMIN)
def verify_credential(credential_id: int):
    """Record the outcome of a check."""
    credential = db.get_or_404(Credential, credential_id)
    form = VerifyCredentialForm()
    if not form.validate_on_submit():
        abort(400)
    if form_change(None, lambda: candidates.verify_credential(credential, current_user, form.outcome.data,
                                                               form.reason.data)) is not FAILED:
        flash(_("The check is recorded."), "success")
    return redirect(url_for("admin.credentials"))


@bp.get("/outbox")
@roles_required(Role.ADMIN)
def outbox():
    """E-mails, newest first, with their delivery state; searched by recipient or subject."""
    q, found = words(OutboxMessage.recipient, OutboxMessage.subject)
    stmt = sa.select(OutboxMessage) if found is None else sa.select(OutboxMessage).where(found)
    result = listing(stmt, (OutboxMessage.id.desc(),))
    return render_template("admin/outbox.html", result=result, q=q)


@bp.get("/audit")
@roles_required(Role.ADMIN)
def audit_log():
    """Sensitive actions, newest first, searched by subject or actor, filtered by action and by day (from,
    to; France's days)."""
    q, found = words(AuditEntry.subject, User.name, User.email)
    stmt = sa.select(AuditEntry).outerjoin(User, User.id == AuditEntry.actor_id)
    if found is not None:
        stmt = stmt.where(found)
    action = request.args.get("action", "")
    if action in labels.AUDIT_ACTIONS:
        stmt = stmt.where(AuditEntry.action == action)
    days = {name: _day(request.args.get(name)) for name in ("from", "to")}
    if days["from"]:
        stmt = stmt.where(AuditEntry.at >= datetime.combine(days["from"], time.min, PARIS))
    if days["to"]:
        stmt = stmt.where(AuditEntry.at < datetime.combine(days["to"] + timedelta(days=1), time.min, PARIS))
    result = listing(stmt, (AuditEntry.at.desc(), AuditEntry.id.desc()),
                     (sa.orm.joinedload(AuditEntry.actor), sa.orm.joinedload(AuditEntry.organization)))
    args = {k: v for k, v in {"q": q, "action": action, **days}.items() if v}
    return render_template("admin/audit.html", result=result, q=q, action=action, days=days, args=args,
                           bad_days=[n for n in days if request.args.get(n) and days[n] is None])


def _day(text: str | None) -> date | None:
    """A day of the filter (YYYY-MM-DD), or None when absent or not a date of 1900–2100."""
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if date(1900, 1, 1) <= day <= date(2100, 12, 31) else None

"""Supervision sessions from a month's CSV file, and the file to fill (one by one: the contract's page)."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pairjobs.domain import supervision
from pairjobs.employer.contracts import contract_page
from pairjobs.employer.forms import SessionImportForm
from pairjobs.employer.views import bp
from pairjobs.infra.clock import today
from pairjobs.models import Role
from pairjobs.schemas.base import load
from pairjobs.schemas.supervision import SessionSchema
from pairjobs.web.access import managed_contract_or_404, roles_required, visible_session_or_404
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.transaction import FAILED, form_change, unit_of_work


def _month(text: str | None) -> date | None:
    """The first day of a month written YYYY-MM (what a month input sends), or None."""
    try:
        year, month = (int(part) for part in (text or "").strip().split("-"))
        return date(year, month, 1)
    except (ValueError, OverflowError):
        return None


def read_line(row: dict[str, str]) -> dict:
    """A line of the file typed by the session's schema (ValidationFailed by column)."""
    return load(SessionSchema(), row)


@bp.post("/contracts/<int:contract_id>/supervision-sessions/import")
@roles_required(Role.EMPLOYER, approved=True)
def import_sessions(contract_id: int):
    """Import a month's sessions: every line or none, with each line's errors."""
    item = managed_contract_or_404(contract_id, current_user)
    form = SessionImportForm()
    if not form.validate_on_submit():
        return contract_page(item, import_form=form)
    month, upload = _month(form.month.data), form.file.data
    if month is None or not date(1900, 1, 1) <= month <= today():
        form.month.errors = [_("Choose a month up to this one (YYYY-MM).")]
        return contract_page(item, import_form=form)
    if upload is None or not getattr(upload, "filename", ""):
        form.file.errors = [_("Choose a file.")]
        return contract_page(item, import_form=form)
    with unit_of_work():  # every session of the file, or none
        report = supervision.import_month(item, month, upload.stream.read(supervision.MAX_CSV_BYTES + 1),
                                          read_line, current_user, today())
    if not report.ok:
        return contract_page(item, import_form=form, report=report)
    message = ngettext("%(num)d session imported.", "%(num)d sessions imported.", report.added)
    if report.already:
        message += " " + ngettext("%(num)d was already recorded.", "%(num)d were already recorded.",
                                  report.already)
    flash(message, "success")
    return redirect(url_for("employer.contract", contract_id=item.id, _anchor="supervision"))


@bp.get("/supervision-sessions/template.csv")
@roles_required(Role.EMPLOYER, approved=True)
def sessions_template():
    """The file to fill in: the columns and an example line."""
    return Response(supervision.template_csv(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="pairjobs-seances-supervision-modele.csv"'})


@bp.post("/supervision-sessions/<int:session_id>/delete")
@roles_required(Role.EMPLOYER, approved=True)
def delete_session(session_id: int):
    """Delete a session recorded by mistake (not one the peer worker said was not held)."""
    session = visible_session_or_404(session_id, current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    contract_id = session.contract_id
    if form_change(None, lambda: supervision.remove(session)) is not FAILED:
        flash(_("The session is deleted."), "success")
    return redirect(url_for("employer.contract", contract_id=contract_id, _anchor="supervision"))

"""The organization's contracts: terms, renewal, conversion to a permanent contract, end; with their flags."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pairjobs.domain import contracts as ops
from pairjobs.domain import supervision
from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.supervision import CsvReport
from pairjobs.employer.forms import ContractActionForm, ContractTermsForm, SessionForm, SessionImportForm
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role
from pairjobs.schemas.base import load
from pairjobs.schemas.contracts import ContractSchema, ConvertSchema, EndSchema, RenewSchema
from pairjobs.schemas.supervision import SessionSchema
from pairjobs.web.access import managed_contract_or_404, roles_required
from pairjobs.web.confirm import ask, confirmed
from pairjobs.web.forms import ConfirmForm, form_data, form_values, small_int
from pairjobs.web.transaction import FAILED, form_change

PATHS = ContractSchema.paths()


@bp.get("/contracts")
@roles_required(Role.EMPLOYER, approved=True)
def contracts():
    """Every contract of the organization, active first, with its flags."""
    rows = db.session.scalars(
        sa.select(Contract).where(Contract.organization_id == current_user.organization_id)
        .options(sa.orm.joinedload(Contract.person)).order_by(Contract.state, Contract.start_date.desc())
    ).all()
    computed, as_of = ContractFlags(rows), today()
    flags = {c.id: computed.person_flags(c, as_of) for c in rows}
    return render_template("employer/contracts.html", contracts=rows, flags=flags)


ACTIONS = {
    "decision": (lambda c, f, v: ops.record_decision(c, f.decision.data, v), _l("Decision recorded.")),
    "renew": (lambda c, f, v: ops.renew(c, load(RenewSchema(), {
        "duration_months": f.duration_months.data, "end_date": f.end_date.data}, partial=True), v),
        _l("The contract is renewed.")),
    "convert": (lambda c, f, v: ops.convert(c,
                                            load(ConvertSchema(),
                                                 {"start_date": f.start_date.data}, partial=True),
                                            v), _l("The contract is converted to a permanent contract.")),
    "end": (lambda c, f, v: _end(c,
                                 load(EndSchema(),
                                      {"reason": f.reason.data, "end_date": f.end_date.data}), v),
            _l("The contract is ended.")),
}


def _end(contract: Contract, values: dict, version: int | None) -> None:
    ops.end(contract, values["reason"], values.get("end_date"), version)


def _version(field) -> int | None:
    return small_int(field.data)


@bp.route("/contracts/<int:contract_id>", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def contract(contract_id: int):
    """A contract: its terms (editable while active), its chain, its flags, the next decision, and the
    supervision sessions held."""
    item = managed_contract_or_404(contract_id, current_user)
    if request.method == "GET":
        terms = ContractTermsForm(data=form_data(ops.current_terms(item), PATHS) | {"version": item.version})
    else:
        terms = ContractTermsForm()
    if request.form.get("form") == "terms" and terms.validate_on_submit():
        saved = form_change(terms, lambda: ops.update_terms(
            item, load(ContractSchema(), form_values(terms)), _version(terms.version)), PATHS)
        if saved is not FAILED:
            flash(_("The terms are saved."), "success")
            return redirect(url_for("employer.contract", contract_id=item.id))
    sessions = SessionForm() if request.form.get("form") == "session" else SessionForm(formdata=None)
    if request.form.get("form") == "session" and sessions.validate_on_submit():
        recorded = form_change(sessions, lambda: supervision.record(
            item, load(SessionSchema(), form_values(sessions)), current_user, today()))
        if recorded is not FAILED:
            flash(_("The session is recorded."), "success")
            return redirect(url_for("employer.contract", contract_id=item.id, _anchor="supervision"))
    return contract_page(item, terms=terms, session_form=sessions)


def contract_page(item: Contract, terms: ContractTermsForm | None = None,
                  session_form: SessionForm | None = None, import_form: SessionImportForm | None = None,
                  report: CsvReport | None = None) -> str:
    """The page of a contract, with the forms as submitted (or fresh)."""
    computed, as_of = ContractFlags([item]), today()
    history = sorted(computed.history(item), key=lambda c: (c.start_date, c.id))
    if terms is None:
        terms = ContractTermsForm(formdata=None,
                                  data=form_data(ops.current_terms(item), PATHS) | {"version": item.version})
    return render_template("employer/contract.html", contract=item, terms=terms, history=history,
                           flags=computed.person_flags(item, as_of),
                           action_form=ContractActionForm(formdata=None, data={"version": item.version}),
                           sessions=supervision.sessions_of(item),
                           delivered=computed.supervision(item, as_of),
                           session_form=session_form or SessionForm(formdata=None),
                           import_form=import_form or SessionImportForm(formdata=None), report=report,
                           delete_form=ConfirmForm(formdata=None))


@bp.post("/contracts/<int:contract_id>/act")
@roles_required(Role.EMPLOYER, approved=True)
def contract_action(contract_id: int):
    """Record a decision, renew, convert or end a contract."""
    item = managed_contract_or_404(contract_id, current_user)
    form = ContractActionForm()
    if not form.validate_on_submit() or form.action.data not in ACTIONS:
        abort(400)
    if form.action.data == "end" and not confirmed():
        question = _("End this contract? The end is recorded for the person and counted in the regional "
                     "figures.")
        return ask(_("End the contract"), question, _("Yes, end the contract"),
                   url_for("employer.contract", contract_id=contract_id))
    action, success = ACTIONS[form.action.data]
    result = form_change(None, lambda: action(item, form, _version(form.version)))
    if result is FAILED:
        return redirect(url_for("employer.contract", contract_id=contract_id))
    flash(str(success), "success")
    target = result.id if isinstance(result, Contract) else contract_id
    return redirect(url_for("employer.contract", contract_id=target))

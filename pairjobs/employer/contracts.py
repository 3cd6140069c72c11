"""The organization's contracts: terms, renewal, conversion to a permanent contract, end; with their flags."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pairjobs.domain import contracts as ops
from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.errors import DomainError
from pairjobs.employer.forms import ContractActionForm, ContractTermsForm
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role
from pairjobs.web.access import managed_contract_or_404, roles_required
from pairjobs.web.forms import show_domain_error, small_int


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
    "renew": (lambda c, f, v: ops.renew(c,
                                        {"duration_months": f.duration_months.data,
                                         "end_date": f.end_date.data},
                                        v), _l("The contract is renewed.")),
    "convert": (lambda c, f, v: ops.convert(c, {"start_date": f.start_date.data}, v),
                _l("The contract is converted to a permanent contract.")),
    "end": (lambda c, f, v: ops.end(c, {"reason": f.reason.data, "end_date": f.end_date.data}, v),
            _l("The contract is ended.")),
}


def _version(field) -> int | None:
    return small_int(field.data)


@bp.route("/contracts/<int:contract_id>", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def contract(contract_id: int):
    """A contract: its terms (editable while active), its chain, its flags and the next decision."""
    item = managed_contract_or_404(contract_id, current_user)
    if request.method == "GET":
        values = {k: ("" if v is None else v) for k, v in ops.current_terms(item).items()}
        terms = ContractTermsForm(data=values | {"version": item.version})
    else:
        terms = ContractTermsForm()
    if request.form.get("form") == "terms" and terms.validate_on_submit():
        try:
            ops.update_terms(item, terms.raw(), _version(terms.version))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(terms, exc)
        except sa.orm.exc.StaleDataError:
            db.session.rollback()
            flash(_("Someone else changed this contract meanwhile. Reload it to see their change."), "error")
        else:
            flash(_("The terms are saved."), "success")
            return redirect(url_for("employer.contract", contract_id=item.id))
    computed = ContractFlags([item])
    history = sorted(computed.history(item), key=lambda c: (c.start_date, c.id))
    return render_template("employer/contract.html", contract=item, terms=terms, history=history,
                           flags=computed.person_flags(item, today()),
                           action_form=ContractActionForm(formdata=None, data={"version": item.version}))


@bp.post("/contracts/<int:contract_id>/act")
@roles_required(Role.EMPLOYER, approved=True)
def contract_action(contract_id: int):
    """Record a decision, renew, convert or end a contract."""
    item = managed_contract_or_404(contract_id, current_user)
    form = ContractActionForm()
    if not form.validate_on_submit() or form.action.data not in ACTIONS:
        abort(400)
    action, success = ACTIONS[form.action.data]
    try:
        result = action(item, form, _version(form.version))
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(" ".join(m for ms in exc.fields.values() for m in ms) or exc.message, "error")
        return redirect(url_for("employer.contract", contract_id=contract_id))
    except sa.orm.exc.StaleDataError:
        db.session.rollback()
        flash(_("Someone else changed this contract meanwhile. Reload it to see their change."), "error")
        return redirect(url_for("employer.contract", contract_id=contract_id))
    flash(str(success), "success")
    target = result.id if isinstance(result, Contract) else contract_id
    return redirect(url_for("employer.contract", contract_id=target))

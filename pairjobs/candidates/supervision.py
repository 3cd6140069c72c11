"""The peer worker's supervision: the sessions their employers recorded for their contracts, and their word
when one was not held."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.candidates.views import bp
from pairjobs.domain import supervision
from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role
from pairjobs.web.access import own_session_or_404, roles_required
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.transaction import FAILED, form_change


@bp.get("/supervision")
@roles_required(Role.CANDIDATE)
def supervision_sessions():
    """Each of the peer worker's contracts (running first) with the sessions recorded and those delivered."""
    contracts = db.session.scalars(sa.select(Contract).where(Contract.person_id == current_user.id)
                                   .options(sa.orm.joinedload(Contract.organization))
                                   .order_by(Contract.state, Contract.start_date.desc())).all()
    computed, as_of = ContractFlags(contracts), today()
    return render_template("candidates/supervision.html", contracts=contracts, contest_form=ConfirmForm(),
                           sessions=supervision.sessions_by_contract(contracts),
                           delivered={c.id: computed.supervision(c, as_of) for c in contracts})


@bp.post("/supervision-sessions/<int:session_id>/contest")
@roles_required(Role.CANDIDATE)
def contest_session(session_id: int):
    """Say a session was not held: kept beside the employer's record."""
    session = own_session_or_404(session_id, current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    note = request.form.get("note", "")
    if len(note) > 500:
        flash(_("Your note is too long: 500 characters at most."), "error")
    elif form_change(None, lambda: supervision.contest(session, note)) is not FAILED:
        flash(_("Recorded: you say this session was not held. Your employer sees it, and it is no longer "
                "counted as held."), "success")
    return redirect(url_for("candidates.supervision_sessions", _anchor=f"contract-{session.contract_id}"))

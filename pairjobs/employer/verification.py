"""Verification campaigns for the employers drawn: the contracts drawn, their proofs, the decisions and the
one answer to a refusal."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.domain import verification
from pairjobs.employer.forms import ProofForm, VerificationAnswerForm
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role, VerificationItem
from pairjobs.web.access import roles_required
from pairjobs.web.documents import send_document
from pairjobs.web.transaction import FAILED, form_change


def _own_item_or_404(item_id: int) -> VerificationItem:
    item = db.session.get(VerificationItem, item_id)
    if item is None or item.organization_id != current_user.organization_id:
        abort(404)
    return item


@bp.get("/verifications")
@roles_required(Role.EMPLOYER, approved=True)
def verifications():
    """The organization's drawn contracts, the latest campaign first."""
    items = db.session.scalars(sa.select(VerificationItem).where(
        VerificationItem.organization_id == current_user.organization_id)
        .options(sa.orm.joinedload(VerificationItem.campaign),
                 sa.orm.joinedload(VerificationItem.contract).joinedload(Contract.person))
        .order_by(VerificationItem.campaign_id.desc(), VerificationItem.id)).all()
    return render_template("employer/verifications.html", items=items, today=today(),
                           proof_form=ProofForm(formdata=None),
                           answer_form=VerificationAnswerForm(formdata=None),
                           verified=verification.verified(items, today()))


@bp.post("/verifications/items/<int:item_id>/proof")
@roles_required(Role.EMPLOYER, approved=True)
def send_verification_proof(item_id: int):
    """Send the proofs of a drawn contract (a PDF)."""
    item = _own_item_or_404(item_id)
    form = ProofForm()
    if not form.validate_on_submit():
        abort(400)
    upload = form.document.data
    if upload is None or not getattr(upload, "filename", ""):
        flash(_("Choose a PDF file."), "error")
    elif form_change(None, lambda: verification.send_proof(item, upload.stream, upload.filename,
                                                           today())) is not FAILED:
        flash(_("The proofs are sent; the regional health agency is told."), "success")
    return redirect(url_for("employer.verifications", _anchor=f"item-{item.id}"))


@bp.post("/verifications/items/<int:item_id>/answer")
@roles_required(Role.EMPLOYER, approved=True)
def answer_verification(item_id: int):
    """Answer a refusal, once."""
    item = _own_item_or_404(item_id)
    form = VerificationAnswerForm()
    if not form.validate_on_submit():
        abort(400)
    if form_change(None, lambda: verification.answer(item, form.answer.data)) is not FAILED:
        flash(_("Your answer is sent; the regional health agency is told."), "success")
    return redirect(url_for("employer.verifications", _anchor=f"item-{item.id}"))


@bp.get("/verifications/items/<int:item_id>/proof")
@roles_required(Role.EMPLOYER, approved=True)
def verification_proof(item_id: int):
    """The proofs the organization sent."""
    item = _own_item_or_404(item_id)
    if item.document_key is None:
        abort(404)
    return send_document(item.document_key, item.document_filename)

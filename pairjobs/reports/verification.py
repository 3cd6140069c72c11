"""Verification campaigns for monitors: draw employers and contracts, read the proofs, decide."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pairjobs.domain import verification
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import VerificationCampaign, VerificationItem, VerificationOutcome
from pairjobs.reports.forms import DecisionForm, VerificationForm
from pairjobs.reports.views import MONITORS, bp
from pairjobs.web.access import roles_required
from pairjobs.web.documents import send_document
from pairjobs.web.transaction import FAILED, form_change


@bp.route("/verifications", methods=["GET", "POST"])
@roles_required(*MONITORS)
def verifications():
    """The campaigns with their indicator of verified commitments; a form to start one."""
    form = VerificationForm()
    if request.method == "GET":
        form.deadline.data = today() + timedelta(days=30)
        form.share_percent.data = current_app.config["VERIFICATION_SHARE_PERCENT"]
    if form.validate_on_submit():
        deadline, share = form.deadline.data, form.share_percent.data
        assert deadline is not None and share is not None  # InputRequired
        started = form_change(form, lambda: verification.start(current_user, deadline, share, today()))
        if started is not FAILED:
            flash(_("The draw is made and the employers drawn are told."), "success")
            if missing := verification.untold(started):
                flash(ngettext("%(num)d employer drawn has no recruiter on pairjobs to tell: contact it "
                               "yourself.", "%(num)d employers drawn have no recruiter on pairjobs to tell: "
                               "contact them yourself.", missing), "warning")
            return redirect(url_for("reports.verification_campaign", campaign_id=started.id))
    campaigns = db.session.scalars(sa.select(VerificationCampaign).options(
        sa.orm.selectinload(VerificationCampaign.items)).order_by(VerificationCampaign.id.desc())).all()
    return render_template("reports/verifications.html", form=form, campaigns=campaigns,
                           verified={c.id: verification.verified(c.items, today()) for c in campaigns})


@bp.route("/verifications/<int:campaign_id>", methods=["GET", "POST"])
@roles_required(*MONITORS)
def verification_campaign(campaign_id: int):
    """A campaign's drawn contracts by employer, their proofs, and a decision on each."""
    campaign = db.session.get(VerificationCampaign, campaign_id) or abort(404)
    form = DecisionForm()
    if form.validate_on_submit():
        item = _item_or_404(request.form.get("item"), campaign)
        if form.outcome.data not in VerificationOutcome.labels():
            flash(_("Choose a decision: proofs accepted or refused."), "error")
            return redirect(url_for("reports.verification_campaign", campaign_id=campaign.id,
                                    _anchor=f"item-{item.id}"))
        outcome = VerificationOutcome(form.outcome.data)
        if form_change(None, lambda: verification.decide(item, outcome, form.reason.data,
                                                         current_user)) is not FAILED:
            flash(_("Decision recorded; the employer is told."), "success")
            return redirect(url_for("reports.verification_campaign", campaign_id=campaign.id,
                                    _anchor=f"item-{item.id}"))
    items = db.session.scalars(sa.select(VerificationItem).where(VerificationItem.campaign_id == campaign.id)
                               .options(sa.orm.joinedload(VerificationItem.organization))
                               .order_by(VerificationItem.organization_id, VerificationItem.id)).all()
    by_organization: dict[str, list[VerificationItem]] = {}
    for item in items:
        by_organization.setdefault(item.organization.name, []).append(item)
    return render_template("reports/verification.html", campaign=campaign, by_organization=by_organization,
                           verified=verification.verified(items, today()), form=DecisionForm(formdata=None),
                           per_organization={name: verification.verified(group, today())
                                             for name, group in by_organization.items()},
                           reproduced=verification.redraw(campaign) == verification.drawn_items(items))


@bp.get("/verifications/items/<int:item_id>/proof")
@roles_required(*MONITORS)
def verification_proof(item_id: int):
    """The proofs sent for a drawn contract."""
    item = db.session.get(VerificationItem, item_id)
    if item is None or item.document_key is None:
        abort(404)
    return send_document(item.document_key, item.document_filename)


def _item_or_404(raw: str | None, campaign: VerificationCampaign) -> VerificationItem:
    if not raw:
        abort(400)
    item = db.session.get(VerificationItem, int(raw)) if raw and raw.isdigit() and len(raw) < 10 else None
    if item is None or item.campaign_id != campaign.id:
        abort(404)
    return item

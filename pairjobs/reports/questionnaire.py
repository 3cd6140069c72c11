"""The yearly questionnaire for monitors: set up a year's campaign, send its links, read its figures."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pairjobs.domain import questionnaire, questionnaire_figures
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import QuestionnaireAnswer, QuestionnaireCampaign, QuestionnaireInvited
from pairjobs.reports.forms import CampaignForm
from pairjobs.reports.views import MONITORS, bp
from pairjobs.web.access import roles_required
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.transaction import FAILED, form_change


@bp.route("/questionnaire", methods=["GET", "POST"])
@roles_required(*MONITORS)
def questionnaires():
    """The campaigns with their answers and people invited; a form to set up a year's."""
    form = CampaignForm()
    if request.method == "GET":
        form.year.data, form.opens_on.data = today().year, today()
        form.closes_on.data = today() + timedelta(days=30)
    if form.validate_on_submit():
        cfg = current_app.config
        year, opens_on, closes_on = form.year.data, form.opens_on.data, form.closes_on.data
        assert year is not None and opens_on is not None and closes_on is not None  # InputRequired
        made = form_change(form, lambda: questionnaire.create_campaign(
            year, opens_on, closes_on, cfg["QUESTIONNAIRE_QUESTIONS"], cfg["QUESTIONNAIRE_MIN_ANSWERS"],
            current_user))
        if made is not FAILED:
            flash(_("The questionnaire of %(year)d is set up. Send its links once it is open.",
                    year=made.year), "success")
            return redirect(url_for("reports.questionnaire_results", year=made.year))
    answers: dict[int, int] = {row[0]: row[1] for row in db.session.execute(
        sa.select(QuestionnaireAnswer.campaign_id, sa.func.count())
        .group_by(QuestionnaireAnswer.campaign_id))}
    invited: dict[int, int] = {row[0]: row[1] for row in db.session.execute(
        sa.select(QuestionnaireInvited.campaign_id, sa.func.sum(QuestionnaireInvited.people))
        .group_by(QuestionnaireInvited.campaign_id))}
    campaigns = db.session.scalars(sa.select(QuestionnaireCampaign)
                                   .order_by(QuestionnaireCampaign.year.desc())).all()
    return render_template("reports/questionnaires.html", form=form, campaigns=campaigns, answers=answers,
                           invited=invited, today=today())


@bp.get("/questionnaire/<int:year>")
@roles_required(*MONITORS)
def questionnaire_results(year: int):
    """A campaign's figures per organization and per department, shown from its threshold of answers."""
    campaign = _campaign_or_404(year)
    published = questionnaire_figures.published(campaign, today())
    answers = db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireAnswer)
                                .where(QuestionnaireAnswer.campaign_id == campaign.id))
    invited = db.session.scalar(sa.select(sa.func.sum(QuestionnaireInvited.people))
                                .where(QuestionnaireInvited.campaign_id == campaign.id))
    return render_template("reports/questionnaire.html", campaign=campaign, answers=answers or 0,
                           invited=invited or 0,
                           results=questionnaire_figures.results(campaign) if published else None,
                           send_form=ConfirmForm(), open=questionnaire.is_open(campaign, today()))


@bp.post("/questionnaire/<int:year>/links")
@roles_required(*MONITORS)
def questionnaire_links(year: int):
    """E-mail the links to the people with a running contract who have none yet."""
    campaign = _campaign_or_404(year)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    sent = form_change(None, lambda: questionnaire.issue_links(campaign, today()))
    if sent is not FAILED:
        flash(ngettext("%(num)d link sent.", "%(num)d links sent.", sent) if sent else
              _("Everyone with a running contract already has a link."), "success")
    return redirect(url_for("reports.questionnaire_results", year=year))


def _campaign_or_404(year: int) -> QuestionnaireCampaign:
    campaign = db.session.scalar(sa.select(QuestionnaireCampaign).where(QuestionnaireCampaign.year == year))
    if campaign is None:
        abort(404)
    return campaign

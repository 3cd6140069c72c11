"""The yearly questionnaire's figures for an employer: their organization's and their department's, shown
from the threshold of answers."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template, request
from flask_login import current_user

from pairjobs.domain import questionnaire
from pairjobs.domain import questionnaire_figures as figures
from pairjobs.employer.views import bp
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import QuestionnaireCampaign, Role
from pairjobs.web.access import roles_required
from pairjobs.web.forms import small_int


@bp.get("/questionnaire")
@roles_required(Role.EMPLOYER, approved=True)
def questionnaire_figures():
    """The organization's figures of a year's questionnaire (the latest by default)."""
    years = list(db.session.scalars(sa.select(QuestionnaireCampaign.year)
                                    .order_by(QuestionnaireCampaign.year.desc())))
    year = small_int(request.args.get("year"))
    campaign = (db.session.scalar(sa.select(QuestionnaireCampaign).where(QuestionnaireCampaign.year == year))
                if year in years else questionnaire.latest_campaign())
    results = None
    if campaign is not None and figures.published(campaign, today()):
        organization = current_user.organization
        results = figures.results(campaign, [organization.id], [organization.department_code])
    return render_template("employer/questionnaire.html", campaign=campaign, results=results, years=years)

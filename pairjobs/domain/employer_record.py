"""An employer's record over the last twelve months, shown on its positions' pages: the share of its
supervision commitments kept (people whose contracts are judged on the sessions held) and the figures of
the peer workers' questionnaire, each only from the threshold of people or answers
(QUESTIONNAIRE_MIN_ANSWERS)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app

from pairjobs.domain import questionnaire_figures
from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.extensions import db
from pairjobs.models import Contract, QuestionnaireCampaign, SupervisionSession

YEAR = timedelta(days=365)


@dataclass
class EmployerRecord:
    """What the position page shows: None for a part under its threshold."""

    judged: int = 0  # people with contracts of the last twelve months judged on their sessions
    kept_share: float | None = None
    survey: questionnaire_figures.Figures | None = None
    survey_year: int | None = None

    @property
    def shown(self) -> bool:
        return self.kept_share is not None or self.survey is not None


def employer_record(organization_id: int, today: date) -> EmployerRecord:
    """The organization's record over the twelve months up to today (two small statements when it has
    nothing to show)."""
    k = current_app.config["QUESTIONNAIRE_MIN_ANSWERS"]
    record = EmployerRecord()
    since = today - YEAR
    with_sessions = sa.select(SupervisionSession.contract_id).where(SupervisionSession.held_on > since)
    contracts = db.session.scalars(sa.select(Contract).where(
        Contract.organization_id == organization_id, Contract.promised_supervision_frequency.is_not(None),
        Contract.id.in_(with_sessions), sa.or_(Contract.end_date.is_(None), Contract.end_date > since))).all()
    if len({c.person_key for c in contracts}) >= k:  # people, not contracts: renewals are one person
        flags = ContractFlags(contracts)
        people: dict[str, bool] = {}
        for c in contracts:
            if (kept := flags.supervision_kept(c, today)) is not None:
                people[c.person_key] = people.get(c.person_key, True) and kept
        if len(people) >= k:
            record.judged, record.kept_share = len(people), round(sum(people.values()) / len(people), 3)
    campaign = db.session.scalars(sa.select(QuestionnaireCampaign).where(
        QuestionnaireCampaign.closes_on > since, QuestionnaireCampaign.closes_on < today)
        .order_by(QuestionnaireCampaign.year.desc()).limit(1)).first()
    if campaign is not None:
        figures = questionnaire_figures.organization_figures(campaign, organization_id)
        if figures.shown:
            record.survey, record.survey_year = figures, campaign.year
    return record

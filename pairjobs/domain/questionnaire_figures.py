"""The figures of the yearly questionnaire, per organization and per department: shown once the
questionnaire is closed, each group and each question only from the campaign's threshold of answers, and a
department's question hidden when it would give away an organization hidden for it."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Organization, QuestionnaireAnswer, QuestionnaireCampaign, QuestionnaireInvited


def published(campaign: QuestionnaireCampaign, today: date) -> bool:
    """Whether its figures are shown: once it is closed (while it is open, two readings of the figures
    would give back the answers given in between)."""
    return today > campaign.closes_on


@dataclass
class Figures:
    """The figures of a group of answers (an organization, a department), or `shown` False below the
    threshold (then nothing but the counts of people invited)."""

    label: str
    answers: int
    invited: int
    shown: bool
    questions: list[dict] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        return round(self.answers / self.invited, 3) if self.invited else None


def _figures(label: str, answers: list[dict], invited: int, questions: Sequence[Mapping[str, Any]], k: int,
             shown: bool, unsafe: frozenset[str] = frozenset()) -> Figures:
    """The figures of a group of answers: nothing below k answers, and for each question (free text
    included) nothing below k answers to it or when it is `unsafe` (would give away a hidden group)."""
    figures = Figures(label, len(answers), invited, shown)
    if not shown:
        return figures
    for q in questions:
        given = [a[q["key"]] for a in answers if q["key"] in a]
        enough = len(given) >= k and q["key"] not in unsafe
        if q["kind"] == "scale":
            figures.questions.append({**q, "count": len(given) if enough else None,
                                      "mean": round(statistics.fmean(given), 1) if enough else None})
        elif q["kind"] == "yes_no":
            figures.questions.append({**q, "count": len(given) if enough else None,
                                      "yes_share": round(sum(given) / len(given), 3) if enough else None})
        elif enough:  # free text, in an order that tells nothing of who wrote it
            figures.comments.extend(sorted(given))
    return figures


def _unsafe(groups: list[list[dict]], questions: Sequence[Mapping[str, Any]], k: int) -> frozenset[str]:
    """The questions whose total over the groups would give away the groups hidden for it: one alone, or
    hidden ones with fewer than k answers to it together."""
    unsafe = set()
    for q in questions:
        hidden = [count for group in groups
                  if (count := sum(q["key"] in a for a in group)) > 0 and (count < k or len(group) < k)]
        if hidden and (len(hidden) < 2 or sum(hidden) < k):
            unsafe.add(q["key"])
    return frozenset(unsafe)


@dataclass
class Results:
    """A campaign's figures per organization and per department."""

    organizations: list[Figures]
    departments: list[Figures]


def results(campaign: QuestionnaireCampaign, organization_ids: Iterable[int] | None = None,
            departments: Iterable[str] | None = None) -> Results:
    """The figures of the organizations and departments asked for (every one by default). A group is shown
    from `min_answers` answers; a department is not shown when the organizations hidden in it could be
    read from it and the organizations shown (one alone, or fewer answers than the threshold together)."""
    k = campaign.min_answers
    answers: dict[int, list[dict]] = defaultdict(list)
    for organization_id, values in db.session.execute(sa.select(
            QuestionnaireAnswer.organization_id, QuestionnaireAnswer.answers).where(
            QuestionnaireAnswer.campaign_id == campaign.id)):
        answers[organization_id].append(values)
    invited: dict[int, int] = {row[0]: row[1] for row in db.session.execute(
        sa.select(QuestionnaireInvited.organization_id, QuestionnaireInvited.people)
        .where(QuestionnaireInvited.campaign_id == campaign.id))}
    concerned = set(invited) | set(answers)
    organizations = {o.id: o for o in db.session.scalars(
        sa.select(Organization).where(Organization.id.in_(concerned)))} if concerned else {}
    by_department: dict[str, list[int]] = defaultdict(list)
    for organization_id in concerned:
        by_department[organizations[organization_id].department_code].append(organization_id)
    wanted = set(organization_ids) if organization_ids is not None else set(invited) | set(answers)
    out_organizations = [
        _figures(organizations[o].name, answers[o], invited.get(o, 0), campaign.questions, k,
                 len(answers[o]) >= k)
        for o in sorted(wanted & (set(invited) | set(answers)), key=lambda o: organizations[o].name)]
    out_departments = []
    for code in sorted(set(departments) if departments is not None else by_department):
        members = by_department.get(code, [])
        pooled = [a for o in members for a in answers[o]]
        hidden = [o for o in members if 0 < len(answers[o]) < k]
        hidden_answers = sum(len(answers[o]) for o in hidden)
        safe = not hidden or (len(hidden) >= 2 and hidden_answers >= k)
        out_departments.append(_figures(code, pooled, sum(invited.get(o, 0) for o in members),
                                        campaign.questions, k, len(pooled) >= k and safe,
                                        _unsafe([answers[o] for o in members], campaign.questions, k)))
    return Results(out_organizations, out_departments)


def organization_figures(campaign: QuestionnaireCampaign, organization_id: int) -> Figures:
    """One organization's figures of a campaign (its answers only), shown from the threshold."""
    answers = list(db.session.scalars(sa.select(QuestionnaireAnswer.answers).where(
        QuestionnaireAnswer.campaign_id == campaign.id,
        QuestionnaireAnswer.organization_id == organization_id)))
    invited = db.session.get(QuestionnaireInvited, (campaign.id, organization_id))
    organization = db.session.get(Organization, organization_id)
    return _figures(organization.name if organization else "", answers, invited.people if invited else 0,
                    campaign.questions, campaign.min_answers, len(answers) >= campaign.min_answers)

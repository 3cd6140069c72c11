"""The yearly questionnaire of the peer workers: a campaign a monitor sets up, a single-use link e-mailed to
every person with a running contract, answers stored without any link to the person, and figures shown per
organization and per department only from the configured number of answers. Flushes, never commits.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from pairjobs.domain.errors import Conflict, DomainError, Errors, ValidationFailed
from pairjobs.domain.mail import queue_mail
from pairjobs.extensions import db
from pairjobs.models import (
    Contract,
    ContractState,
    Organization,
    QuestionnaireAnswer,
    QuestionnaireCampaign,
    QuestionnaireInvited,
    QuestionnaireLink,
    QuestionnaireRecipient,
    User,
)

KINDS = ("scale", "yes_no", "text")
SCALE = range(1, 6)
MAX_TEXT = 2000
MAX_OPEN_DAYS = 183


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_questions(questions: Sequence[Mapping[str, Any]]) -> list[dict]:
    """The configured questions, checked: a unique key, a known kind and a text each."""
    keys = [q.get("key") for q in questions]
    if not questions or len(set(keys)) != len(keys) or any(
            not isinstance(q.get("key"), str) or q.get("kind") not in KINDS or not q.get("text")
            for q in questions):
        raise ValueError("QUESTIONNAIRE_QUESTIONS: each question needs a unique key, a kind and a text")
    return [{"key": q["key"], "kind": q["kind"], "text": str(q["text"])} for q in questions]


def create_campaign(year: int, opens_on: date, closes_on: date, questions: Sequence[Mapping[str, Any]],
                    min_answers: int, by: User | None) -> QuestionnaireCampaign:
    """A year's campaign (one a year), with the questions configured now."""
    errors = Errors()
    if closes_on < opens_on:
        errors.add("closes_on", _("The questionnaire must close on or after the day it opens."))
    if opens_on.year not in (year, year + 1):
        errors.add("opens_on", _("The questionnaire of a year opens during that year or the next."))
    if (closes_on - opens_on).days > MAX_OPEN_DAYS:
        errors.add("closes_on", _("The questionnaire stays open %(num)d days at most.", num=MAX_OPEN_DAYS))
    if errors:
        raise ValidationFailed(errors)
    if db.session.scalar(sa.select(QuestionnaireCampaign.id).where(QuestionnaireCampaign.year == year)):
        raise Conflict(_("There is already a questionnaire for %(year)d.", year=year),
                       {"year": [_("Already used.")]})
    campaign = QuestionnaireCampaign(year=year, opens_on=opens_on, closes_on=closes_on,
                                     questions=check_questions(questions), min_answers=min_answers,
                                     created_by_id=by.id if by is not None else None)
    try:
        with db.session.begin_nested():  # made meanwhile by another request: the unique year answers
            db.session.add(campaign)
            db.session.flush()
    except IntegrityError:
        raise Conflict(_("There is already a questionnaire for %(year)d.", year=year),
                       {"year": [_("Already used.")]}) from None
    return campaign


def is_open(campaign: QuestionnaireCampaign, today: date) -> bool:
    return campaign.opens_on <= today <= campaign.closes_on


def _running(today: date) -> dict[int, int]:
    """Every person with a running contract recorded in pairjobs and an account, with the organization of
    their main contract (the most working time, then the oldest): one link a person, so that k answers are
    k people."""
    rows = db.session.execute(
        sa.select(Contract.person_id, Contract.organization_id).where(
            Contract.person_id.is_not(None), Contract.state == ContractState.ACTIVE,
            Contract.start_date <= today, sa.or_(Contract.end_date.is_(None), Contract.end_date >= today))
        .order_by(Contract.person_id, Contract.fte_percent.desc(), Contract.start_date, Contract.id)).all()
    main: dict[int, int] = {}
    for person, organization in rows:
        if person is not None:
            main.setdefault(person, organization)
    return main


def issue_links(campaign: QuestionnaireCampaign, today: date) -> int:
    """E-mail a single-use link to every person with a running contract who has none for this campaign
    (about their main employer); the number sent. The links are stored in random order, apart from the list
    of the people they went to."""
    if not is_open(campaign, today):
        raise DomainError(_("The questionnaire is not open today: links are sent between its opening and its "
                            "closing day."))
    sent_to = set(db.session.scalars(sa.select(QuestionnaireRecipient.user_id)
                                     .where(QuestionnaireRecipient.campaign_id == campaign.id)))
    pairs = sorted((person, organization) for person, organization in _running(today).items()
                   if person not in sent_to)
    if not pairs:
        return 0
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_({p for p, _ in pairs})))}
    organizations = {o.id: o for o in db.session.scalars(
        sa.select(Organization).where(Organization.id.in_({o for _, o in pairs})))}
    pairs = [(p, o) for p, o in pairs if users[p].is_active]
    links: list[QuestionnaireLink] = []
    per_organization: dict[int, int] = defaultdict(int)
    for person, organization in pairs:
        token = secrets.token_urlsafe(32)
        db.session.add(QuestionnaireRecipient(campaign_id=campaign.id, user_id=person,
                                              organization_id=organization))
        links.append(QuestionnaireLink(token_hash=_hash(token), campaign_id=campaign.id,
                                       organization_id=organization))
        per_organization[organization] += 1
        queue_mail(users[person], "questionnaire_invitation", campaign=campaign, token=token,
                   organization=organizations[organization])
    try:
        with db.session.begin_nested():  # links sent meanwhile by another request: the recipients' key says
            db.session.flush()  # the recipients first, then the links in an order that tells nothing of them
    except IntegrityError:
        raise Conflict(_("Links are being sent by another request: reload the page in a moment.")) from None
    random.SystemRandom().shuffle(links)
    db.session.add_all(links)
    for organization, people in per_organization.items():
        invited = db.session.get(QuestionnaireInvited, (campaign.id, organization))
        if invited is None:
            db.session.add(QuestionnaireInvited(campaign_id=campaign.id, organization_id=organization,
                                                people=people))
        else:
            invited.people += people
    db.session.flush()
    return len(pairs)


def open_link(token: str, today: date) -> tuple[QuestionnaireLink, QuestionnaireCampaign] | None:
    """The link of a token and its campaign, while the campaign is open and the link not spent."""
    if not token or len(token) > 100:
        return None
    link = db.session.get(QuestionnaireLink, _hash(token))
    if link is None:
        return None
    campaign = db.session.get(QuestionnaireCampaign, link.campaign_id)
    return (link, campaign) if campaign is not None and is_open(campaign, today) else None


def read_answers(questions: Sequence[Mapping[str, Any]], form: Mapping[str, Any]) -> dict[str, Any]:
    """The answers given, typed by their question's kind; ValidationFailed names the wrong ones. Every
    question may be left unanswered, but not all of them."""
    answers: dict[str, Any] = {}
    errors = Errors()
    for q in questions:
        raw = form.get(q["key"])
        value = raw.strip() if isinstance(raw, str) else raw
        if value in (None, ""):
            continue
        if q["kind"] == "scale":
            if str(value) not in {str(n) for n in SCALE}:
                errors.add(q["key"], _("Choose a value from 1 to 5."))
            else:
                answers[q["key"]] = int(value)
        elif q["kind"] == "yes_no":
            if value not in ("yes", "no"):
                errors.add(q["key"], _("Answer yes or no."))
            else:
                answers[q["key"]] = value == "yes"
        elif not isinstance(value, str) or len(value.replace("\r\n", "\n")) > MAX_TEXT:
            errors.add(q["key"], _("%(max)d characters at most.", max=MAX_TEXT))
        else:
            answers[q["key"]] = value.replace("\r\n", "\n")
    if errors:
        raise ValidationFailed(errors)
    if not answers:
        raise ValidationFailed({}, _("Answer at least one question."))
    return answers


def answer(token: str, form: Mapping[str, Any], today: date) -> None:
    """Store the answers of a link and spend it, in the same transaction: the answer keeps only the
    organization, the year and the answers."""
    found = open_link(token, today)
    if found is None:
        raise DomainError(_("This link is not valid any more: it has been used, or the questionnaire is "
                            "closed."))
    link, campaign = found
    values = read_answers(campaign.questions, form)
    deleted = db.session.execute(sa.delete(QuestionnaireLink).where(
        QuestionnaireLink.token_hash == link.token_hash))
    if getattr(deleted, "rowcount", 1) != 1:  # spent meanwhile by another request
        raise Conflict(_("This link is not valid any more: it has been used, or the questionnaire is "
                         "closed."))
    db.session.add(QuestionnaireAnswer(id=secrets.token_hex(16), campaign_id=campaign.id,
                                       organization_id=link.organization_id, year=campaign.year,
                                       answers=values))
    db.session.flush()


def forget_links(today: date) -> int:
    """Delete the links not spent of the closed campaigns: nobody can then tell, from a link, whether its
    person answered. The number deleted."""
    closed = sa.select(QuestionnaireCampaign.id).where(QuestionnaireCampaign.closes_on < today)
    deleted = db.session.execute(sa.delete(QuestionnaireLink)
                                 .where(QuestionnaireLink.campaign_id.in_(closed)))
    return int(getattr(deleted, "rowcount", 0) or 0)


def latest_campaign() -> QuestionnaireCampaign | None:
    return db.session.scalars(sa.select(QuestionnaireCampaign).order_by(QuestionnaireCampaign.year.desc())
                              .limit(1)).first()

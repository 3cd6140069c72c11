"""The yearly questionnaire of the peer workers: a campaign, single-use links, and answers that nobody can
join to a person.

Three stores that never meet: the people a link was sent to (`QuestionnaireRecipient`: no link), the links
(`QuestionnaireLink`: the hash of a token and the organization it is about; no person; deleted when spent),
and the answers (`QuestionnaireAnswer`: the organization, the year and the answers; no person, no link, no
time, a random key). The links of a campaign are stored in random order, apart from their recipients; on
SQLite the three tables keep no rowid, so their rows sit in key order, not in order of arrival. (On
PostgreSQL the physical order and the transaction ids of rows are only readable with a superuser's
extensions.)
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from pairjobs.models.base import Base, UTCDateTime, utcnow


class QuestionnaireCampaign(Base):
    """One year's questionnaire: when it is open, its questions as configured then, and its threshold."""

    __tablename__ = "questionnaire_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    # The questions as configured when the campaign was made: answers are read with the questions they had.
    questions: Mapped[list] = mapped_column(sa.JSON)
    min_answers: Mapped[int] = mapped_column(sa.SmallInteger)  # figures shown from this many answers
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (sa.CheckConstraint("closes_on >= opens_on", name="date_order"),)


class QuestionnaireInvited(Base):
    """How many people of an organization were sent a link (the response rate's denominator)."""

    __tablename__ = "questionnaire_invited"

    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_campaign.id", ondelete="CASCADE"),
                                             primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"),
                                                 primary_key=True)
    people: Mapped[int]


class QuestionnaireRecipient(Base):
    """A person sent a link for an organization (so that nobody gets two); it names no link."""

    __tablename__ = "questionnaire_recipient"
    __table_args__ = {"sqlite_with_rowid": False}  # rows in key order, not in order of arrival

    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_campaign.id", ondelete="CASCADE"),
                                             primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"),
                                                 primary_key=True)


class QuestionnaireLink(Base):
    """A single-use link not spent yet: the hash of its token, its campaign and the organization it is
    about. It names no person; answering deletes it."""

    __tablename__ = "questionnaire_link"
    __table_args__ = {"sqlite_with_rowid": False}

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_campaign.id", ondelete="CASCADE"),
                                             index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))


class QuestionnaireAnswer(Base):
    """One person's answers: the organization, the year and the answers only (a random key, no time)."""

    __tablename__ = "questionnaire_answer"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_campaign.id", ondelete="CASCADE"),
                                             index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    year: Mapped[int]
    answers: Mapped[dict] = mapped_column(sa.JSON)

"""Frozen monthly figures: what pairjobs knew of every active contract, open position and flow on a date.

A snapshot is written once and never updated: a correction of old data is a new revision of the same
date, with its reason; the earlier revisions stay readable. The rows hold facts, not people: the person
key is the employer's pseudonymous key, used only to count people; monitors never see it.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, UTCDateTime, utcnow


class Snapshot(Base):
    """One revision of the figures of one date."""

    __tablename__ = "snapshot"
    __table_args__ = (sa.UniqueConstraint("day", "revision", name="uq_snapshot_day_revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(default=1)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reason: Mapped[str | None] = mapped_column(sa.String(500))
    taken_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The open-data file as published, and the threshold it was suppressed with: never computed again.
    open_data: Mapped[str | None] = mapped_column(sa.Text)
    open_data_threshold: Mapped[int | None]
    # Today's figures computed ahead (`flask today-figures`), not a recorded date: revision 0, replaced at
    # each computation, never listed, published or read for a past date. source_key: the records'
    # generations and the release they were computed from (unchanged: nothing to compute again).
    live: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    source_key: Mapped[str | None] = mapped_column(sa.String(64))

    contracts: Mapped[list[SnapshotContract]] = relationship(cascade="all, delete-orphan",
                                                             passive_deletes=True)

    def describe(self) -> dict:
        """The snapshot as the API names it."""
        return {"date": self.day.isoformat(), "revision": self.revision,
                "taken_at": self.taken_at.isoformat(timespec="seconds"), "reason": self.reason}


def _snapshot_fk() -> Mapped[int]:
    return mapped_column(sa.ForeignKey("snapshot.id", ondelete="CASCADE"), index=True)


class _Place:
    """Where a fact belongs: the organization, its legal entity, department, sector and kind."""

    organization_id: Mapped[int] = mapped_column()  # no foreign key: a snapshot outlives its rows' sources
    legal_entity: Mapped[str] = mapped_column(sa.String(40))
    department_code: Mapped[str] = mapped_column(sa.String(3))
    sector: Mapped[str] = mapped_column(sa.String(20))
    org_kind: Mapped[str] = mapped_column(sa.String(30))


class SnapshotContract(_Place, Base):
    """A contract active on the snapshot's date, with its terms and its flags as computed that day."""

    __tablename__ = "snapshot_contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = _snapshot_fk()
    person_key: Mapped[str] = mapped_column(sa.String(32))
    contract_type: Mapped[str] = mapped_column(sa.String(30))
    legal_basis: Mapped[str | None] = mapped_column(sa.String(30))
    fte_percent: Mapped[int] = mapped_column(sa.SmallInteger)
    weekly_hours: Mapped[float] = mapped_column(sa.Numeric(4, 1, asdecimal=False))
    funding_kind: Mapped[str] = mapped_column(sa.String(20))
    supervision_frequency: Mapped[str] = mapped_column(sa.String(20))
    supervision_kind: Mapped[str | None] = mapped_column(sa.String(30))
    supervision_paid_time: Mapped[bool]
    peer_team_size: Mapped[int] = mapped_column(sa.SmallInteger)
    tenure_months: Mapped[int] = mapped_column(sa.SmallInteger)
    # The person over all their running contracts at the employer, counted at their main contract.
    person_main: Mapped[bool]
    person_precarious: Mapped[bool]
    person_cdd: Mapped[bool]
    person_monthly: Mapped[bool]
    person_professional: Mapped[bool]
    # Whether the sessions held met the promised supervision (None: nothing promised or no session recorded).
    person_supervision_kept: Mapped[bool | None]
    # The flags of that day, "code:severity:legal|practice" joined by spaces.
    flags: Mapped[str] = mapped_column(sa.Text, default="")


class SnapshotPosition(_Place, Base):
    """A position open on the date or published in the twelve months before it, as it stood that day."""

    __tablename__ = "snapshot_position"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = _snapshot_fk()
    position_id: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    organization_name: Mapped[str] = mapped_column(sa.String(200))
    contract_type: Mapped[str] = mapped_column(sa.String(30))
    open: Mapped[bool]
    in_window: Mapped[bool]
    outcome: Mapped[str | None] = mapped_column(sa.String(20))  # filled or unfilled by the date
    days_to_fill: Mapped[int | None]
    applications: Mapped[int] = mapped_column(default=0)
    recruited: Mapped[int] = mapped_column(default=0)
    recruited_verified: Mapped[int] = mapped_column(default=0)
    flags: Mapped[str] = mapped_column(sa.Text, default="")


class SnapshotFlow(_Place, Base):
    """A movement of a person at an employer in the 24 months before the date, to the month.

    kind: entry, exit, conversion (to a permanent contract) or cohort (an entry 12 to 24 months before,
    with whether the person is still employed on the date).
    """

    __tablename__ = "snapshot_flow"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = _snapshot_fk()
    kind: Mapped[str] = mapped_column(sa.String(12))
    person_key: Mapped[str] = mapped_column(sa.String(32))
    month: Mapped[str] = mapped_column(sa.String(7))
    end_reason: Mapped[str | None] = mapped_column(sa.String(30))
    months_to_cdi: Mapped[int | None]
    retained: Mapped[bool | None]


class SnapshotReport(Base):
    """The figures of one scope of a snapshot, computed when it was recorded from its own facts: what a
    dashboard for a recorded date reads (the facts are read only for the lists and the open data)."""

    __tablename__ = "snapshot_report"
    __table_args__ = (sa.UniqueConstraint("snapshot_id", "department_code", "sector", "org_kind",
                                          name="uq_snapshot_report_scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = _snapshot_fk()
    # The scope; "" stands for "all" (NULLs would not be unique).
    department_code: Mapped[str] = mapped_column(sa.String(3), default="")
    sector: Mapped[str] = mapped_column(sa.String(20), default="")
    org_kind: Mapped[str] = mapped_column(sa.String(30), default="")
    # JSON, apart so that a summary is read without the tables.
    summary: Mapped[str] = mapped_column(sa.Text)
    departments: Mapped[str] = mapped_column(sa.Text)
    organizations: Mapped[str] = mapped_column(sa.Text)


class SnapshotOrganization(Base):
    """One organization's row of one scope of a snapshot, with what the ranking sorts on: a dashboard reads
    its page of organizations, ranked from the minimum configured now, without reading them all."""

    __tablename__ = "snapshot_organization"
    __table_args__ = (sa.Index("ix_snapshot_organization_scope", "snapshot_id", "department_code", "sector",
                               "org_kind", "name_order", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(sa.ForeignKey("snapshot.id", ondelete="CASCADE"))
    department_code: Mapped[str] = mapped_column(sa.String(3), default="")
    sector: Mapped[str] = mapped_column(sa.String(20), default="")
    org_kind: Mapped[str] = mapped_column(sa.String(30), default="")
    contracts: Mapped[int]
    flagged_share: Mapped[float] = mapped_column(sa.Float())  # 0 without contracts
    name_order: Mapped[int]  # the place of the organization by name (then id) in the scope, from 0
    row: Mapped[str] = mapped_column(sa.Text)  # JSON: its row of breakdowns.organization_rows

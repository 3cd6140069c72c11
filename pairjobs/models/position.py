"""Peer-worker positions: the contract, working time, pay, funding and supervision commitments."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.organization import Organization
    from pairjobs.models.user import User


class Setting(LabelledEnum):
    """Where the peer worker works."""

    CMP = "cmp", _l("Outpatient centre (CMP)")
    HOSPITALISATION = "hospitalisation", _l("Inpatient unit")
    MOBILE_TEAM = "equipe_mobile", _l("Mobile team")
    DAY_HOSPITAL = "hopital_de_jour", _l("Day hospital")
    REHABILITATION = "rehabilitation", _l("Psychosocial rehabilitation")
    ADDICTION = "addictologie", _l("Addiction care")
    CHILD_PSYCHIATRY = "pedopsychiatrie", _l("Child and adolescent psychiatry")
    ESMS = "esms", _l("Social or medico-social service (SAMSAH, SAVS…)")
    GEM = "gem", _l("Mutual aid group (GEM)")
    OTHER = "other", _l("Other")


class ContractType(LabelledEnum):
    """Contract types: the first five are public law (CGFP), the others private (Code du travail)."""

    TITULAIRE = "titulaire", _l("Civil servant (titulaire)")
    CDI_PUBLIC = "cdi_public", _l("Public permanent contract (CDI)")
    CDD_PUBLIC = "cdd_public", _l("Public fixed-term contract (CDD)")
    CONTRAT_PROJET = "contrat_projet", _l("Project contract")
    VACATION = "vacation", _l("Sessional work (vacation)")
    CDI = "cdi", _l("Permanent contract (CDI)")
    CDD = "cdd", _l("Fixed-term contract (CDD)")
    INTERIM = "interim", _l("Temporary agency work (intérim)")
    PEC = "pec", _l("Subsidised contract (PEC)")
    APPRENTISSAGE = "apprentissage", _l("Apprenticeship")
    PROFESSIONNALISATION = "professionnalisation", _l("Professionalisation contract")

    @property
    def is_public(self) -> bool:
        """Whether the type exists only in the public sector."""
        return self in PUBLIC_CONTRACT_TYPES

    def allowed_for(self, public_employer: bool) -> bool:
        """Whether an employer of this sector may use the type."""
        if public_employer:
            return self.is_public or self in PUBLIC_EMPLOYER_PRIVATE_TYPES
        return not self.is_public

    @property
    def is_fixed_term(self) -> bool:
        """Whether the contract has an end date (and so a duration)."""
        return self not in OPEN_ENDED_CONTRACT_TYPES


PUBLIC_CONTRACT_TYPES = frozenset(
    {ContractType.TITULAIRE, ContractType.CDI_PUBLIC, ContractType.CDD_PUBLIC, ContractType.CONTRAT_PROJET,
     ContractType.VACATION}
)
# Private-law contracts that public employers may use too: PEC in the non-market sector (Code du
# travail L5134-21), apprenticeship, and temp agencies (CGFP L334-3).
PUBLIC_EMPLOYER_PRIVATE_TYPES = frozenset({ContractType.PEC, ContractType.APPRENTISSAGE,
                                           ContractType.INTERIM})
OPEN_ENDED_CONTRACT_TYPES = frozenset({ContractType.TITULAIRE, ContractType.CDI_PUBLIC, ContractType.CDI})
STABLE_CONTRACT_TYPES = frozenset({ContractType.TITULAIRE, ContractType.CDI_PUBLIC, ContractType.CDI})


class LegalBasis(LabelledEnum):
    """Why a public CDD was used (CGFP L332-…)."""

    PERMANENT_NEED = "permanent_need", _l("Permanent need")
    REPLACEMENT = "replacement", _l("Replacement of an absent worker")
    VACANCY = "vacancy", _l("Vacant post awaiting a civil servant")
    TEMPORARY_INCREASE = "temporary_increase", _l("Temporary increase of activity")
    SEASONAL = "seasonal", _l("Seasonal increase of activity")


class Category(LabelledEnum):
    """Hierarchical category of a public post (A, B, C): the six-year rule counts per category."""

    A = "A", _l("Category A")
    B = "B", _l("Category B")
    C = "C", _l("Category C")


class CddReason(LabelledEnum):
    """Why a private CDD was used (motif de recours, Code du travail L1242-2)."""

    REPLACEMENT = "replacement", _l("Replacement of an absent employee")
    # without a precise term (L1242-7)
    REPLACEMENT_NO_FIXED_END = "replacement_no_fixed_end", _l("Replacement, without a precise end date")
    TEMPORARY_INCREASE = "temporary_increase", _l("Temporary increase of activity")
    SEASONAL = "seasonal", _l("Seasonal work")
    AWAITING_CDI = "awaiting_cdi", _l("Awaiting a permanent hire")
    USAGE = "usage", _l("Customary fixed-term contract (CDD d'usage)")
    OTHER = "other", _l("Other reason")


class FundingKind(LabelledEnum):
    """How the post is paid for."""

    PERMANENT = "permanent", _l("Permanent budget")
    GRANT = "grant", _l("Time-limited grant")


class SupervisionFrequency(LabelledEnum):
    """How often the employer commits to supervise the peer worker."""

    WEEKLY = "weekly", _l("Every week")
    FORTNIGHTLY = "fortnightly", _l("Every two weeks")
    MONTHLY = "monthly", _l("Every month")
    QUARTERLY = "quarterly", _l("Every three months")
    NONE = "none", _l("No supervision")

    @property
    def per_year(self) -> int:
        """Sessions a year, to compare frequencies."""
        return {"weekly": 52, "fortnightly": 26, "monthly": 12, "quarterly": 4, "none": 0}[self.value]


class SupervisionKind(LabelledEnum):
    """Who supervises."""

    EXTERNAL = "external", _l("External supervisor")
    INTERNAL = "internal", _l("Internal supervisor")
    PEER_INTERVISION = "peer_intervision", _l("Peer intervision")


class CredentialExpectation(LabelledEnum):
    """Whether a peer-work credential (DU, DIU, licence MSP…) is asked for."""

    REQUIRED = "required", _l("Required")
    PREFERRED = "preferred", _l("Preferred")
    NOT_REQUIRED = "not_required", _l("Not required")


class PositionStatus(LabelledEnum):
    """Life cycle: draft → published → closed."""

    DRAFT = "draft", _l("Draft")
    PUBLISHED = "published", _l("Published")
    CLOSED = "closed", _l("Closed")


class CloseOutcome(LabelledEnum):
    """Why a position was closed."""

    FILLED = "filled", _l("Filled")
    CANCELLED = "cancelled", _l("Cancelled")


class Position(Base):
    """A peer-worker position posted by an organization."""

    __tablename__ = "position"
    __table_args__ = (
        sa.CheckConstraint("fte_percent BETWEEN 10 AND 100", name="fte_percent_range"),
        sa.CheckConstraint("openings >= 1", name="openings_positive"),
        sa.CheckConstraint("peer_team_size >= 0", name="peer_team_size_positive"),
        sa.CheckConstraint("salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
                           name="salary_order"),
        sa.CheckConstraint("(status = 'closed') = (outcome IS NOT NULL)", name="closed_has_outcome"),
        sa.Index("ix_position_status_deadline", "status", "deadline"),
        sa.Index("ix_position_organization_status", "organization_id", "status"),
        # The newest open positions first, read in order (a search's page, without sorting every match).
        sa.Index("ix_position_status_published", "status", "published_at", "id"),
        # The same in a department (the search's most used filter): a department's newest open positions.
        sa.Index("ix_position_department_status_published", "department_code", "status", "published_at",
                 "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text)
    setting: Mapped[Setting] = mapped_column(str_enum(Setting, "setting"), index=True)
    department_code: Mapped[str] = mapped_column(sa.String(3))
    commune_code: Mapped[str] = mapped_column(sa.String(5))

    contract_type: Mapped[ContractType] = mapped_column(str_enum(ContractType, "contract_type"), index=True)
    legal_basis: Mapped[LegalBasis | None] = mapped_column(str_enum(LegalBasis, "legal_basis"))
    duration_months: Mapped[int | None]
    renewable: Mapped[bool] = mapped_column(default=False)
    cdi_prospect: Mapped[bool] = mapped_column(default=False)

    fte_percent: Mapped[int] = mapped_column(sa.SmallInteger, index=True)
    weekly_hours: Mapped[float] = mapped_column(sa.Numeric(4, 1, asdecimal=False))
    salary_min: Mapped[int | None]
    salary_max: Mapped[int | None]
    pay_grid: Mapped[str | None] = mapped_column(sa.String(200))

    funding_kind: Mapped[FundingKind] = mapped_column(str_enum(FundingKind, "funding_kind"))
    funding_ends_on: Mapped[date | None]
    # ISO weekdays the post's unit is open ("1234567" for a ward open every day); None: the organization's.
    opening_days: Mapped[str | None] = mapped_column(sa.String(7))
    start_date: Mapped[date | None]
    deadline: Mapped[date | None]
    # The deadline its recruiters were reminded of (a new deadline is reminded again).
    deadline_reminded_for: Mapped[date | None]
    openings: Mapped[int] = mapped_column(sa.SmallInteger, default=1)

    supervision_frequency: Mapped[SupervisionFrequency] = mapped_column(
        str_enum(SupervisionFrequency, "supervision_frequency"), index=True
    )
    supervision_kind: Mapped[SupervisionKind | None] = mapped_column(
        str_enum(SupervisionKind, "supervision_kind"))
    supervision_paid_time: Mapped[bool] = mapped_column(default=False)
    referent_role: Mapped[str | None] = mapped_column(sa.String(120))
    peer_team_size: Mapped[int] = mapped_column(sa.SmallInteger, default=0)
    training_funded: Mapped[bool] = mapped_column(default=False)
    tutoring: Mapped[bool] = mapped_column(default=False)
    credential_expectation: Mapped[CredentialExpectation] = mapped_column(
        str_enum(CredentialExpectation, "credential_expectation")
    )

    status: Mapped[PositionStatus] = mapped_column(
        str_enum(PositionStatus, "status"), default=PositionStatus.DRAFT
    )
    outcome: Mapped[CloseOutcome | None] = mapped_column(str_enum(CloseOutcome, "outcome"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Title, description, organization and commune names, folded for full-text search
    # (indexed by FTS5 on SQLite, by a French tsvector on PostgreSQL).
    search_document: Mapped[str] = mapped_column(sa.Text, default="")
    # Optimistic locking: an edit based on an older version is refused, never silently merged.
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def sector(self):
        """The organization's sector: it decides which contract law applies."""
        return self.organization.sector

    @property
    def idcc(self) -> str | None:
        """The organization's collective agreement."""
        return self.organization.idcc

    # What the posting-level rules read of a contract but a posting does not say.
    cdd_reason = None
    part_time_at_employee_request = False
    contract_days = None

    def is_open(self, today: date) -> bool:
        """Published and its deadline not passed."""
        return self.status is PositionStatus.PUBLISHED and (self.deadline is None or self.deadline >= today)


class PositionAction(LabelledEnum):
    """What a recorded change of a position did."""

    CREATED = "created", _l("created")
    UPDATED = "updated", _l("edited")
    PUBLISHED = "published", _l("published")
    CLOSED = "closed", _l("closed")


class PositionEvent(Base):
    """One recorded change of a position: who, when, what."""

    __tablename__ = "position_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(sa.ForeignKey("position.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(sa.String(30))
    # {field: [old, new]} for edits; other details for the other actions.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    position: Mapped[Position] = relationship()
    actor: Mapped[User | None] = relationship()

"""Employers: hospitals, clinics, associations, GEM, ESMS… identified by FINESS."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pairjobs.models.base import Base, LabelledEnum, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from pairjobs.models.user import User


class OrganizationKind(LabelledEnum):
    """The kinds of employer of peer workers (DOMAIN.md, "Who uses pairjobs")."""

    CHU = "chu", _l("University hospital (CHU)")
    CH = "ch", _l("General hospital (CH)")
    EPSM = "epsm", _l("Psychiatric hospital (EPSM / specialised CH)")  # EPSM or CH spécialisé en psychiatrie
    CLINIC = "clinique", _l("Private clinic")
    ASSOCIATION = "association", _l("Association")
    GEM = "gem", _l("Mutual aid group (GEM)")
    ESMS = "esms", _l("Social or medico-social service (ESMS)")
    REHAB_CENTRE = "centre_rehabilitation", _l("Psychosocial rehabilitation centre")
    OTHER = "other", _l("Other")


class Sector(LabelledEnum):
    """Legal sector: it decides which contract law applies (CGFP or Code du travail)."""

    PUBLIC = "public", _l("Public")
    PRIVATE_NONPROFIT = "private_nonprofit", _l("Private non-profit")
    PRIVATE_FORPROFIT = "private_forprofit", _l("Private for-profit")


class Organization(Base):
    """An employer, located by INSEE department and commune codes."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[OrganizationKind] = mapped_column(str_enum(OrganizationKind, "kind"))
    sector: Mapped[Sector] = mapped_column(str_enum(Sector, "sector"))
    # Nine characters without spaces; shown as "NN NNN NNN N".
    finess: Mapped[str] = mapped_column(sa.String(9), unique=True)
    siret: Mapped[str | None] = mapped_column(sa.String(14), unique=True)
    department_code: Mapped[str] = mapped_column(sa.String(3), index=True)
    commune_code: Mapped[str] = mapped_column(sa.String(5))
    # The legal entity (FINESS EJ) the establishment belongs to; None: the establishment is its own.
    # The public six-year rule counts services per legal entity.
    legal_entity_finess: Mapped[str | None] = mapped_column(sa.String(9), index=True)
    # The collective agreement (4-digit IDCC), for the thresholds a branch agreement may change.
    idcc: Mapped[str | None] = mapped_column(sa.String(4))
    # ISO weekdays the establishment is open (1 = Monday); French public holidays are closed days.
    opening_days: Mapped[str] = mapped_column(sa.String(7), default="12345", server_default="12345")
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Set by an administrator: its employers sign in with a second factor too.
    two_factor_required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members: Mapped[list[User]] = relationship(back_populates="organization")

    @property
    def legal_entity(self) -> str:
        """The FINESS of the legal entity (its own FINESS when none is recorded)."""
        return self.legal_entity_finess or self.finess

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name!r}>"

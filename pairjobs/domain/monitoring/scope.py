"""The date and the part of the region a report covers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pairjobs.models import OrganizationKind, Sector


@dataclass(frozen=True)
class Scope:
    as_of: date
    department: str | None = None
    sector: Sector | None = None
    org_kind: OrganizationKind | None = None

    def covers(self, place) -> bool:
        """Whether a fact's place (pairjobs.domain.monitoring.facts.Place) is in the scope."""
        return ((self.department is None or place.department_code == self.department)
                and (self.sector is None or place.sector == self.sector.value)
                and (self.org_kind is None or place.org_kind == self.org_kind.value))

    def at(self, day: date) -> Scope:
        return replace(self, as_of=day)

    def describe(self) -> dict:
        return {"department": self.department, "sector": self.sector.value if self.sector else None,
                "org_kind": self.org_kind.value if self.org_kind else None}

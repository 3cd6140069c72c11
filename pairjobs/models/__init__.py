"""The data model; importing this package registers every table on Base.metadata."""

from pairjobs.models.base import Base
from pairjobs.models.organization import Organization, OrganizationKind, Sector
from pairjobs.models.position import (
    CloseOutcome,
    ContractType,
    CredentialExpectation,
    FundingKind,
    LegalBasis,
    Position,
    PositionEvent,
    PositionStatus,
    Setting,
    SupervisionFrequency,
    SupervisionKind,
)
from pairjobs.models.token import ApiToken
from pairjobs.models.user import Role, User

__all__ = [
    "ApiToken", "Base", "CloseOutcome", "ContractType", "CredentialExpectation", "FundingKind", "LegalBasis",
    "Organization", "OrganizationKind", "Position", "PositionEvent", "PositionStatus", "Role", "Sector", "Setting",
    "SupervisionFrequency", "SupervisionKind", "User",
]

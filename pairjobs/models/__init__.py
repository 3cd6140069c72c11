"""The data model; importing this package registers every table on Base.metadata."""

from pairjobs.models.base import Base
from pairjobs.models.organization import Organization, OrganizationKind, Sector
from pairjobs.models.token import ApiToken
from pairjobs.models.user import Role, User

__all__ = ["ApiToken", "Base", "Organization", "OrganizationKind", "Role", "Sector", "User"]

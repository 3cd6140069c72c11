"""The data model; importing this package registers every table on Base.metadata."""

from pairjobs.models.account_link import AccountLink, LinkPurpose
from pairjobs.models.alert import SavedSearch
from pairjobs.models.application import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    RejectionReason,
    application_credential,
)
from pairjobs.models.audit import AuditEntry
from pairjobs.models.base import Base
from pairjobs.models.candidate import (
    CandidateProfile,
    Credential,
    CredentialStatus,
    CredentialType,
    Verification,
)
from pairjobs.models.contract import Contract, ContractState, EndReason, RenewalDecision
from pairjobs.models.generation import DataGeneration
from pairjobs.models.interview import Interview, InterviewStatus
from pairjobs.models.mail import MailState, OutboxMessage
from pairjobs.models.organization import Organization, OrganizationKind, Sector
from pairjobs.models.pool import PoolMembership
from pairjobs.models.position import (
    Category,
    CddReason,
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
from pairjobs.models.questionnaire import (
    QuestionnaireAnswer,
    QuestionnaireCampaign,
    QuestionnaireInvited,
    QuestionnaireLink,
    QuestionnaireRecipient,
)
from pairjobs.models.search_word import SearchWord
from pairjobs.models.snapshot import (
    Snapshot,
    SnapshotContract,
    SnapshotFlow,
    SnapshotOrganization,
    SnapshotPosition,
    SnapshotReport,
)
from pairjobs.models.supervision import ProviderKind, SupervisionSession
from pairjobs.models.token import ApiToken
from pairjobs.models.user import RecoveryCode, Role, User
from pairjobs.models.verification import VerificationCampaign, VerificationItem, VerificationOutcome

__all__ = [
    "AccountLink", "LinkPurpose", "RecoveryCode",
    "Application", "ApplicationEvent", "ApplicationStatus", "CandidateProfile", "Contract", "ContractState",
    "Credential", "CredentialStatus", "CredentialType", "DataGeneration", "EndReason", "RejectionReason",
    "RenewalDecision", "SearchWord",
    "Verification", "application_credential", "MailState", "OutboxMessage", "SavedSearch", "AuditEntry",
    "ApiToken", "Base", "Category", "CddReason", "CloseOutcome", "ContractType", "CredentialExpectation",
    "FundingKind", "LegalBasis",
    "Organization", "OrganizationKind", "Position", "PositionEvent", "PositionStatus", "Role",
    "Sector", "Setting",
    "SupervisionFrequency", "SupervisionKind", "User", "Snapshot", "SnapshotContract", "SnapshotFlow",
    "SnapshotPosition", "SnapshotReport", "SnapshotOrganization", "Interview", "InterviewStatus",
    "PoolMembership", "ProviderKind", "SupervisionSession", "QuestionnaireAnswer", "QuestionnaireCampaign",
    "QuestionnaireInvited", "QuestionnaireLink", "QuestionnaireRecipient", "VerificationCampaign",
    "VerificationItem", "VerificationOutcome",
]

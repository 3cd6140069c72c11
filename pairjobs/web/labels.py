"""Human labels of the enumerations, translatable; one place for every template and form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.models import (
    ApplicationStatus,
    Category,
    CddReason,
    CloseOutcome,
    ContractState,
    ContractType,
    CredentialExpectation,
    CredentialStatus,
    CredentialType,
    EndReason,
    FundingKind,
    LegalBasis,
    OrganizationKind,
    PositionStatus,
    RejectionReason,
    RenewalDecision,
    Role,
    Sector,
    Setting,
    SupervisionFrequency,
    SupervisionKind,
    Verification,
)

ORGANIZATION_KINDS = {
    OrganizationKind.CHU: _l("University hospital (CHU)"),
    OrganizationKind.CH: _l("General hospital (CH)"),
    OrganizationKind.EPSM: _l("Psychiatric hospital (EPSM / specialised CH)"),
    OrganizationKind.CLINIC: _l("Private clinic"),
    OrganizationKind.ASSOCIATION: _l("Association"),
    OrganizationKind.GEM: _l("Mutual aid group (GEM)"),
    OrganizationKind.ESMS: _l("Social or medico-social service (ESMS)"),
    OrganizationKind.REHAB_CENTRE: _l("Psychosocial rehabilitation centre"),
    OrganizationKind.OTHER: _l("Other"),
}

SECTORS = {
    Sector.PUBLIC: _l("Public"),
    Sector.PRIVATE_NONPROFIT: _l("Private non-profit"),
    Sector.PRIVATE_FORPROFIT: _l("Private for-profit"),
}

ROLES = {
    Role.CANDIDATE: _l("Peer worker"),
    Role.EMPLOYER: _l("Employer"),
    Role.MONITOR: _l("ARS monitoring"),
    Role.ADMIN: _l("Administrator"),
}


CONTRACT_TYPES = {
    ContractType.TITULAIRE: _l("Civil servant (titulaire)"),
    ContractType.CDI_PUBLIC: _l("Public permanent contract (CDI)"),
    ContractType.CDD_PUBLIC: _l("Public fixed-term contract (CDD)"),
    ContractType.CONTRAT_PROJET: _l("Project contract"),
    ContractType.VACATION: _l("Sessional work (vacation)"),
    ContractType.CDI: _l("Permanent contract (CDI)"),
    ContractType.CDD: _l("Fixed-term contract (CDD)"),
    ContractType.INTERIM: _l("Temporary agency work (intérim)"),
    ContractType.PEC: _l("Subsidised contract (PEC)"),
    ContractType.APPRENTISSAGE: _l("Apprenticeship"),
    ContractType.PROFESSIONNALISATION: _l("Professionalisation contract"),
}

LEGAL_BASES = {
    LegalBasis.PERMANENT_NEED: _l("Permanent need"),
    LegalBasis.REPLACEMENT: _l("Replacement of an absent worker"),
    LegalBasis.VACANCY: _l("Vacant post awaiting a civil servant"),
    LegalBasis.TEMPORARY_INCREASE: _l("Temporary increase of activity"),
    LegalBasis.SEASONAL: _l("Seasonal increase of activity"),
}

WEEKDAYS = {
    1: _l("Monday"), 2: _l("Tuesday"), 3: _l("Wednesday"), 4: _l("Thursday"), 5: _l("Friday"), 6: _l("Saturday"),
    7: _l("Sunday"),
}

CATEGORIES = {
    Category.A: _l("Category A"),
    Category.B: _l("Category B"),
    Category.C: _l("Category C"),
}

CDD_REASONS = {
    CddReason.REPLACEMENT: _l("Replacement of an absent employee"),
    CddReason.REPLACEMENT_NO_FIXED_END: _l("Replacement, without a precise end date"),
    CddReason.TEMPORARY_INCREASE: _l("Temporary increase of activity"),
    CddReason.SEASONAL: _l("Seasonal work"),
    CddReason.AWAITING_CDI: _l("Awaiting a permanent hire"),
    CddReason.USAGE: _l("Customary fixed-term contract (CDD d'usage)"),
    CddReason.OTHER: _l("Other reason"),
}

SETTINGS = {
    Setting.CMP: _l("Outpatient centre (CMP)"),
    Setting.HOSPITALISATION: _l("Inpatient unit"),
    Setting.MOBILE_TEAM: _l("Mobile team"),
    Setting.DAY_HOSPITAL: _l("Day hospital"),
    Setting.REHABILITATION: _l("Psychosocial rehabilitation"),
    Setting.ADDICTION: _l("Addiction care"),
    Setting.CHILD_PSYCHIATRY: _l("Child and adolescent psychiatry"),
    Setting.ESMS: _l("Social or medico-social service (SAMSAH, SAVS…)"),
    Setting.GEM: _l("Mutual aid group (GEM)"),
    Setting.OTHER: _l("Other"),
}

FUNDING_KINDS = {
    FundingKind.PERMANENT: _l("Permanent budget"),
    FundingKind.GRANT: _l("Time-limited grant"),
}

SUPERVISION_FREQUENCIES = {
    SupervisionFrequency.WEEKLY: _l("Every week"),
    SupervisionFrequency.FORTNIGHTLY: _l("Every two weeks"),
    SupervisionFrequency.MONTHLY: _l("Every month"),
    SupervisionFrequency.QUARTERLY: _l("Every three months"),
    SupervisionFrequency.NONE: _l("No supervision"),
}

SUPERVISION_KINDS = {
    SupervisionKind.EXTERNAL: _l("External supervisor"),
    SupervisionKind.INTERNAL: _l("Internal supervisor"),
    SupervisionKind.PEER_INTERVISION: _l("Peer intervision"),
}

CREDENTIAL_EXPECTATIONS = {
    CredentialExpectation.REQUIRED: _l("Required"),
    CredentialExpectation.PREFERRED: _l("Preferred"),
    CredentialExpectation.NOT_REQUIRED: _l("Not required"),
}

POSITION_STATUSES = {
    PositionStatus.DRAFT: _l("Draft"),
    PositionStatus.PUBLISHED: _l("Published"),
    PositionStatus.CLOSED: _l("Closed"),
}

CLOSE_OUTCOMES = {
    CloseOutcome.FILLED: _l("Filled"),
    CloseOutcome.CANCELLED: _l("Cancelled"),
}

SEVERITIES = {
    "critical": _l("Serious concern"),
    "warning": _l("Concern"),
    "info": _l("For information"),
}

POSITION_ACTIONS = {
    "created": _l("created"),
    "updated": _l("edited"),
    "published": _l("published"),
    "closed": _l("closed"),
}

APPLICATION_STATUSES = {
    ApplicationStatus.SUBMITTED: _l("Submitted"),
    ApplicationStatus.IN_REVIEW: _l("In review"),
    ApplicationStatus.INTERVIEW: _l("Interview"),
    ApplicationStatus.OFFER: _l("Offer"),
    ApplicationStatus.HIRED: _l("Hired"),
    ApplicationStatus.REJECTED: _l("Not kept"),
    ApplicationStatus.WITHDRAWN: _l("Withdrawn"),
}

REJECTION_REASONS = {
    RejectionReason.PROFILE_MISMATCH: _l("Your profile does not match the needs of the position"),
    RejectionReason.CREDENTIAL_MISSING: _l("The position requires a peer-work credential"),
    RejectionReason.POSITION_FILLED: _l("The position has been filled"),
    RejectionReason.POSITION_CANCELLED: _l("The recruitment was cancelled"),
    RejectionReason.AFTER_INTERVIEW: _l("Another candidate was chosen after the interviews"),
    RejectionReason.AVAILABILITY: _l("Your availability does not match the start date"),
    RejectionReason.OTHER: _l("Other reason"),
}

CREDENTIAL_TYPES = {
    CredentialType.DU: _l("University diploma (DU)"),
    CredentialType.DIU: _l("Inter-university diploma (DIU)"),
    CredentialType.LICENCE: _l("Bachelor's degree (licence)"),
    CredentialType.LICENCE_PRO: _l("Professional bachelor's degree (licence pro)"),
    CredentialType.ASSOCIATIVE: _l("Training by an association"),
    CredentialType.FOREIGN: _l("Training abroad"),
}

CREDENTIAL_STATUSES = {
    CredentialStatus.ENROLLED: _l("In progress"),
    CredentialStatus.OBTAINED: _l("Obtained"),
    CredentialStatus.INTERRUPTED: _l("Interrupted"),
}

VERIFICATIONS = {
    Verification.PENDING: _l("Not checked yet"),
    Verification.VERIFIED: _l("Checked by pairjobs"),
    Verification.REJECTED: _l("Could not be checked"),
}

CONTRACT_STATES = {
    ContractState.ACTIVE: _l("Active"),
    ContractState.RENEWED: _l("Renewed"),
    ContractState.CONVERTED: _l("Converted to a permanent contract"),
    ContractState.ENDED: _l("Ended"),
}

END_REASONS = {
    EndReason.TERM_REACHED: _l("End of the term"),
    EndReason.RESIGNATION: _l("Resignation"),
    EndReason.DISMISSAL: _l("Dismissal"),
    EndReason.TRIAL_PERIOD: _l("End during the trial period"),
    EndReason.MUTUAL_AGREEMENT: _l("Mutual agreement"),
    EndReason.FUNDING_ENDED: _l("End of the funding"),
    EndReason.RENEWAL_REFUSED: _l("The employee refused the renewal"),
    EndReason.OTHER: _l("Other reason"),
}

RENEWAL_DECISIONS = {
    RenewalDecision.RENEW: _l("To be renewed"),
    RenewalDecision.CONVERT: _l("To be converted to a permanent contract"),
    RenewalDecision.NOT_RENEW: _l("Not to be renewed"),
}

AUDIT_ACTIONS = {
    "candidate_file_viewed": _l("Application file viewed"),
    "credential_downloaded": _l("Certificate downloaded"),
    "application_status_changed": _l("Application status changed"),
    "report_exported": _l("Report exported"),
    "survey_imported": _l("Survey imported"),
}

FLAG_NAMES = {
    "precarious_form": _l("Precarious form of employment"),
    "very_short_fixed_term": _l("Very short fixed term"),
    "short_fixed_term": _l("Short fixed term"),
    "low_fte": _l("Low working time"),
    "part_time_below_legal_minimum": _l("Part time below the legal minimum"),
    "no_supervision": _l("No supervision"),
    "infrequent_supervision": _l("Infrequent supervision"),
    "supervision_outside_paid_time": _l("Supervision outside paid time"),
    "lone_peer_worker": _l("Lone peer worker in the team"),
    "grant_funded": _l("Funded by a time-limited grant"),
    "salary_not_stated": _l("Salary not stated"),
    "public_cdi_due": _l("Permanent contract due (six years)"),
    "public_cdd_over_max": _l("Public fixed term over its maximum"),
    "private_cdd_over_max": _l("Private fixed term over its maximum"),
    "private_cdd_too_many_renewals": _l("Too many renewals of a private fixed term"),
    "waiting_period_not_respected": _l("Waiting period not respected"),
    "pec_over_max": _l("Subsidised contract (PEC) over its maximum"),
    "pec_under_min": _l("Subsidised contract (PEC) under its minimum"),
    "end_near_no_decision": _l("End near, no decision recorded"),
    "fixed_term_overdue": _l("Fixed term past its end, no decision recorded"),
    "supervision_not_kept": _l("Supervision commitment not kept"),
}

EXIT_REASONS = {**{reason.value: label for reason, label in END_REASONS.items()}, "unknown": _l("Not recorded")}

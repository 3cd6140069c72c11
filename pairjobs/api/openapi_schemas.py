"""The schemas of the OpenAPI document of /api/v1 (pairjobs.api.openapi), and the helpers that build them."""

from __future__ import annotations

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
    Sector,
    Setting,
    SupervisionFrequency,
    SupervisionKind,
    Verification,
)


def enum_of(cls, nullable=False) -> dict:
    values = [m.value for m in cls]
    return {"type": ["string", "null"], "enum": values + [None]} if nullable else {"type": "string", "enum": values}


def nullable(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, required=None) -> dict:
    return {"type": "object", "properties": properties, "required": list(required or properties)}


def page_of(item: str) -> dict:
    return obj({"items": {"type": "array", "items": ref(item)}, "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1}})


DATE = {"type": "string", "format": "date"}
WEEKDAYS = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 7}, "minItems": 1,
            "description": "ISO weekdays (1 = Monday … 7 = Sunday); French public holidays are closed days"}
RULE_DATA = {"legal_entity_finess": nullable("string", description="FINESS of the legal entity (EJ)"),
             "idcc": nullable("string", description="4-digit collective agreement code"), "opening_days": WEEKDAYS}
DATETIME = {"type": "string", "format": "date-time"}
FLAG = obj({"code": {"type": "string"}, "severity": {"type": "string", "enum": ["info", "warning", "critical"]},
            "label": {"type": "string"}, "basis": {"type": "string"}})

POSITION_FIELDS = {
    "title": {"type": "string", "maxLength": 200},
    "description": {"type": "string"},
    "setting": enum_of(Setting),
    "department": {"type": "string"},
    "commune": {"type": "string", "description": "INSEE code or name; the organization's by default"},
    "contract_type": enum_of(ContractType),
    "legal_basis": enum_of(LegalBasis, nullable=True),
    "duration_months": nullable("integer"),
    "renewable": {"type": "boolean"},
    "cdi_prospect": {"type": "boolean"},
    "fte_percent": {"type": "integer", "minimum": 10, "maximum": 100},
    "weekly_hours": nullable("number"),
    "salary_min": nullable("integer"),
    "salary_max": nullable("integer"),
    "pay_grid": nullable("string"),
    "funding_kind": enum_of(FundingKind),
    "funding_ends_on": nullable("string", format="date"),
    "opening_days": {"type": ["array", "null"], "items": {"type": "integer", "minimum": 1, "maximum": 7},
                     "description": "ISO weekdays the unit is open; null: the organization's"},
    "start_date": nullable("string", format="date"),
    "deadline": nullable("string", format="date"),
    "openings": {"type": "integer", "minimum": 1},
    "supervision_frequency": enum_of(SupervisionFrequency),
    "supervision_kind": enum_of(SupervisionKind, nullable=True),
    "supervision_paid_time": {"type": "boolean"},
    "referent_role": nullable("string"),
    "peer_team_size": {"type": "integer", "minimum": 0},
    "training_funded": {"type": "boolean"},
    "tutoring": {"type": "boolean"},
    "credential_expectation": enum_of(CredentialExpectation),
}

SCHEMAS = {
    "Error": obj({"error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "accepted_dates": {"type": "array", "items": DATE}}}}),
    "Token": obj({"token": {"type": "string"}, "expires_at": DATETIME}),
    "Me": obj({"id": {"type": "integer"}, "email": {"type": "string"}, "name": {"type": "string"},
               "role": {"type": "string", "enum": ["candidate", "employer", "monitor", "admin"]},
               "organization_id": nullable("integer"), "approved": {"type": "boolean"}}),
    "Organization": obj({"id": {"type": "integer"}, "name": {"type": "string"}, "kind": enum_of(OrganizationKind),
                         "sector": enum_of(Sector), "finess": {"type": "string"}, "siret": nullable("string"),
                         "department": {"type": "string"}, "commune": {"type": "string"}, **RULE_DATA}),
    "OrganizationInput": obj({"name": {"type": "string"}, "kind": enum_of(OrganizationKind), "sector": enum_of(Sector),
                              "finess": {"type": "string"}, "siret": nullable("string"),
                              "department": {"type": "string"}, "commune": {"type": "string"}, **RULE_DATA},
                             ["name", "kind", "sector", "finess", "department", "commune"]),
    "OrganizationRuleData": obj(RULE_DATA, []),
    "Flag": FLAG,
    "PositionInput": obj(POSITION_FIELDS, ["title", "description", "setting", "contract_type", "fte_percent",
                                           "funding_kind", "supervision_frequency", "credential_expectation"]),
    "Position": obj({
        "id": {"type": "integer"}, "title": {"type": "string"}, "description": {"type": "string"},
        "organization": obj({"id": {"type": "integer"}, "name": {"type": "string"}, "kind": enum_of(OrganizationKind),
                             "sector": enum_of(Sector), "finess": {"type": "string"}}),
        "setting": enum_of(Setting), "department": {"type": "string"},
        "commune": obj({"code": {"type": "string"}, "name": nullable("string")}),
        "contract_type": enum_of(ContractType), "legal_basis": enum_of(LegalBasis, nullable=True),
        "duration_months": nullable("integer"), "renewable": {"type": "boolean"},
        "cdi_prospect": {"type": "boolean"}, "fte_percent": {"type": "integer"}, "weekly_hours": {"type": "number"},
        "salary_min": nullable("integer"), "salary_max": nullable("integer"), "pay_grid": nullable("string"),
        "funding": obj({"kind": enum_of(FundingKind), "ends_on": nullable("string", format="date")}),
        "opening_days": POSITION_FIELDS["opening_days"],
        "start_date": nullable("string", format="date"), "deadline": nullable("string", format="date"),
        "openings": {"type": "integer"},
        "supervision": obj({"frequency": enum_of(SupervisionFrequency), "kind": enum_of(SupervisionKind, nullable=True),
                            "paid_time": {"type": "boolean"}, "referent_role": nullable("string")}),
        "peer_team_size": {"type": "integer"}, "training_funded": {"type": "boolean"}, "tutoring": {"type": "boolean"},
        "credential_expectation": enum_of(CredentialExpectation), "status": enum_of(PositionStatus),
        "outcome": enum_of(CloseOutcome, nullable=True), "published_at": nullable("string", format="date-time"),
        "version": {"type": "integer"}, "flags": {"type": "array", "items": ref("Flag")},
        "url": {"type": "string", "format": "uri"},
    }),
    "PositionPage": page_of("Position"),
    "CredentialInput": obj({
        "type": enum_of(CredentialType), "title": {"type": "string"}, "institution": {"type": "string"},
        "institution_other": nullable("string"), "start_year": nullable("integer"),
        "end_year": nullable("integer"), "status": enum_of(CredentialStatus), "hours": nullable("integer"),
        "reference": nullable("string")}, ["type", "title", "institution", "status"]),
    "Credential": obj({
        "id": {"type": "integer"}, "type": enum_of(CredentialType), "title": {"type": "string"},
        "institution": {"type": "string"}, "start_year": nullable("integer"), "end_year": nullable("integer"),
        "status": enum_of(CredentialStatus), "hours": nullable("integer"), "reference": nullable("string"),
        "has_document": {"type": "boolean"}, "verification": enum_of(Verification),
        "rejection_reason": nullable("string"), "verified_at": nullable("string", format="date-time")}),
    "Application": obj({
        "id": {"type": "integer"},
        "position": obj({"id": {"type": "integer"}, "title": {"type": "string"}, "organization": {"type": "string"}}),
        "status": enum_of(ApplicationStatus), "rejection_reason": enum_of(RejectionReason, nullable=True),
        "message": {"type": "string"}, "credentials": {"type": "array", "items": ref("Credential")},
        "created_at": DATETIME, "updated_at": DATETIME, "version": {"type": "integer"},
        "history": {"type": "array", "items": {"type": "object", "required": ["at", "from", "to", "reason"],
                                               "properties": {"at": DATETIME, "from": enum_of(ApplicationStatus, True),
                                                              "to": enum_of(ApplicationStatus),
                                                              "reason": enum_of(RejectionReason, True),
                                                              "note": nullable("string"),
                                                              "actor": nullable("string")}}},
        "candidate": {"type": "object", "description": "employers only",
                      "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                     "email": {"type": "string"}, "phone": nullable("string")}},
    }, ["id", "position", "status", "rejection_reason", "message", "credentials", "created_at", "updated_at",
        "version", "history"]),
    "ApplicationPage": page_of("Application"),
    "Contract": obj({
        "id": {"type": "integer"}, "organization_id": {"type": "integer"}, "person_key": {"type": "string"},
        "position_id": nullable("integer"), "previous_id": nullable("integer"),
        "contract_type": enum_of(ContractType), "sector": enum_of(Sector), "legal_basis": enum_of(LegalBasis, True),
        "category": enum_of(Category, True), "cdd_reason": enum_of(CddReason, True),
        "extended_duration": {"type": "boolean"},
        "part_time_at_employee_request": {"type": "boolean"}, "post_ref": nullable("string", maxLength=40),
        "start_date": DATE, "end_date": nullable("string", format="date"), "fte_percent": {"type": "integer"},
        "weekly_hours": {"type": "number"}, "monthly_gross": nullable("integer"),
        "funding": obj({"kind": enum_of(FundingKind), "ends_on": nullable("string", format="date")}),
        "supervision": obj({"frequency": enum_of(SupervisionFrequency), "kind": enum_of(SupervisionKind, True),
                            "paid_time": {"type": "boolean"}}),
        "promised_supervision": obj({"frequency": enum_of(SupervisionFrequency, True),
                                     "paid_time": nullable("boolean")}),
        "peer_team_size": {"type": "integer"}, "state": enum_of(ContractState), "end_reason": enum_of(EndReason, True),
        "renewal_decision": enum_of(RenewalDecision, True), "version": {"type": "integer"},
        "flags": {"type": "array", "items": ref("Flag")}}),
    "ContractPage": page_of("Contract"),
    "Summary": {"type": "object", "required": [
        "as_of", "scope", "snapshot", "active_people", "active_fte", "active_contracts", "precarious_people_share",
        "precarious_share", "supervised_monthly_people_share", "flagged_contracts", "flagged_contracts_by_severity",
        "flags", "flags_legal", "flags_practice", "entries_12m", "exits_12m", "exits_by_reason",
        "conversions_to_cdi_12m", "retention_12m_share", "open_positions", "references"], "properties": {
        "as_of": DATE,
        "scope": obj({"department": nullable("string"), "sector": enum_of(Sector, True),
                      "org_kind": enum_of(OrganizationKind, True)}),
        "snapshot": {**obj({"date": DATE, "revision": {"type": "integer", "minimum": 1},
                            "taken_at": {"type": "string"}, "reason": nullable("string")}),
                     "type": ["object", "null"], "description": "The snapshot read; null for today's live figures"},
        **{k: nullable("number", minimum=0, maximum=1) for k in (
            "precarious_people_share", "cdd_people_share", "precarious_share", "supervised_monthly_people_share",
            "supervised_professional_people_share", "supervised_monthly_share", "supervised_paid_share",
            "lone_peer_share", "retention_12m_share", "recruited_verified_credential_share")},
        **{k: nullable("number") for k in ("median_fte", "median_tenure_months", "median_months_to_cdi",
                                            "median_days_to_fill", "applications_per_position")},
        "active_fte": {"type": "number", "minimum": 0},
        **{k: {"type": "integer", "minimum": 0} for k in (
            "active_people", "active_contracts", "precarious_people", "precarious_contracts",
            "supervised_monthly_people", "flagged_contracts", "legal_flagged_contracts", "practice_flagged_contracts",
            "entries_12m", "returns_12m", "exits_12m", "conversions_to_cdi_12m", "retention_cohort_people",
            "open_positions",
            "positions_published", "positions_filled", "positions_unfilled", "recruited_applications")},
        "flagged_contracts_by_severity": obj({k: {"type": "integer", "minimum": 0}
                                              for k in ("critical", "warning", "info")}),
        **{k: {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
           for k in ("flags", "flags_legal", "flags_practice", "exits_by_reason")},
        "references": {"type": "array", "items": obj({
            "key": {"type": "string"}, "indicator": {"type": "string"}, "value": {"type": "number"},
            "source": {"type": "string"}, "year": {"type": "integer"}, "measure": {"type": "string"},
            "scope": {"type": "object"}, "computed": nullable("number")})}}},
}

"""The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json and kept true by the tests
(schemathesis calls every operation and checks each response against it)."""

from __future__ import annotations

from flask import jsonify

from pairjobs.api import bp
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


def _enum(cls, nullable=False) -> dict:
    values = [m.value for m in cls]
    return {"type": ["string", "null"], "enum": values + [None]} if nullable else {"type": "string", "enum": values}


def _nullable(kind: str, **extra) -> dict:
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
RULE_DATA = {"legal_entity_finess": _nullable("string", description="FINESS of the legal entity (EJ)"),
             "idcc": _nullable("string", description="4-digit collective agreement code"), "opening_days": WEEKDAYS}
DATETIME = {"type": "string", "format": "date-time"}
FLAG = obj({"code": {"type": "string"}, "severity": {"type": "string", "enum": ["info", "warning", "critical"]},
            "label": {"type": "string"}, "basis": {"type": "string"}})

POSITION_FIELDS = {
    "title": {"type": "string", "maxLength": 200},
    "description": {"type": "string"},
    "setting": _enum(Setting),
    "department": {"type": "string"},
    "commune": {"type": "string", "description": "INSEE code or name; the organization's by default"},
    "contract_type": _enum(ContractType),
    "legal_basis": _enum(LegalBasis, nullable=True),
    "duration_months": _nullable("integer"),
    "renewable": {"type": "boolean"},
    "cdi_prospect": {"type": "boolean"},
    "fte_percent": {"type": "integer", "minimum": 10, "maximum": 100},
    "weekly_hours": _nullable("number"),
    "salary_min": _nullable("integer"),
    "salary_max": _nullable("integer"),
    "pay_grid": _nullable("string"),
    "funding_kind": _enum(FundingKind),
    "funding_ends_on": _nullable("string", format="date"),
    "opening_days": {"type": ["array", "null"], "items": {"type": "integer", "minimum": 1, "maximum": 7},
                     "description": "ISO weekdays the unit is open; null: the organization's"},
    "start_date": _nullable("string", format="date"),
    "deadline": _nullable("string", format="date"),
    "openings": {"type": "integer", "minimum": 1},
    "supervision_frequency": _enum(SupervisionFrequency),
    "supervision_kind": _enum(SupervisionKind, nullable=True),
    "supervision_paid_time": {"type": "boolean"},
    "referent_role": _nullable("string"),
    "peer_team_size": {"type": "integer", "minimum": 0},
    "training_funded": {"type": "boolean"},
    "tutoring": {"type": "boolean"},
    "credential_expectation": _enum(CredentialExpectation),
}

SCHEMAS = {
    "Error": obj({"error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "accepted_dates": {"type": "array", "items": DATE}}}}),
    "Token": obj({"token": {"type": "string"}, "expires_at": DATETIME}),
    "Me": obj({"id": {"type": "integer"}, "email": {"type": "string"}, "name": {"type": "string"},
               "role": {"type": "string", "enum": ["candidate", "employer", "monitor", "admin"]},
               "organization_id": _nullable("integer"), "approved": {"type": "boolean"}}),
    "Organization": obj({"id": {"type": "integer"}, "name": {"type": "string"}, "kind": _enum(OrganizationKind),
                         "sector": _enum(Sector), "finess": {"type": "string"}, "siret": _nullable("string"),
                         "department": {"type": "string"}, "commune": {"type": "string"}, **RULE_DATA}),
    "OrganizationInput": obj({"name": {"type": "string"}, "kind": _enum(OrganizationKind), "sector": _enum(Sector),
                              "finess": {"type": "string"}, "siret": _nullable("string"),
                              "department": {"type": "string"}, "commune": {"type": "string"}, **RULE_DATA},
                             ["name", "kind", "sector", "finess", "department", "commune"]),
    "OrganizationRuleData": obj(RULE_DATA, []),
    "Flag": FLAG,
    "PositionInput": obj(POSITION_FIELDS, ["title", "description", "setting", "contract_type", "fte_percent",
                                           "funding_kind", "supervision_frequency", "credential_expectation"]),
    "Position": obj({
        "id": {"type": "integer"}, "title": {"type": "string"}, "description": {"type": "string"},
        "organization": obj({"id": {"type": "integer"}, "name": {"type": "string"}, "kind": _enum(OrganizationKind),
                             "sector": _enum(Sector), "finess": {"type": "string"}}),
        "setting": _enum(Setting), "department": {"type": "string"},
        "commune": obj({"code": {"type": "string"}, "name": _nullable("string")}),
        "contract_type": _enum(ContractType), "legal_basis": _enum(LegalBasis, nullable=True),
        "duration_months": _nullable("integer"), "renewable": {"type": "boolean"},
        "cdi_prospect": {"type": "boolean"}, "fte_percent": {"type": "integer"}, "weekly_hours": {"type": "number"},
        "salary_min": _nullable("integer"), "salary_max": _nullable("integer"), "pay_grid": _nullable("string"),
        "funding": obj({"kind": _enum(FundingKind), "ends_on": _nullable("string", format="date")}),
        "opening_days": POSITION_FIELDS["opening_days"],
        "start_date": _nullable("string", format="date"), "deadline": _nullable("string", format="date"),
        "openings": {"type": "integer"},
        "supervision": obj({"frequency": _enum(SupervisionFrequency), "kind": _enum(SupervisionKind, nullable=True),
                            "paid_time": {"type": "boolean"}, "referent_role": _nullable("string")}),
        "peer_team_size": {"type": "integer"}, "training_funded": {"type": "boolean"}, "tutoring": {"type": "boolean"},
        "credential_expectation": _enum(CredentialExpectation), "status": _enum(PositionStatus),
        "outcome": _enum(CloseOutcome, nullable=True), "published_at": _nullable("string", format="date-time"),
        "version": {"type": "integer"}, "flags": {"type": "array", "items": ref("Flag")},
        "url": {"type": "string", "format": "uri"},
    }),
    "PositionPage": page_of("Position"),
    "CredentialInput": obj({
        "type": _enum(CredentialType), "title": {"type": "string"}, "institution": {"type": "string"},
        "institution_other": _nullable("string"), "start_year": _nullable("integer"),
        "end_year": _nullable("integer"), "status": _enum(CredentialStatus), "hours": _nullable("integer"),
        "reference": _nullable("string")}, ["type", "title", "institution", "status"]),
    "Credential": obj({
        "id": {"type": "integer"}, "type": _enum(CredentialType), "title": {"type": "string"},
        "institution": {"type": "string"}, "start_year": _nullable("integer"), "end_year": _nullable("integer"),
        "status": _enum(CredentialStatus), "hours": _nullable("integer"), "reference": _nullable("string"),
        "has_document": {"type": "boolean"}, "verification": _enum(Verification),
        "rejection_reason": _nullable("string"), "verified_at": _nullable("string", format="date-time")}),
    "Application": obj({
        "id": {"type": "integer"},
        "position": obj({"id": {"type": "integer"}, "title": {"type": "string"}, "organization": {"type": "string"}}),
        "status": _enum(ApplicationStatus), "rejection_reason": _enum(RejectionReason, nullable=True),
        "message": {"type": "string"}, "credentials": {"type": "array", "items": ref("Credential")},
        "created_at": DATETIME, "updated_at": DATETIME, "version": {"type": "integer"},
        "history": {"type": "array", "items": {"type": "object", "required": ["at", "from", "to", "reason"],
                                               "properties": {"at": DATETIME, "from": _enum(ApplicationStatus, True),
                                                              "to": _enum(ApplicationStatus),
                                                              "reason": _enum(RejectionReason, True),
                                                              "note": _nullable("string"),
                                                              "actor": _nullable("string")}}},
        "candidate": {"type": "object", "description": "employers only",
                      "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                     "email": {"type": "string"}, "phone": _nullable("string")}},
    }, ["id", "position", "status", "rejection_reason", "message", "credentials", "created_at", "updated_at",
        "version", "history"]),
    "ApplicationPage": page_of("Application"),
    "Contract": obj({
        "id": {"type": "integer"}, "organization_id": {"type": "integer"}, "person_key": {"type": "string"},
        "position_id": _nullable("integer"), "previous_id": _nullable("integer"),
        "contract_type": _enum(ContractType), "sector": _enum(Sector), "legal_basis": _enum(LegalBasis, True),
        "category": _enum(Category, True), "cdd_reason": _enum(CddReason, True), "extended_duration": {"type": "boolean"},
        "part_time_at_employee_request": {"type": "boolean"}, "post_ref": _nullable("string", maxLength=40),
        "start_date": DATE, "end_date": _nullable("string", format="date"), "fte_percent": {"type": "integer"},
        "weekly_hours": {"type": "number"}, "monthly_gross": _nullable("integer"),
        "funding": obj({"kind": _enum(FundingKind), "ends_on": _nullable("string", format="date")}),
        "supervision": obj({"frequency": _enum(SupervisionFrequency), "kind": _enum(SupervisionKind, True),
                            "paid_time": {"type": "boolean"}}),
        "promised_supervision": obj({"frequency": _enum(SupervisionFrequency, True),
                                     "paid_time": _nullable("boolean")}),
        "peer_team_size": {"type": "integer"}, "state": _enum(ContractState), "end_reason": _enum(EndReason, True),
        "renewal_decision": _enum(RenewalDecision, True), "version": {"type": "integer"},
        "flags": {"type": "array", "items": ref("Flag")}}),
    "ContractPage": page_of("Contract"),
    "Summary": {"type": "object", "required": [
        "as_of", "scope", "snapshot", "active_people", "active_fte", "active_contracts", "precarious_people_share",
        "precarious_share", "supervised_monthly_people_share", "flagged_contracts", "flagged_contracts_by_severity",
        "flags", "flags_legal", "flags_practice", "entries_12m", "exits_12m", "exits_by_reason",
        "conversions_to_cdi_12m", "retention_12m_share", "open_positions", "references"], "properties": {
        "as_of": DATE,
        "scope": obj({"department": _nullable("string"), "sector": _enum(Sector, True),
                      "org_kind": _enum(OrganizationKind, True)}),
        "snapshot": {**obj({"date": DATE, "revision": {"type": "integer", "minimum": 1},
                            "taken_at": {"type": "string"}, "reason": _nullable("string")}),
                     "type": ["object", "null"], "description": "The snapshot read; null for today's live figures"},
        **{k: _nullable("number", minimum=0, maximum=1) for k in (
            "precarious_people_share", "cdd_people_share", "precarious_share", "supervised_monthly_people_share",
            "supervised_professional_people_share", "supervised_monthly_share", "supervised_paid_share",
            "lone_peer_share", "retention_12m_share", "recruited_verified_credential_share")},
        **{k: _nullable("number") for k in ("median_fte", "median_tenure_months", "median_months_to_cdi",
                                            "median_days_to_fill", "applications_per_position")},
        "active_fte": {"type": "number", "minimum": 0},
        **{k: {"type": "integer", "minimum": 0} for k in (
            "active_people", "active_contracts", "precarious_people", "precarious_contracts",
            "supervised_monthly_people", "flagged_contracts", "legal_flagged_contracts", "practice_flagged_contracts",
            "entries_12m", "returns_12m", "exits_12m", "conversions_to_cdi_12m", "retention_cohort_people", "open_positions",
            "positions_published", "positions_filled", "positions_unfilled", "recruited_applications")},
        "flagged_contracts_by_severity": obj({k: {"type": "integer", "minimum": 0}
                                              for k in ("critical", "warning", "info")}),
        **{k: {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
           for k in ("flags", "flags_legal", "flags_practice", "exits_by_reason")},
        "references": {"type": "array", "items": obj({
            "key": {"type": "string"}, "indicator": {"type": "string"}, "value": {"type": "number"},
            "source": {"type": "string"}, "year": {"type": "integer"}, "measure": {"type": "string"},
            "scope": {"type": "object"}, "computed": _nullable("number")})}}},
}

ERROR = {"description": "An error", "content": {"application/json": {"schema": ref("Error")}}}
BEARER = [{"bearer": []}]


def ok(schema: str | None, status: str = "200", description: str = "Success") -> dict:
    responses = {status: {"description": description}, "default": ERROR}
    if schema:
        responses[status]["content"] = {"application/json": {"schema": ref(schema)}}
    return responses


def body(schema: str | dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": ref(schema) if isinstance(schema, str)
                                                                 else schema}}}


def path_id(name: str) -> list[dict]:
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}]


def query(name: str, schema: dict, description: str = "") -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


SEARCH_PARAMETERS = [
    query("q", {"type": "string", "maxLength": 200}, "Words of the title, description, organization or commune"),
    query("department", {"type": "string"}, "INSEE department code"),
    {"name": "contract_type", "in": "query", "required": False, "style": "form", "explode": True,
     "schema": {"type": "array", "items": _enum(ContractType)}},
    query("stable_only", {"type": "string", "enum": ["1", "0", "true", "false"]}),
    query("min_fte", {"type": "integer", "minimum": 10, "maximum": 100}),
    query("supervision", _enum(SupervisionFrequency), "At least this often"),
    query("setting", _enum(Setting)),
    query("org_kind", _enum(OrganizationKind)),
    query("sort", {"type": "string", "enum": ["newest", "deadline"]}),
    query("page", {"type": "integer", "minimum": 1}),
    query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
]
PAGING = [query("page", {"type": "integer", "minimum": 1}),
          query("per_page", {"type": "integer", "minimum": 1, "maximum": 100})]


def _op(summary: str, responses: dict, *, security=BEARER, parameters=None, request=None, tag: str) -> dict:
    operation = {"summary": summary, "tags": [tag], "responses": responses, "security": security}
    if parameters:
        operation["parameters"] = parameters
    if request:
        operation["requestBody"] = request
    return operation


PATHS = {
    "/tokens": {
        "post": _op("Exchange an e-mail and password (HTTP Basic) for a bearer token", ok("Token", "201"),
                    security=[{"basic": []}], tag="Authentication"),
        "delete": _op("Revoke the token of this request", ok(None, "204", "Revoked"), tag="Authentication"),
    },
    "/me": {"get": _op("The account that owns the token", ok("Me"), tag="Authentication")},
    "/organizations": {
        "get": _op("Every organization", {"200": {"description": "Success", "content": {"application/json": {
            "schema": obj({"items": {"type": "array", "items": ref("Organization")}})}}}, "default": ERROR},
            tag="Organizations"),
        "post": _op("Create an organization (administrators)", ok("Organization", "201"),
                    request=body("OrganizationInput"), tag="Organizations"),
    },
    "/organizations/{organization_id}": {
        "get": _op("One organization", ok("Organization"), parameters=path_id("organization_id"), tag="Organizations"),
        "patch": _op("Change the legal entity, collective agreement or opening days (administrators)",
                     ok("Organization"), parameters=path_id("organization_id"), request=body("OrganizationRuleData"),
                     tag="Organizations"),
    },
    "/positions": {
        "get": _op("Search published, open positions", ok("PositionPage"), security=[],
                   parameters=SEARCH_PARAMETERS, tag="Positions"),
        "post": _op("Create a draft (approved employers)", ok("Position", "201"), request=body("PositionInput"),
                    tag="Positions"),
    },
    "/positions/{position_id}": {
        "get": _op("One position: public when published; its organization also sees drafts and closed ones",
                   ok("Position"), security=[{}, {"bearer": []}], parameters=path_id("position_id"), tag="Positions"),
        "patch": _op("Change some fields of a position", ok("Position"), parameters=path_id("position_id"),
                     request=body({"type": "object", "properties": POSITION_FIELDS | {"version": {"type": "integer"}}}),
                     tag="Positions"),
    },
    "/positions/{position_id}/publish": {
        "post": _op("Publish a draft", ok("Position"), parameters=path_id("position_id"), tag="Positions"),
    },
    "/positions/{position_id}/close": {
        "post": _op("Close a position", ok("Position"), parameters=path_id("position_id"), tag="Positions",
                    request=body(obj({"outcome": _enum(CloseOutcome)}))),
    },
    "/positions/{position_id}/applications": {
        "post": _op("Apply (candidates): 409 when already applied, 422 when the position is not open",
                    ok("Application", "201"), parameters=path_id("position_id"), tag="Applications",
                    request=body({"type": "object", "properties": {
                        "message": {"type": "string", "maxLength": 5000},
                        "credential_ids": {"type": "array", "items": {"type": "integer"}}}})),
    },
    "/me/credentials": {
        "get": _op("The candidate's credentials", {"200": {"description": "Success", "content": {
            "application/json": {"schema": obj({"items": {"type": "array", "items": ref("Credential")}})}}},
            "default": ERROR}, tag="Applications"),
        "post": _op("Declare a credential", ok("Credential", "201"), request=body("CredentialInput"),
                    tag="Applications"),
    },
    "/applications": {
        "get": _op("A candidate's applications, or an employer's organization's", ok("ApplicationPage"),
                   parameters=[query("status", _enum(ApplicationStatus)), query("position_id", {"type": "integer"}),
                               *PAGING], tag="Applications"),
    },
    "/applications/{application_id}": {
        "get": _op("One application", ok("Application"), parameters=path_id("application_id"), tag="Applications"),
        "patch": _op("Move an application or add a note (recruiters); 409 on a stale version", ok("Application"),
                     parameters=path_id("application_id"), tag="Applications",
                     request=body({"type": "object", "properties": {
                         "status": _enum(ApplicationStatus), "reason": _enum(RejectionReason, True),
                         "note": _nullable("string"), "version": {"type": "integer"}}})),
    },
    "/applications/{application_id}/withdraw": {
        "post": _op("Withdraw (the candidate)", ok("Application"), parameters=path_id("application_id"),
                    tag="Applications"),
    },
    "/contracts": {"get": _op("The organization's contracts", ok("ContractPage"), parameters=PAGING, tag="Contracts")},
    "/contracts/{contract_id}": {
        "get": _op("One contract with its flags", ok("Contract"), parameters=path_id("contract_id"), tag="Contracts"),
        "patch": _op("Correct an active contract's terms", ok("Contract"), parameters=path_id("contract_id"),
                     request=body({"type": "object"}), tag="Contracts"),
    },
    "/contracts/{contract_id}/renew": {"post": _op(
        "Renew for a duration or to an end date", ok("Contract", "201"), parameters=path_id("contract_id"),
        request=body({"type": "object", "properties": {"duration_months": {"type": "integer"}, "end_date": DATE,
                                                       "version": {"type": "integer"}}}), tag="Contracts")},
    "/contracts/{contract_id}/convert": {"post": _op(
        "Convert to a permanent contract from a date", ok("Contract", "201"), parameters=path_id("contract_id"),
        request=body(obj({"start_date": DATE})), tag="Contracts")},
    "/contracts/{contract_id}/end": {"post": _op(
        "End the contract", ok("Contract"), parameters=path_id("contract_id"),
        request=body({"type": "object", "required": ["reason"],
                      "properties": {"reason": _enum(EndReason), "end_date": DATE}}), tag="Contracts")},
    "/contracts/{contract_id}/decision": {"post": _op(
        "Record the decision about a fixed term's end", ok("Contract"), parameters=path_id("contract_id"),
        request=body(obj({"decision": _enum(RenewalDecision)})), tag="Contracts")},
    "/reports/summary": {"get": _op(
        "Regional indicators (monitors, administrators); shares are between 0 and 1, or null", ok("Summary"),
        parameters=[query("as_of", DATE, "Today (live figures) or a recorded snapshot's date; any other date is "
                          "answered 422 with error.accepted_dates"),
                    query("revision", {"type": "integer", "minimum": 1}, "A revision of the date (default: the latest)"),
                    query("department", {"type": "string"}), query("sector", _enum(Sector)),
                    query("org_kind", _enum(OrganizationKind))], tag="Monitoring")},
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "pairjobs API",
        "version": "1.0.0",
        "description": "Jobs and recruitment of salaried peer workers in French mental health. Errors are "
                       '{"error": {"code", "message", "fields"?}}; messages follow Accept-Language (French '
                       "by default).",
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "basic": {"type": "http",
                                                                                      "scheme": "basic"}},
    },
    "security": BEARER,
}


@bp.get("/openapi.json")
def openapi_document():
    """This API's OpenAPI 3.1 document."""
    return jsonify(DOCUMENT)

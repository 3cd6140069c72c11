"""The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json and kept true by the tests
(schemathesis calls every operation and checks each response against it); its schemas are in
pairjobs.api.openapi_schemas."""

from __future__ import annotations

from flask import jsonify

from pairjobs.api import bp
from pairjobs.api.openapi_schemas import (
    DATE,
    POSITION_FIELDS,
    SCHEMAS,
    enum_of,
    nullable,
    obj,
    ref,
)
from pairjobs.models import (
    ApplicationStatus,
    CloseOutcome,
    ContractType,
    EndReason,
    OrganizationKind,
    RejectionReason,
    RenewalDecision,
    Sector,
    Setting,
    SupervisionFrequency,
)

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
     "schema": {"type": "array", "items": enum_of(ContractType)}},
    query("stable_only", {"type": "string", "enum": ["1", "0", "true", "false"]}),
    query("min_fte", {"type": "integer", "minimum": 10, "maximum": 100}),
    query("supervision", enum_of(SupervisionFrequency), "At least this often"),
    query("setting", enum_of(Setting)),
    query("org_kind", enum_of(OrganizationKind)),
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
                    request=body(obj({"outcome": enum_of(CloseOutcome)}))),
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
                   parameters=[query("status", enum_of(ApplicationStatus)), query("position_id", {"type": "integer"}),
                               *PAGING], tag="Applications"),
    },
    "/applications/{application_id}": {
        "get": _op("One application", ok("Application"), parameters=path_id("application_id"), tag="Applications"),
        "patch": _op("Move an application or add a note (recruiters); 409 on a stale version", ok("Application"),
                     parameters=path_id("application_id"), tag="Applications",
                     request=body({"type": "object", "properties": {
                         "status": enum_of(ApplicationStatus), "reason": enum_of(RejectionReason, True),
                         "note": nullable("string"), "version": {"type": "integer"}}})),
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
                      "properties": {"reason": enum_of(EndReason), "end_date": DATE}}), tag="Contracts")},
    "/contracts/{contract_id}/decision": {"post": _op(
        "Record the decision about a fixed term's end", ok("Contract"), parameters=path_id("contract_id"),
        request=body(obj({"decision": enum_of(RenewalDecision)})), tag="Contracts")},
    "/reports/summary": {"get": _op(
        "Regional indicators (monitors, administrators); shares are between 0 and 1, or null", ok("Summary"),
        parameters=[query("as_of", DATE, "Today (live figures) or a recorded snapshot's date; any other date is "
                          "answered 422 with error.accepted_dates"),
                    query("revision", {"type": "integer", "minimum": 1},
                          "A revision of the date (default: the latest)"),
                    query("department", {"type": "string"}), query("sector", enum_of(Sector)),
                    query("org_kind", enum_of(OrganizationKind))], tag="Monitoring")},
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

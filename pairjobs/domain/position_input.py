"""Checking a position's input: every field and the rules between them (contract, pay, funding, place)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.errors import ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.domain.inputs import Reader
from pairjobs.domain.organizations import parse_opening_days
from pairjobs.models import (
    ContractType,
    CredentialExpectation,
    FundingKind,
    LegalBasis,
    Organization,
    Sector,
    Setting,
    SupervisionFrequency,
    SupervisionKind,
)

FULL_TIME_HOURS = 35.0
MAX_DURATION_MONTHS = 72  # the longest fixed term: a public contrat de projet, 6 years


def parse_position(raw: Mapping[str, Any], organization: Organization) -> dict[str, Any]:
    """Check every field and the rules between them; the values by model attribute, or ValidationFailed."""
    r = Reader(raw)
    v: dict[str, Any] = {
        "title": r.text("title", 200, required=True),
        "description": r.text("description", 20000, required=True),
        "setting": r.choice("setting", Setting, required=True),
        "contract_type": r.choice("contract_type", ContractType, required=True),
        "legal_basis": r.choice("legal_basis", LegalBasis),
        "duration_months": r.integer("duration_months", 1, MAX_DURATION_MONTHS),
        "renewable": r.boolean("renewable"),
        "cdi_prospect": r.boolean("cdi_prospect"),
        "fte_percent": r.integer("fte_percent", 10, 100, required=True),
        "weekly_hours": r.decimal("weekly_hours", 1, 48),
        "salary_min": r.integer("salary_min", 0, 20000),
        "salary_max": r.integer("salary_max", 0, 20000),
        "pay_grid": r.text("pay_grid", 200),
        "funding_kind": r.choice("funding_kind", FundingKind, required=True),
        "funding_ends_on": r.date("funding_ends_on"),
        "start_date": r.date("start_date"),
        "deadline": r.date("deadline"),
        "openings": r.integer("openings", 1, 50) or 1,
        "supervision_frequency": r.choice("supervision_frequency", SupervisionFrequency, required=True),
        "supervision_kind": r.choice("supervision_kind", SupervisionKind),
        "supervision_paid_time": r.boolean("supervision_paid_time"),
        "referent_role": r.text("referent_role", 120),
        "peer_team_size": r.integer("peer_team_size", 0, 100) or 0,
        "training_funded": r.boolean("training_funded"),
        "tutoring": r.boolean("tutoring"),
        "credential_expectation": r.choice("credential_expectation", CredentialExpectation, required=True),
    }
    for name in ("salary_min", "salary_max"):
        if isinstance(raw.get(name), (int, float)) and not isinstance(raw.get(name), bool) and raw[name] < 0:
            r.errors[name] = [_("A salary cannot be negative.")]
        elif isinstance(raw.get(name), str) and raw[name].strip().startswith("-"):
            r.errors[name] = [_("A salary cannot be negative.")]

    if r.given("opening_days") or isinstance(raw.get("opening_days"), list):
        v["opening_days"] = parse_opening_days(raw.get("opening_days"))
        if v["opening_days"] is None and raw.get("opening_days") not in ([], None, ""):
            r.error("opening_days", _("Give the opening days as weekdays from 1 (Monday) to 7 (Sunday)."))
    else:
        v["opening_days"] = None  # the organization's
    _check_contract(r, v, organization)
    _check_pay_and_time(r, v)
    _check_funding_and_supervision(r, v)
    _check_place(r, v, raw, organization)
    if r.errors:
        raise ValidationFailed(r.errors)
    return v


def _check_contract(r: Reader, v: dict, organization: Organization) -> None:
    kind: ContractType | None = v["contract_type"]
    if kind is None:
        return
    public = organization.sector is Sector.PUBLIC
    if kind.is_public and not public:
        r.error("contract_type", _("This contract type exists only in the public sector."))
    elif not kind.allowed_for(public):
        r.error("contract_type", _("A public-sector employer offers a public contract type, a PEC, an "
                                   "apprenticeship or temp work."))
    if kind is ContractType.CDD_PUBLIC:
        if v["legal_basis"] is None and "legal_basis" not in r.errors:
            r.error("legal_basis", _("Give the legal basis of the public fixed-term contract."))
    elif v["legal_basis"] is not None:
        r.error("legal_basis", _("Only a public fixed-term contract has a legal basis."))
    if kind.is_fixed_term:
        if v["duration_months"] is None and "duration_months" not in r.errors:
            r.error("duration_months", _("Give the duration of the fixed-term contract, in months."))
        elif v["duration_months"] is not None:
            low, high = duration_limits(kind, v["legal_basis"])
            if not low <= v["duration_months"] <= high:
                if v["legal_basis"] is not None:
                    r.error("duration_months", _(
                        "For a public fixed-term contract on the basis “%(basis)s”, the duration is between "
                        "%(low)d and %(high)d months.", basis=LegalBasis(v["legal_basis"]).label, low=low, high=high))
                else:
                    r.error("duration_months", _("For this contract, the duration is between %(low)d and "
                                                 "%(high)d months.", low=low, high=high))
    elif v["duration_months"] is not None:
        r.error("duration_months", _("An open-ended contract has no duration."))
    if not kind.is_fixed_term and v["renewable"]:
        v["renewable"] = False  # meaningless for an open-ended contract


def duration_limits(kind: ContractType, basis: LegalBasis | None) -> tuple[int, int]:
    """The shortest and longest duration of a single contract of this type (and legal basis), the same
    limits as the contract rules (DOMAIN.md, "Contract rules in detail")."""
    public = current_app.config["PRECARITY_THRESHOLDS"]["public_cdd_limits"]
    if kind is ContractType.CONTRAT_PROJET:
        return public["contrat_projet"]["min_months"], public["contrat_projet"]["total_months"]
    if kind is ContractType.CDD_PUBLIC and basis is not None:
        rule = public.get(basis.value, {})
        return 1, rule.get("contract_months", rule.get("months", MAX_DURATION_MONTHS))
    return tuple(current_app.config["CONTRACT_DURATION_LIMITS"].get(kind.value, (1, MAX_DURATION_MONTHS)))


def _check_pay_and_time(r: Reader, v: dict) -> None:
    low, high = v["salary_min"], v["salary_max"]
    if low is not None and high is not None and low > high:
        r.error("salary_max", _("The maximum salary is lower than the minimum."))
    if v["weekly_hours"] is None and v["fte_percent"] is not None and "weekly_hours" not in r.errors:
        # Derived from the FTE on a 35-hour week, to the half hour.
        v["weekly_hours"] = round(FULL_TIME_HOURS * v["fte_percent"] / 100 * 2) / 2


def _check_funding_and_supervision(r: Reader, v: dict) -> None:
    if v["funding_kind"] is FundingKind.GRANT and v["funding_ends_on"] is None and "funding_ends_on" not in r.errors:
        r.error("funding_ends_on", _("Give the date when the grant ends."))
    if v["funding_kind"] is FundingKind.PERMANENT and v["funding_ends_on"] is not None:
        r.error("funding_ends_on", _("A permanent budget has no end date."))
    frequency = v["supervision_frequency"]
    if frequency is SupervisionFrequency.NONE:
        if v["supervision_kind"] is not None:
            r.error("supervision_kind", _("No supervision is planned: leave the kind empty."))
        v["supervision_paid_time"] = False
    elif frequency is not None and v["supervision_kind"] is None and "supervision_kind" not in r.errors:
        r.error("supervision_kind", _("Say who supervises."))
    if v["start_date"] and v["deadline"] and v["deadline"] > v["start_date"]:
        r.error("deadline", _("The application deadline is after the start date."))


def _check_place(r: Reader, v: dict, raw: Mapping[str, Any], organization: Organization) -> None:
    geo = geography()
    department_code = r.text("department", 3) or organization.department_code
    commune_text = r.text("commune", 100)
    department = geo.department(department_code)
    if department is None:
        r.error("department", _("Choose a department of the region."))
        return
    if commune_text is None:
        if department.code != organization.department_code:
            r.error("commune", _("Give the commune in department %(code)s.", code=department.code))
            return
        commune_code = organization.commune_code
    else:
        matches = geo.find_communes(department.code, commune_text)
        if len(matches) != 1:
            r.error("commune", _("No commune of department %(code)s matches this INSEE code or name.",
                                 code=department.code) if not matches else
                    _("Several communes have this name: %(list)s. Enter the INSEE code.",
                      list=", ".join(c.label for c in matches)))
            return
        commune_code = matches[0].code
    v["department_code"] = department.code
    v["commune_code"] = commune_code

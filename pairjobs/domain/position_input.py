"""Checking a position's input: every field and the rules between them (contract, pay, funding, place)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.errors import Errors, ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.models import (
    ContractType,
    FundingKind,
    LegalBasis,
    Organization,
    Sector,
    SupervisionFrequency,
)

FULL_TIME_HOURS = 35.0
MAX_DURATION_MONTHS = 72  # the longest fixed term: a public contrat de projet, 6 years
MAX_OPENINGS = 50


# What a position holds when its input leaves a field out.
DEFAULTS: dict[str, Any] = {
    "legal_basis": None, "duration_months": None, "renewable": False, "cdi_prospect": False,
    "weekly_hours": None, "salary_min": None, "salary_max": None, "pay_grid": None, "funding_ends_on": None,
    "opening_days": None, "start_date": None, "deadline": None, "openings": 1, "supervision_kind": None,
    "supervision_paid_time": False, "referent_role": None, "peer_team_size": 0, "training_funded": False,
    "tutoring": False, "department_code": None, "commune_code": None,
}
REQUIRED = ("title", "description", "setting", "contract_type", "fte_percent", "funding_kind",
            "supervision_frequency", "credential_expectation")


def check_position(values: Mapping[str, Any], organization: Organization) -> dict[str, Any]:
    """The rules between a position's typed values (contract, pay, funding, place); the values to store
    by model attribute, or ValidationFailed."""
    v: dict[str, Any] = DEFAULTS | {k: v for k, v in values.items() if k not in {"version", "organization"}}
    r = Errors()
    for name in REQUIRED:
        if v.get(name) is None:
            r.add(name, _("This field is required."))
    reference = values.get("organization")
    if reference and reference.get("id") not in (None, organization.id):
        r.add("organization", _("A position belongs to your own organization."))
    v["openings"] = v["openings"] or 1
    v["peer_team_size"] = v["peer_team_size"] or 0
    for name in ("renewable", "cdi_prospect", "supervision_paid_time", "training_funded", "tutoring"):
        v[name] = bool(v[name])
    _check_contract(r, v, organization)
    _check_pay_and_time(r, v)
    _check_funding_and_supervision(r, v)
    _check_place(r, v, organization)
    if r:
        raise ValidationFailed(dict(r))
    return v


def _check_contract(r: Errors, v: dict, organization: Organization) -> None:
    kind: ContractType | None = v["contract_type"]
    if kind is None:
        return
    public = organization.sector is Sector.PUBLIC
    if kind.is_public and not public:
        r.add("contract_type", _("This contract type exists only in the public sector."))
    elif not kind.allowed_for(public):
        r.add("contract_type", _("A public-sector employer offers a public contract type, a PEC, an "
                                   "apprenticeship or temp work."))
    if kind is ContractType.CDD_PUBLIC:
        if v["legal_basis"] is None and "legal_basis" not in r:
            r.add("legal_basis", _("Give the legal basis of the public fixed-term contract."))
    elif v["legal_basis"] is not None:
        r.add("legal_basis", _("Only a public fixed-term contract has a legal basis."))
    if kind.is_fixed_term:
        if v["duration_months"] is None and "duration_months" not in r:
            r.add("duration_months", _("Give the duration of the fixed-term contract, in months."))
        elif v["duration_months"] is not None:
            low, high = duration_limits(kind, v["legal_basis"])
            if not low <= v["duration_months"] <= high:
                if v["legal_basis"] is not None:
                    r.add("duration_months", _(
                        "For a public fixed-term contract on the basis “%(basis)s”, the duration is between "
                        "%(low)d and %(high)d months.", basis=LegalBasis(v["legal_basis"]).label,
                        low=low, high=high))
                else:
                    r.add("duration_months", _("For this contract, the duration is between %(low)d and "
                                                 "%(high)d months.", low=low, high=high))
    elif v["duration_months"] is not None:
        r.add("duration_months", _("An open-ended contract has no duration."))
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


def _check_pay_and_time(r: Errors, v: dict) -> None:
    low, high = v["salary_min"], v["salary_max"]
    if low is not None and high is not None and low > high:
        r.add("salary_max", _("The maximum salary is lower than the minimum."))
    if v["weekly_hours"] is None and v["fte_percent"] is not None and "weekly_hours" not in r:
        # Derived from the FTE on a 35-hour week, to the half hour.
        v["weekly_hours"] = round(FULL_TIME_HOURS * v["fte_percent"] / 100 * 2) / 2


def _check_funding_and_supervision(r: Errors, v: dict) -> None:
    if v["funding_kind"] is FundingKind.GRANT and v["funding_ends_on"] is None and "funding_ends_on" not in r:
        r.add("funding_ends_on", _("Give the date when the grant ends."))
    if v["funding_kind"] is FundingKind.PERMANENT and v["funding_ends_on"] is not None:
        r.add("funding_ends_on", _("A permanent budget has no end date."))
    frequency = v["supervision_frequency"]
    if frequency is SupervisionFrequency.NONE:
        if v["supervision_kind"] is not None:
            r.add("supervision_kind", _("No supervision is planned: leave the kind empty."))
        v["supervision_paid_time"] = False
    elif frequency is not None and v["supervision_kind"] is None and "supervision_kind" not in r:
        r.add("supervision_kind", _("Say who supervises."))
    if v["start_date"] and v["deadline"] and v["deadline"] > v["start_date"]:
        r.add("deadline", _("The application deadline is after the start date."))


def _check_place(r: Errors, v: dict, organization: Organization) -> None:
    geo = geography()
    department_code = v.pop("department_code", None) or organization.department_code
    commune_text = v.pop("commune_code", None)
    department = geo.department(str(department_code).upper())
    if department is None:
        r.add("department_code", _("Choose a department of the region."))
        return
    if commune_text is None:
        if department.code != organization.department_code:
            r.add("commune_code", _("Give the commune in department %(code)s.", code=department.code))
            return
        commune_code = organization.commune_code
    else:
        matches = geo.find_communes(department.code, commune_text)
        if len(matches) != 1:
            r.add("commune_code", _("No commune of department %(code)s matches this INSEE code or name.",
                                    code=department.code) if not matches else
                  _("Several communes have this name: %(list)s. Enter the INSEE code.",
                    list=", ".join(c.label for c in matches)))
            return
        commune_code = matches[0].code
    v["department_code"] = department.code
    v["commune_code"] = commune_code

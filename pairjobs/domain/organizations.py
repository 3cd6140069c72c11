"""Organization use-cases: validation of identifiers and places, creation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from pairjobs.domain.errors import Conflict, ValidationFailed
from pairjobs.domain.geo import geography
from pairjobs.domain.identifiers import check_finess, check_siret, format_finess
from pairjobs.extensions import db
from pairjobs.models import Organization, OrganizationKind, Sector


@dataclass
class OrganizationDraft:
    """What a user submits to create an organization (raw, unvalidated values)."""

    name: str
    kind: str
    sector: str
    finess: str
    department: str
    commune: str
    siret: str | None = None
    legal_entity_finess: str | None = None
    idcc: str | None = None
    opening_days: object = None  # ISO weekdays: a list of numbers or a string of digits ("12345")
    is_demo: bool = False


@dataclass
class Created:
    """A created organization and the warnings to show (e.g. an unusual FINESS key)."""

    organization: Organization
    warnings: list[str] = field(default_factory=list)


def _enum_value(enum_cls, raw: str, errors: dict, name: str, message: str):
    try:
        return enum_cls((raw or "").strip())
    except ValueError:
        errors[name] = [message]
        return None


def parse_opening_days(raw: object) -> str | None:
    """ISO weekdays (1 = Monday … 7 = Sunday) from a list of numbers or a string ("12345", "1,2,3"),
    as a sorted string of digits; None when the value is not a non-empty set of weekdays."""
    if isinstance(raw, str):
        items: list = [c for c in raw if not c.isspace() and c != ","]
    elif isinstance(raw, (list, tuple)):
        items = list(raw)
    else:
        return None
    days = set()
    for item in items:
        if isinstance(item, bool) or str(item) not in {"1", "2", "3", "4", "5", "6", "7"}:
            return None
        days.add(int(item))
    return "".join(str(d) for d in sorted(days)) or None


def opening_days_list(text: str | None) -> list[int] | None:
    """The API's form of opening days: a list of ISO weekdays."""
    return [int(c) for c in text] if text else None


def check_rule_data(legal_entity: str | None, idcc: str | None, opening_days: object,
                    errors: dict[str, list[str]]) -> dict:
    """The legal entity (FINESS EJ), collective agreement (IDCC) and opening days, or errors by field."""
    values: dict = {}
    if legal_entity is not None and str(legal_entity).strip():
        checked = check_finess(str(legal_entity)) if isinstance(legal_entity, str) else None
        if checked is None:
            errors["legal_entity_finess"] = [_("A FINESS number has 9 characters: the department (2 digits, "
                                               "2A or 2B) then 7 digits.")]
        else:
            values["legal_entity_finess"] = checked.number
    else:
        values["legal_entity_finess"] = None
    if idcc is not None and str(idcc).strip():
        code = str(idcc).strip() if isinstance(idcc, (str, int)) and not isinstance(idcc, bool) else ""
        if not code.isdigit() or len(code) > 4:
            errors["idcc"] = [_("An IDCC code has 4 digits (for example 0029 or 0413).")]
        else:
            values["idcc"] = code.zfill(4)
    else:
        values["idcc"] = None
    if opening_days is None or opening_days == "":
        values["opening_days"] = "12345"  # Monday to Friday by default
    else:
        days = parse_opening_days(opening_days)
        if days is None:
            errors["opening_days"] = [_("Give the opening days as weekdays from 1 (Monday) to 7 (Sunday).")]
        else:
            values["opening_days"] = days
    return values


def _checked(draft: OrganizationDraft) -> tuple[dict, list[str]]:
    """An organization's values by attribute and the warnings to show, or ValidationFailed."""
    errors: dict[str, list[str]] = {}
    warnings: list[str] = []
    name = (draft.name or "").strip()
    if not name:
        errors["name"] = [_("Enter the organization's name.")]
    elif len(name) > 200:
        errors["name"] = [_("The name may have at most 200 characters.")]
    kind = _enum_value(OrganizationKind,
                       draft.kind.value if isinstance(draft.kind, OrganizationKind) else draft.kind, errors,
                       "kind", _("Choose a kind of organization."))
    sector = _enum_value(Sector, draft.sector.value if isinstance(draft.sector, Sector) else draft.sector,
                         errors, "sector", _("Choose a sector."))

    finess = check_finess(draft.finess)
    if finess is None:
        errors["finess"] = [
            _("A FINESS number has 9 characters: the department (2 digits, 2A or 2B) then 7 digits.")
        ]
    elif not finess.key_valid:
        warnings.append(
            _(
                "The check digit of FINESS %(finess)s does not match the usual key: "
                "please check the number.",
                finess=format_finess(finess.number),
            )
        )

    siret = None
    if draft.siret and draft.siret.strip():
        siret = check_siret(draft.siret)
        if siret is None:
            errors["siret"] = [_("This SIRET number is not valid (14 digits with a check key).")]

    rule_data = check_rule_data(draft.legal_entity_finess, draft.idcc, draft.opening_days, errors)

    geo = geography()
    department = geo.department(draft.department)
    commune_code = None
    if department is None:
        errors["department"] = [_("Choose a department of the region.")]
    else:
        matches = geo.find_communes(department.code, draft.commune)
        if not matches:
            errors["commune"] = [
                _("No commune of department %(code)s matches this INSEE code or name.", code=department.code)
            ]
        elif len(matches) > 1:
            errors["commune"] = [
                _("Several communes have this name: %(list)s. Enter the INSEE code.",
                  list=", ".join(c.label for c in matches))
            ]
        else:
            commune_code = matches[0].code

    if errors or finess is None or department is None:  # None only with its error
        raise ValidationFailed(errors)
    values = {"name": name, "kind": kind, "sector": sector, "finess": finess.number, "siret": siret,
              "department_code": department.code, "commune_code": commune_code, **rule_data}
    return values, warnings


def _refuse_duplicates(values: dict, organization_id: int | None = None) -> None:
    others = sa.select(Organization.id).where(Organization.id != (organization_id or 0))
    duplicates = []
    if db.session.scalar(others.where(Organization.finess == values["finess"])):
        duplicates.append(("finess", _("An organization with this FINESS number already exists.")))
    if values["siret"] and db.session.scalar(others.where(Organization.siret == values["siret"])):
        duplicates.append(("siret", _("An organization with this SIRET number already exists.")))
    if duplicates:
        raise Conflict(duplicates[0][1], {f: [m] for f, m in duplicates})


def create_organization(draft: OrganizationDraft) -> Created:
    """Validate and add an organization; raises ValidationFailed or Conflict, flushes only."""
    values, warnings = _checked(draft)
    _refuse_duplicates(values)
    organization = Organization(is_demo=draft.is_demo, **values)
    try:
        with db.session.begin_nested():
            db.session.add(organization)
    except sa.exc.IntegrityError:
        raise Conflict(_("An organization with this FINESS or SIRET number already exists.")) from None
    return Created(organization, warnings)


def draft_of(organization: Organization) -> OrganizationDraft:
    """An organization's current values, as a draft to change."""
    return OrganizationDraft(
        name=organization.name, kind=organization.kind.value, sector=organization.sector.value,
        finess=organization.finess, department=organization.department_code,
        commune=organization.commune_code,
        siret=organization.siret, legal_entity_finess=organization.legal_entity_finess,
        idcc=organization.idcc,
        opening_days=organization.opening_days)


def update_organization(organization: Organization, changes: Mapping[str, Any]) -> list[str]:
    """Change some of an organization's values (the others keep theirs); returns the warnings to show."""
    draft = draft_of(organization)
    for name, value in changes.items():
        setattr(draft, name, value)
    values, warnings = _checked(draft)
    if values.get("legal_entity_finess") == values["finess"]:
        values["legal_entity_finess"] = None  # its own legal entity
    _refuse_duplicates(values, organization.id)
    for name, value in values.items():
        setattr(organization, name, value)
    db.session.flush()
    return warnings


RULE_DATA_FIELDS = ("legal_entity_finess", "idcc", "opening_days")


def update_rule_data(organization: Organization, raw: dict) -> None:
    """Change what the contract rules read of an organization (fields not given keep their values)."""
    current = {"legal_entity_finess": organization.legal_entity_finess, "idcc": organization.idcc,
               "opening_days": organization.opening_days}
    merged = current | {k: v for k, v in raw.items() if k in RULE_DATA_FIELDS}
    errors: dict[str, list[str]] = {}
    values = check_rule_data(merged["legal_entity_finess"], merged["idcc"], merged["opening_days"], errors)
    if values.get("legal_entity_finess") == organization.finess:
        values["legal_entity_finess"] = None  # its own legal entity
    if errors:
        raise ValidationFailed(errors)
    for name, value in values.items():
        setattr(organization, name, value)
    db.session.flush()

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
    """An organization's values as the schema loaded them (pairjobs.schemas.organizations): typed, the
    identifiers and the place still to check against their registers."""

    name: str
    kind: OrganizationKind
    sector: Sector
    finess: str
    department: str
    commune: str
    siret: str | None = None
    legal_entity_finess: str | None = None
    idcc: str | None = None
    opening_days: str | None = None  # ISO weekdays as digits ("12345"); None: Monday to Friday
    is_demo: bool = False


@dataclass
class Created:
    """A created organization and the warnings to show (e.g. an unusual FINESS key)."""

    organization: Organization
    warnings: list[str] = field(default_factory=list)


def _finess_format() -> str:
    return _("A FINESS number has 9 characters: the department (2 digits, 2A or 2B) then 7 digits.")


def _rule_data(draft: OrganizationDraft, errors: dict[str, list[str]]) -> dict[str, str | None]:
    """The legal entity (FINESS EJ), collective agreement (IDCC) and opening days, or errors by field."""
    values: dict[str, str | None] = {"legal_entity_finess": None, "idcc": None,
                                     "opening_days": draft.opening_days or "12345"}
    if draft.legal_entity_finess:
        checked = check_finess(draft.legal_entity_finess)
        if checked is None:
            errors["legal_entity_finess"] = [_finess_format()]
        else:
            values["legal_entity_finess"] = checked.number
    if draft.idcc:
        if not draft.idcc.isdigit() or len(draft.idcc) > 4:
            errors["idcc"] = [_("An IDCC code has 4 digits (for example 0029 or 0413).")]
        else:
            values["idcc"] = draft.idcc.zfill(4)
    return values


def _place(draft: OrganizationDraft, errors: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """The department and commune codes the draft names, or errors by field."""
    geo = geography()
    department = geo.department(draft.department)
    if department is None:
        errors["department"] = [_("Choose a department of the region.")]
        return None, None
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
        return department.code, matches[0].code
    return department.code, None


def _checked(draft: OrganizationDraft) -> tuple[dict, list[str]]:
    """An organization's values by attribute and the warnings to show, or ValidationFailed."""
    errors: dict[str, list[str]] = {}
    warnings: list[str] = []
    finess = check_finess(draft.finess)
    if finess is None:
        errors["finess"] = [_finess_format()]
    elif not finess.key_valid:
        warnings.append(_("The check digit of FINESS %(finess)s does not match the usual key: "
                          "please check the number.", finess=format_finess(finess.number)))
    siret = None
    if draft.siret:
        siret = check_siret(draft.siret)
        if siret is None:
            errors["siret"] = [_("This SIRET number is not valid (14 digits with a check key).")]
    rule_data = _rule_data(draft, errors)
    department, commune = _place(draft, errors)
    if errors or finess is None:  # None only with its error
        raise ValidationFailed(errors)
    if rule_data["legal_entity_finess"] == finess.number:
        rule_data["legal_entity_finess"] = None  # its own legal entity
    values = {"name": draft.name, "kind": draft.kind, "sector": draft.sector, "finess": finess.number,
              "siret": siret, "department_code": department, "commune_code": commune, **rule_data}
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
        name=organization.name, kind=organization.kind, sector=organization.sector,
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
    _refuse_duplicates(values, organization.id)
    for name, value in values.items():
        setattr(organization, name, value)
    db.session.flush()
    return warnings


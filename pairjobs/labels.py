"""Human labels of the enumerations, translatable; one place for every template and form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.models import OrganizationKind, Role, Sector

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


"""Test data built through the domain layer, so that tests see what users would create."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from stdnum import luhn

from pairjobs.domain import accounts
from pairjobs.domain.organizations import OrganizationDraft, create_organization
from pairjobs.extensions import db
from pairjobs.models import Credential, Organization, Role, User  # noqa: F401  (re-exported)
from pairjobs.schemas.base import load
from pairjobs.schemas.credentials import CredentialSchema
from pairjobs.schemas.positions import PositionSchema

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def finess_number(department: str = "69") -> str:
    """A fresh FINESS number with a valid key."""
    body = f"{department}{next(_seq):06d}"
    return body + luhn.calc_check_digit(body)


def organization(**fields) -> Organization:
    """An organization in Bron (Rhône) unless told otherwise; committed."""
    values = {
        "name": f"Centre hospitalier {next(_seq)}",
        "kind": "epsm",
        "sector": "public",
        "finess": finess_number(fields.get("department", "69")),
        "department": "69",
        "commune": "69029",
    } | fields
    created = create_organization(OrganizationDraft(**values))
    db.session.commit()
    return created.organization


def user(role: Role = Role.CANDIDATE, organization: Organization | None = None, approved: bool = True,
         email: str | None = None, name: str | None = None) -> User:
    """An account with the shared test password; committed."""
    n = next(_seq)
    created = accounts.create_user(
        email=email or f"{role.value}{n}@example.org",
        password=PASSWORD,
        role=role,
        name=name or f"{role.value.title()} {n}",
        organization=organization,
        approved=approved,
    )
    db.session.commit()
    return created


@dataclass
class StandardAccounts:
    """One account of each kind: the actors of the authorization tests."""

    organization: Organization
    other_organization: Organization
    candidate: User
    other_candidate: User
    employer: User
    pending_employer: User
    other_employer: User
    monitor: User
    admin: User


def standard_accounts() -> StandardAccounts:
    """Create the standard actors."""
    org = organization(name="CH Le Vinatier (test)")
    other = organization(name="CHU Grenoble Alpes (test)", department="38", commune="38516")
    return StandardAccounts(
        organization=org,
        other_organization=other,
        candidate=user(Role.CANDIDATE),
        other_candidate=user(Role.CANDIDATE),
        employer=user(Role.EMPLOYER, org),
        pending_employer=user(Role.EMPLOYER, org, approved=False),
        other_employer=user(Role.EMPLOYER, other),
        monitor=user(Role.MONITOR),
        admin=user(Role.ADMIN),
    )


def position_input(**overrides) -> dict:
    """Valid raw input for a public-sector position (a CDI with monthly paid supervision)."""
    return {
        "title": "Médiateur de santé pair en CMP",
        "description": "Accompagner les personnes suivies.\n\nTravail en équipe pluriprofessionnelle.",
        "setting": "cmp",
        "contract_type": "cdi_public",
        "fte_percent": 100,
        "salary_min": 1900,
        "salary_max": 2200,
        "funding_kind": "permanent",
        "supervision_frequency": "monthly",
        "supervision_kind": "external",
        "supervision_paid_time": True,
        "peer_team_size": 1,
        "credential_expectation": "preferred",
    } | overrides


def position(organization: Organization, author: User | None = None, publish: bool = True, **overrides):
    """A position of the organization, published unless told otherwise; committed."""
    from pairjobs.domain import positions as ops
    from pairjobs.infra.clock import today

    created = ops.create_position(organization, author, load(PositionSchema(), position_input(**overrides)))
    if publish:
        ops.publish(created, author, today())
    db.session.commit()
    return created


def credential(candidate: User, **overrides):
    """A declared credential of the candidate; committed."""
    from pairjobs.domain import candidates

    values = {"type": "du", "title": "DU Pair-aidance en santé mentale", "institution":
              "Université Claude Bernard Lyon 1", "start_year": 2022, "end_year": 2023, "status": "obtained",
              "hours": 129} | overrides
    created = candidates.add_credential(candidate, load(CredentialSchema(), values))
    db.session.commit()
    return created


def application(candidate: User, position, credentials=()):
    """An application of the candidate to the position; committed."""
    from pairjobs.domain import applications
    from pairjobs.infra.clock import today

    created = applications.apply(candidate, position, "Bonjour, je suis intéressé.",
                                 [c.id for c in credentials],
                                 today())
    db.session.commit()
    return created

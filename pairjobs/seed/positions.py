"""Demo positions: a realistic mix of contracts and commitments across the 12 departments."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale

from pairjobs.domain import positions as ops
from pairjobs.extensions import db
from pairjobs.models import Organization, Position, Sector, Setting, User
from pairjobs.schemas.base import load
from pairjobs.schemas.positions import PositionSchema

TITLES = [
    ("Médiateur ou médiatrice de santé pair en CMP adultes", "cmp"),
    ("Pair-aidant professionnel en équipe mobile de psychiatrie", "equipe_mobile"),
    ("Pair-aidant en réhabilitation psychosociale", "rehabilitation"),
    ("Médiateur de santé pair en unité d'hospitalisation", "hospitalisation"),
    ("Pair-aidant en hôpital de jour", "hopital_de_jour"),
    ("Pair-aidant en addictologie (CSAPA)", "addictologie"),
    ("Pair-aidant en pédopsychiatrie, 12-25 ans", "pedopsychiatrie"),
    ("Pair-aidant au SAMSAH", "esms"),
]

DESCRIPTION = (
    "Au sein d'une équipe pluriprofessionnelle, vous mobilisez votre savoir expérientiel du rétablissement "
    "pour accompagner les personnes suivies : entretiens individuels, groupes, accompagnement vers les "
    "droits et dans la cité.\n\n"
    "Vous participez aux réunions cliniques et aux projets du service ({setting}). Vous travaillez en lien "
    "avec le ou la cadre de santé, les infirmiers, les psychologues et les psychiatres.\n\n"
    "Nous cherchons une personne engagée dans son propre rétablissement, à l'aise avec le travail en équipe. "
    "Une formation à la pair-aidance (DU, DIU, licence MSP) est un plus ; elle peut être financée."
)

PUBLIC_CONTRACTS: list[dict[str, Any]] = [
    {"contract_type": "cdi_public"},
    {"contract_type": "cdd_public", "legal_basis": "permanent_need", "duration_months": 12, "renewable": True,
     "cdi_prospect": True},
    {"contract_type": "titulaire"},
    {"contract_type": "cdd_public", "legal_basis": "vacancy", "duration_months": 12, "renewable": True},
    {"contract_type": "contrat_projet", "duration_months": 24},
    {"contract_type": "cdd_public", "legal_basis": "temporary_increase", "duration_months": 6},
    {"contract_type": "vacation", "duration_months": 2},
]
PRIVATE_CONTRACTS: list[dict[str, Any]] = [
    {"contract_type": "cdi"},
    {"contract_type": "cdd", "duration_months": 12, "renewable": True, "cdi_prospect": True},
    {"contract_type": "cdd", "duration_months": 6},
    {"contract_type": "pec", "duration_months": 12, "renewable": True},
    {"contract_type": "cdi"},
]
SUPERVISION: list[dict[str, Any]] = [
    {"supervision_frequency": "monthly", "supervision_kind": "external", "supervision_paid_time": True},
    {"supervision_frequency": "fortnightly", "supervision_kind": "peer_intervision",
     "supervision_paid_time": True},
    {"supervision_frequency": "quarterly", "supervision_kind": "internal", "supervision_paid_time": True},
    {"supervision_frequency": "monthly", "supervision_kind": "internal", "supervision_paid_time": False},
    {"supervision_frequency": "none"},
    {"supervision_frequency": "weekly", "supervision_kind": "external", "supervision_paid_time": True},
]
FTES = [100, 80, 50, 100, 60, 40, 100]


def _french(label) -> str:
    """A label as the French demo text reads it."""
    with force_locale("fr"):
        return str(label)


def demo_position_input(n: int, organization: Organization, today: date) -> dict:
    """The n-th demo position of an organization (deterministic)."""
    title, setting = TITLES[n % len(TITLES)]
    public = organization.sector is Sector.PUBLIC
    contracts = PUBLIC_CONTRACTS if public else PRIVATE_CONTRACTS
    fte = FTES[n % len(FTES)]
    salary = 1850 + 50 * (n % 7)
    raw = {
        "title": title,
        "description": DESCRIPTION.format(setting=_french(Setting(setting).label)),
        "setting": setting,
        "fte_percent": fte,
        "funding_kind": "grant" if n % 5 == 3 else "permanent",
        "funding_ends_on": (today + timedelta(days=540)).isoformat() if n % 5 == 3 else None,
        "deadline": (today + timedelta(days=20 + 7 * (n % 6))).isoformat(),
        "start_date": (today + timedelta(days=75 + 7 * (n % 6))).isoformat(),
        "openings": 1 + (n % 4 == 0),
        "peer_team_size": n % 3,
        "training_funded": n % 2 == 0,
        "tutoring": n % 3 != 1,
        "referent_role": "cadre de santé" if n % 2 else "psychologue coordinateur",
        "credential_expectation": ("preferred", "required", "not_required")[n % 3],
        **contracts[n % len(contracts)],
        **SUPERVISION[n % len(SUPERVISION)],
    }
    if n % 4 != 2:
        raw |= {"salary_min": salary, "salary_max": salary + 250}
    elif n % 8 == 2:
        raw |= {"pay_grid": "Grille FPH, catégorie B" if public else "CCN 51, coefficient 439"}
    return raw


def load_demo_positions(today: date) -> int:
    """Create the demo positions once (4 per demo organization); returns how many were created."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(Position).where(Position.is_demo)):
        return 0
    organizations = db.session.scalars(
        sa.select(Organization).where(Organization.is_demo).order_by(Organization.finess)
    ).all()
    employers = db.session.scalars(sa.select(User).where(User.organization_id.is_not(None)))
    authors = {u.organization_id: u for u in employers}
    created = 0
    for i, organization in enumerate(organizations):
        for j in range(4):
            n = i * 4 + j
            author = authors.get(organization.id)
            position = ops.create_position(organization, author,
                                           load(PositionSchema(),
                                                demo_position_input(n, organization, today)),
                                           is_demo=True)
            if j < 3:
                ops.publish(position, author, today)
            if n == 5:
                ops.close(position, author, "filled")
            created += 1
    return created

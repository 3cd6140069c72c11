"""Demo data for Auvergne-Rhône-Alpes: real establishments and places, fictional people.

Every row is marked is_demo. Loading is idempotent: what already exists is left alone.
FINESS numbers are the establishments' published numbers as far as we know them; check them
against finess.sante.gouv.fr before relying on them outside the demo.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from pairjobs.domain import accounts, password_policy
from pairjobs.domain.organizations import OrganizationDraft, create_organization
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Organization, Role, Sector, User
from pairjobs.models import OrganizationKind as Kind
from pairjobs.models.base import utcnow
from pairjobs.seed.positions import load_demo_positions
from pairjobs.seed.recruitment import CANDIDATES, load_demo_recruitment

DEMO_PASSWORD = password_policy.DEMO_PASSWORD
# The second factor of the demo's administrator and monitor (they must have one), published like the demo
# password: add it to an authenticator app, or `python3 -c "import pyotp; print(pyotp.TOTP('…').now())"`.
DEMO_TOTP_SECRET = "PAIRJOBSDEMOSECRETFORTWOFACTORSX"

ORGANIZATIONS = [
    # name, kind, sector, FINESS, department, commune (INSEE)
    ("CH Le Vinatier", Kind.EPSM, Sector.PUBLIC, "690780101", "69", "69029"),
    ("CH Saint-Jean-de-Dieu", Kind.EPSM, Sector.PRIVATE_NONPROFIT, "690781810", "69", "69388"),
    ("CHU Grenoble Alpes", Kind.CHU, Sector.PUBLIC, "380780080", "38", "38516"),
    ("CH Alpes-Isère", Kind.EPSM, Sector.PUBLIC, "380780049", "38", "38382"),
    ("CHU de Clermont-Ferrand", Kind.CHU, Sector.PUBLIC, "630780989", "63", "63113"),
    ("CHU de Saint-Étienne", Kind.CHU, Sector.PUBLIC, "420784878", "42", "42218"),
    ("CHS de la Savoie", Kind.EPSM, Sector.PUBLIC, "730780541", "73", "73031"),
    ("CH Drôme Vivarais", Kind.EPSM, Sector.PUBLIC, "260000047", "26", "26196"),
    ("Centre psychothérapique de l'Ain", Kind.EPSM, Sector.PRIVATE_NONPROFIT, "010780054", "01", "01053"),
    # FINESS numbers below are illustrative (valid key, not checked against the register).
    ("CH Moulins Yzeure", Kind.CH, Sector.PUBLIC, "030780126", "03", "03321"),
    ("CH Sainte-Marie de Privas", Kind.EPSM, Sector.PRIVATE_NONPROFIT, "070780051", "07", "07186"),
    ("CH Henri Mondor d'Aurillac", Kind.CH, Sector.PUBLIC, "150780096", "15", "15014"),
    ("CH Sainte-Marie du Puy-en-Velay", Kind.EPSM, Sector.PRIVATE_NONPROFIT, "430780114", "43", "43157"),
    ("EPSM de la Haute-Savoie", Kind.EPSM, Sector.PUBLIC, "740780135", "74", "74224"),
    ("Clinique du Grésivaudan", Kind.CLINIC, Sector.PRIVATE_FORPROFIT, "380780742", "38", "38516"),
    ("Association Messidor", Kind.ASSOCIATION, Sector.PRIVATE_NONPROFIT, "690791033", "69", "69383"),
]

# What the contract rules read of some of them: a collective agreement (CCN 66, IDCC 0413, under the
# BASS part-time agreement), and wards open every day.
RULE_DATA = {
    "690791033": {"idcc": "0413"},
    "380780742": {"opening_days": "1234567"},
}

# email local part, name, role, organization FINESS, approved
PEOPLE = [
    ("admin", "Administration pairjobs (démo)", Role.ADMIN, None, True),
    ("ars", "Observatoire ARS (démo)", Role.MONITOR, None, True),
    ("recrutement.vinatier", "Claire Dubois (démo)", Role.EMPLOYER, "690780101", True),
    ("rh.chu-grenoble", "Mehdi Benali (démo)", Role.EMPLOYER, "380780080", True),
    ("rh.savoie", "Sophie Girard (démo)", Role.EMPLOYER, "730780541", False),
    ("camille.martin", "Camille Martin (démo)", Role.CANDIDATE, None, True),
    ("yanis.roux", "Yanis Roux (démo)", Role.CANDIDATE, None, True),
]

DEMO_DOMAIN = "demo.pairjobs.fr"


def load_demo() -> list[tuple[str, str]]:
    """Create the missing demo organizations and accounts; return (role label, e-mail) pairs."""
    existing = set(db.session.scalars(sa.select(Organization.finess)))
    for name, kind, sector, finess, department, commune in ORGANIZATIONS:
        if finess not in existing:
            create_organization(
                OrganizationDraft(
                    name=name, kind=kind, sector=sector, finess=finess,
                    department=department, commune=commune, is_demo=True, **RULE_DATA.get(finess, {}),
                )
            )
    by_finess = {o.finess: o for o in db.session.scalars(sa.select(Organization))}
    logins = []
    for local, name, role, org_finess, approved in PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        if (account := accounts.find_by_email(email)) is not None:
            _second_factor(account)
        else:
            _second_factor(accounts.create_user(
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                role=role,
                organization=by_finess.get(org_finess) if org_finess else None,
                approved=approved,
                is_demo=True,
                confirmed=True,
            ))
        label = role.value + ("" if approved else " (awaiting approval)")
        logins.append((label, email))
    load_demo_positions(today())
    load_demo_recruitment(DEMO_PASSWORD, today())
    record_demo_snapshots()
    logins += [("candidate", f"{local}@{DEMO_DOMAIN}") for local, _name in CANDIDATES]
    return logins


def _second_factor(user: User) -> None:
    """The demo's staff accounts sign in with the published demo second factor (they must have one)."""
    if user.role in (Role.ADMIN, Role.MONITOR) and not user.two_factor_enabled:
        user.totp_secret, user.totp_enabled_at = DEMO_TOTP_SECRET, utcnow()


def record_demo_snapshots() -> None:
    """The last month-end and the last 31 December, frozen and published, so that the dashboard has past
    dates to show and /opendata/ a file (skipped for a date already recorded)."""
    from pairjobs.domain.monitoring import snapshots

    last_month_end = today().replace(day=1) - timedelta(days=1)
    for day in sorted({date(today().year - 1, 12, 31), last_month_end}):
        if snapshots.latest(day) is None:
            snapshots.record(day, publish=True)


"""Synthetic data at several scales, inserted in bulk, for benchmarks (issue: performance).

Everything is fictional and marked: organizations are named "Synth …", accounts use the reserved
domain synth.pairjobs.example and share one password hash. Places come from the shipped geography.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from pairjobs.domain.geo import geography
from pairjobs.domain.passwords import hash_password
from pairjobs.extensions import db
from pairjobs.infra.calendar import add_months
from pairjobs.models import Application, Contract, Organization, Position, User
from pairjobs.models.base import utcnow

SYNTH_DOMAIN = "synth.pairjobs.example"
SYNTH_PASSWORD = "synthetic-password-2026"
CHUNK = 5000


@dataclass(frozen=True)
class Scale:
    organizations: int
    positions: int
    candidates: int
    applications: int
    contracts: int


SCALES = {
    "tiny": Scale(20, 200, 300, 1_000, 100),
    "small": Scale(300, 6_000, 15_000, 100_000, 4_000),
    "national": Scale(3_000, 60_000, 150_000, 1_000_000, 40_000),
}
TITLES = ["Pair-aidant en CMP", "Médiateur de santé pair", "Pair-aidant en équipe mobile",
          "Pair-aidant en réhabilitation psychosociale", "Médiatrice de santé pair en hôpital de jour",
          "Pair-aidant en addictologie", "Pair-aidant en pédopsychiatrie", "Pair-aidant au SAMSAH"]
WORDS = ["accompagnement", "rétablissement", "entretiens", "groupes", "équipe", "pluriprofessionnelle",
         "savoir",
         "expérientiel", "psychiatrie", "logement", "emploi", "droits", "cité", "supervision", "formation"]
PUBLIC = ["cdi_public", "titulaire", "cdd_public", "contrat_projet"]
PRIVATE = ["cdi", "cdd", "pec"]
FIXED = {"cdd_public": 12, "contrat_projet": 24, "cdd": 12, "pec": 12}


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(model), rows[start:start + CHUNK])


def has_synthetic_data() -> bool:
    return db.session.execute(sa.select(sa.func.count()).select_from(User).where(
        User.email.like(f"%@{SYNTH_DOMAIN}"))).scalar_one() > 0


def generate(scale: Scale, today: date, seed: int = 2026) -> dict[str, int]:
    """Insert the synthetic data (flushes only); returns the counts."""
    rng = random.Random(seed)
    geo = geography()
    communes = list(geo.communes.values())
    now = utcnow()
    kinds = ["chu", "ch", "epsm", "clinique", "association", "gem", "esms", "centre_rehabilitation"]
    organizations = []
    for i in range(scale.organizations):
        commune = rng.choice(communes)
        kind = kinds[i % len(kinds)]
        sector = "public" if kind in ("chu", "ch", "epsm") else ("private_forprofit" if kind == "clinique"
                                                                  else "private_nonprofit")
        organizations.append({"name": f"Synth {kind.upper()} {i}", "kind": kind, "sector": sector,
                              "finess": f"{commune.department[:2]}{9_000_000 + i:07d}",
                              "department_code": commune.department, "commune_code": commune.code,
                              "created_at": now, "is_demo": True})
    _insert(Organization, organizations)
    orgs = db.session.execute(sa.select(Organization.id, Organization.name, Organization.sector,
                                        Organization.department_code, Organization.commune_code)
                              .where(Organization.name.like("Synth %"))).all()

    password = hash_password(SYNTH_PASSWORD)
    employers = [{"email": f"employer{o.id}@{SYNTH_DOMAIN}", "name": f"Recruteur {o.id}",
                  "password_hash": password,
                  "role": "employer", "organization_id": o.id, "approved_at": now, "is_enabled": True,
                  "is_demo": True, "session_nonce": secrets.token_hex(8), "created_at": now,
                  "email_confirmed_at": now} for o in orgs]
    candidates = [{"email": f"candidate{i}@{SYNTH_DOMAIN}", "name": f"Candidat·e {i}",
                   "password_hash": password,
                   "role": "candidate", "is_enabled": True, "is_demo": True,
                   "session_nonce": secrets.token_hex(8),
                   "created_at": now, "email_confirmed_at": now} for i in range(scale.candidates)]
    _insert(User, employers + candidates)

    positions = []
    for i in range(scale.positions):
        org = orgs[i % len(orgs)]
        public = org.sector.value == "public" if hasattr(org.sector, "value") else org.sector == "public"
        kind = rng.choice(PUBLIC if public else PRIVATE)
        title = rng.choice(TITLES)
        description = " ".join(rng.choices(WORDS, k=40))
        place = geo.commune(org.commune_code)
        status = rng.choices(["published", "draft", "closed"], [8, 1, 1])[0]
        published = now - timedelta(days=rng.randint(0, 900), minutes=i % 1440)
        positions.append({
            "organization_id": org.id, "title": title, "description": description, "setting": "cmp",
            "department_code": org.department_code, "commune_code": org.commune_code, "contract_type": kind,
            "legal_basis": "vacancy" if kind == "cdd_public" else None, "duration_months": FIXED.get(kind),
            "renewable": False, "cdi_prospect": False, "fte_percent": rng.choice([50, 80, 100]),
            "weekly_hours": 35.0, "salary_min": 1900, "salary_max": 2300, "funding_kind": "permanent",
            "openings": 1, "supervision_frequency": rng.choice(["weekly", "monthly", "quarterly", "none"]),
            "supervision_kind": "external", "supervision_paid_time": True,
            "peer_team_size": rng.randint(0, 3),
            "training_funded": False, "tutoring": False, "credential_expectation": "preferred",
            "status": status, "outcome": "filled" if status == "closed" else None,
            "published_at": published if status != "draft" else None,
            "closed_at": published + timedelta(days=40) if status == "closed" else None,
            "deadline": today + timedelta(days=rng.randint(-30, 90)), "created_at": published,
            "updated_at": published, "is_demo": True, "version": 1,
            "search_document": "\n".join([title, description, org.name, place.name if place else ""]),
        })
    _insert(Position, positions)
    position_ids = db.session.scalars(sa.select(Position.id).join(Organization)
                                      .where(Organization.name.like("Synth %")).order_by(Position.id)).all()
    candidate_ids = db.session.scalars(sa.select(User.id).where(User.role == "candidate",
                                                                User.email.like(f"%@{SYNTH_DOMAIN}"))).all()

    applications: list[dict] = []
    per_candidate = -(-scale.applications // len(candidate_ids))
    statuses = ["submitted"] * 5 + ["in_review", "interview", "offer", "withdrawn"] + ["rejected"] * 3
    for i, candidate in enumerate(candidate_ids):
        for k in range(per_candidate):
            if len(applications) >= scale.applications:
                break
            status = rng.choice(statuses)
            applications.append({
                "position_id": position_ids[(i * 7 + k * 13) % len(position_ids)], "candidate_id": candidate,
                "message": "", "status": status,
                "rejection_reason": "other" if status == "rejected" else None,
                "created_at": now, "updated_at": now, "version": 1})
    _insert(Application, applications)

    contracts = []
    for i in range(scale.contracts):
        org = orgs[i % len(orgs)]
        public = org.sector.value == "public" if hasattr(org.sector, "value") else org.sector == "public"
        kind = rng.choice(PUBLIC if public else PRIVATE)
        start = today - timedelta(days=rng.randint(0, 2500))
        end = add_months(start, FIXED[kind]) - timedelta(days=1) if kind in FIXED else None
        contracts.append({
            "organization_id": org.id, "person_key": secrets.token_hex(16), "contract_type": kind,
            "sector": org.sector.value if hasattr(org.sector, "value") else org.sector,
            "legal_basis": "vacancy" if kind == "cdd_public" else None, "start_date": start, "end_date": end,
            "fte_percent": rng.choice([50, 80, 100]), "weekly_hours": 35.0, "monthly_gross": 2000,
            "funding_kind": "permanent",
            "supervision_frequency": rng.choice(["weekly", "monthly", "quarterly"]),
            "supervision_kind": "external", "supervision_paid_time": True,
            "peer_team_size": rng.randint(0, 3),
            "state": "active" if end is None or end >= today else "ended", "created_at": now,
            "updated_at": now,
            "is_demo": True, "source": "survey", "version": 1})
    _insert(Contract, contracts)
    db.session.flush()
    return {"organizations": len(organizations), "positions": len(positions), "candidates": len(candidates),
            "applications": len(applications), "contracts": len(contracts)}

"""Search latency benchmark (not a test): load N positions, time searches with text and two filters.

Usage:
    .venv/bin/python bench/search_bench.py [--positions 10000] [--database-url URL] [--runs 200]

Without --database-url a temporary SQLite file is used; with a PostgreSQL URL, that database's
schema is replaced (its name must contain "bench" or "test").
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from pairjobs import create_app
from pairjobs.domain.geo import geography
from pairjobs.domain.search import parse_search, search_positions
from pairjobs.extensions import db
from pairjobs.models import Organization, OrganizationKind, Position, Sector
from pairjobs.models.base import utcnow

WORDS = ("pair-aidant médiateur santé équipe mobile réhabilitation addictologie accompagnement rétablissement "
         "éducateur entretien groupe CMP hôpital jour psychiatrie adolescent logement emploi").split()
QUERIES = [
    {"q": "mediateur", "department": "69", "stable_only": "1"},
    {"q": "rehabilitation", "department": "38", "min_fte": "80"},
    {"q": "equipe mobile", "supervision": "monthly", "department": "63"},
    {"q": "pair aidant", "contract_type": "cdi", "setting": "cmp"},
]


def build(app, n_positions: int, seed: int = 1) -> None:
    """Migrate an empty database and bulk-insert organizations and positions."""
    from flask_migrate import upgrade

    rng = random.Random(seed)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        geo = geography()
        communes = list(geo.communes.values())
        orgs = []
        for i in range(max(10, n_positions // 50)):
            commune = rng.choice(communes)
            sector = rng.choice(list(Sector))
            orgs.append({"name": f"Établissement {i}", "kind": rng.choice(list(OrganizationKind)), "sector": sector,
                         "finess": f"{commune.department[:2]}{i:07d}", "department_code": commune.department,
                         "commune_code": commune.code, "created_at": utcnow()})
        db.session.execute(sa.insert(Organization), orgs)
        org_rows = db.session.execute(sa.select(Organization.id, Organization.name, Organization.sector,
                                                Organization.department_code, Organization.commune_code)).all()
        today = date.today()
        rows = []
        for i in range(n_positions):
            org = rng.choice(org_rows)
            public = org.sector is Sector.PUBLIC
            kind = rng.choice(["cdi_public", "titulaire", "cdd_public"] if public else ["cdi", "cdd", "pec"])
            fixed = kind in ("cdd_public", "cdd", "pec")
            title = " ".join(rng.sample(WORDS, 3)).capitalize()
            description = " ".join(rng.choices(WORDS, k=60))
            commune = geo.commune(org.commune_code)
            rows.append({
                "organization_id": org.id, "title": title, "description": description,
                "setting": rng.choice(["cmp", "equipe_mobile", "rehabilitation", "hospitalisation"]),
                "department_code": org.department_code, "commune_code": org.commune_code,
                "contract_type": kind, "legal_basis": "vacancy" if kind == "cdd_public" else None,
                "duration_months": 12 if fixed else None, "renewable": False, "cdi_prospect": False,
                "fte_percent": rng.choice([50, 80, 100]), "weekly_hours": 35.0,
                "salary_min": 1900, "salary_max": 2200, "funding_kind": "permanent", "openings": 1,
                "supervision_frequency": rng.choice(["weekly", "monthly", "quarterly", "none"]),
                "supervision_kind": "external", "supervision_paid_time": True, "peer_team_size": rng.randint(0, 3),
                "training_funded": False, "tutoring": False, "credential_expectation": "preferred",
                "status": rng.choices(["published", "draft", "closed"], [8, 1, 1])[0],
                "deadline": today + timedelta(days=rng.randint(-10, 60)),
                "published_at": utcnow() - timedelta(minutes=i), "created_at": utcnow(), "updated_at": utcnow(),
                "search_document": "\n".join([title, description, org.name, commune.name if commune else ""]),
                "version": 1,
            })
        rows = [r | {"outcome": "filled" if r["status"] == "closed" else None} for r in rows]
        for start in range(0, len(rows), 2000):
            db.session.execute(sa.insert(Position), rows[start:start + 2000])
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("ANALYZE"))


def measure(app, runs: int) -> dict[str, list[float]]:
    """Time the domain search and the whole /jobs and /api/v1/positions requests."""
    from werkzeug.datastructures import MultiDict

    timings: dict[str, list[float]] = {"domain": [], "GET /jobs": [], "GET /api/v1/positions": []}
    client = app.test_client()
    with app.app_context():
        departments = set(geography().departments)
        for i in range(runs):
            params = QUERIES[i % len(QUERIES)]
            query, _errors = parse_search(MultiDict(params), 20, 100, departments)
            start = time.perf_counter()
            search_positions(query, date.today())
            timings["domain"].append(time.perf_counter() - start)
            db.session.remove()
    for path in ("/jobs", "/api/v1/positions"):
        for i in range(runs):
            start = time.perf_counter()
            response = client.get(path, query_string=QUERIES[i % len(QUERIES)])
            timings[f"GET {path}"].append(time.perf_counter() - start)
            assert response.status_code == 200
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite'}"
    if url.startswith("postgres") and not any(w in url.rsplit("/", 1)[-1] for w in ("bench", "test")):
        parser.error("the PostgreSQL database name must contain 'bench' or 'test' (its schema is replaced)")
    app = create_app({"PAIRJOBS_ENV": "production", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    started = time.perf_counter()
    build(app, args.positions)
    print(f"Loaded {args.positions} positions into {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]} "
          f"in {time.perf_counter() - started:.1f} s")
    timings = measure(app, args.runs)
    print(f"{'search (text + two filters)':<32} {'median ms':>10} {'p95 ms':>10}")
    for name, values in timings.items():
        values = sorted(values)
        print(f"{name:<32} {statistics.median(values) * 1000:>10.1f} {values[int(len(values) * 0.95)] * 1000:>10.1f}")


if __name__ == "__main__":
    main()

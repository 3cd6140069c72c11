"""Synthetic data for benchmarks: bulk-inserted, consistent, loaded once."""

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Application, Contract, Organization, Position, User
from tests.helpers import basic, count


def test_synth_tiny_scale(runner, client):
    result = runner.invoke(args=["synth", "--scale", "tiny"])
    assert result.exit_code == 0, result.output
    assert "applications: 1000" in result.output
    assert (count(Organization), count(Position), count(Application), count(Contract)) == (20, 200, 1000, 100)
    assert count(User) == 300 + 20  # candidates and one recruiter per organization
    assert runner.invoke(args=["synth", "--scale", "tiny"]).exit_code == 1  # never twice
    # The data is usable: searches and the dashboard work on it.
    assert client.get("/api/v1/positions?q=pair&per_page=5").json["total"] > 0
    employer = db.session.scalar(sa.select(User).where(User.role == "employer"))
    login = client.post("/login", data={"email": employer.email, "password": "synthetic-password-2026"})
    assert login.status_code == 302
    assert client.get("/employer/applications").status_code == 200
    # Its people can act: a candidate applies to an open position it has not applied to (as the bench does).
    candidate = db.session.scalar(sa.select(User).where(User.role == "candidate"))
    applied = set(db.session.scalars(sa.select(Application.position_id)
                                     .where(Application.candidate_id == candidate.id)))
    position = next(p for p in db.session.scalars(sa.select(Position).where(Position.status == "published"))
                    if p.is_open(today()) and p.id not in applied)
    token = client.post("/api/v1/tokens",
                        headers=basic(candidate.email, "synthetic-password-2026")).json["token"]
    answer = client.post(f"/api/v1/positions/{position.id}/applications", json={},
                         headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 201, answer.json

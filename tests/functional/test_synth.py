"""Synthetic data for benchmarks: bulk-inserted, consistent, loaded once."""

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import Application, Contract, Organization, Position, User
from tests.helpers import count


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

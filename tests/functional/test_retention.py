"""Retention periods applied by `flask purge`, with a frozen clock."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import time_machine

from pairjobs.domain import applications as pipeline
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import ApiToken, Application, AuditEntry, Contract, OutboxMessage, User
from tests import factories
from tests.helpers import count

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_purge_applies_each_period(app, runner, accounts):
    with time_machine.travel(START, tick=False):
        position = factories.position(accounts.organization, accounts.employer)
        rejected = factories.application(accounts.candidate, position)
        pipeline.change_status(rejected, accounts.employer, "rejected", "other", None, None, today())
        kept = factories.application(accounts.other_candidate, position)  # still in progress
        dormant = factories.user(factories.Role.CANDIDATE, email="dormant@example.org")
        hired_candidate = factories.user(factories.Role.CANDIDATE, email="hired@example.org")
        other_position = factories.position(accounts.organization, accounts.employer)
        hired = factories.application(hired_candidate, other_position)
        for status in ("interview", "offer", "hired"):
            pipeline.change_status(hired, accounts.employer, status, None, None, None, today())
        db.session.commit()
        client = app.test_client()
        import base64

        auth = base64.b64encode(f"{accounts.monitor.email}:{factories.PASSWORD}".encode()).decode()
        client.post("/api/v1/tokens", headers={"Authorization": f"Basic {auth}"})
        dormant_id, hired_id, rejected_id, kept_id = dormant.id, hired_candidate.id, rejected.id, kept.id

    assert count(OutboxMessage) > 0 and count(AuditEntry) > 0 and count(ApiToken) == 1

    with time_machine.travel(START + timedelta(days=179), tick=False):
        assert "closed_applications: 0" in runner.invoke(args=["purge"]).output
    assert db.session.get(Application, rejected_id) is not None

    with time_machine.travel(START + timedelta(days=181), tick=False):
        output = runner.invoke(args=["purge"]).output
    assert "closed_applications: 1" in output and "outbox_messages: " in output
    assert db.session.get(Application, rejected_id) is None
    assert db.session.get(Application, kept_id) is not None
    assert count(OutboxMessage) == 0  # older than 90 days
    assert count(ApiToken) == 0  # expired for more than 30 days

    with time_machine.travel(START + timedelta(days=731), tick=False):
        output = runner.invoke(args=["purge"]).output
    db.session.expire_all()
    assert "inactive_candidates: 2" in output  # the dormant and the hired accounts; not the one in progress
    assert db.session.get(User, dormant_id) is None and db.session.get(User, hired_id) is None
    assert db.session.get(User, accounts.other_candidate.id) is not None
    contract = db.session.scalar(sa.select(Contract))
    assert contract is not None and contract.person_id is None  # kept for statistics, without identity
    assert count(AuditEntry) == 0

"""The migration that freezes the candidate's file fills it for the applications already sent, and ties
the messages already queued to their account (issue 15, point 9)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from pairjobs.extensions import db
from pairjobs.models import Application, CandidateProfile, OutboxMessage
from tests import factories
from tests.test_migrations import scratch_app  # noqa: F401  (the fixture)

BEFORE = "9b3a8e6593c6"


def test_existing_applications_and_messages_are_filled_in(scratch_app):  # noqa: F811
    upgrade()
    org = factories.organization()
    employer = factories.user(factories.Role.EMPLOYER, organization=org)
    candidate = factories.user(factories.Role.CANDIDATE, email="Ancienne@Example.org", name="Camille")
    candidate.profile = CandidateProfile(presentation="Ma présentation", lived_experience="Mon récit",
                                                   share_lived_experience=True, phone="0611223344",
                                                   share_phone=False)
    credential = factories.credential(candidate, title="DU Lyon 1")
    application = factories.application(candidate, factories.position(org, employer), [credential])
    legacy = OutboxMessage(recipient="ancienne@example.org", subject="s", body="b")
    stranger = OutboxMessage(recipient="personne@example.org", subject="s", body="b")
    db.session.add_all([legacy, stranger])
    db.session.commit()
    application_id, candidate_id, credential_id = application.id, candidate.id, credential.id
    legacy_id, stranger_id, employer_id = legacy.id, stranger.id, employer.id
    db.session.remove()
    downgrade(revision=BEFORE)
    upgrade()
    snapshot = db.session.get(Application, application_id).profile_snapshot
    assert snapshot["name"] == "Camille" and snapshot["presentation"] == "Ma présentation"
    assert snapshot["lived_experience"] == "Mon récit" and snapshot["phone"] is None  # phone not shared
    assert [(c["id"], c["title"]) for c in snapshot["credentials"]] == [(credential_id, "DU Lyon 1")]
    owners = dict(db.session.execute(sa.select(OutboxMessage.recipient, OutboxMessage.user_id)
                                     .where(OutboxMessage.id.in_([legacy_id, stranger_id]))).all())
    assert owners == {"ancienne@example.org": candidate_id, "personne@example.org": None}
    # The recruiter's notice and the candidate's receipt, queued by the application itself, are theirs.
    assert sorted(db.session.scalars(sa.select(OutboxMessage.user_id).where(
        OutboxMessage.id.not_in([legacy_id, stranger_id]))).all()) == sorted([employer_id, candidate_id])


def test_texts_written_before_the_consent_was_asked_are_kept_as_consented(scratch_app):  # noqa: F811
    upgrade()
    wrote = factories.user(factories.Role.CANDIDATE, email="recit@example.org")
    wrote.profile = CandidateProfile(lived_experience="Mon récit")
    silent = factories.user(factories.Role.CANDIDATE, email="silence@example.org")
    silent.profile = CandidateProfile(presentation="Sans récit")
    db.session.commit()
    wrote_id, silent_id = wrote.id, silent.id
    db.session.remove()
    downgrade(revision="f1c2d3e4a5b6")
    upgrade()
    kept = db.session.get(CandidateProfile, wrote_id)
    assert kept.lived_experience == "Mon récit" and kept.lived_experience_consent_at == kept.updated_at
    assert db.session.get(CandidateProfile, silent_id).lived_experience_consent_at is None

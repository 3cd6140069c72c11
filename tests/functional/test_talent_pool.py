"""The talent pool: off by default, joined only with an explicit consent and chosen departments, for two years
at most; recruiters of those departments find the person and invite them to apply (a real SMTP server
delivers it); consent withdrawn at any time; an expired consent is no longer seen, then purged."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import time_machine

from pairjobs.extensions import db
from pairjobs.models import PoolMembership
from tests import factories
from tests.helpers import signed_in

START = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)


def in_pool(app, employer, person) -> bool:
    return person.name in signed_in(app, employer).get("/employer/pool").text


def test_nobody_is_in_the_pool_without_ticking_the_consent(app, accounts):
    candidate = signed_in(app, accounts.candidate)
    page = candidate.get("/me/pool")
    consent_box = re.search(r'<input[^>]*id="consent"[^>]*>', page.text).group(0)
    assert page.status_code == 200 and "checked" not in consent_box  # nothing ticked in advance
    refused = candidate.post("/me/pool", data={"departments": ["69"]})
    assert refused.status_code == 200 and "Cochez la case pour donner votre accord" in refused.text
    no_department = candidate.post("/me/pool", data={"consent": "y"})
    assert "Choisissez au moins un département." in no_department.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PoolMembership)) == 0
    assert not in_pool(app, accounts.employer, accounts.candidate)


def test_recruiters_of_the_chosen_departments_find_the_person_and_invite_them(mail_app, smtp, accounts):
    _controller, inbox = smtp
    candidate = signed_in(mail_app, accounts.candidate)
    assert candidate.post("/me/pool", data={"consent": "y", "departments": ["69", "38"]}).status_code == 302
    here = accounts.organization  # in the Rhône (69)
    elsewhere = factories.organization(department="63", commune="63113")
    far = factories.user(factories.Role.EMPLOYER, elsewhere)
    assert in_pool(mail_app, accounts.employer, accounts.candidate)
    assert not in_pool(mail_app, far, accounts.candidate)
    position = factories.position(here, accounts.employer, title="Pair-aidant en CMP")
    employer = signed_in(mail_app, accounts.employer)
    sent = employer.post(f"/employer/pool/{accounts.candidate.id}/invite", data={"position_id": position.id})
    assert sent.status_code == 302
    (invitation,) = inbox.to(accounts.candidate.email)
    assert invitation["Subject"] == "Une invitation à postuler : Pair-aidant en CMP"
    assert f"/jobs/{position.id}" in invitation.get_content() and "/me/pool" in invitation.get_content()
    other = factories.position(elsewhere, far)
    assert employer.post(f"/employer/pool/{accounts.candidate.id}/invite",
                         data={"position_id": other.id}).status_code == 404  # not their position
    assert signed_in(mail_app, far).post(f"/employer/pool/{accounts.candidate.id}/invite",
                                         data={"position_id": other.id}).status_code == 302
    assert len(inbox.to(accounts.candidate.email)) == 1  # not found from the Puy-de-Dôme: nothing sent


def test_consent_withdrawn_at_once(app, accounts):
    candidate = signed_in(app, accounts.candidate)
    candidate.post("/me/pool", data={"consent": "y", "departments": ["69"]})
    assert in_pool(app, accounts.employer, accounts.candidate)
    assert candidate.post("/me/pool/leave").status_code == 302
    assert not in_pool(app, accounts.employer, accounts.candidate)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PoolMembership)) == 0


def test_the_consent_lasts_two_years_then_is_gone(app, accounts):
    with time_machine.travel(START, tick=False):
        signed_in(app, accounts.candidate).post("/me/pool", data={"consent": "y", "departments": ["69"]})
        membership = db.session.get(PoolMembership, accounts.candidate.id)
        assert membership.expires_at == datetime(2029, 2, 1, 10, 0, tzinfo=UTC)
    with time_machine.travel(START + timedelta(days=730), tick=False):  # the day before the end
        assert in_pool(app, accounts.employer, accounts.candidate)
    with time_machine.travel(datetime(2029, 2, 1, 10, 0, 1, tzinfo=UTC), tick=False):
        assert not in_pool(app, accounts.employer, accounts.candidate)
        signed_in(app, accounts.candidate)  # an active account: only its consent has run out
        with app.app_context():
            result = app.test_cli_runner().invoke(args=["purge"])
        assert result.exit_code == 0 and "expired_pool_memberships: 1" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PoolMembership)) == 0


def test_an_invitation_goes_once_per_position_and_not_to_someone_who_applied(app, accounts):
    signed_in(app, accounts.candidate).post("/me/pool", data={"consent": "y", "departments": ["69"]})
    position = factories.position(accounts.organization, accounts.employer)
    employer = signed_in(app, accounts.employer)
    employer.post(f"/employer/pool/{accounts.candidate.id}/invite", data={"position_id": position.id})
    again = employer.post(f"/employer/pool/{accounts.candidate.id}/invite", data={"position_id": position.id},
                          follow_redirects=True)
    assert "déjà été invitée" in again.text
    other = factories.position(accounts.organization, accounts.employer)
    factories.application(accounts.candidate, other)
    applied = employer.post(f"/employer/pool/{accounts.candidate.id}/invite", data={"position_id": other.id},
                            follow_redirects=True)
    assert "déjà postulé" in applied.text


def test_an_expired_consent_is_said_to_be_over(app, accounts):
    with time_machine.travel(START, tick=False):
        signed_in(app, accounts.candidate).post("/me/pool", data={"consent": "y", "departments": ["69"]})
    with time_machine.travel(START + timedelta(days=800), tick=False):
        page = signed_in(app, accounts.candidate).get("/me/pool")
    assert "Votre consentement a pris fin" in page.text and "Vous êtes dans le vivier" not in page.text

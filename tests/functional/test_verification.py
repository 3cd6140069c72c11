"""Verification campaigns: a draw reproducible from its recorded seed, proofs sent by the employers drawn,
decisions with reasons, one answer to a refusal, and everyone concerned told through a real SMTP server."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from pairjobs.domain import verification
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Role, VerificationCampaign, VerificationItem
from tests import factories
from tests.helpers import PDF, signed_in


def population(organizations: int, contracts: int) -> dict[int, list[int]]:
    return {o: [o * 1000 + c for c in range(contracts)] for o in range(1, organizations + 1)}


def test_the_draw_is_the_same_from_the_same_seed_and_population():
    people = population(10, 40)
    first = verification.draw("seed-a", people, 30)
    assert first == verification.draw("seed-a", people, 30)
    assert first != verification.draw("seed-b", people, 30)
    # 30 % of 10 employers, and in each 30 % of 40 contracts: 12 (at most 20, at least 2).
    assert len(first) == 3 and all(len(c) == 12 and set(c) <= set(people[o]) for o, c in first.items())


@pytest.mark.parametrize("organizations, contracts, share, employers, each", [
    (1, 1, 30, 1, 1),  # fewer than 2 contracts: all of them
    (3, 5, 30, 1, 2),  # at least 2
    (2, 200, 50, 1, 20),  # at most 20
    (7, 10, 100, 7, 10),
])
def test_the_draw_keeps_its_bounds(organizations, contracts, share, employers, each):
    drawn = verification.draw("s", population(organizations, contracts), share)
    assert len(drawn) == employers and {len(c) for c in drawn.values()} == {each}


def committed(organization, person=None, promised="monthly"):
    return factories.ContractFactory(organization=organization, person_id=person.id if person else None,
                                     start_date=today() - timedelta(days=100), weekly_hours=35,
                                     promised_supervision_frequency=promised,
                                     promised_supervision_paid_time=True)


def test_a_campaign_from_the_draw_to_the_verified_commitments(mail_app, smtp, accounts):
    _controller, inbox = smtp
    contracts = [committed(accounts.organization) for _ in range(3)]
    committed(accounts.organization, promised="none")  # no commitment: never drawn
    db.session.commit()
    monitor = signed_in(mail_app, accounts.monitor)
    refused = monitor.post("/reports/verifications",
                           data={"deadline": today().isoformat(), "share_percent": 100})
    assert refused.status_code == 200 and "au moins jusqu’à demain" in refused.text
    for share in ("0", "101", "-5", "abc", "1e2", "9" * 23):  # a share out of bounds is said, not a 500
        odd = monitor.post("/reports/verifications", data={
            "deadline": (today() + timedelta(days=20)).isoformat(), "share_percent": share})
        assert odd.status_code == 200 and "Choisissez une part entre 1 et 100" in odd.text, share
    too_far = monitor.post("/reports/verifications", data={"deadline": "2999-01-01", "share_percent": 30})
    assert "183 jours au plus" in too_far.text
    started = monitor.post("/reports/verifications", data={
        "deadline": (today() + timedelta(days=20)).isoformat(), "share_percent": 100})
    assert started.status_code == 302
    campaign = db.session.scalars(sa.select(VerificationCampaign)).one()
    items = db.session.scalars(sa.select(VerificationItem).order_by(VerificationItem.contract_id)).all()
    assert [i.contract_id for i in items] == [c.id for c in contracts]
    # Anyone can draw it again from what is recorded.
    assert verification.redraw(campaign) == {accounts.organization.id: [c.id for c in contracts]}
    assert "les mêmes contrats" in monitor.get(f"/reports/verifications/{campaign.id}").text
    [drawn_mail] = inbox.to(accounts.employer.email)
    assert "justificatifs attendus" in drawn_mail["Subject"]
    assert inbox.to(accounts.other_employer.email) == []

    employer = signed_in(mail_app, accounts.employer)
    page = employer.get("/employer/verifications")
    assert page.status_code == 200 and f"Contrat n° {contracts[0].id}" in page.text
    not_pdf = employer.post(f"/employer/verifications/items/{items[0].id}/proof",
                            data={"document": (io.BytesIO(b"hello"), "a.pdf")},
                            content_type="multipart/form-data", follow_redirects=True)
    assert "pas un document PDF" in not_pdf.text
    sent = employer.post(f"/employer/verifications/items/{items[0].id}/proof",
                         data={"document": (io.BytesIO(PDF), "emargement.pdf")},
                         content_type="multipart/form-data")
    assert sent.status_code == 302
    assert any("Justificatifs reçus" in m["Subject"] for m in inbox.to(accounts.monitor.email))
    other = signed_in(mail_app, accounts.other_employer)
    assert other.get(f"/employer/verifications/items/{items[0].id}/proof").status_code == 404
    assert other.post(f"/employer/verifications/items/{items[0].id}/proof",
                      data={"document": (io.BytesIO(PDF), "x.pdf")},
                      content_type="multipart/form-data").status_code == 404
    assert monitor.get(f"/reports/verifications/items/{items[0].id}/proof").data == PDF

    url = f"/reports/verifications/{campaign.id}"
    undecided = monitor.post(url, data={"item": items[0].id, "outcome": "", "reason": ""},
                             follow_redirects=True)
    assert "Choisissez une décision" in undecided.text
    no_reason = monitor.post(url, data={"item": items[0].id, "outcome": "refused", "reason": ""},
                             follow_redirects=True)
    assert "Dites pourquoi" in no_reason.text
    assert monitor.post(url, data={"item": items[0].id, "outcome": "refused",
                                   "reason": "Feuilles non signées"}).status_code == 302
    decided = [m for m in inbox.to(accounts.employer.email) if "refusés" in m["Subject"]]
    assert decided and "Feuilles non signées" in decided[0].get_content()
    answer = f"/employer/verifications/items/{items[0].id}/answer"
    assert employer.post(answer, data={"answer": "Signées depuis, les voici."}).status_code == 302
    twice = employer.post(answer, data={"answer": "Encore"}, follow_redirects=True)
    assert "une seule réponse" in twice.text
    assert any("a répondu" in m["Subject"] for m in inbox.to(accounts.monitor.email))
    # Accepting a contract with no proof is refused; the first one is accepted after the answer.
    assert "ne peut qu’être refusé" in monitor.post(url, data={"item": items[1].id, "outcome": "accepted"},
                                                    follow_redirects=True).text
    monitor.post(url, data={"item": items[0].id, "outcome": "accepted", "reason": ""})
    monitor.post(url, data={"item": items[1].id, "outcome": "refused", "reason": "Aucun justificatif"})
    db.session.expire_all()
    assert verification.verified(campaign.items, today()) == verification.Verified(drawn=3, decided=2,
                                                                                   accepted=1)
    # Past the deadline, the contract with no proof is not verified either.
    later = verification.verified(campaign.items, campaign.deadline + timedelta(days=1))
    assert (later.missing, later.share) == (1, round(1 / 3, 3))
    assert "1 acceptés sur 2 décidés" in monitor.get(url).text


def test_nothing_to_draw_is_said_and_changes_nothing(client, auth, accounts):
    auth.login(accounts.monitor.email)
    response = client.post("/reports/verifications", data={
        "deadline": (today() + timedelta(days=20)).isoformat(), "share_percent": 30})
    assert response.status_code == 200 and "rien à tirer au sort" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VerificationCampaign)) == 0
    assert factories.user(Role.CANDIDATE) is not None


def test_proofs_due_are_reminded_a_week_and_a_day_before_the_deadline(mail_app, smtp, accounts):
    _controller, inbox = smtp
    committed(accounts.organization)
    committed(accounts.organization)
    nobody = factories.organization(name="Sans recruteur (test)")
    committed(nobody)
    db.session.commit()
    with mail_app.test_request_context():
        campaign = verification.start(accounts.monitor, today() + timedelta(days=7), 100, today())
        db.session.commit()
        assert verification.untold(campaign) == 1  # the monitor is told to contact it
        before = len(inbox.to(accounts.employer.email))
        assert verification.remind(today()) == 1  # a week before: the one recruiter of the first employer
        db.session.commit()
        assert verification.remind(today() + timedelta(days=1)) == 0  # not every day
    reminders = inbox.to(accounts.employer.email)[before:]
    assert len(reminders) == 1 and "2 contrats tirés au sort" in reminders[0].get_content()

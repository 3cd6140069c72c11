"""Supervision as delivered and the peer workers' own voice, in a real browser: an employer records a
session held, the peer worker reads it, the monitor sends the yearly questionnaire, the peer workers answer
it from their e-mailed links (on a phone), and the monitor sees the figures once the questionnaire has
closed with enough answers."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import OutboxMessage, QuestionnaireAnswer, QuestionnaireCampaign, Role
from tests import factories
from tests.e2e.conftest import sign_in

PHONE = {"width": 390, "height": 844}


def test_sessions_recorded_questionnaire_answered_figures_shown_from_five(app, accounts, new_page):
    workers = [accounts.candidate] + [factories.user(Role.CANDIDATE, email=f"pair{n}@example.org")
                                      for n in range(4)]
    contracts = [factories.ContractFactory(
        organization=accounts.organization, person_id=w.id, start_date=today() - timedelta(days=300),
        weekly_hours=35, promised_supervision_frequency="monthly", promised_supervision_paid_time=True)
        for w in workers]
    db.session.commit()

    # The employer records a session held last week on the contract's page.
    employer = new_page()
    sign_in(employer, accounts.employer.email)
    employer.goto(f"/employer/contracts/{contracts[0].id}")
    held_on = today() - timedelta(days=7)
    form = employer.locator("form", has=employer.get_by_role("button", name="Enregistrer la séance"))
    form.get_by_label("Date de la séance").fill(held_on.isoformat())
    form.get_by_label("Type de supervision").select_option(label="Superviseur externe")
    form.get_by_label("Durée, en minutes").fill("90")
    form.get_by_label("Animée par").select_option(label="Un professionnel indépendant")
    form.get_by_role("button", name="Enregistrer la séance").click()
    expect(employer.locator(".flashes")).to_contain_text("La séance est enregistrée.")
    expect(employer.locator("#supervision table").last).to_contain_text("90 minutes")

    # The peer worker reads it among their contracts' sessions, on a phone.
    worker = new_page()
    worker.set_viewport_size(PHONE)
    sign_in(worker, accounts.candidate.email)
    worker.goto("/me/supervision")
    expect(worker.locator("main")).to_contain_text("un professionnel indépendant")
    expect(worker.get_by_role("button", name="Non tenue")).to_be_visible()

    # The monitor sets up this year's questionnaire and sends the links.
    monitor = new_page()
    sign_in(monitor, accounts.monitor.email)
    monitor.goto("/reports/questionnaire")
    monitor.get_by_label("Année").fill(str(today().year))
    monitor.get_by_label("Ouverture le").fill(today().isoformat())
    monitor.get_by_label("Fermeture le").fill((today() + timedelta(days=30)).isoformat())
    monitor.get_by_role("button", name="Créer le questionnaire").click()
    monitor.get_by_role("button", name="Envoyer les liens aux personnes qui n’en ont pas encore").click()
    expect(monitor.locator(".flashes")).to_contain_text("5 liens envoyés.")

    db.session.expire_all()
    links = [re.search(r"(/questionnaire/[A-Za-z0-9_-]+)", m.body).group(1)
             for m in db.session.scalars(sa.select(OutboxMessage).where(
                 OutboxMessage.subject.contains("questionnaire")).order_by(OutboxMessage.id))]
    assert len(links) == 5

    def answer(link: str, supervision: str) -> None:
        worker.goto(link)
        expect(worker.locator("h1")).to_contain_text(accounts.organization.name)
        assert worker.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        worker.get_by_role("group", name=re.compile("supervision que vous recevez")).get_by_label(
            supervision, exact=True).check()
        worker.get_by_role("group", name=re.compile("Recommanderiez-vous")).get_by_label("Oui").check()
        worker.get_by_label(re.compile("Souhaitez-vous ajouter")).fill("Une équipe attentive")
        worker.get_by_role("button", name="Envoyer mes réponses").click()
        expect(worker.locator("h1")).to_have_text("Merci")

    def answer_by_request(link: str) -> None:
        """Another peer worker's answer, posted by their browser without drawing the page."""
        request = new_page().context.request
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', request.get(link).text())
        sent = request.post(link, form={"csrf_token": token.group(1), "supervision": "4", "recommend": "yes",
                                        "comment": "Une équipe attentive"})
        assert sent.status == 200 and "Merci" in sent.text()

    answer(links[0], "2")
    for link in links[1:4]:
        answer_by_request(link)
    monitor.goto(f"/reports/questionnaire/{today().year}")
    expect(monitor.locator("main")).to_contain_text("4 réponses de 5 personnes invitées")
    expect(monitor.locator("main")).to_contain_text("une fois le questionnaire clos")

    answer_by_request(links[4])
    worker.goto(links[0])  # spent
    expect(worker.locator("h1")).to_have_text("Ce lien n’est plus valable")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireAnswer)) == 5

    campaign = db.session.scalars(sa.select(QuestionnaireCampaign)).one()
    # The questionnaire has closed (as if it had opened the day before yesterday).
    campaign.opens_on, campaign.closes_on = today() - timedelta(days=2), today() - timedelta(days=1)
    db.session.commit()
    monitor.reload()
    organizations = monitor.get_by_role("table", name="Réponses par employeur")
    expect(organizations).to_contain_text("5 / 5")
    expect(organizations).to_contain_text("3,6 / 5")  # (2 + 4 × 4) / 5
    expect(organizations).to_contain_text("100 % oui")
    expect(monitor.locator("main")).to_contain_text("Une équipe attentive")

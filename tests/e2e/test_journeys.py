"""Journeys through the real interface, in a real browser: what each kind of user does and sees.

An employer posts a position; a peer worker creates an account, finds it by a keyword and applies; the
employer takes the application up to the hire; the ARS sees it in the regional indicators. The interface is
French by default, so the steps read the French labels, as a French user would.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from pairjobs.extensions import db
from pairjobs.models import Application, Contract, OutboxMessage, Position, User
from tests import factories
from tests.e2e.conftest import sign_in

PARIS = ZoneInfo("Europe/Paris")
TITLE = "Médiatrice de santé pair — équipe mobile Rhône"
DESCRIPTION = "Aller vers les personnes isolées avec l'équipe mobile.\n\nSupervision externe chaque mois."


def status_of(page: Page):
    """The "Statut : …" line at the top of a position or application page."""
    return page.locator("main > p", has_text="Statut").locator("strong")


def menu(page: Page):
    """The main menu in the header."""
    return page.get_by_role("navigation", name="Menu principal")


def flash(page: Page):
    return page.locator(".flashes")


def indicator(page: Page, label: str):
    """The value of one indicator of the regional dashboard."""
    return page.locator(".indicator").filter(has=page.get_by_text(label, exact=True)).locator("dd.value")


def post_a_position(employer: Page) -> int:
    """The employer writes a draft, saves it, checks it and publishes it; returns the position's id."""
    employer.get_by_role("link", name="Nos offres").click()
    employer.get_by_role("link", name="Nouvelle offre").click()
    expect(employer).to_have_url(re.compile(r"/employer/positions/new$"))
    expect(employer.get_by_role("heading", level=1)).to_have_text("Nouvelle offre")

    employer.get_by_label("Intitulé", exact=True).fill(TITLE)
    employer.get_by_label("Description", exact=True).fill(DESCRIPTION)
    employer.get_by_label("Lieu d'exercice", exact=True).select_option("cmp")
    employer.get_by_label("Type de contrat", exact=True).select_option("cdi_public")
    employer.get_by_label("Quotité de travail (pourcentage d'un temps plein)").fill("100")
    employer.get_by_label("Salaire brut mensuel minimum (€)").fill("1900")
    employer.get_by_label("Salaire brut mensuel maximum (€)").fill("2300")
    employer.get_by_label("Financement", exact=True).select_option("permanent")
    employer.get_by_label("Fréquence de la supervision").select_option("monthly")
    employer.get_by_label("Type de supervision").select_option("external")
    employer.get_by_label("Supervision sur le temps de travail rémunéré").check()
    employer.get_by_label("Diplôme de pair-aidance (DU, DIU, licence MSP…)").select_option("preferred")
    employer.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(flash(employer)).to_contain_text("Brouillon enregistré. Vérifiez-le, puis publiez-le.")
    expect(employer).to_have_url(re.compile(r"/employer/positions/\d+/edit$"))
    expect(employer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(status_of(employer)).to_have_text("Brouillon")
    position_id = int(re.search(r"/positions/(\d+)/edit", employer.url).group(1))

    employer.get_by_role("button", name="Publier", exact=True).click()
    expect(flash(employer)).to_contain_text("L'offre est publiée.")
    expect(status_of(employer)).to_have_text("Publiée")
    expect(employer.get_by_role("button", name="Publier", exact=True)).to_have_count(0)
    return position_id


def register(candidate: Page, name: str, email: str) -> None:
    candidate.goto("/")
    menu(candidate).get_by_role("link", name="Créer un compte").click()
    expect(candidate).to_have_url(re.compile(r"/register$"))
    candidate.get_by_label("Nom", exact=True).fill(name)
    candidate.get_by_label("Adresse e-mail", exact=True).fill(email)
    candidate.get_by_label("Mot de passe", exact=True).fill(factories.PASSWORD)
    candidate.get_by_label("Confirmation du mot de passe").fill(factories.PASSWORD)
    candidate.get_by_label("J'ai lu et j'accepte les conditions générales d'utilisation").check()
    candidate.get_by_role("button", name="Créer mon compte").click()
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    # The link of the confirmation e-mail, opened as the person would from their mailbox.
    db.session.expire_all()
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == email))
    candidate.goto(re.search(r"https?://[^/\s]+(/confirm/\S+)", mail.body).group(1))
    expect(flash(candidate)).to_contain_text("Votre adresse e-mail est confirmée.")
    sign_in(candidate, email)


def search_and_apply(candidate: Page, position_id: int) -> None:
    menu(candidate).get_by_role("link", name="Offres", exact=True).click()
    expect(candidate).to_have_url(re.compile(r"/jobs$"))
    candidate.get_by_label("Mots-clés").fill("equipe mobile")  # no accent: the search ignores them
    candidate.get_by_role("button", name="Rechercher").click()
    expect(candidate).to_have_url(re.compile(r"/jobs\?.*q=equipe\+mobile"))
    expect(candidate.locator("#results")).to_have_text("1 offre")
    results = candidate.locator("ol.results > li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("CH Le Vinatier (test)")
    expect(results.first).to_contain_text("CDI de droit public")

    results.first.get_by_role("link", name=TITLE).click()
    expect(candidate).to_have_url(re.compile(rf"/jobs/{position_id}$"))
    commitments = candidate.get_by_role("region", name="Les engagements de l'employeur")
    expect(commitments).to_contain_text("CDI de droit public")
    expect(commitments).to_contain_text("Chaque mois, superviseur externe")
    expect(commitments).to_contain_text("sur le temps de travail rémunéré")
    about = candidate.get_by_role("region", name="Le poste")
    expect(about).to_contain_text("Aller vers les personnes isolées")

    candidate.get_by_role("link", name="Postuler", exact=True).click()
    expect(candidate).to_have_url(re.compile(rf"/jobs/{position_id}/apply$"))
    candidate.get_by_label("Votre message à l'employeur").fill("Bonjour, je serais heureuse d'en parler.")
    candidate.get_by_role("button", name="Envoyer ma candidature").click()
    expect(flash(candidate)).to_contain_text("Votre candidature est envoyée.")


def my_applications_row(candidate: Page):
    menu(candidate).get_by_role("link", name="Mes candidatures").click()
    expect(candidate).to_have_url(re.compile(r"/me/applications$"))
    return candidate.get_by_role("row").filter(has=candidate.get_by_role("link", name=TITLE))


def run_the_pipeline(employer: Page, candidate_name: str) -> int:
    """The employer opens the application from the list and takes it step by step to the hire."""
    menu(employer).get_by_role("link", name="Candidatures", exact=True).click()
    row = employer.get_by_role("row").filter(has_text=candidate_name)
    expect(row).to_contain_text("Envoyée")
    row.get_by_role("link", name=candidate_name).click()
    expect(employer).to_have_url(re.compile(r"/employer/applications/\d+$"))
    application_id = int(employer.url.rsplit("/", 1)[1])
    expect(employer.get_by_role("heading", level=1)).to_have_text(candidate_name)
    about = employer.get_by_role("region", name="La personne candidate")
    expect(about).to_contain_text("Bonjour, je serais heureuse")
    expect(status_of(employer)).to_have_text("Envoyée")

    for value, label in [("in_review", "En cours d'examen"), ("interview", "Entretien"),
                         ("offer", "Proposition"), ("hired", "Recrutée")]:
        employer.get_by_label("Nouveau statut").select_option(value)
        employer.get_by_label("Note interne").fill(f"Étape franchie : {label}")
        employer.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(flash(employer)).to_contain_text("Enregistré")
        expect(status_of(employer)).to_have_text(label)
        history = employer.get_by_role("region", name="Historique")
        expect(history).to_contain_text(f"Étape franchie : {label}")
    # A hire is final: there is no status left to choose.
    expect(employer.get_by_label("Nouveau statut")).to_have_count(0)
    return application_id


def test_from_posting_to_hire_then_regional_monitoring(app, accounts, new_page):
    other = factories.position(accounts.other_organization, accounts.other_employer,
                               title="Pair-aidant en hôpital de jour")

    # An employer posts a position.
    employer = new_page()
    sign_in(employer, accounts.employer.email)
    position_id = post_a_position(employer)
    position = db.session.get(Position, position_id)
    assert position.status.value == "published" and position.organization_id == accounts.organization.id
    assert (position.contract_type.value, position.fte_percent, position.funding_kind.value) == (
        "cdi_public", 100, "permanent")
    assert (position.supervision_frequency.value, position.supervision_kind.value,
            position.supervision_paid_time, position.credential_expectation.value) == (
        "monthly", "external", True, "preferred")

    # A peer worker creates an account, finds the position by a keyword and applies.
    candidate = new_page()
    register(candidate, "Camille Martin", "camille.martin@example.org")
    search_and_apply(candidate, position_id)
    camille = db.session.scalar(sa.select(User).where(User.email == "camille.martin@example.org"))
    application = db.session.scalar(sa.select(Application).where(Application.candidate_id == camille.id))
    assert application.position_id == position_id and application.status.value == "submitted"
    row = my_applications_row(candidate)
    expect(row).to_contain_text("CH Le Vinatier (test)")
    expect(row).to_contain_text("Envoyée")
    # The other organization's position is not among the results, nor applied to.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)
                             .where(Application.position_id == other.id)) == 0

    # The employer takes the application to the hire.
    assert run_the_pipeline(employer, "Camille Martin") == application.id
    db.session.expire_all()
    assert db.session.get(Application, application.id).status.value == "hired"
    contract = db.session.scalar(sa.select(Contract).where(Contract.person_id == camille.id))
    assert contract is not None and contract.contract_type.value == "cdi_public"
    position = db.session.get(Position, position_id)
    assert position.status.value == "closed" and position.outcome.value == "filled"

    # The peer worker sees the outcome, never the employer's internal notes.
    row = my_applications_row(candidate)
    expect(row).to_contain_text("Recrutée")
    row.get_by_role("link", name=TITLE).click()
    expect(candidate.locator("main")).to_contain_text("Recrutée")
    expect(candidate.locator("main")).not_to_contain_text("Étape franchie")

    # The ARS sees the regional indicators, which count this hire.
    monitor = new_page()
    sign_in(monitor, accounts.monitor.email)
    expect(monitor).to_have_url(re.compile(r"/reports/$"))
    expect(monitor.get_by_role("heading", level=1)).to_have_text("Suivi régional")
    expect(monitor.get_by_role("heading", name=re.compile(r"^Indicateurs au "))).to_be_visible()
    expect(indicator(monitor, "Contrats en cours")).to_have_text("1")
    expect(indicator(monitor, "Offres publiées")).to_have_text("2")
    expect(indicator(monitor, "Offres pourvues")).to_have_text("1")
    expect(indicator(monitor, "Quotité médiane")).to_have_text(re.compile(r"^\s*100([.,]0)?\s%\s*$"))
    expect(monitor.get_by_role("img", name=re.compile("^Diagramme en barres")).first).to_be_visible()


def test_language_button_switches_to_english_and_back(app, accounts, page):
    factories.position(accounts.organization, accounts.employer, title="Médiateur de santé pair en CMP")
    page.goto("/jobs")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offres d'emploi de pair-aidants")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/jobs$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer worker positions")
    expect(page.locator("#results")).to_have_text("1 position")
    page.get_by_role("link", name="Médiateur de santé pair en CMP").click()
    expect(page.get_by_role("region", name="What the employer commits to")).to_contain_text(
        "Public permanent contract (CDI)")
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("region", name="Les engagements de l'employeur")).to_be_visible()


def test_english_browser_gets_english_pages(app, new_page):
    page = new_page("en-GB")
    page.goto("/register")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a peer worker account")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("alert")).to_contain_text("The form has errors")
    expect(page.get_by_label("Name", exact=True)).to_have_attribute("aria-invalid", "true")


def test_an_interview_proposed_accepted_then_the_hire_leads_to_the_contract(app, accounts, new_page):
    position = factories.position(accounts.organization, accounts.employer, title=TITLE)
    application = factories.application(accounts.candidate, position)
    when = (datetime.now(PARIS) + timedelta(days=7)).replace(hour=14, minute=30, second=0, microsecond=0)

    # The employer proposes an interview from the application page.
    employer = new_page()
    sign_in(employer, accounts.employer.email)
    employer.goto(f"/employer/applications/{application.id}")
    proposal = employer.get_by_role("region", name="Entretiens")
    proposal.get_by_label("Date et heure (heure de France)").fill(when.strftime("%Y-%m-%dT%H:%M"))
    proposal.get_by_label("Durée (minutes)").fill("45")
    proposal.get_by_label("Lieu", exact=True).fill("CMP de Bron, salle 2")
    proposal.get_by_role("button", name="Proposer l'entretien").click()
    expect(flash(employer)).to_contain_text("Entretien proposé")
    expect(status_of(employer)).to_have_text("Entretien")
    expect(employer.locator(".interview")).to_contain_text("Proposé, en attente de réponse")

    # The candidate reads it on their application and accepts.
    candidate = new_page()
    sign_in(candidate, accounts.candidate.email)
    candidate.goto(f"/me/applications/{application.id}")
    interview = candidate.locator(".interview")
    expect(interview).to_contain_text("CMP de Bron, salle 2")
    expect(interview).to_contain_text("14:30")
    interview.get_by_role("button", name="Accepter").click()
    expect(flash(candidate)).to_contain_text("Entretien accepté")
    expect(candidate.locator(".interview")).to_contain_text("Accepté")

    # The employer sees the answer, takes the application to the hire and opens the contract.
    employer.reload()
    expect(employer.locator(".interview")).to_contain_text("Accepté")
    for value in ("offer", "hired"):
        employer.get_by_label("Nouveau statut").select_option(value)
        employer.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(flash(employer)).to_contain_text("Enregistré")
    employer.get_by_role("link", name="Ouvrir le contrat de ce recrutement").click()
    expect(employer).to_have_url(re.compile(r"/employer/contracts/\d+$"))
    contract = db.session.scalar(sa.select(Contract).where(Contract.application_id == application.id))
    assert contract is not None and employer.url.endswith(f"/employer/contracts/{contract.id}")
    expect(employer.locator("main")).to_contain_text(accounts.candidate.name)

"""An employer's record on its positions' pages: supervision commitments kept and the questionnaire's
figures, each only from the threshold of contracts or answers."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from pairjobs.domain import questionnaire_figures
from pairjobs.domain.precarity.supervision import months_before
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import QuestionnaireAnswer, SupervisionSession
from tests import factories
from tests.functional.test_questionnaire import answer_n, campaign, close


def contract_with_sessions(organization, held: int, **fields):
    contract = factories.ContractFactory(organization=organization, start_date=today() - timedelta(days=500),
                                         weekly_hours=35, promised_supervision_frequency="monthly",
                                         promised_supervision_paid_time=True, **fields)
    db.session.flush()
    for n in range(held):
        db.session.add(SupervisionSession(contract_id=contract.id, held_on=months_before(today(), n),
                                          kind="external", minutes=60, paid_time=True, provider_kind="peers"))
    db.session.commit()
    return contract


def test_the_share_of_commitments_kept_appears_from_the_threshold(client, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    for _ in range(4):
        contract_with_sessions(accounts.organization, 6)
    assert "Engagements de supervision tenus" not in client.get(f"/jobs/{position.id}").text
    contract_with_sessions(accounts.organization, 2)  # the fifth, below its promise
    page = client.get(f"/jobs/{position.id}").text
    assert "Engagements de supervision tenus\u00a0: 80 % sur 5 personnes" in page
    # Another employer's record is not on this page.
    other = factories.position(accounts.other_organization, accounts.other_employer)
    assert "Engagements de supervision tenus" not in client.get(f"/jobs/{other.id}").text


def test_five_contracts_of_one_person_are_one_person(client, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    for _ in range(5):
        contract_with_sessions(accounts.organization, 6, person_key="the-same")
    assert "Engagements de supervision tenus" not in client.get(f"/jobs/{position.id}").text


def test_the_questionnaire_figures_appear_from_the_threshold(app, client, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    made = campaign(app)
    answer_n(app, made, accounts.organization, 4)
    assert "questionnaire" not in client.get(f"/jobs/{position.id}").text.lower().split("</header>")[-1]
    answer_n(app, made, accounts.organization, 1)
    assert "questionnaire" not in client.get(f"/jobs/{position.id}").text.lower().split("</header>")[-1]
    close(made)  # shown once closed
    page = client.get(f"/jobs/{position.id}").text
    assert f"questionnaire {made.year} (5\u00a0réponses" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireAnswer)) == 5
    assert questionnaire_figures.organization_figures(made, accounts.organization.id).shown

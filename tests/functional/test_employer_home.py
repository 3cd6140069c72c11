"""The employer's home says what to do now: new applications, interviews this week, contracts whose notice
period has come without a decision, flags, drafts, and each open position's applications per stage."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from pairjobs.domain import interviews
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract
from pairjobs.models.base import utcnow
from tests import factories
from tests.helpers import signed_in


def test_the_home_lists_what_to_do_and_the_stages_of_each_open_position(app, accounts):
    org, recruiter = accounts.organization, accounts.employer
    open_position = factories.position(org, recruiter, title="Pair-aidant en CMP")
    new = factories.application(accounts.candidate, open_position)
    met = factories.application(accounts.other_candidate, open_position)
    interviews.propose(met, recruiter, interviews.InterviewInput(
        starts_at=utcnow() + timedelta(days=3), duration_minutes=45, location="Bron"), utcnow())
    hired_position = factories.position(org, recruiter, title="Médiateur en équipe mobile",
                                        contract_type="cdd_public", legal_basis="vacancy", duration_months=6)
    hired = factories.user(factories.Role.CANDIDATE, name="Dominique Roux")
    hire = factories.application(hired, hired_position)
    factories.hire(hire, recruiter)
    contract = db.session.scalar(sa.select(Contract).where(Contract.application_id == hire.id))
    contract.end_date = today() + timedelta(days=5)  # inside the 8 days' notice of a contract under 6 months
    factories.position(org, recruiter, publish=False, title="Brouillon de poste")
    factories.position(accounts.other_organization, accounts.other_employer, title="Ailleurs")
    db.session.commit()

    page = signed_in(app, recruiter).get("/employer/")
    assert page.status_code == 200
    todo = page.text.split('id="todo"')[1].split("</section>")[0]
    assert "1 nouvelle candidature" in todo and f"/employer/applications/{new.id}" in todo
    assert "Entretiens de la semaine" in todo and f"/employer/applications/{met.id}" in todo
    assert "Contrats en attente de votre décision" in todo and f"/employer/contracts/{contract.id}" in todo
    stages = page.text.split('id="positions-stages"')[1].split("</section>")[0]
    row = re.search(r"Pair-aidant en CMP</a></th>(.*?)</tr>", stages, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", row)[:3] == ["1", "0", "1"]  # sent, in review, interview
    assert "Brouillon de poste" in stages and "Ailleurs" not in page.text
    assert "Médiateur en équipe mobile" not in stages  # filled and closed by the hire
    points = page.text.split('id="points"')[1]
    assert f"/employer/contracts/{contract.id}" in points


def test_a_pending_employer_sees_only_the_organization(app, accounts):
    page = signed_in(app, accounts.pending_employer).get("/employer/")
    assert page.status_code == 200 and 'id="todo"' not in page.text
    assert "en attente" in page.text.lower()

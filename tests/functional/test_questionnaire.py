"""The yearly questionnaire: links e-mailed (through a real SMTP server) to the people with a running
contract, answers that nobody can join to a person, and figures shown only from the threshold of answers."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from pairjobs.domain import questionnaire, questionnaire_figures
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import (
    OutboxMessage,
    QuestionnaireAnswer,
    QuestionnaireCampaign,
    QuestionnaireLink,
    QuestionnaireRecipient,
    Role,
)
from tests import factories
from tests.helpers import signed_in

GOOD = {"supervision": "4", "integration": "5", "training": "3", "pay": "2", "workload": "3",
        "recommend": "yes", "comment": "Une bonne équipe"}


def running(organization, person, **fields):
    return factories.ContractFactory(organization=organization, person_id=person.id if person else None,
                                     start_date=today() - timedelta(days=200), weekly_hours=35, **fields)


def campaign(app, **fields) -> QuestionnaireCampaign:
    values = {"year": today().year, "opens_on": today() - timedelta(days=1),
              "closes_on": today() + timedelta(days=20), "questions": app.config["QUESTIONNAIRE_QUESTIONS"],
              "min_answers": 5, "by": None} | fields
    made = questionnaire.create_campaign(**values)
    db.session.commit()
    return made


def link_in(message) -> str:
    return re.search(r"/questionnaire/([A-Za-z0-9_-]+)", message.get_content()).group(1)


def test_the_stores_cannot_be_joined():
    answer, link, recipient = (sa.inspect(m).columns for m in (QuestionnaireAnswer, QuestionnaireLink,
                                                                 QuestionnaireRecipient))
    assert {c.name for c in answer} == {"id", "campaign_id", "organization_id", "year", "answers"}
    # No reference to a person or a link, and no time at all (not even the day).
    assert {fk.column.table.name for c in answer for fk in c.foreign_keys} == {"questionnaire_campaign",
                                                                                "organization"}
    assert not [c for c in answer if isinstance(c.type, (sa.DateTime, sa.Date))]
    assert isinstance(answer["id"].type, sa.String)  # a random key: no order of arrival
    # The links hold no answer and no person; the list of people sent a link holds no link.
    assert {c.name for c in link} == {"token_hash", "campaign_id", "organization_id"}
    assert {c.name for c in recipient} == {"campaign_id", "user_id", "organization_id"}


def test_links_go_to_people_at_work_and_answers_keep_nothing_of_them(mail_app, smtp, accounts):
    _controller, inbox = smtp
    workers = [accounts.candidate, accounts.other_candidate]
    for person in workers:
        running(accounts.organization, person)
    left = factories.user(Role.CANDIDATE)
    running(accounts.organization, left, end_date=today() - timedelta(days=3), state="ended")
    running(accounts.other_organization, None)  # a contract of the survey, no account: no e-mail
    db.session.commit()
    monitor = signed_in(mail_app, accounts.monitor)
    made = monitor.post("/reports/questionnaire", data={
        "year": today().year, "opens_on": today().isoformat(),
        "closes_on": (today() + timedelta(days=30)).isoformat()})
    assert made.status_code == 302
    sent = monitor.post(f"/reports/questionnaire/{today().year}/links", follow_redirects=True)
    assert sent.status_code == 200 and "2 liens envoyés" in sent.text
    assert inbox.to(left.email) == []
    mails = {p.email: inbox.to(p.email) for p in workers}
    assert all(len(m) == 1 for m in mails.values())
    assert "questionnaire" in mails[accounts.candidate.email][0]["Subject"]
    # Sending again reaches nobody twice.
    again = monitor.post(f"/reports/questionnaire/{today().year}/links", follow_redirects=True)
    assert "a déjà reçu un lien" in again.text and all(len(inbox.to(p.email)) == 1 for p in workers)

    client = mail_app.test_client()
    token = link_in(mails[accounts.candidate.email][0])
    page = client.get(f"/questionnaire/{token}")
    assert page.status_code == 200 and accounts.organization.name in page.text
    assert page.headers["Cache-Control"] == "no-store"
    wrong = client.post(f"/questionnaire/{token}", data=GOOD | {"supervision": "9"})
    assert wrong.status_code == 422 and "de 1 à 5" in wrong.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireAnswer)) == 0
    assert client.post(f"/questionnaire/{token}", data={}).status_code == 422  # nothing answered
    done = client.post(f"/questionnaire/{token}", data=GOOD)
    assert done.status_code == 200 and "Merci" in done.text
    assert client.get(f"/questionnaire/{token}").status_code == 404  # spent
    assert client.post(f"/questionnaire/{token}", data=GOOD).status_code == 404
    [stored] = db.session.scalars(sa.select(QuestionnaireAnswer)).all()
    assert (stored.organization_id, stored.year) == (accounts.organization.id, today().year)
    assert stored.answers == {"supervision": 4, "integration": 5, "training": 3, "pay": 2, "workload": 3,
                              "recommend": True, "comment": "Une bonne équipe"}
    # The link is gone; the other person's is still there; nothing joins the answer to either.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireLink)) == 1
    assert accounts.candidate.email not in str(stored.answers) and token not in str(stored.answers)


def test_no_link_outside_the_campaign_days(app, accounts):
    running(accounts.organization, accounts.candidate)
    later = campaign(app, opens_on=today() + timedelta(days=2), closes_on=today() + timedelta(days=9))
    with pytest.raises(questionnaire.DomainError):
        questionnaire.issue_links(later, today())


def answer_n(app, made, organization, n, comment="Rien à signaler"):
    for _ in range(n):
        count = db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireAnswer))
        token = f"t{organization.id}-{count}"
        db.session.add(QuestionnaireLink(token_hash=questionnaire._hash(token), campaign_id=made.id,
                                         organization_id=organization.id))
        db.session.flush()
        questionnaire.answer(token, GOOD | {"comment": comment}, today())
    db.session.commit()


def test_figures_appear_from_the_threshold_and_never_give_away_a_small_organization(app, accounts):
    made = campaign(app)
    a = accounts.organization
    b = factories.organization(name="EPSM (test)", department=a.department_code, commune=a.commune_code)
    answer_n(app, made, a, 4)
    results = questionnaire_figures.results(made)
    [org_a] = results.organizations
    assert (org_a.answers, org_a.shown, org_a.questions, org_a.comments) == (4, False, [], [])
    assert [d.shown for d in results.departments] == [False]
    answer_n(app, made, a, 1)
    [org_a] = questionnaire_figures.results(made).organizations
    assert org_a.shown and org_a.comments == ["Rien à signaler"] * 5
    assert {q["key"]: q.get("mean", q.get("yes_share")) for q in org_a.questions} == {
        "supervision": 4, "integration": 5, "training": 3, "pay": 2, "workload": 3, "recommend": 1.0}
    # Two answers at B: B is not shown, and the department would give B away (department minus A).
    answer_n(app, made, b, 2, comment="Seul·e")
    results = questionnaire_figures.results(made)
    assert [(o.label, o.shown) for o in results.organizations] == [("CH Le Vinatier (test)", True),
                                                                    ("EPSM (test)", False)]
    assert [d.shown for d in results.departments] == [False]
    assert "Seul·e" not in str(results)


def close(made: QuestionnaireCampaign) -> None:
    """The campaign closed yesterday (its figures are shown from today)."""
    made.opens_on = min(made.opens_on, today() - timedelta(days=2))
    made.closes_on = today() - timedelta(days=1)
    db.session.commit()


def test_the_employer_sees_its_own_figures_and_its_department_only_once_closed(client, auth, app, accounts):
    made = campaign(app)
    answer_n(app, made, accounts.other_organization, 6, comment="Ailleurs")
    answer_n(app, made, accounts.organization, 5)
    auth.login(accounts.employer.email)
    while_open = client.get("/employer/questionnaire").text
    assert "une fois le questionnaire clos" in while_open and "Rien à signaler" not in while_open
    close(made)
    page = client.get("/employer/questionnaire").text
    assert accounts.organization.name in page and "Rien à signaler" in page
    assert accounts.other_organization.name not in page and "Ailleurs" not in page


def test_a_question_answered_by_fewer_than_k_is_not_shown_nor_given_away_by_its_department(app, accounts):
    made = campaign(app)
    a = accounts.organization
    b = factories.organization(name="EPSM (test)", department=a.department_code, commune=a.commune_code)
    answer_n(app, made, a, 5)
    for _ in range(5):  # five answers at B, one of them about pay
        count = db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireAnswer))
        token = f"b-{count}"
        db.session.add(QuestionnaireLink(token_hash=questionnaire._hash(token), campaign_id=made.id,
                                         organization_id=b.id))
        db.session.flush()
        questionnaire.answer(token, {"integration": "4"} | ({"pay": "1"} if count == 5 else {}), today())
    db.session.commit()
    results = questionnaire_figures.results(made)
    org_b = next(o for o in results.organizations if o.label == "EPSM (test)")
    pay = next(q for q in org_b.questions if q["key"] == "pay")
    assert org_b.shown and (pay["count"], pay["mean"]) == (None, None)
    # The department's pay (A's five and B's one) would give B's one answer back from A's: not shown.
    [department] = results.departments
    assert department.shown
    assert next(q for q in department.questions if q["key"] == "pay")["mean"] is None
    assert next(q for q in department.questions if q["key"] == "integration")["mean"] is not None


def test_the_link_is_erased_from_the_outbox_once_sent(mail_app, smtp, accounts):
    _controller, inbox = smtp
    running(accounts.organization, accounts.candidate)
    running(accounts.other_organization, accounts.candidate, fte_percent=40)  # two employers: one link
    db.session.commit()
    made = campaign(mail_app)
    with mail_app.test_request_context():
        assert questionnaire.issue_links(made, today()) == 1
        db.session.commit()
    [message] = inbox.to(accounts.candidate.email)
    token = link_in(message)
    db.session.expire_all()
    stored = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.recipient == accounts.candidate.email)).one()
    assert stored.state.value == "sent" and token not in stored.body and "[…]" in stored.body
    links = db.session.scalars(sa.select(QuestionnaireLink.organization_id)).all()
    assert links == [accounts.organization.id]  # about the main employer
    # The admin's outbox page shows no link either.
    assert token not in signed_in(mail_app, accounts.admin).get("/admin/outbox").text
    # Once the campaign is closed, the links never used are deleted.
    close(made)
    assert questionnaire.forget_links(today()) == 1


@pytest.mark.parametrize("opens, closes, field", [
    (date(2024, 1, 1), date(2024, 2, 1), "opens_on"),  # the questionnaire of 2026 opened in 2024
    (date(2026, 1, 1), date(2100, 12, 31), "closes_on"),  # open for decades
    (date(2026, 3, 1), date(2026, 2, 1), "closes_on"),
])
def test_odd_campaign_dates_are_refused(app, accounts, opens, closes, field):
    with pytest.raises(questionnaire.ValidationFailed) as refused:
        questionnaire.create_campaign(2026, opens, closes, app.config["QUESTIONNAIRE_QUESTIONS"], 5, None)
    assert field in refused.value.fields


def test_the_stores_keep_no_order_of_arrival_on_sqlite(app, database_url):
    tables = ("questionnaire_answer", "questionnaire_link", "questionnaire_recipient")
    if database_url.startswith("sqlite:"):
        rows = db.session.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all()
        sql = {row[0]: row[1] for row in rows}
        assert all("WITHOUT ROWID" in sql[t] for t in tables)
    else:  # PostgreSQL has no rowid; the tables are there all the same
        assert set(tables) <= set(sa.inspect(db.engine).get_table_names())

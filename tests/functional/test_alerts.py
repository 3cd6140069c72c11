"""Saved searches and alerts, with a real SMTP server: each new position once, unsubscribe without login."""

import re
from datetime import timedelta

import sqlalchemy as sa

from pairjobs.domain import positions as ops
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import SavedSearch
from pairjobs.models.base import utcnow
from tests import factories
from tests.helpers import signed_in


def test_candidate_saves_a_search_once(app, accounts):
    c = signed_in(app, accounts.candidate)
    page = c.get("/jobs?department=38&stable_only=1&q=pair")
    query = re.search(r'name="query" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    response = c.post("/jobs/saved", data={"query": query})
    assert response.status_code == 302 and "department=38" in response.headers["Location"]
    again = c.post("/jobs/saved", data={"query": query}, follow_redirects=True,
                   headers={"Accept-Language": "en"})
    assert "already saved" in again.text
    search = db.session.scalar(sa.select(SavedSearch))
    assert search.query == "department=38&q=pair&stable_only=1"
    assert "38 Isère" in search.label
    assert "38 Isère" in c.get("/me/searches").text
    assert signed_in(app, accounts.employer).post("/jobs/saved", data={"query": query}).status_code == 403


def test_send_alerts_mails_each_new_position_once(mail_app, app, smtp, accounts):
    _controller, inbox = smtp
    signed_in(app, accounts.candidate).post("/jobs/saved", data={"query": "department=69"})
    search = db.session.scalar(sa.select(SavedSearch))
    search.last_alert_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    new = factories.position(accounts.organization, accounts.employer, title="Nouvelle offre Rhône")
    factories.position(accounts.other_organization, accounts.other_employer, title="Offre Isère")
    with mail_app.app_context():
        result = mail_app.test_cli_runner().invoke(args=["send-alerts"])
    assert "Queued 1 alert e-mail(s)." in result.output
    assert len(inbox.messages) == 1
    rcpts, message = inbox.messages[0]
    assert rcpts == [accounts.candidate.email]
    body = message.get_content()
    assert "Nouvelle offre Rhône" in body and "Offre Isère" not in body
    assert f"/jobs/{new.id}" in body
    # Run again: nothing new, nothing sent.
    with mail_app.app_context():
        mail_app.test_cli_runner().invoke(args=["send-alerts"])
    assert len(inbox.messages) == 1
    # Unsubscribe through the link, without signing in.
    link = re.search(r"http://127\.0\.0\.1:5000(/jobs/alerts/unsubscribe/\S+)", body).group(1)
    anonymous = app.test_client()
    assert anonymous.get(link).status_code == 200
    assert anonymous.post(link).status_code == 302
    db.session.refresh(search)
    assert search.active is False
    factories.position(accounts.organization, accounts.employer, title="Encore une")
    with mail_app.app_context():
        mail_app.test_cli_runner().invoke(args=["send-alerts"])
    assert len(inbox.messages) == 1
    assert anonymous.get(link[:-3] + "xyz").status_code == 404


def test_positions_published_before_saving_are_not_sent(app, accounts, runner):
    factories.position(accounts.organization, accounts.employer)
    signed_in(app, accounts.candidate).post("/jobs/saved", data={"query": ""})
    assert "Queued 0 alert e-mail(s)." in runner.invoke(args=["send-alerts"]).output
    draft = factories.position(accounts.organization, accounts.employer, publish=False)
    assert "Queued 0" in runner.invoke(args=["send-alerts"]).output
    ops.publish(draft, accounts.employer, today())
    db.session.commit()
    assert "Queued 1" in runner.invoke(args=["send-alerts"]).output

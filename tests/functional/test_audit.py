"""The audit log: sensitive actions are recorded; admins read them; candidates see who viewed their data."""

import io

import sqlalchemy as sa

from pairjobs.extensions import db
from pairjobs.models import AuditEntry
from tests import factories
from tests.helpers import EN, PDF, signed_in


def actions():
    return [(e.action, e.actor_role, e.candidate_id) for e in db.session.scalars(
        sa.select(AuditEntry).order_by(AuditEntry.id))]


def test_sensitive_actions_are_logged_and_shown(app, accounts):
    candidate = signed_in(app, accounts.candidate)
    candidate.post("/me/credentials", data={"type": "du", "title": "DU", "institution": "Université Paris 8",
                                            "status": "obtained", "document": (io.BytesIO(PDF), "a.pdf")},
                   content_type="multipart/form-data")
    credential = accounts.candidate.credentials[0]
    position = factories.position(accounts.organization, accounts.employer)
    application = factories.application(accounts.candidate, position, [credential])
    candidate.get(f"/me/credentials/{credential.id}/document")  # the owner: not logged

    employer = signed_in(app, accounts.employer)
    employer.get(f"/employer/applications/{application.id}")
    employer.get(f"/me/credentials/{credential.id}/document")
    employer.post(f"/employer/applications/{application.id}", data={"status": "in_review",
                                                                     "version": application.version})
    monitor = signed_in(app, accounts.monitor)
    monitor.get("/reports/export/departments.csv")
    monitor.post("/reports/import", data={"file": (io.BytesIO(b"bad"), "s.csv")},
                 content_type="multipart/form-data")
    me = accounts.candidate.id
    assert actions() == [
        ("candidate_file_viewed", "employer", me), ("credential_downloaded", "employer", me),
        ("application_status_changed", "employer", me), ("report_exported", "monitor", None),
        ("survey_imported", "monitor", None),
    ]
    page = signed_in(app, accounts.admin).get("/admin/audit?action=report_exported", headers=EN)
    table = page.text.split("<tbody>")[1]
    assert "Report exported" in table and "departments.csv" in table
    assert "Certificate downloaded" not in table
    mine = candidate.get("/me/data", headers={"Accept-Language": "en"})
    assert mine.text.count(accounts.organization.name) >= 3
    assert "Application file viewed" in mine.text and "Report exported" not in mine.text
    other = signed_in(app, accounts.other_candidate).get("/me/data")
    assert accounts.organization.name not in other.text

"""Employer pages for positions, the public position page, and the close-expired command."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from pairjobs.domain import positions as position_ops
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Position, PositionEvent, PositionStatus
from tests import factories
from tests.helpers import EN


def form_data(**overrides):
    data = {k: ("y" if v is True else v) for k, v in factories.position_input(**overrides).items()
            if v is not False and v is not None}
    return data | {"department": "69"}


def count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Position))


@pytest.fixture
def employer_client(client, auth, accounts):
    auth.login(accounts.employer.email)
    return client


def test_employer_creates_publishes_duplicates_and_closes(employer_client, accounts):
    c = employer_client
    response = c.post("/employer/positions/new", data=form_data(title="Pair-aidant en CMP"))
    assert response.status_code == 302
    position = db.session.scalar(sa.select(Position))
    assert position.status is PositionStatus.DRAFT and position.created_by_id == accounts.employer.id
    assert position.commune_code == "69029"  # the organization's commune by default
    edit_url = f"/employer/positions/{position.id}/edit"
    assert response.headers["Location"] == edit_url

    page = c.get(edit_url, headers=EN)
    assert 'value="Pair-aidant en CMP"' in page.text
    assert c.post(f"/employer/positions/{position.id}/publish").status_code == 302
    db.session.refresh(position)
    assert position.status is PositionStatus.PUBLISHED

    c.post(f"/employer/positions/{position.id}/duplicate")
    copy = db.session.scalars(sa.select(Position).order_by(Position.id.desc())).first()
    assert copy.id != position.id and copy.status is PositionStatus.DRAFT
    assert copy.title == position.title and copy.deadline is None

    c.post(f"/employer/positions/{position.id}/close", data={"outcome": "filled", "confirmed": "1"})
    db.session.refresh(position)
    assert position.status is PositionStatus.CLOSED and position.outcome.value == "filled"
    listing = c.get("/employer/positions", headers=EN)
    assert "Closed (filled)" in listing.text and "Draft" in listing.text
    history = c.get(edit_url, headers=EN).text
    for action in ("created", "published", "closed"):
        assert action in history


def test_edit_records_what_changed_and_refuses_stale_versions(employer_client, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    url = f"/employer/positions/{position.id}/edit"
    version = position.version
    ok = employer_client.post(url, data=form_data(fte_percent=80, version=version))
    assert ok.status_code == 302
    event = db.session.scalar(sa.select(PositionEvent).where(PositionEvent.action == "updated"))
    assert event.changes == {"fte_percent": [100, 80], "weekly_hours": [35.0, 28.0]}
    stale = employer_client.post(url, data=form_data(fte_percent=60, version=version), headers=EN)
    assert stale.status_code == 200
    assert "Someone else changed this position meanwhile" in stale.text
    db.session.refresh(position)
    assert position.fte_percent == 80


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"contract_type": "cdd_public", "legal_basis": "vacancy"},
         "Give the duration of the fixed-term contract"),
        ({"contract_type": "cdi_public", "duration_months": 6}, "An open-ended contract has no duration."),
        ({"fte_percent": 5}, "Must be between 10 and 100."),
        ({"salary_min": 3000, "salary_max": 2000}, "The maximum salary is lower than the minimum."),
        ({"salary_min": -1}, "A salary cannot be negative."),
        ({"commune": "Grenoble"}, "No commune of department 69 matches"),
        ({"setting": "nowhere"}, "Unknown value"),
        ({"title": "t" * 201}, "At most 200 characters."),
    ],
)
def test_form_refuses_invalid_positions_and_saves_nothing(employer_client, accounts, overrides, message):
    response = employer_client.post("/employer/positions/new", data=form_data(**overrides), headers=EN)
    assert response.status_code == 200
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert count() == 0


def test_form_refuses_publishing_with_a_past_deadline(employer_client, accounts):
    position = factories.position(accounts.organization, accounts.employer, publish=False,
                                  deadline=(today() - timedelta(days=2)).isoformat())
    response = employer_client.post(f"/employer/positions/{position.id}/publish",
                                    follow_redirects=True, headers=EN)
    assert "The deadline is in the past" in response.text
    db.session.refresh(position)
    assert position.status is PositionStatus.DRAFT


def test_other_organization_cannot_see_drafts_or_act_even_with_forged_ids(client, auth, accounts):
    draft = factories.position(accounts.organization, accounts.employer, publish=False)
    published = factories.position(accounts.organization, accounts.employer)
    auth.login(accounts.other_employer.email)
    assert client.get(f"/jobs/{draft.id}").status_code == 404
    assert client.get(f"/jobs/{published.id}").status_code == 200
    for target in (draft, published):
        assert client.get(f"/employer/positions/{target.id}/edit").status_code == 404
        assert client.post(f"/employer/positions/{target.id}/edit",
                           data=form_data(title="Forged")).status_code == 404
        for action in ("publish", "duplicate"):
            assert client.post(f"/employer/positions/{target.id}/{action}").status_code == 404
        assert client.post(f"/employer/positions/{target.id}/close",
                           data={"outcome": "cancelled", "confirmed": "1"}).status_code == 404
    assert "Pair-aidant" not in client.get("/employer/positions").text
    assert count() == 2
    db.session.refresh(draft)
    assert draft.status is PositionStatus.DRAFT


def test_pending_employer_and_other_roles_cannot_post(client, auth, accounts):
    position = factories.position(accounts.organization, accounts.employer, publish=False)
    auth.login(accounts.pending_employer.email)
    assert client.get("/employer/positions/new").status_code == 403
    assert client.get(f"/employer/positions/{position.id}/edit").status_code == 403
    assert client.get(f"/jobs/{position.id}").status_code == 404  # not before approval
    auth.logout()
    auth.login(accounts.candidate.email)
    assert client.get(f"/jobs/{position.id}").status_code == 404
    assert client.post("/employer/positions/new", data=form_data()).status_code == 403
    assert count() == 1


def test_public_page_says_the_commitments_and_the_flags_in_french(client, accounts):
    position = factories.position(
        accounts.organization, accounts.employer, contract_type="cdd_public", legal_basis="replacement",
        duration_months=6, supervision_frequency="none", supervision_kind=None, peer_team_size=0,
        description="Premier paragraphe <script>alert(1)</script>\n\nSecond paragraphe.",
    )
    page = client.get(f"/jobs/{position.id}").text
    assert '<html lang="fr">' in page
    assert "CDD de droit public de 6 mois" in page
    assert "Pas de supervision prévue" in page
    assert "Seul pair-aidant de l'équipe" in page or "Seul pair-aidant de l&#39;équipe" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<p>Second paragraphe.</p>" in page
    assert accounts.organization.name in page


def test_expired_positions_stop_showing_and_the_command_closes_them(client, runner, accounts):
    position = factories.position(accounts.organization, accounts.employer,
                                  deadline=(today() + timedelta(days=1)).isoformat())
    fresh = factories.position(accounts.organization, accounts.employer)
    position.deadline = today() - timedelta(days=1)
    db.session.commit()
    assert client.get("/api/v1/positions").json["total"] == 1
    page = client.get(f"/jobs/{position.id}", headers=EN)
    assert page.status_code == 200 and "The application deadline has passed." in page.text

    result = runner.invoke(args=["close-expired"])
    assert result.exit_code == 0 and "Closed 1 expired position(s)." in result.output
    db.session.refresh(position)
    db.session.refresh(fresh)
    assert position.status is PositionStatus.CLOSED and position.outcome.value == "cancelled"
    assert fresh.status is PositionStatus.PUBLISHED
    event = db.session.scalar(sa.select(PositionEvent).where(PositionEvent.action == "closed"))
    assert event.actor_id is None and event.changes["reason"] == "deadline_passed"
    assert runner.invoke(args=["close-expired"]).output.strip() == "Closed 0 expired position(s)."


def test_demo_has_forty_positions_across_the_twelve_departments(runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    published = db.session.scalars(sa.select(Position)
                                   .where(Position.status == PositionStatus.PUBLISHED)).all()
    assert len(published) >= 40
    assert len({p.department_code for p in published}) == 12
    assert len({p.contract_type for p in published}) >= 6
    assert len({p.supervision_frequency for p in published}) == 5
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Position))
    runner.invoke(args=["demo"])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Position)) == before


def test_demo_recruitment_covers_every_stage_and_every_person_level_flag(runner):
    from pairjobs.domain.contract_flags import ContractFlags
    from pairjobs.domain.contracts import check_terms, current_terms
    from pairjobs.domain.precarity import PERSON_FLAG_CODES
    from pairjobs.models import Application, Contract, Credential

    assert runner.invoke(args=["demo"]).exit_code == 0
    statuses = {a.status.value for a in db.session.scalars(sa.select(Application))}
    assert statuses == {"submitted", "in_review", "interview", "offer", "hired", "rejected", "withdrawn"}
    verifications = {c.verification.value for c in db.session.scalars(sa.select(Credential))}
    assert verifications == {"pending", "verified", "rejected"}
    every = db.session.scalars(sa.select(Contract)).all()
    computed = ContractFlags(every)
    flags = {c.id: {f.code for f in computed.all_flags(c, today())} for c in every}
    assert set().union(*flags.values()) >= set(PERSON_FLAG_CODES) | {"part_time_below_legal_minimum"}
    # Each exemption and derogation is shown, not flagged.
    def second_on_post(*posts):
        return [c for c in every if c.post_ref in posts
                and c.start_date > min(x.start_date for x in every if x.post_ref == c.post_ref)]

    exempt = [(c, "waiting_period_not_respected")
              for c in second_on_post("MS-ACC", "CG-01", "MS-02", "MS-03", "MS-04", "MS-05", "CG-UH1")]
    assert all("waiting_period_not_respected" in flags[c.id] for c in second_on_post("MS-06", "SJ-UF12"))
    exempt += [(c, "public_cdi_due") for c in every if c.organization.finess == "380780080"
               and c.legal_basis and c.legal_basis.value == "replacement"]
    # Public employers may use PEC, apprenticeship and temp work (L5134-21, CGFP L334-3): their terms pass.
    lawful_for_public = [c for c in every if c.sector.value == "public"
                         and c.contract_type.value in {"pec", "apprentissage", "interim"}]
    assert {c.contract_type.value for c in lawful_for_public} == {"pec", "apprentissage", "interim"}
    for c in lawful_for_public:
        check_terms(current_terms(c), c.sector)
    exempt += [(c, "part_time_below_legal_minimum") for c in every if (c.contract_days or 99) <= 7
               or (c.organization.idcc == "0413" and c.weekly_hours >= 14)]
    exempt += [(c, "public_cdd_over_max") for c in every
               if c.legal_basis and c.legal_basis.value == "replacement"]
    exempt += [(c, "pec_over_max") for c in every if c.extended_duration]
    exempt += [(c, "part_time_below_legal_minimum") for c in every if c.part_time_at_employee_request
               or (c.cdd_reason and c.cdd_reason.value == "replacement") or c.contract_type.value == "pec"]
    exempt += [(c, "public_cdi_due") for c in every if c.person_key == "overlap-demo"]
    exempt += [(c, code) for c in every
               if c.cdd_reason and c.cdd_reason.value in {"usage", "replacement_no_fixed_end"}
               for code in ("private_cdd_over_max", "private_cdd_too_many_renewals")]
    assert len(exempt) >= 24
    assert all(code not in flags[c.id] for c, code in exempt), [(c.id, code) for c, code in exempt
                                                                if code in flags[c.id]]
    contracts = db.session.scalar(sa.select(sa.func.count()).select_from(Contract))
    runner.invoke(args=["demo"])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contract)) == contracts


def test_a_closed_position_stays_readable_with_its_banner_and_no_apply_button(client, auth, accounts):
    filled = factories.position(accounts.organization, accounts.employer, title="Pair-aidant pourvu")
    cancelled = factories.position(accounts.organization, accounts.employer, title="Pair-aidant annulé")
    never_published = factories.position(accounts.organization, accounts.employer, publish=False)
    position_ops.close(filled, accounts.employer, "filled")
    position_ops.close(cancelled, accounts.employer, "cancelled")
    position_ops.close(never_published, accounts.employer, "cancelled")
    db.session.commit()
    auth.login(accounts.candidate.email)
    page = client.get(f"/jobs/{filled.id}")
    assert page.status_code == 200 and "Offre pourvue" in page.text
    assert f"/jobs/{filled.id}/apply" not in page.text
    assert "Offre clôturée" in client.get(f"/jobs/{cancelled.id}").text
    assert client.get(f"/jobs/{never_published.id}").status_code == 404  # a draft closed stays private
    assert "Pair-aidant pourvu" not in client.get("/jobs?q=pair").text  # out of the search


def test_closing_a_position_asks_for_confirmation_first(client, auth, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    factories.application(accounts.candidate, position)
    auth.login(accounts.employer.email)
    asked = client.post(f"/employer/positions/{position.id}/close", data={"outcome": "filled"})
    assert asked.status_code == 200
    assert "1 candidature en cours" in asked.text and 'name="confirmed" value="1"' in asked.text
    db.session.refresh(position)
    assert position.status.value == "published"  # nothing changes before the confirmation
    done = client.post(f"/employer/positions/{position.id}/close",
                       data={"outcome": "filled", "confirmed": "1"})
    assert done.status_code == 302
    db.session.refresh(position)
    assert position.status.value == "closed"


def test_a_draft_is_deleted_after_confirmation_and_a_published_position_is_not(app, api, accounts):
    from tests.helpers import signed_in

    draft = factories.position(accounts.organization, accounts.employer, publish=False, title="Brouillon")
    published = factories.position(accounts.organization, accounts.employer)
    page = signed_in(app, accounts.employer)
    assert "Supprimer le brouillon" in page.get(f"/employer/positions/{draft.id}/edit").text
    asked = page.get(f"/employer/positions/{draft.id}/delete")
    assert asked.status_code == 200 and "Oui, le supprimer" in asked.text
    draft_id = draft.id
    assert page.post(f"/employer/positions/{draft_id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Position, draft_id) is None
    client = app.test_client()
    assert client.delete(f"/api/v1/positions/{published.id}",
                         headers=api.bearer(accounts.employer)).status_code == 409
    other = factories.position(accounts.organization, accounts.employer, publish=False)
    assert client.delete(f"/api/v1/positions/{other.id}",
                         headers=api.bearer(accounts.other_employer)).status_code == 404
    other_id, published_id = other.id, published.id
    assert client.delete(f"/api/v1/positions/{other_id}",
                         headers=api.bearer(accounts.employer)).status_code == 204
    db.session.expire_all()
    assert db.session.get(Position, other_id) is None and db.session.get(Position, published_id) is not None


def test_a_position_page_shows_its_publication_date_and_an_apply_button_to_everyone(client, accounts):
    position = factories.position(accounts.organization, accounts.employer)
    page = client.get(f"/jobs/{position.id}").text
    assert "Publié le" in page
    button = re.search(r'<a class="button" href="([^"]+)">Postuler</a>', page)
    assert button and button.group(1) == f"/login?next=/jobs/{position.id}/apply"

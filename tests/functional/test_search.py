"""Search: text (case and accents ignored), each filter, order, pages, bad parameters."""

from datetime import timedelta

import pytest

from pairjobs.domain import positions as ops
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Role
from pairjobs.schemas.base import load
from pairjobs.schemas.positions import PositionSchema
from tests import factories
from tests.helpers import BuiltOnce

_board = BuiltOnce()


@pytest.fixture
def board(accounts, database_url):
    """A small board: positions whose terms differ one at a time (built once a run on SQLite)."""
    return _board.get(database_url, lambda: _build_board(accounts))


def _build_board(accounts):
    lyon = accounts.organization  # public EPSM in Bron (69)
    grenoble = accounts.other_organization  # public EPSM in La Tronche (38)
    assoc = factories.organization(name="Association Messidor", kind="association",
                                   sector="private_nonprofit",
                                   department="63", commune="63113")
    p = {}
    p["educ"] = factories.position(lyon, title="Éducateur pair en CMP", setting="cmp")
    p["mobile"] = factories.position(grenoble, title="Médiateur de santé pair", setting="equipe_mobile",
                                     contract_type="cdd_public", legal_basis="vacancy", duration_months=12,
                                     supervision_frequency="quarterly", fte_percent=50)
    p["assoc"] = factories.position(assoc, title="Pair-aidant", contract_type="cdd", duration_months=6,
                                    supervision_frequency="weekly", fte_percent=80,
                                    description="Accompagnement en réhabilitation à Clermont.")
    p["titulaire"] = factories.position(lyon, title="Pair-aidant titulaire", contract_type="titulaire",
                                        supervision_frequency="fortnightly",
                                        deadline=(today() + timedelta(days=3)).isoformat())
    p["draft"] = factories.position(lyon, title="Éducateur brouillon", publish=False)
    expired = factories.position(lyon, title="Éducateur expiré",
                                 deadline=(today() + timedelta(days=1)).isoformat())
    expired.deadline = today() - timedelta(days=1)  # its deadline has passed since publication
    db.session.commit()
    p["expired"] = expired
    return p


def ids(client, **params):
    response = client.get("/api/v1/positions", query_string=params)
    assert response.status_code == 200, response.json
    return {item["id"] for item in response.json["items"]}


def html_ids(client, **params):
    response = client.get("/jobs", query_string=params)
    assert response.status_code == 200
    import re

    return {int(i) for i in re.findall(r'href="/jobs/(\d+)"', response.text)}


@pytest.mark.parametrize("q", ["educateur", "EDUCATEUR", "éducateur", "Éducateur", "educateurs"])
def test_text_search_ignores_case_and_accents(client, board, q):
    assert ids(client, q=q) == {board["educ"].id}
    assert html_ids(client, q=q) == {board["educ"].id}


def test_text_search_covers_organization_and_commune(client, board):
    assert ids(client, q="messidor") == {board["assoc"].id}
    assert ids(client, q="la tronche") == {board["mobile"].id}
    assert ids(client, q="mediateur sante") == {board["mobile"].id}
    assert ids(client, q="réhabilitation clermont") == {board["assoc"].id}
    assert ids(client, q="nothing-like-this") == set()
    assert ids(client, q='"*) OR ( NEAR') == set()  # query syntax is never interpreted


def test_only_published_open_positions_are_listed(client, board):
    everything = ids(client)
    assert board["draft"].id not in everything and board["expired"].id not in everything
    assert everything == {board[k].id for k in ("educ", "mobile", "assoc", "titulaire")}


def test_department_filter(client, board):
    assert ids(client, department="38") == {board["mobile"].id}
    assert ids(client, department="63") == {board["assoc"].id}


def test_contract_type_filter_is_repeatable(client, board):
    assert ids(client, contract_type="cdd") == {board["assoc"].id}
    response = client.get("/api/v1/positions?contract_type=cdd&contract_type=cdd_public")
    assert {i["id"] for i in response.json["items"]} == {board["assoc"].id, board["mobile"].id}


def test_stable_only(client, board):
    assert ids(client, stable_only="1") == {board["educ"].id, board["titulaire"].id}
    assert ids(client, stable_only="1", contract_type="titulaire") == {board["titulaire"].id}
    assert ids(client, stable_only="1", contract_type="cdd") == set()


def test_min_fte(client, board):
    assert ids(client, min_fte=80) == {board["educ"].id, board["assoc"].id, board["titulaire"].id}
    assert ids(client, min_fte=100) == {board["educ"].id, board["titulaire"].id}


def test_supervision_at_least(client, board):
    assert ids(client, supervision="monthly") == {board["educ"].id, board["assoc"].id, board["titulaire"].id}
    assert ids(client, supervision="fortnightly") == {board["assoc"].id, board["titulaire"].id}
    assert ids(client, supervision="quarterly") == {board[k].id
                                                    for k in ("educ", "mobile", "assoc", "titulaire")}


def test_setting_and_organization_kind(client, board):
    assert ids(client, setting="equipe_mobile") == {board["mobile"].id}
    assert ids(client, org_kind="association") == {board["assoc"].id}
    assert ids(client, org_kind="epsm", setting="cmp") == {board["educ"].id, board["titulaire"].id}


def test_text_and_two_filters_together(client, board):
    assert ids(client, q="pair", department="69",
               stable_only="1") == {board["educ"].id, board["titulaire"].id}


def test_sort_by_deadline_and_newest(client, board):
    by_deadline = client.get("/api/v1/positions?sort=deadline").json["items"]
    assert by_deadline[0]["id"] == board["titulaire"].id  # the only one with a deadline
    newest = client.get("/api/v1/positions").json["items"]
    published = [item["published_at"] for item in newest]
    assert published == sorted(published, reverse=True)


def test_pages(client, board):
    first = client.get("/api/v1/positions?per_page=3&page=1").json
    second = client.get("/api/v1/positions?per_page=3&page=2").json
    assert first["total"] == second["total"] == 4
    assert (first["page"], first["per_page"], len(first["items"])) == (1, 3, 3)
    assert len(second["items"]) == 1
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


@pytest.mark.parametrize("params", [
    {"per_page": 101}, {"per_page": 0}, {"page": "x"}, {"min_fte": 5}, {"department": "75"},
    {"contract_type": "cdd2"}, {"supervision": "daily"}, {"setting": "x"}, {"org_kind": "x"},
    {"sort": "random"},
    {"stable_only": "maybe"},
])
def test_bad_parameters_are_reported_by_the_api(client, board, params):
    response = client.get("/api/v1/positions", query_string=params)
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == set(params)


def test_bad_parameters_are_ignored_with_a_notice_on_the_page(client, board):
    response = client.get("/jobs?min_fte=abc&department=99&page=-3&sort=x", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "were not understood and were ignored" in response.text
    assert html_ids(client, min_fte="abc", department="99") == ids(client)


def test_search_page_keeps_the_query_in_links(client, accounts):
    org = accounts.organization
    for n in range(25):
        ops.create_position(org, None,
                            load(PositionSchema(), factories.position_input(title=f"Pair-aidant {n}")))
    for position in db.session.scalars(db.select(ops.Position)):
        ops.publish(position, None, today())
    db.session.commit()
    response = client.get("/jobs?department=69&q=pair")
    assert "page=2" in response.text and "department=69" in response.text
    second = client.get("/jobs?department=69&q=pair&page=2")
    assert len(set(__import__("re").findall(r'href="/jobs/(\d+)"', second.text))) == 5


def test_employer_role_is_not_needed_to_search(client, board):
    factories.user(Role.CANDIDATE)
    assert client.get("/jobs").status_code == 200


def test_positions_already_applied_to_are_marked_in_the_results(app, accounts):
    from tests.helpers import signed_in

    applied = factories.position(accounts.organization, accounts.employer, title="Pair-aidant en CMP")
    factories.position(accounts.organization, accounts.employer, title="Pair-aidant en équipe mobile")
    factories.application(accounts.candidate, applied)
    page = signed_in(app, accounts.candidate).get("/jobs?q=pair")
    results = page.text.split('class="results"')[1]
    items = results.split('<li class="result">')[1:]
    marked = [i for i in items if "Déjà postulé" in i]
    assert len(items) == 2 and len(marked) == 1 and "Pair-aidant en CMP" in marked[0]
    # The same cached results, for someone else: no mark, no trace of the placeholder.
    other = signed_in(app, accounts.other_candidate).get("/jobs?q=pair")
    assert "Déjà postulé" not in other.text and "<!--applied" not in other.text
    assert "<!--applied" not in app.test_client().get("/jobs?q=pair").text

"""French search, on whichever database the suite runs (SQLite, or PostgreSQL in CI): stems, feminine and
plural forms, every word required, labels, synonyms, suggestions, counts by filter value, and the filters
near/radius_km, min_salary and published_since, in /jobs, /api/v1/positions and the Atom feed."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest

from pairjobs.extensions import db
from pairjobs.models.base import utcnow
from tests import factories
from tests.helpers import BuiltOnce

FR = {"Accept-Language": "fr"}


_board = BuiltOnce()


@pytest.fixture
def board(accounts, database_url):
    """Real peer-work positions, in Bron (69), La Tronche (38) and Clermont-Ferrand (63) (built once a run
    on SQLite)."""
    return _board.get(database_url, lambda: _build_board(accounts))


def _build_board(accounts):
    bron, la_tronche = accounts.organization, accounts.other_organization
    clermont = factories.organization(name="Association Messidor", kind="association",
                                      sector="private_nonprofit", department="63", commune="63113")
    p = {
        "adult": factories.position(
            bron, title="Pair-aidant en psychiatrie adulte", contract_type="cdi_public", fte_percent=100,
            description="Intervention en psychiatrie adulte au sein du CMP, avec l'équipe soignante."),
        "teen": factories.position(
            la_tronche, title="Médiatrice de santé paire", contract_type="titulaire", fte_percent=80,
            setting="equipe_mobile", salary_min=1700, salary_max=1850,
            description="Accompagnement des adolescents suivis, en santé mentale, au domicile des familles."),
        "peer": factories.position(
            clermont, title="Travailleur pair", contract_type="cdd", duration_months=6, fte_percent=50,
            setting="hospitalisation", salary_min=None, salary_max=None,
            description="Soutien aux personnes en rétablissement dans une unité d'hospitalisation."),
        "split": factories.position(
            bron, title="Animateur d'ateliers",
            description="Ateliers sur la santé au travail. Entraînement de la mémoire et calcul mental."),
        "health": factories.position(bron, title="Coordinateur prévention santé",
                                     description="Prévention et éducation à la santé."),
        "msp": factories.position(la_tronche, title="Poste de MSP",
                                  description="Accompagnement vers le logement."),
    }
    return p


def found(client, **params) -> set[int]:
    response = client.get("/api/v1/positions", query_string=params | {"per_page": 100})
    assert response.status_code == 200, response.json
    return {item["id"] for item in response.json["items"]}


def on_page(client, **params) -> set[int]:
    page = client.get("/jobs", query_string=params, headers=FR)
    assert page.status_code == 200
    return {int(i) for i in re.findall(r'href="/jobs/(\d+)"', page.text)}


def ids(board, *names) -> set[int]:
    return {board[n].id for n in names}


@pytest.mark.parametrize("q", ["pair-aidante", "pairs-aidants", "pair aidant", "Pair-Aidants",
                               "PAIR AIDANTES"])
def test_feminine_and_plural_forms_find_pair_aidant(client, board, q):
    assert board["adult"].id in found(client, q=q)
    assert board["adult"].id in on_page(client, q=q)


@pytest.mark.parametrize("q, expected", [
    ("psychiatrique", {"adult"}),
    ("adolescent", {"teen"}),
    ("adolescentes", {"teen"}),
    ("médiateur de santé pair", {"teen", "msp"}),
    ("mediatrices", {"teen"}),
    ("hospitalisations", {"peer"}),
])
def test_stems_find_other_forms_of_the_same_word(client, board, q, expected):
    assert found(client, q=q) >= ids(board, *expected)


def test_several_words_mean_all_of_them_anywhere_in_the_text(client, board):
    both = found(client, q="santé mentale")
    assert both == ids(board, "teen", "split")  # "Coordinateur prévention santé" has only one of them
    assert found(client, q="mentale santé") == both
    assert found(client, q="psychiatrie Clermont") == set()


@pytest.mark.parametrize("q, expected", [
    ("CDI", {"adult", "split", "health", "msp"}),  # public CDIs, although no text says "CDI"
    ("titulaire", {"teen"}),
    ("temps partiel", {"teen", "peer"}),
    ("temps plein", {"adult", "split", "health", "msp"}),
    ("équipe mobile", {"teen"}),
    ("CDD", {"peer"}),
])
def test_the_french_labels_of_contract_working_time_and_setting_are_searchable(client, board, q, expected):
    assert found(client, q=q) == ids(board, *expected)
    assert on_page(client, q=q) == ids(board, *expected)


def test_a_label_combines_with_other_words(client, board):
    assert found(client, q="titulaire adolescents") == ids(board, "teen")
    assert found(client, q="CDI psychiatrie") == ids(board, "adult")
    assert found(client, q="temps partiel psychiatrie") == set()


def test_configured_synonyms_find_each_other(client, board):
    assert found(client, q="MSP") >= ids(board, "msp", "teen")  # "Médiatrice de santé paire"
    assert found(client, q="médiateur de santé pair") >= ids(board, "msp")  # "Poste de MSP"
    assert found(client, q="travailleur pair") >= ids(board, "adult", "peer")
    assert board["peer"].id in found(client, q="pair-aidant")  # "Travailleur pair"


def test_synonyms_are_configuration(make_app, board):
    without = make_app(SEARCH_SYNONYMS=()).test_client()
    assert board["msp"].id not in found(without, q="médiateur de santé pair")


def test_a_typo_finds_nothing_but_suggests_the_indexed_word(client, board):
    assert found(client, q="psichiatrie") == set()
    page = unescape(client.get("/jobs", query_string={"q": "psichiatrie"}, headers=FR).text)
    assert "Vouliez-vous dire psychiatrie\u202f?" in re.sub(r"<[^>]+>", "", page)
    assert 'href="/jobs?q=psychiatrie"' in page
    # The suggestion keeps the other criteria, and it is only offered when it finds something.
    assert 'href="/jobs?q=psychiatrie&amp;department=69"' in client.get(
        "/jobs", query_string={"q": "psichiatrie", "department": "69"}, headers=FR).text
    elsewhere = {"q": "psichiatrie", "department": "38"}
    assert "Vouliez-vous dire" not in client.get("/jobs", query_string=elsewhere, headers=FR).text
    assert "Vouliez-vous dire" not in client.get("/jobs", query_string={"q": "zzxqwv"}, headers=FR).text


def test_each_filter_value_shows_how_many_positions_it_would_give(client, board):
    page = unescape(client.get("/jobs", query_string={"q": "santé"}, headers=FR).text)
    # "santé" is in teen (38), split and health (69); the other filters keep the words.
    assert re.search(r"69 – Rhône \(2\)</option>", page)
    assert re.search(r"38 – Isère \(1\)</option>", page)
    assert re.search(r"63 – Puy-de-Dôme \(0\)</option>", page)
    chosen = unescape(client.get("/jobs", query_string={"q": "santé", "department": "38"}, headers=FR).text)
    # A department's count ignores the department chosen.
    assert re.search(r"69 – Rhône \(2\)</option>", chosen)
    assert re.search(r"Fonctionnaire[^<]*\(1\)", chosen)  # the other counts follow it
    assert re.search(r'value="80"[^>]*>80 % \(1\)', chosen)


def test_near_a_commune_within_a_radius(client, board):
    lyon_20 = found(client, near="69123", radius_km=20)
    assert lyon_20 == ids(board, "adult", "split", "health")  # Bron, 7 km; La Tronche 95 km; Clermont 135 km
    assert found(client, near="69123", radius_km=100) == ids(board, "adult", "split", "health", "teen", "msp")
    assert found(client, near="Lyon", radius_km=20) == lyon_20  # a name that only one commune bears
    assert found(client, near="69123") == lyon_20  # 30 km by default
    assert on_page(client, near="69123", radius_km=20) == lyon_20
    feed = client.get("/jobs/feed.atom", query_string={"near": "63113", "radius_km": 10}).text
    assert "Travailleur pair" in feed and "Pair-aidant en psychiatrie" not in feed


@pytest.mark.parametrize("params, field", [
    ({"near": "99999"}, "near"),
    ({"near": "Atlantis"}, "near"),
    ({"near": "15031"}, "near"),  # Celles (Cantal): no outline, so no centre
    ({"radius_km": 20}, "radius_km"),
    ({"near": "69123", "radius_km": 301}, "radius_km"),
    ({"min_salary": "beaucoup"}, "min_salary"),
    ({"published_since": -1}, "published_since"),
])
def test_bad_new_filters_are_refused_by_the_api_and_explained_on_the_page(client, board, params, field):
    answer = client.get("/api/v1/positions", query_string=params)
    assert answer.status_code == 422 and field in str(answer.json), answer.json
    page = client.get("/jobs", query_string=params, headers=FR)
    assert page.status_code == 200 and "ont été ignorés" in unescape(page.text)


def test_min_salary_reads_the_top_of_the_range_and_leaves_out_positions_without_pay(client, board):
    assert found(client, min_salary=1800) == ids(board, "adult", "teen", "split", "health", "msp")
    assert found(client, min_salary=2000) == ids(board, "adult", "split", "health", "msp")  # up to 2,200
    assert found(client, min_salary=2300) == set()
    assert board["peer"].id not in found(client, min_salary=0)  # no pay stated


def test_published_since_counts_days(client, board):
    board["health"].published_at = utcnow() - timedelta(days=10)
    db.session.commit()
    assert board["health"].id not in found(client, published_since=7)
    assert board["health"].id in found(client, published_since=10)
    assert board["adult"].id in found(client, published_since=0)  # today
    feed = client.get("/jobs/feed.atom", query_string={"published_since": 7}).text
    assert "Coordinateur prévention santé" not in feed and "Travailleur pair" in feed


def test_the_feed_is_in_french_for_every_reader(client, board):
    feed = client.get("/jobs/feed.atom", query_string={"q": "pair aidant"},
                      headers={"Accept-Language": "en"}).text
    title = re.search(r"<title>([^<]*)</title>", feed).group(1)
    subtitle = re.search(r"<subtitle>([^<]*)</subtitle>", feed).group(1)
    assert title == "pairjobs — offres de postes de pair-aidant"
    assert subtitle == "Les dernières offres publiées pour les pair-aidants salariés en santé mentale."
    assert "Pair-aidant en psychiatrie adulte" in feed


def test_a_saved_search_says_its_new_filters(app, accounts):
    from werkzeug.datastructures import MultiDict

    from pairjobs.domain import alerts
    from pairjobs.domain.search import parse_search

    with app.test_request_context(headers=FR):
        query, errors = parse_search(MultiDict({"q": "pair", "near": "Villeurbanne", "radius_km": "20",
                                                "min_salary": "1900", "published_since": "7"}), 20, 100,
                                     {"69", "38"})
        assert errors == {} and query.near == "69266"
        described = alerts.describe(query)
    assert described == ("«\u202fpair\u202f», à 20\u00a0km au plus de Villeurbanne, "
                         "au moins 1\u202f900\u00a0€ par mois, publiée dans les 7 derniers jours")


def test_the_demo_positions_answer_french_searches(runner, client):
    """The same rules on the demo's positions (the README's first command loads them)."""
    assert runner.invoke(args=["demo"]).exit_code == 0

    def titles(**params) -> list[str]:
        response = client.get("/api/v1/positions", query_string=params | {"per_page": 100})
        assert response.status_code == 200
        return [item["title"] for item in response.json["items"]]

    for q in ("pair-aidante", "pairs-aidants", "travailleur pair"):
        found_titles = titles(q=q)
        assert any(t.startswith("Pair-aidant") for t in found_titles), q
    # Every demo description says "licence MSP"; "médiatrice" finds the "médiateur ou médiatrice" titles.
    assert len(titles(q="MSP")) == len(titles())
    assert titles(q="médiatrice santé") and all("édiat" in t for t in titles(q="médiatrice santé"))
    assert all("pédopsychiatrie" in t for t in titles(q="pedopsychiatrie 12-25 ans"))
    assert titles(q="psychiatrique")  # "psychiatrie" in the titles and descriptions
    # Every description has "équipe" and "mobilisez": "mobile" is another word, not a prefix.
    teams = titles(q="équipe mobile psychiatrie")
    assert teams and all("équipe mobile" in t for t in teams)
    page = client.get("/jobs", query_string={"q": "rehabilitaton"}, headers=FR).text  # sic
    assert "Vouliez-vous dire" in page and "réhabilitation" in unescape(page)


def test_the_form_as_sent_with_no_commune_adds_no_notice(client, board):
    """A browser sends every field of the form, the empty ones too."""
    sent = {"q": "psychiatrie", "department": "", "setting": "", "org_kind": "", "min_fte": "",
            "supervision": "",
            "near": "", "radius_km": "", "min_salary": "", "published_since": "", "sort": "newest"}
    page = client.get("/jobs", query_string=sent, headers=FR)
    assert "ont été ignorés" not in unescape(page.text)
    assert on_page(client, **sent) == ids(board, "adult")


def test_a_bad_parameter_is_named_as_the_form_names_it(client, board):
    page = unescape(client.get("/jobs", query_string={"radius_km": 20, "min_fte": "x"}, headers=FR).text)
    notice = page.split('<div class="notice"', 1)[1].split("</div>", 1)[0]
    assert "Dans un rayon de\u00a0: " in notice and "Temps de travail" in notice, notice
    assert "radius_km" not in notice and "min_fte" not in notice


def test_lyon_and_its_arrondissements_are_one_place(client, accounts):
    in_the_3rd = factories.organization(name="Centre de la Part-Dieu", department="69", commune="69383")
    position = factories.position(in_the_3rd, title="Pair-aidant Part-Dieu")
    assert position.id in found(client, near="69123", radius_km=0)
    assert position.id in found(client, near="69381", radius_km=0)


@pytest.mark.parametrize("near", ["L’Abergement-Clémenciat", "l'abergement clemenciat", "01400"])
def test_a_commune_by_its_name_with_any_apostrophe_or_its_postal_code(client, board, near):
    answer = client.get("/api/v1/positions", query_string={"near": near})
    assert answer.status_code == 200, answer.json


def test_search_engine_words_and_long_queries(client, board):
    assert found(client, q="pair AND aidant") == found(client, q="pair aidant") != set()
    assert found(client, q="NEAR(psychiatrie adulte)") == found(client, q="psychiatrie adulte") != set()
    long = "psychiatrie " * 17  # 204 characters: cut before the last word, not inside it
    assert found(client, q=long) == found(client, q="psychiatrie")


def test_stable_jobs_only_counts_and_leaves_the_other_contracts_at_zero(client, board):
    page = unescape(client.get("/jobs", query_string={"stable_only": "1"}, headers=FR).text)
    assert re.search(r"Emplois stables uniquement[^<]*\(5\)", page)  # titulaire + four public CDIs
    assert re.search(r"CDD de droit privé[^<]*\(0\)|>\s*CDD[^<]*\(0\)", page)


def test_the_publication_and_distance_lists_count_too(client, board):
    board["health"].published_at = utcnow() - timedelta(days=10)
    db.session.commit()
    page = unescape(client.get("/jobs", query_string={"near": "69123"}, headers=FR).text)
    # adult and split; health was published ten days ago
    assert re.search(r'value="7"[^>]*>dans les 7 derniers jours \(2\)', page)
    assert re.search(r'value="14"[^>]*>dans les 14 derniers jours \(3\)', page)
    assert re.search(r'value="100"[^>]*>100 km \(5\)', page)
    assert re.search(r'value="20"[^>]*>20 km \(3\)', page)


def test_the_api_suggests_too(client, board):
    answer = client.get("/api/v1/positions", query_string={"q": "psichiatrie"}).json
    assert answer["total"] == 0 and answer["suggestion"] == "psychiatrie"
    assert client.get("/api/v1/positions", query_string={"q": "psychiatrie"}).json["suggestion"] is None
    assert client.get("/api/v1/positions", query_string={"q": "zzxqwv"}).json["suggestion"] is None


def test_little_words_alone_find_nothing_on_either_database(client, board):
    assert found(client, q="la") == found(client, q="de la") == found(client, q="le") == set()
    assert found(client, q="  ,;  ") == found(client)  # no word at all: no text criterion
    assert found(client, q="la psychiatrie de l'adulte") == found(client, q="psychiatrie adulte") != set()

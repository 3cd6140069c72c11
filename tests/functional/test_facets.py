"""The sample of a search (the positions its words give, read once): the counts beside the filters are
what the search with that value chosen would give (`search_statement`, the one definition of the filters,
counted in SQL), there are none past SEARCH_FACET_LIMIT positions, and the page of results made from the
sample is the one SQL gives (same positions, order and total)."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from pairjobs.domain.search import facet_counts, read_sample, search_positions, search_statement
from pairjobs.domain.search import facets as facets_module
from pairjobs.domain.search.statement import SearchQuery
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import ContractType, OrganizationKind, PositionStatus, Setting, SupervisionFrequency
from tests import factories

FR = {"Accept-Language": "fr"}


@pytest.fixture
def board(accounts):
    clermont = factories.organization(name="Association Messidor", kind="association",
                                      sector="private_nonprofit", department="63", commune="63113")
    variants = [
        (accounts.organization, {"contract_type": "cdi_public", "fte_percent": 100}),
        (accounts.other_organization, {"contract_type": "titulaire", "fte_percent": 80,
                                       "setting": "equipe_mobile", "supervision_frequency": "weekly"}),
        (clermont, {"contract_type": "cdd", "duration_months": 6, "fte_percent": 50,
                    "setting": "hospitalisation", "supervision_frequency": "quarterly"}),
        (accounts.organization, {"title": "Pair-aidant en CMP", "fte_percent": 60,
                                 "deadline": today() + timedelta(days=20)}),
        (clermont, {"title": "Médiateur de santé pair", "contract_type": "cdi", "fte_percent": 80,
                    "deadline": today() + timedelta(days=10)}),
    ]
    for i in range(10):
        organization, values = variants[i % len(variants)]
        if "deadline" in values:  # deadlines that differ, and ties
            values = values | {"deadline": values["deadline"] + timedelta(days=i % 3)}
        factories.position(organization, None, **values)
    db.session.commit()


def sql_count(query: SearchQuery) -> int:
    return db.session.scalar(search_statement(query, today()).with_only_columns(sa.func.count())
                             .order_by(None))


def expected(query: SearchQuery) -> dict[str, dict[str, int]]:
    """Every count, from SQL: the query with that value chosen instead of the current one."""
    counts = {
        "department": {d: sql_count(replace(query, department=d)) for d in ("01", "38", "63", "69")},
        "setting": {s.value: sql_count(replace(query, setting=s)) for s in Setting},
        "org_kind": {k.value: sql_count(replace(query, org_kind=k)) for k in OrganizationKind},
        "contract_type": {c.value: sql_count(replace(query, contract_types=[c])) for c in ContractType},
        "stable_only": {"yes": sql_count(replace(query, stable_only=True))},
        "min_fte": {str(s): sql_count(replace(query, min_fte=s)) for s in facets_module.FTE_STEPS},
        "supervision": {f.value: sql_count(replace(query, supervision=f)) for f in SupervisionFrequency
                        if f is not SupervisionFrequency.NONE},
        "published_since": {str(d): sql_count(replace(query, published_since=d))
                            for d in facets_module.PUBLISHED_STEPS},
    }
    if query.near:
        counts["radius_km"] = {str(km): sql_count(replace(query, radius_km=km))
                               for km in facets_module.RADIUS_STEPS}
    return counts


QUERIES = [
    SearchQuery(),
    SearchQuery(q="pair"),
    SearchQuery(q="santé", department="63"),
    SearchQuery(stable_only=True),
    SearchQuery(stable_only=True, contract_types=[ContractType.CDD]),
    SearchQuery(contract_types=[ContractType.CDI, ContractType.TITULAIRE], min_fte=80),
    SearchQuery(supervision=SupervisionFrequency.MONTHLY, setting=Setting.HOSPITALISATION),
    SearchQuery(org_kind=OrganizationKind.ASSOCIATION, published_since=7),
    SearchQuery(near="69266", radius_km=20, min_salary=1500),
]


# The queries are looped over inside each test: the positions are built once per property, not per query.
def test_each_count_is_what_choosing_that_value_gives(app, board):
    for i, query in enumerate(QUERIES):
        counts = facet_counts(read_sample(query, today(), limit=1000))
        for facet, values in expected(query).items():
            got = {v: counts[facet].get(v, 0) for v in values}
            assert got == values, (i, facet)


def test_past_the_limit_there_are_no_counts_and_the_page_says_so(app, client, board, monkeypatch):
    assert facet_counts(read_sample(SearchQuery(), today(), limit=10)) is not None
    assert facet_counts(read_sample(SearchQuery(), today(), limit=9)) is None
    # The words count towards the limit, the filters do not.
    assert facet_counts(read_sample(SearchQuery(department="63"), today(), limit=9)) is None
    assert facet_counts(read_sample(SearchQuery(q="médiateur"), today(), limit=9)) is not None
    monkeypatch.setitem(app.config, "SEARCH_FACET_LIMIT", 9)
    page = client.get("/jobs", headers=FR).text
    assert "s’affiche quand les mots-clés donnent au plus 9\u00a0offres" in page
    assert "63 – Puy-de-Dôme</option>" in page  # the values, without counts
    counted = client.get("/jobs", query_string={"q": "médiateur"}, headers=FR).text
    in_63 = sql_count(SearchQuery(q="médiateur", department="63"))
    assert f"63 – Puy-de-Dôme ({in_63})</option>" in counted and "s’affiche quand" not in counted


def test_the_page_from_the_sample_is_the_page_sql_gives(app, board):
    for i, query in enumerate(QUERIES):
        for sort in ("newest", "deadline"):
            for page in (1, 2, 3):
                asked = replace(query, sort=sort, page=page, per_page=3)
                from_sample = read_sample(asked, today(), limit=1000).page()
                from_sql = search_positions(asked, today())
                assert [p.id for p in from_sample.items] == [p.id for p in from_sql.items], (i, sort, page)
                assert from_sample.total == from_sql.total


def test_a_capped_count_gives_the_same_page_and_says_there_are_more(app, board):
    for i, query in enumerate(QUERIES):
        for page in (1, 2, 3, 4, 5):
            exact = search_positions(replace(query, per_page=3, page=page), today())
            for cap in (2, 4, 6, 100):  # pages before, across and after the cap
                capped = search_positions(replace(query, per_page=3, page=page), today(), cap=cap)
                assert [p.id for p in capped.items] == [p.id for p in exact.items], (i, page, cap)
                assert (capped.total, capped.more) == ((cap, True) if exact.total > cap
                                                       else (exact.total, False)), (i, page, cap)


def test_past_the_limit_the_page_says_more_than_and_pages_on(app, client, board, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_FACET_LIMIT", 4)
    monkeypatch.setitem(app.config, "SEARCH_PAGE_SIZE", 3)
    first = client.get("/jobs", headers=FR).text
    assert "Plus de 4\u00a0offres" in first and "Page 1</span>" in first and 'rel="next"' in first
    shown = set()
    for page in (1, 2, 3, 4):
        text = client.get("/jobs", query_string={"page": page}, headers=FR).text
        shown |= set(re.findall(r'href="/jobs/(\d+)"', text))
    assert len(shown) == 10  # every position can be reached, page after page
    last = client.get("/jobs", query_string={"page": 4}, headers=FR).text
    assert 'rel="next"' not in last
    # Ten positions, five a page: the second page is the last, and says so (no link to an empty page).
    monkeypatch.setitem(app.config, "SEARCH_PAGE_SIZE", 5)
    second = client.get("/jobs", query_string={"page": 2}, headers=FR).text
    assert len(set(re.findall(r'href="/jobs/(\d+)"', second))) == 5 and 'rel="next"' not in second


@pytest.mark.parametrize("words", ["pair", "pair temps plein", "santé psychosociale"])
def test_the_sample_is_exact_whatever_share_of_the_words_positions_are_open(app, accounts, monkeypatch,
                                                                            words):
    """read_sample first reads the newest ids of each list of the words' index (PROBE × its limit, on
    SQLite): past the limit already, the words give more than it; otherwise it reads them all. Whether the
    open positions come first or last among the words' positions, the sample is exact: counts when the
    words give at most the limit, none past it — as SQL counts them."""
    from pairjobs.domain.search import sample as sample_module

    monkeypatch.setattr(sample_module, "PROBE", 2)
    limit = 3
    made = [factories.position(accounts.organization, None, title="Pair-aidant santé psychosociale",
                               fte_percent=100, setting="rehabilitation") for _ in range(20)]
    for open_ones, order in ((2, "last"), (2, "first"), (3, "last"), (4, "last"), (4, "first"),
                             (12, "first")):
        chosen = made[-open_ones:] if order == "last" else made[:open_ones]
        for position in made:
            position.status = PositionStatus.PUBLISHED if position in chosen else PositionStatus.DRAFT
        db.session.commit()
        query = SearchQuery(q=words)
        total = sql_count(query)
        assert total == open_ones
        sample = read_sample(query, today(), limit=limit)
        if total <= limit:
            assert sample.rows is not None
            assert sorted(r.id for r in sample.rows) == sorted(p.id for p in chosen)
        else:
            assert sample.rows is None, (open_ones, order)


def test_common_words_are_known_past_the_limit_from_their_newest_positions(app, accounts, monkeypatch):
    """On a board that has run for a while the oldest positions are closed: the sample's first reading
    takes the newest ids of the words' list, and when they already give more than the limit the list is not
    read in full (one statement on the words' index, not two). PostgreSQL reads the words once."""
    from pairjobs.domain.search import sample as sample_module
    from tests.sql import recorded_statements

    monkeypatch.setattr(sample_module, "PROBE", 2)
    made = [factories.position(accounts.organization, None, title="Pair-aidant") for _ in range(20)]
    for position in made[:8]:  # the oldest
        position.status = PositionStatus.DRAFT
    db.session.commit()
    with recorded_statements(db.engine) as seen:
        sample = read_sample(SearchQuery(q="pair-aidant"), today(), limit=3)
    assert sample.rows is None and sql_count(SearchQuery(q="pair-aidant")) == 12
    assert len([s for s in seen if "MATCH" in s or "@@" in s]) == 1, seen

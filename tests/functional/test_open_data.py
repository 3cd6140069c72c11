"""Open data, tried as an outsider would: only published dates, a file that validates against its own Table
Schema, and no suppressed cell recoverable from what is shown (small counts, shares of suppressed counts,
totals of a group minus the shown cells)."""

import csv
import io
import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from frictionless import Resource, Schema

from pairjobs.domain.geo import geography
from pairjobs.domain.monitoring import opendata, snapshots
from pairjobs.domain.monitoring.facts import ContractFact, Facts, Place
from pairjobs.extensions import db
from pairjobs.models import Contract, SupervisionSession
from tests import factories

DAY = date(2026, 5, 31)
KINDS = {"public": ["cdd_public", "cdi_public", "titulaire"], "private_nonprofit": ["cdd", "cdi", "pec"],
         "private_forprofit": ["cdd", "cdi"]}


def populate(seed: int) -> None:
    """Organizations in every department and sector, each with a random handful of people (often under
    the threshold), some with two contracts, some entering and leaving."""
    rng = random.Random(seed)
    departments = sorted(geography().departments)
    n = 0
    for department in departments:
        for sector, kinds in KINDS.items():
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                n += 1
                kind = ("chu" if sector == "public"
                        else "association" if sector == "private_nonprofit" else "clinique")
                org = factories.organization(name=f"Org {seed}-{n}", kind=kind, sector=sector,
                                             department=department,
                                             commune=geography().communes_of(department)[0].code)
                for p in range(rng.choice([1, 2, 3, 4, 6, 9])):
                    start = DAY - timedelta(days=rng.randint(0, 900))
                    end = None if rng.random() < 0.4 else start + timedelta(days=rng.randint(60, 800))
                    contract_type = rng.choice(kinds)
                    if contract_type in ("cdi", "cdi_public", "titulaire"):
                        end = None
                    ended = end is not None and end < DAY
                    contract = Contract(
                        organization_id=org.id, person_key=f"k{p}",
                        contract_type=contract_type, sector=sector,
                        legal_basis="vacancy" if contract_type == "cdd_public" else None, start_date=start,
                        end_date=end, fte_percent=rng.choice([50, 80, 100]), weekly_hours=35,
                        funding_kind="permanent",
                        supervision_frequency=rng.choice(["monthly", "quarterly", "none"]),
                        supervision_kind="external", supervision_paid_time=True, peer_team_size=1,
                        state="ended" if ended else "active", end_reason="term_reached" if ended else None,
                        closed_at=datetime(end.year, end.month, end.day, 12, tzinfo=UTC) if ended else None,
                        promised_supervision_frequency=rng.choice([None, "monthly", "monthly", "quarterly"]),
                        promised_supervision_paid_time=True)
                    db.session.add(contract)
                    if not ended and rng.random() < 0.7:
                        add_sessions(rng, contract)
    db.session.commit()


def add_sessions(rng: random.Random, contract: Contract) -> None:
    """Some supervision sessions held (and recorded) over the six months before the date: as many as promised,
    or fewer."""
    for n in range(rng.choice([1, 2, 4, 6, 7])):
        held = DAY - timedelta(days=8 + 30 * n)
        if held >= contract.start_date:
            db.session.add(SupervisionSession(
                contract=contract, held_on=held, kind="external", minutes=90, paid_time=True,
                provider_kind="independent",
                created_at=datetime(held.year, held.month, held.day, 20, tzinfo=UTC)))


def published_file(client) -> list[dict]:
    response = client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    assert list(rows[0]) == list(opendata.COLUMNS)
    return rows


def solve_by_propagation(cells: dict) -> dict:
    """What an attacker gets by solving, again and again, every group with one unknown cell left (None)."""
    known = dict(cells)
    found = {}
    progress = True
    while progress:
        progress = False
        for total, parts in opendata.groups(known):
            unknown = [c for c in (total, *parts) if known[c] is None]
            if len(unknown) != 1:
                continue
            cell = unknown[0]
            value = (sum(known[p] for p in parts if p != cell) if cell == total
                     else known[total] - sum(known[p] for p in parts if p != cell))
            known[cell] = found[cell] = value
            progress = True
    return found


def attack(rows: list[dict], threshold: int) -> None:
    """Every way of recovering a suppressed cell the tests know of; fails on the first that works."""
    cells = defaultdict(dict)
    for r in rows:
        cells[(r["territory_level"], r["territory_code"], r["sector"])][r["indicator"]] = r["value"]
    shown = {k: {i: float(v) for i, v in values.items() if v != "s"} for k, values in cells.items()}
    for cell, values in cells.items():
        for name in opendata.PEOPLE_COUNTS:
            if values[name] != "s":
                assert float(values[name]) >= threshold, (cell, name)  # no small count
        for name in opendata.WITH_PEOPLE:
            if values["people"] == "s":
                assert values[name] == "s", (cell, name)  # derived from a suppressed count
        for share, (numerator, denominator) in opendata.SHARES.items():
            if values[numerator] == "s" or values[denominator] == "s":
                assert values[share] == "s", (cell, share)  # share of a suppressed count
    truth = {}
    for total, parts in opendata.groups(cells):
        for name in opendata.PEOPLE_COUNTS + opendata.WITH_PEOPLE:
            if cells[total][name] == "s":
                continue
            hidden = [p for p in parts if cells[p][name] == "s"]
            if not hidden:
                continue
            remainder = shown[total][name] - sum(shown[p][name] for p in parts if p not in hidden)
            assert len(hidden) >= 2, (total, name, hidden, remainder)  # one alone is the remainder
            assert remainder >= threshold - 1e-9, (total, name, hidden, remainder)
            truth[(total, name)] = remainder
    for name in opendata.PEOPLE_COUNTS + opendata.WITH_PEOPLE:
        values = {cell: (None if v[name] == "s" else float(v[name])) for cell, v in cells.items()}
        assert solve_by_propagation(values) == {}, name  # no chain of groups gives a cell back
    for total, parts in opendata.groups(cells):
        for name, whole in opendata.COMPLEMENTED.items():
            if cells[total][name] == "s" or cells[total][whole] == "s":
                continue
            hidden = [p for p in parts if cells[p][name] == "s"]
            if not hidden:
                continue
            # A trait count is at most its whole: the hidden cells' people without the trait, known from the
            # published wholes and totals, must not be few (none would give every hidden cell back).
            others = (shown[total][whole] - shown[total][name]) - sum(
                shown[p][whole] - shown[p][name] for p in parts if p not in hidden)
            assert others >= threshold - 1e-9, (total, name, hidden, others)
    for cell, values in cells.items():
        for name, whole in opendata.COMPLEMENTED.items():
            if values[whole] == "s":
                # A trait count bounds the people of its cell from below: hidden with them.
                assert values[name] == "s", (cell, name)
            elif values[name] != "s":
                rest = float(values[whole]) - float(values[name])
                # The others are not a small count, nor none at all (everyone in the cell has the trait).
                assert rest >= threshold, (cell, name)


@pytest.mark.parametrize("seed", range(6))
def test_no_suppressed_cell_can_be_recovered(client, app, accounts, seed):
    populate(seed)
    snapshots.record(DAY, publish=True)
    db.session.commit()
    rows = published_file(client)
    attack(rows, app.config["OPEN_DATA_MIN_COUNT"])
    # The supervision held is published where the counts allow, not suppressed everywhere.
    assert any(r["indicator"] == "supervision_kept_share" and r["value"] != "s" for r in rows)


def test_the_protection_holds_for_another_threshold(client, app, accounts, monkeypatch):
    monkeypatch.setitem(app.config, "OPEN_DATA_MIN_COUNT", 11)  # the SNDS rule
    populate(42)
    snapshots.record(DAY, publish=True)
    db.session.commit()
    rows = published_file(client)
    attack(rows, 11)
    assert any(r["value"] != "s" for r in rows if r["indicator"] == "people")


def test_protect_adds_a_second_cell_and_falls_back_on_the_total(app):
    cells = {("region", "84", s): v for s, v in zip(opendata.SECTORS, (20, 12, 3, 5), strict=True)}
    departments = sorted(geography().departments)
    for d in departments:
        for s in opendata.SECTORS:
            cells[("department", d, s)] = 0
    cells[("department", departments[0], "all")] = 20
    for s, v in zip(opendata.SECTORS[1:], (12, 3, 5), strict=True):
        cells[("department", departments[0], s)] = v
    hidden = opendata.protect(cells, {c for c, v in cells.items() if v < 5}, 5)
    # 3 is suppressed; 5 goes with it (3 + 5 >= 5), so 20 - 12 gives only their sum.
    assert ("region", "84", "private_nonprofit") in hidden and ("region", "84", "private_forprofit") in hidden
    assert ("region", "84", "public") not in hidden


def test_protect_leaves_no_cell_solvable_through_a_chain_of_groups(app):
    """A suppressed total chosen as the complement in another group, whose own parts are all shown, gives
    itself back, and then the cell it protected (found by an outside review)."""
    departments = sorted(geography().departments)
    rows = {departments[0]: (3, 0, 0), departments[1]: (5, 9, 9), departments[2]: (9, 5, 5),
            departments[3]: (6, 6, 6)}
    cells = {}
    for d in departments:
        parts = rows.get(d, (0, 0, 0))
        cells[("department", d, "all")] = sum(parts)
        for sector, v in zip(opendata.SECTORS[1:], parts, strict=True):
            cells[("department", d, sector)] = v
    for sector in opendata.SECTORS:
        cells[("region", "84", sector)] = sum(cells[("department", d, sector)] for d in departments)
    lone = ("department", departments[0], "public")
    assert opendata.determined(opendata.groups(cells), {lone}) == {lone}  # the audit finds a lone cell
    # Two totals hiding each other in the column of the region, each given back by its own row.
    pair = {("department", departments[0], "all"), ("department", departments[3], "all")}
    assert opendata.determined(opendata.groups(cells), pair) == pair
    hidden = opendata.protect(cells, {c for c, v in cells.items() if v < 5}, 5)
    assert opendata.determined(opendata.groups(cells), hidden) == set()
    assert solve_by_propagation({c: (None if c in hidden else v) for c, v in cells.items()}) == {}


def test_the_file_validates_against_its_table_schema(client, accounts, tmp_path):
    populate(7)
    snapshots.record(DAY, publish=True)
    db.session.commit()
    (tmp_path / "pairjobs.csv").write_bytes(client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").data)
    descriptor = client.get("/opendata/schema.json").json
    report = Resource(path="pairjobs.csv", basepath=str(tmp_path),
                      schema=Schema.from_descriptor(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 13 * 4 * len(opendata.INDICATORS)


def test_only_published_dates_are_served_and_listed(client, accounts):
    snapshots.record(DAY)
    db.session.commit()
    # Recorded, not published.
    assert client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").status_code == 404
    for bad in ("2026-02-30", "20260531", "2026-5-31", "latest"):
        assert client.get(f"/opendata/pairjobs-{bad}.csv").status_code == 404
    listing = client.get("/opendata/", headers={"Accept": "application/json"})
    assert listing.json["snapshots"] == [] and listing.json["suppression_threshold"] == 5
    snapshots.publish_snapshot(snapshots.latest(DAY))
    db.session.commit()
    listing = client.get("/opendata/", headers={"Accept": "application/json"}).json
    assert [(s["date"], s["revision"]) for s in listing["snapshots"]] == [(DAY.isoformat(), 1)]
    assert listing["snapshots"][0]["url"].endswith(f"/opendata/pairjobs-{DAY.isoformat()}.csv")
    page = client.get("/opendata/")
    assert page.mimetype == "text/html" and f"pairjobs-{DAY.isoformat()}.csv" in page.text
    assert client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").status_code == 200


def test_a_published_file_does_not_change_when_the_records_do(client, accounts):
    populate(3)
    snapshots.record(DAY, publish=True)
    db.session.commit()
    before = client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").data
    for c in db.session.scalars(db.select(Contract)):
        c.contract_type, c.end_date, c.legal_basis = "cdi", None, None
    db.session.commit()
    assert client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").data == before
    snapshots.record(DAY, revise=True,
                     reason="Corrections des employeurs")  # not published: still the old file
    db.session.commit()
    assert client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").data == before


def test_a_published_file_keeps_its_threshold_and_a_revision_keeps_its_suppressions(client, app, accounts,
                                                                                    monkeypatch):
    populate(5)
    snapshots.record(DAY, publish=True)
    db.session.commit()
    before = client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").data
    monkeypatch.setitem(app.config, "OPEN_DATA_MIN_COUNT", 2)
    assert client.get(f"/opendata/pairjobs-{DAY.isoformat()}.csv").data == before  # made once, served as is
    for c in db.session.scalars(db.select(Contract)):
        c.fte_percent = 100
    db.session.commit()
    revised = snapshots.record(DAY, revise=True, reason="Quotités corrigées", publish=True)
    db.session.commit()
    assert client.get("/opendata/", headers={"Accept": "application/json"}).json["snapshots"][0][
        "suppression_threshold"] == 2
    first = opendata.suppressed_cells(before.decode())
    assert first <= opendata.suppressed_cells(revised.open_data)  # nothing suppressed before comes back


def test_caches_revalidate_the_file_and_keep_the_two_listings_apart(client, app, accounts, monkeypatch):
    populate(3)
    snapshots.record(DAY, publish=True)
    db.session.commit()
    url = f"/opendata/pairjobs-{DAY.isoformat()}.csv"
    first = client.get(url)
    cache_control = first.headers["Cache-Control"]
    assert "no-cache" in cache_control and "max-age=3600" not in cache_control
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    snapshots.record(DAY, revise=True, reason="Correction", publish=True)
    db.session.commit()
    revised = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert revised.status_code == 200 and revised.headers["ETag"] != first.headers["ETag"]
    for accept in ("application/json", "text/html"):
        assert "Accept" in client.get("/opendata/", headers={"Accept": accept}).headers["Vary"], accept
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://pairjobs.example")
    listing = client.get("/opendata/", headers={"Accept": "application/json", "Host": "evil.example"}).json
    assert listing["schema"].startswith("https://pairjobs.example/")
    assert all(s["url"].startswith("https://pairjobs.example/") for s in listing["snapshots"])


def test_a_hidden_trait_count_is_not_bounded_by_its_published_whole(app):
    """Each department: public and private non-profit with 11 people, 6 judged on their sessions, all 6
    kept; private for-profit with 20, 10 judged, 5 kept. Hiding the two small kept counts alone would leave
    their sum (total minus for-profit) equal to their published judged counts: each given back exactly."""
    facts = Facts(DAY)
    n = 0
    for department in sorted(geography().departments):
        for sector, (people, judged, kept) in {"public": (11, 6, 6), "private_nonprofit": (11, 6, 6),
                                               "private_forprofit": (20, 10, 5)}.items():
            place = Place(len(facts.contracts), f"{department}-{sector}", department, sector, "ch")
            for i in range(people):
                n += 1
                facts.contracts.append(ContractFact(
                    place, f"p{n}", "cdi_public", None, 100, 35.0, "permanent", "monthly", "external", True,
                    1, 12, person_supervision_kept=None if i >= judged else i < kept))
    rows = opendata.table(facts, 5)
    attack(rows, 5)
    value = {(r["territory_code"], r["sector"], r["indicator"]): r["value"] for r in rows}
    assert value[("38", "public", "supervision_kept_people")] == "s"

"""The shipped geography of Auvergne-Rhône-Alpes."""

from pairjobs.domain.geo import Commune, Department, Geography, load_geography

ARA = ("84",)


def test_the_twelve_departments_of_the_region():
    geo = load_geography(ARA)
    assert sorted(geo.departments) == ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]
    assert geo.department("69").name == "Rhône"


def test_communes_and_lyon_arrondissements():
    geo = load_geography(ARA)
    assert geo.commune("69123").name == "Lyon"
    assert geo.commune("69388").name == "Lyon 8e Arrondissement"
    assert geo.commune("69029").postal_codes == ("69500",)
    assert geo.commune("75056") is None  # Paris is not in the region
    assert len(geo.communes_of("15")) > 200


def test_find_commune_by_name_ignores_case_accents_and_hyphens():
    geo = load_geography(ARA)
    assert [c.code for c in geo.find_communes("38", "saint egreve")] == ["38382"]
    assert [c.code for c in geo.find_communes("42", "SAINT-ÉTIENNE")] == ["42218"]


def test_find_commune_refuses_a_commune_of_another_department():
    geo = load_geography(ARA)
    assert geo.find_communes("38", "69029") == []


def test_unknown_region_has_no_departments():
    assert load_geography(("99",)).departments == {}


def test_homonyms_in_a_department_are_all_returned():
    geo = Geography(
        departments={"99": Department("99", "Test", "00")},
        communes={
            "99001": Commune("99001", "Saint-Martin", "99", ()),
            "99002": Commune("99002", "Saint Martin", "99", ()),
        },
    )
    assert sorted(c.code for c in geo.find_communes("99", "saint martin")) == ["99001", "99002"]
    assert [c.code for c in geo.find_communes("99", "99002")] == ["99002"]


def test_communes_within_a_distance_are_those_whose_centre_is_that_close():
    """`communes_within` (sorted once per commune) gives what the haversine distance between centres says,
    at every distance the search offers and at the exact distance of other communes (the boundary), with a
    city's arrondissements taken together."""
    import random

    from pairjobs.domain.search.nearby import CITIES, centres, communes_within, distance_km

    known = centres()
    rng = random.Random(7)
    for origin in ["69123", "38185", "63113", *rng.sample(sorted(known), 12)]:
        at = sorted(distance_km(known[origin], centre) for centre in known.values())
        for radius in (0, 1, 10, 20, 30, 50, 100, 300, int(at[5]), int(at[40]) + 1):
            found = {c for c, centre in known.items() if distance_km(known[origin], centre) <= radius}
            for city, districts in CITIES.items():
                if found & ({city} | districts):
                    found |= {city} | districts
            assert communes_within(origin, radius) == tuple(sorted(found)), (origin, radius)
    assert communes_within("00000", 30) == ()
    assert "69123" in communes_within("69381", 0)  # Lyon 1er is Lyon

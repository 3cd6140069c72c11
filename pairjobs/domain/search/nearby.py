"""Positions near a commune: the communes whose centre lies within a distance of another's.

The centres are shipped as data with their source (pairjobs/data/geo/centroids.csv, see the README
there); distances are great-circle distances between centres, in kilometres.
"""

from __future__ import annotations

import bisect
import csv
import math
from array import array
from functools import cache, lru_cache

from pairjobs.domain.geo import DATA_DIR

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


@cache
def centres() -> dict[str, tuple[float, float]]:
    """INSEE code → (latitude, longitude) in degrees."""
    with (DATA_DIR / "centroids.csv").open(encoding="utf-8", newline="") as f:
        return {row["code"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(f)}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle (haversine) distance between two points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(_term(lat1, lon1, math.cos(lat1), lat2, lon2,
                                                           math.cos(lat2))))


def _term(lat1: float, lon1: float, cos1: float, lat2: float, lon2: float, cos2: float) -> float:
    """The haversine term of the distance between two points (radians, with the cosines of their latitudes):
    it grows with the distance."""
    return math.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * math.sin((lon2 - lon1) / 2) ** 2


@cache
def _radians() -> list[tuple[str, float, float, float]]:
    """Every centre as (code, latitude, longitude in radians, cosine of the latitude)."""
    found = []
    for code, (latitude, longitude) in centres().items():
        lat, lon = math.radians(latitude), math.radians(longitude)
        found.append((code, lat, lon, math.cos(lat)))
    return found


@lru_cache(maxsize=32)  # bounded: the commune comes from the visitor; 40 KB each
def _by_distance(code: str) -> tuple[array, array]:
    """Every commune in increasing distance from this one: the haversine term of each distance (which grows
    with it: `communes_within` compares it with the radius's, without the arc sine of each) and the
    commune's position in `_radians()`. A search near a commune asks for five or six distances, each of
    which read the 4,000 centres anew, 4 ms each."""
    origin = centres()[code]
    lat1, lon1 = math.radians(origin[0]), math.radians(origin[1])
    cos1 = math.cos(lat1)
    pairs = sorted((_term(lat1, lon1, cos1, lat2, lon2, cos2), i)
                   for i, (_code, lat2, lon2, cos2) in enumerate(_radians()))
    return array("d", (h for h, _i in pairs)), array("H", (i for _h, i in pairs))


@lru_cache(maxsize=512)  # bounded: the commune and the distance come from the visitor
def communes_within(code: str, radius_km: int) -> tuple[str, ...]:
    """The INSEE codes of the communes whose centre is at most radius_km from the commune's (the commune
    itself included); empty when the commune's centre is unknown."""
    if code not in centres():
        return ()
    terms, order = _by_distance(code)
    # distance = 2 R asin(sqrt(h)), so distance <= radius when h <= sin(radius / 2R)² (radius < πR).
    limit = math.sin(min(radius_km / (2 * EARTH_RADIUS_KM), math.pi / 2)) ** 2
    every = _radians()
    found = {every[i][0] for i in order[:bisect.bisect_right(terms, limit)]}
    for city, districts in CITIES.items():  # a city and its arrondissements are one place
        if found & ({city} | districts):
            found |= {city} | districts
    return tuple(sorted(found))


# Communes divided into municipal arrondissements (establishments are registered under either code).
CITIES = {"69123": frozenset(f"6938{n}" for n in range(1, 10)),  # Lyon
          "13055": frozenset(f"132{n:02d}" for n in range(1, 17)),  # Marseille
          "75056": frozenset(f"751{n:02d}" for n in range(1, 21))}  # Paris

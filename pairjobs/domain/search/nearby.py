"""Positions near a commune: the communes whose centre lies within a distance of another's.

The centres are shipped as data with their source (pairjobs/data/geo/centroids.csv, see the README
there); distances are great-circle distances between centres, in kilometres.
"""

from __future__ import annotations

import csv
import math
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
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@lru_cache(maxsize=512)  # bounded: the commune and the distance come from the visitor
def communes_within(code: str, radius_km: int) -> tuple[str, ...]:
    """The INSEE codes of the communes whose centre is at most radius_km from the commune's (the commune
    itself included); empty when the commune's centre is unknown."""
    known = centres()
    origin = known.get(code)
    if origin is None:
        return ()
    found = {c for c, centre in known.items() if distance_km(origin, centre) <= radius_km}
    for city, districts in CITIES.items():  # a city and its arrondissements are one place
        if found & ({city} | districts):
            found |= {city} | districts
    return tuple(sorted(found))


# Communes divided into municipal arrondissements (establishments are registered under either code).
CITIES = {"69123": frozenset(f"6938{n}" for n in range(1, 10)),  # Lyon
          "13055": frozenset(f"132{n:02d}" for n in range(1, 17)),  # Marseille
          "75056": frozenset(f"751{n:02d}" for n in range(1, 21))}  # Paris

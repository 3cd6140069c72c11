"""Write pairjobs/data/geo/*.csv from Etalab's decoupage-administratif JSON files.

Usage: python scripts/extract_geo.py DATA_DIR REGION [REGION…]
(DATA_DIR is the package's data/ folder: `npm pack @etalab/decoupage-administratif`.)
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pairjobs" / "data" / "geo"
KINDS = {"commune-actuelle": "commune", "arrondissement-municipal": "arrondissement"}


def main(data_dir: str, *regions: str) -> None:
    source = Path(data_dir)

    def load(name):
        return json.loads((source / name).read_text(encoding="utf-8"))

    def write(name, header, rows):
        with (OUT / name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)

    write("regions.csv", ["code", "name"], [(r["code"], r["nom"]) for r in load("regions.json") if r["code"] in regions])
    write(
        "departments.csv",
        ["code", "name", "region"],
        [(d["code"], d["nom"], d["region"]) for d in load("departements.json") if d["region"] in regions],
    )
    write(
        "communes.csv",
        ["code", "name", "department", "postal_codes", "kind"],
        [
            (c["code"], c["nom"], c["departement"], " ".join(c.get("codesPostaux", [])), KINDS[c["type"]])
            for c in load("communes.json")
            if c.get("region") in regions and c["type"] in KINDS
        ],
    )


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], *sys.argv[2:])

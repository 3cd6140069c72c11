"""Departments and communes from the official geographic code (COG), shipped as data.

The CSV files in pairjobs/data/geo hold every region the project knows; the GEO_REGIONS setting
chooses which are offered. Adding a region means adding rows, not code.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"


@dataclass(frozen=True)
class Department:
    """A département (INSEE code, e.g. "69")."""

    code: str
    name: str
    region: str


@dataclass(frozen=True)
class Commune:
    """A commune or a municipal arrondissement (INSEE code, e.g. "69123")."""

    code: str
    name: str
    department: str
    postal_codes: tuple[str, ...]

    @property
    def label(self) -> str:
        """Name with its INSEE code, to tell homonyms apart."""
        return f"{self.name} ({self.code})"


def _fold(text: str) -> str:
    """Lower-case without accents, hyphens or apostrophes, for lenient name matching."""
    for ch in "-'’ʼ‘":  # before the accents go: the typographic apostrophes are not ASCII either
        text = text.replace(ch, " ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


@dataclass
class Geography:
    """The departments and communes of the configured regions."""

    departments: dict[str, Department]
    communes: dict[str, Commune]
    regions: dict[str, str] = field(default_factory=dict)  # INSEE region code -> name
    _by_name: dict[tuple[str, str], list[Commune]] = field(default_factory=dict, repr=False)
    _by_folded_name: dict[str, list[Commune]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for commune in self.communes.values():
            self._by_name.setdefault((commune.department, _fold(commune.name)), []).append(commune)
            self._by_folded_name.setdefault(_fold(commune.name), []).append(commune)

    def department(self, code: str) -> Department | None:
        """The department with this code, if offered."""
        return self.departments.get((code or "").strip().upper())

    def commune(self, code: str) -> Commune | None:
        """The commune with this INSEE code, if offered."""
        return self.communes.get((code or "").strip().upper())

    def find_communes(self, department: str, text: str) -> list[Commune]:
        """Communes of a department matching an INSEE code or a name (accents ignored)."""
        text = (text or "").strip()
        commune = self.commune(text)
        if commune is not None:
            return [commune] if commune.department == department else []
        return list(self._by_name.get((department, _fold(text)), []))

    def communes_named(self, text: str) -> list[Commune]:
        """Communes of any department with this name (accents, hyphens and case ignored)."""
        return list(self._by_folded_name.get(_fold(text or ""), []))

    def communes_with_postal_code(self, text: str) -> list[Commune]:
        """Communes served by this postal code (several communes may share one)."""
        code = (text or "").strip()
        return [c for c in self.communes.values() if code in c.postal_codes] if code.isdigit() else []

    def region_of(self, department_code: str) -> str | None:
        """The name of the department's region."""
        department = self.department(department_code)
        return self.regions.get(department.region) if department else None

    def communes_of(self, department: str) -> list[Commune]:
        """Every commune of a department, by name."""
        return sorted(
            (c for c in self.communes.values() if c.department == department),
            key=lambda c: _fold(c.name),
        )


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def load_geography(regions: tuple[str, ...]) -> Geography:
    """Load the departments and communes of the given regions (cached per region set)."""
    departments = {
        row["code"]: Department(row["code"], row["name"], row["region"])
        for row in _read("departments.csv")
        if row["region"] in regions
    }
    communes = {
        row["code"]: Commune(
            row["code"], row["name"], row["department"], tuple(row["postal_codes"].split())
        )
        for row in _read("communes.csv")
        if row["department"] in departments
    }
    names = {row["code"]: row["name"] for row in _read("regions.csv") if row["code"] in regions}
    return Geography(departments=departments, communes=communes, regions=names)


def geography() -> Geography:
    """The geography of the current application's GEO_REGIONS."""
    from flask import current_app

    return load_geography(tuple(current_app.config["GEO_REGIONS"]))

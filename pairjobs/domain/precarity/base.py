"""What every rule returns: a Flag with its code, severity, label and basis (the rules register in
registry.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from pairjobs.models.base import LabelledEnum


class Severity(LabelledEnum):
    """How serious a flag is; the order is critical, warning, info."""

    CRITICAL = "critical", _l("Serious concern")
    WARNING = "warning", _l("Concern")
    INFO = "info", _l("For information")

    @property
    def rank(self) -> int:
        return {"critical": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """What a rule found: the label and the basis of its flag (the code and severity are the rule's, given
    once to `@rule`)."""

    label: str
    basis: str


@dataclass(frozen=True)
class Flag:
    """One reason why a posting or a contract is precarious or unlawful."""

    code: str
    severity: Severity
    label: str
    basis: str

    @property
    def legal(self) -> bool:
        """Whether the flag states a rule of law (an article of a code), not a practice or a statistical
        definition (INSEE's precarious forms, thresholds set by pairjobs)."""
        return not self.basis.startswith((PRACTICE, "INSEE"))

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity.value, "label": self.label, "basis": self.basis}


# Thresholds and tables of the rules (Config.PRECARITY_THRESHOLDS): never constants in a rule.
Thresholds = Mapping[str, Any]

# Basis texts: the article and the version of the text relied on (DOMAIN.md, "Contract rules in detail").
CGFP = "Code général de la fonction publique, version en vigueur depuis le 1er mars 2022 (ord. n° 2021-1574)"
CODE_DU_TRAVAIL_2017 = "Code du travail, version issue de l'ord. n° 2017-1387 du 22 septembre 2017"
PRACTICE = ("Règle de pratique paramétrée par pairjobs (configuration), ni règle de droit ni règle de l'ARS")


def sort_flags(flags: list[Flag]) -> list[Flag]:
    """The most serious first."""
    return sorted(flags, key=lambda f: f.severity.rank)

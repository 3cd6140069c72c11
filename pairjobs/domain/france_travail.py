"""Positions in France Travail's offer vocabulary, for cross-posting (CSV).

The mapping (also in the README). France Travail's codes as published for its "Offres d'emploi"
API; check them against its current reference lists before an automated upload.

| pairjobs `contract_type` | `typeContrat` | `natureContrat` |
|---|---|---|
| titulaire, cdi_public, cdi | CDI | E1 (contrat de travail) |
| cdd_public (seasonal basis: SAI), contrat_projet, vacation, cdd | CDD (SAI) | E1 |
| interim | MIS (mission intérimaire) | E1 |
| pec | CDD | FT (CUI – CAE, contrat aidé) |
| apprentissage | CDD | E2 (contrat d'apprentissage) |
| professionnalisation | CDD | FS (contrat de professionnalisation) |
"""

from __future__ import annotations

import csv
import io

from pairjobs.domain.geo import geography
from pairjobs.infra.spreadsheets import safe_cell
from pairjobs.models import ContractType, LegalBasis, Position

COLUMNS = (
    "reference", "intitule", "description", "typeContrat", "typeContratLibelle", "natureContrat",
    "dureeContratMois", "dureeTravailLibelle", "dureeTravailLibelleConverti", "salaireLibelle",
    "lieuTravailLibelle", "lieuTravailCodePostal", "lieuTravailCommune", "entrepriseNom", "entrepriseFiness",
    "nombrePostes", "dateDebut", "dateLimite", "urlPostulation",
)
NATURE = {ContractType.PEC: "FT", ContractType.APPRENTISSAGE: "E2", ContractType.PROFESSIONNALISATION: "FS"}
TYPE_LABELS = {"CDI": "Contrat à durée indéterminée", "CDD": "Contrat à durée déterminée",
               "MIS": "Mission intérimaire", "SAI": "Contrat travail saisonnier"}


def type_contrat(position: Position) -> str:
    """France Travail's typeContrat."""
    if not position.contract_type.is_fixed_term:
        return "CDI"
    if position.contract_type is ContractType.INTERIM:
        return "MIS"
    if position.legal_basis is LegalBasis.SEASONAL:
        return "SAI"
    return "CDD"


def _hours(value: float) -> str:
    hours, minutes = int(value), round((value - int(value)) * 60)
    return f"{hours}H{minutes:02d}/semaine" if minutes else f"{hours}H/semaine"


def salary_text(position: Position) -> str:
    """France Travail's salary wording, e.g. "Mensuel de 1900.00 Euros à 2200.00 Euros sur 12 mois"."""
    low, high = position.salary_min, position.salary_max
    if low is not None and high is not None and low != high:
        return f"Mensuel de {low:.2f} Euros à {high:.2f} Euros sur 12 mois"
    if low is not None or high is not None:
        return f"Mensuel de {(low if low is not None else high):.2f} Euros sur 12 mois"
    return position.pay_grid or "Selon grille"


def row(position: Position, url: str) -> dict:
    """One offer."""
    commune = geography().commune(position.commune_code)
    kind = type_contrat(position)
    return {
        "reference": f"PAIRJOBS-{position.id}",
        "intitule": position.title,
        "description": position.description,
        "typeContrat": kind,
        "typeContratLibelle": TYPE_LABELS[kind],
        "natureContrat": NATURE.get(position.contract_type, "E1"),
        "dureeContratMois": position.duration_months or "",
        "dureeTravailLibelle": _hours(position.weekly_hours),
        "dureeTravailLibelleConverti": "Temps plein" if position.fte_percent >= 100 else "Temps partiel",
        "salaireLibelle": salary_text(position),
        "lieuTravailLibelle": f"{position.department_code} - {(commune.name if commune else '').upper()}",
        "lieuTravailCodePostal": commune.postal_codes[0] if commune and commune.postal_codes else "",
        "lieuTravailCommune": position.commune_code,
        "entrepriseNom": position.organization.name,
        "entrepriseFiness": position.organization.finess,
        "nombrePostes": position.openings,
        "dateDebut": position.start_date.isoformat() if position.start_date else "",
        "dateLimite": position.deadline.isoformat() if position.deadline else "",
        "urlPostulation": url,
    }


def to_csv(rows: list[dict]) -> str:
    """The offers as CSV (semicolon-separated, as France Travail's spreadsheets)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in r.items()} for r in rows)
    return out.getvalue()

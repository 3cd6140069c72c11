"""Import of the annual survey: establishments' peer-worker contracts from a CSV file.

The file is checked line by line. Every line valid: all are imported in one transaction. Any
line invalid: nothing is imported, and each line's errors are reported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.contracts import parse_terms
from pairjobs.domain.errors import DomainError, ValidationFailed
from pairjobs.domain.identifiers import check_finess
from pairjobs.extensions import db
from pairjobs.models import Contract, ContractState, ContractType, EndReason, Organization, Sector
from pairjobs.models.base import utcnow
from pairjobs.timeutil import today

DELIMITER = ";"
# Column, and what it holds (shown on the import page and in the template).
COLUMNS = {
    "finess": "FINESS of the establishment (9 characters), already registered on pairjobs",
    "person_ref": "The establishment's own pseudonymous reference for the person (never a name)",
    "contract_type": "titulaire, cdi_public, cdd_public, contrat_projet, vacation, cdi, cdd, interim, pec, "
                     "apprentissage, professionnalisation",
    "legal_basis": "For cdd_public only: permanent_need, replacement, vacancy, temporary_increase, seasonal",
    "start_date": "First day, YYYY-MM-DD (or DD/MM/YYYY)",
    "end_date": "Last day for a fixed term; empty for a permanent contract",
    "fte_percent": "Working time, 10 to 100",
    "weekly_hours": "Hours a week (decimal comma or dot)",
    "monthly_gross": "Monthly gross pay in euros (optional)",
    "funding_kind": "permanent or grant",
    "funding_ends_on": "End of the grant (if grant)",
    "supervision_frequency": "weekly, fortnightly, monthly, quarterly, none",
    "supervision_kind": "external, internal, peer_intervision (empty if none)",
    "supervision_paid_time": "yes or no",
    "peer_team_size": "Other peer workers in the team (0 or more)",
}
# Optional columns, which older files do not have (the contract rules need them where they apply).
OPTIONAL_COLUMNS = {
    "category": "Public contracts: hierarchical category A, B or C",
    "cdd_reason": "For cdd only: replacement, replacement_no_fixed_end, temporary_increase, seasonal, awaiting_cdi, "
                  "usage, other",
    "extended_duration": "For pec only: yes when the extended duration of L5134-25-1 applies (never why)",
    "part_time_at_employee_request": "yes when a part time under the minimum was asked for by the employee (L3123-7)",
    "post_ref": "The establishment's own reference of the post (so that the waiting period follows the post)",
}
ALL_COLUMNS = COLUMNS | OPTIONAL_COLUMNS
EXAMPLE = ["690780101", "A-17", "cdd_public", "vacancy", "2025-01-01", "2025-12-31", "100", "35", "1950",
           "permanent", "", "monthly", "external", "yes", "1", "B", "", "no", "no", "UF-PAIR-01"]
_FRENCH_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    imported: int = 0
    line_errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None and not self.line_errors


def template_csv() -> str:
    """The downloadable template: the header and one example line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\n")
    writer.writerow(ALL_COLUMNS)
    writer.writerow(EXAMPLE)
    return out.getvalue()


def person_key(organization_id: int, reference: str) -> str:
    """A stable pseudonymous key for a person of the survey, per organization."""
    return hashlib.sha256(f"survey:{organization_id}:{reference.strip().lower()}".encode()).hexdigest()[:32]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”.")) from None


def _header(line: str) -> list[str]:
    """The column names of the header line, checked: every required column, known optional ones."""
    header = [h.strip().lower() for h in line.split(DELIMITER)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        for other in (",", "\t", "|"):
            if all(c in [h.strip().lower() for h in line.split(other)] for c in COLUMNS):
                raise DomainError(_("The columns are separated by “%(found)s”: use a semicolon (;), as in the "
                                    "template.", found=other if other != "\t" else "tab"))
        raise DomainError(_("The header line does not match the template. Missing or misplaced columns: "
                            "%(columns)s.", columns=", ".join(missing)))
    unknown = [h for h in header if h not in ALL_COLUMNS]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if unknown or repeated:
        raise DomainError(_("The header line does not match the template. Unknown or repeated columns: "
                            "%(columns)s.", columns=", ".join(unknown + repeated)))
    return header


def _rows(text: str) -> list[dict[str, str]]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise DomainError(_("The file is empty."))
    header = _header(lines[0])
    reader = csv.reader(io.StringIO(text), delimiter=DELIMITER)
    next(reader)
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = dict.fromkeys(OPTIONAL_COLUMNS, "") | dict(zip(header, values + [""] * (len(header) - len(values)),
                                                               strict=False))
        rows.append(row | ({"__extra__": "1"} if len(values) > len(header) else {}))
    return rows


def _normalize(row: dict[str, str]) -> dict[str, str]:
    row = {k: v.strip() for k, v in row.items()}
    for name in ("start_date", "end_date", "funding_ends_on"):
        if match := _FRENCH_DATE.match(row.get(name, "")):
            day, month, year = match.groups()
            row[name] = f"{year}-{month}-{day}"
    return row


def import_survey(data: bytes) -> ImportReport:
    """Check every line, then import all of them or none; flushes only (the caller commits)."""
    cfg = current_app.config
    if len(data) > cfg["SURVEY_MAX_BYTES"]:
        return ImportReport(message=_("The file is larger than %(kb)d KB.", kb=cfg["SURVEY_MAX_BYTES"] // 1024))
    try:
        rows = _rows(_decode(data))
    except DomainError as exc:
        return ImportReport(message=exc.message)
    if not rows:
        return ImportReport(message=_("The file has no data line."))
    if len(rows) > cfg["SURVEY_MAX_ROWS"]:
        return ImportReport(message=_("The file has more than %(n)d lines.", n=cfg["SURVEY_MAX_ROWS"]))
    organizations = {o.finess: o for o in db.session.scalars(sa.select(Organization))}
    report = ImportReport()
    contracts: list[Contract] = []
    seen: set[tuple[int, str, object]] = set()
    for number, raw in enumerate(rows, start=2):  # line 1 is the header
        row = _normalize(raw)
        errors: dict[str, list[str]] = {}
        if row.pop("__extra__", None):
            errors["line"] = [_("This line has more columns than the header.")]
        finess = check_finess(row["finess"])
        organization = organizations.get(finess.number) if finess else None
        if organization is None:
            errors["finess"] = [_("No organization with this FINESS is registered on pairjobs.")]
        reference = row["person_ref"]
        if not reference or len(reference) > 40:
            errors["person_ref"] = [_("Give the person's reference (at most 40 characters).")]
        try:
            values = parse_terms(row, organization.sector if organization else _any_sector(row))
        except ValidationFailed as exc:
            errors.update(exc.fields)
            values = None
        if values and organization and not errors:
            key = person_key(organization.id, reference)
            identity = (organization.id, key, values["start_date"])
            if identity in seen or _already_imported(organization.id, key, values["start_date"]):
                errors["start_date"] = [_("This contract is already in the file or already imported.")]
            seen.add(identity)
            contracts.append(Contract(organization_id=organization.id, person_key=key, sector=organization.sector,
                                      source="survey", **values))
        if errors:
            report.line_errors[number] = errors
    if report.line_errors:
        return report
    _link_renewals(contracts)
    db.session.add_all(contracts)
    db.session.flush()
    report.imported = len(contracts)
    return report


def _any_sector(row: dict[str, str]):
    """Without a known organization, check the terms against the sector the contract type implies."""
    try:
        return Sector.PUBLIC if ContractType(row["contract_type"]).is_public else Sector.PRIVATE_NONPROFIT
    except ValueError:
        return Sector.PUBLIC


def _already_imported(organization_id: int, key: str, start) -> bool:
    return db.session.scalar(sa.select(Contract.id).where(
        Contract.organization_id == organization_id, Contract.person_key == key, Contract.start_date == start)
    ) is not None


def _link_renewals(contracts: list[Contract]) -> None:
    """A contract starting the day after the same person's previous one ends renews it."""
    by_person: dict[tuple[int, str], list[Contract]] = {}
    for c in contracts:
        by_person.setdefault((c.organization_id, c.person_key), []).append(c)
    for chain in by_person.values():
        chain.sort(key=lambda c: c.start_date)
        for previous, following in zip(chain, chain[1:], strict=False):
            if previous.end_date and following.start_date == previous.end_date + timedelta(days=1):
                following.previous = previous
                previous.state = ContractState.RENEWED
        for c in chain:
            if c.state is None:
                ended = c.end_date is not None and c.end_date < today()
                c.state = ContractState.ENDED if ended else ContractState.ACTIVE
                c.end_reason = EndReason.TERM_REACHED if ended else None
            if c.state is not ContractState.ACTIVE:
                c.closed_at = utcnow()

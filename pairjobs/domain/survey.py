"""Import of the annual survey: establishments' peer-worker contracts from a CSV file.

The file is checked line by line. Every line valid: all are imported in one transaction. Any
line invalid: nothing is imported, and each line's errors are reported. The contracts are recorded as
they stood on the survey's reference date (its "date d'arrêté"): the columns and the values they
accept are in `pairjobs.domain.survey_values`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from pairjobs.domain.contract_flags import legal_entity_of
from pairjobs.domain.contracts import check_terms
from pairjobs.domain.csv_input import DELIMITER, LINE, csv_rows, decode, iso_day
from pairjobs.domain.errors import DomainError, ValidationFailed
from pairjobs.domain.identifiers import check_finess
from pairjobs.domain.survey_values import ALL_COLUMNS, COLUMNS, OPTIONAL_COLUMNS, Vocabulary, french_label
from pairjobs.extensions import db
from pairjobs.infra.clock import PARIS, today
from pairjobs.infra.dates import long_date
from pairjobs.models import (
    Category,
    Contract,
    ContractState,
    ContractType,
    EndReason,
    FundingKind,
    LegalBasis,
    Organization,
    Sector,
    SupervisionFrequency,
    SupervisionKind,
)

__all__ = ["ALL_COLUMNS", "COLUMNS", "OPTIONAL_COLUMNS", "ImportReport", "default_reference_date",
           "import_survey",
           "person_key", "template_csv"]


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    imported: int = 0
    line_errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None and not self.line_errors


def default_reference_date() -> date:
    """The survey's usual reference date: the last 31 December before today."""
    return date(today().year - 1, 12, 31)


def _example() -> list[str]:
    """One line filled in as an establishment would, in French, running on the default reference date."""
    year = default_reference_date().year
    labels = {column: french_label(column, value) for column, value in (
        ("contract_type", ContractType.CDD_PUBLIC), ("legal_basis", LegalBasis.VACANCY),
        ("funding_kind", FundingKind.PERMANENT), ("supervision_frequency", SupervisionFrequency.MONTHLY),
        ("supervision_kind", SupervisionKind.EXTERNAL), ("category", Category.B))}
    example = labels | {
        "finess": "690780101", "person_ref": "A-17", "start_date": f"01/01/{year}",
        "end_date": f"31/12/{year}",
        "fte_percent": "100", "weekly_hours": "35", "monthly_gross": "1950", "funding_ends_on": "",
        "supervision_paid_time": "oui", "peer_team_size": "1", "cdd_reason": "", "extended_duration": "non",
        "part_time_at_employee_request": "non", "post_ref": "UF-PAIR-01"}
    return [example[column] for column in ALL_COLUMNS]


def template_csv() -> str:
    """The downloadable template: the header and one example line (with a BOM, so spreadsheets read UTF-8)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\n")
    writer.writerow(ALL_COLUMNS)
    writer.writerow(_example())
    return out.getvalue()


def person_key(organization: Organization, reference: str) -> str:
    """A stable pseudonymous key for a person of the survey, per legal entity: the establishments of one
    FINESS EJ share their staff references, and the six-year rule counts services across them."""
    entity = legal_entity_of(organization)
    return hashlib.sha256(f"survey:{entity}:{reference.strip().lower()}".encode()).hexdigest()[:32]


def _normalize(row: dict[str, str]) -> dict[str, str]:
    row = {k: v.strip() for k, v in row.items()}
    for name in ("start_date", "end_date", "funding_ends_on"):
        row[name] = iso_day(row.get(name, ""))
    return row


def import_survey(data: bytes, read_terms: Callable[[Mapping[str, str]], dict[str, Any]],
                  reference_date: date | None = None) -> ImportReport:
    """Check every line, then import all or none as they stood on the reference date; flushes only."""
    cfg = current_app.config
    reference_date = reference_date or default_reference_date()
    if reference_date > today():
        return ImportReport(message=_("The reference date of the survey cannot be after today."))
    if len(data) > cfg["SURVEY_MAX_BYTES"]:
        return ImportReport(message=_("The file is larger than %(kb)d KB.",
                                      kb=cfg["SURVEY_MAX_BYTES"] // 1024))
    try:
        rows = csv_rows(decode(data), COLUMNS, ALL_COLUMNS, OPTIONAL_COLUMNS)
    except DomainError as exc:
        return ImportReport(message=exc.message)
    if not rows:
        return ImportReport(message=_("The file has no data line."))
    if len(rows) > cfg["SURVEY_MAX_ROWS"]:
        return ImportReport(message=_("The file has more than %(n)d lines.", n=cfg["SURVEY_MAX_ROWS"]))
    organizations = {o.finess: o for o in db.session.scalars(sa.select(Organization))}
    vocabulary = Vocabulary()
    report = ImportReport()
    contracts: list[Contract] = []
    seen: set[tuple[int, str, object]] = set()
    for raw in rows:
        number = int(raw.pop(LINE))
        row = _normalize(raw)
        errors: dict[str, list[str]] = {}
        if row.pop("__extra__", None):
            errors["line"] = [_("This line has more columns than the header.")]
        value_errors = vocabulary.translate(row)
        finess = check_finess(row["finess"])
        organization = organizations.get(finess.number) if finess else None
        if organization is None:
            errors["finess"] = [_("No organization with this FINESS is registered on pairjobs.")]
        reference = row["person_ref"]
        if not reference or len(reference) > 40:
            errors["person_ref"] = [_("Give the person's reference (at most 40 characters).")]
        try:
            values = check_terms(read_terms(row), organization.sector if organization else _any_sector(row))
        except ValidationFailed as exc:
            errors.update(exc.fields)
            values = None
        errors.update(value_errors)  # rather than the rules' message about the emptied value
        if values and values["start_date"] > reference_date:
            errors["start_date"] = [_("This contract starts after the reference date of the survey "
                                      "(%(date)s).", date=long_date(reference_date, "long"))]
        if values and organization and not errors:
            key = person_key(organization, reference)
            identity = (organization.id, key, values["start_date"])
            if identity in seen or _already_imported(organization.id, key, values["start_date"]):
                errors["start_date"] = [_("This contract is already in the file or already imported.")]
            seen.add(identity)
            contracts.append(Contract(organization_id=organization.id, person_key=key,
                                      sector=organization.sector,
                                      source="survey", **values))
        if errors:
            report.line_errors[number] = errors
    if report.line_errors:
        return report
    _chain(contracts, reference_date)
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


def _end_of(day: date) -> datetime:
    """The first instant after the day, in France (how the statistics read `closed_at`)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=PARIS)


def _chain(contracts: list[Contract], reference_date: date) -> None:
    """Chain each person's contracts at an establishment, and set their states on the reference date."""
    by_person: dict[tuple[int, str], list[Contract]] = defaultdict(list)
    for c in contracts:
        by_person[(c.organization_id, c.person_key)].append(c)
    for chain in by_person.values():
        chain.sort(key=lambda c: c.start_date)
        for previous, following in pairwise(chain):
            _link(previous, following)
        for c in chain:
            if c.state is None:
                ended = c.end_date is not None and c.end_date < reference_date
                c.state = ContractState.ENDED if ended else ContractState.ACTIVE
                c.end_reason = EndReason.TERM_REACHED if ended else None
            if c.state is not ContractState.ACTIVE and c.end_date is not None:  # an ended one has its end
                c.closed_at = _end_of(c.end_date)


def _link(previous: Contract, following: Contract) -> None:
    """A fixed term followed the next day by another is renewed; followed by a permanent contract starting
    before it ends or the next day, it is converted, and ends the day before (as `contracts.convert` does)."""
    if not previous.contract_type.is_fixed_term or previous.end_date is None:  # a fixed term has an end
        return
    day_after = previous.end_date + timedelta(days=1)
    if following.contract_type.is_fixed_term:
        if following.start_date == day_after:
            following.previous = previous
            previous.state = ContractState.RENEWED
    elif previous.start_date < following.start_date <= day_after:
        following.previous = previous
        previous.end_early(following.start_date - timedelta(days=1))
        previous.state = ContractState.CONVERTED

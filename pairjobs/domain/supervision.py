"""Supervision sessions: recorded by the employer one by one or from a month's CSV file, contested by the
peer worker concerned (the disagreement is kept beside the record). Flushes, never commits."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from pairjobs.domain.csv_input import DELIMITER, LINE, csv_rows, decode, iso_day
from pairjobs.domain.errors import Conflict, DomainError, Errors, ValidationFailed
from pairjobs.domain.survey_values import FILE_LOCALE, Vocabulary
from pairjobs.extensions import db
from pairjobs.infra.dates import long_date
from pairjobs.models import Contract, ProviderKind, SupervisionKind, SupervisionSession, User
from pairjobs.models.base import utcnow

FIELDS = ("held_on", "kind", "minutes", "paid_time", "provider_kind")
CSV_COLUMNS = FIELDS
MAX_CSV_BYTES = 200_000
MAX_CSV_ROWS = 200  # more sessions than a month can hold for one person


def check_session(contract: Contract, values: Mapping[str, Any], today: date) -> Errors:
    """What is wrong with a session for this contract: a day within the contract and not ahead of today."""
    errors = Errors()
    held_on = values["held_on"]
    if held_on > today:
        errors.add("held_on", _("A session cannot be recorded before it is held: choose a day up to today."))
    if held_on < contract.start_date:
        errors.add("held_on", _("The contract starts on %(day)s: a session cannot be held before.",
                                day=long_date(contract.start_date, "long")))
    if contract.end_date is not None and held_on > contract.end_date:
        errors.add("held_on", _("The contract ended on %(day)s: a session cannot be held after.",
                                day=long_date(contract.end_date, "long")))
    return errors


def _recorded(contract: Contract, days: Iterable[date]) -> set[tuple[date, Any]]:
    """The (day, kind) of the contract's sessions recorded on these days, in one statement."""
    return {(row[0], row[1]) for row in db.session.execute(
        sa.select(SupervisionSession.held_on, SupervisionSession.kind).where(
            SupervisionSession.contract_id == contract.id, SupervisionSession.held_on.in_(set(days))))}


def _already() -> Conflict:
    return Conflict(_("A session of this kind is already recorded on this day for this contract."),
                    {"held_on": [_("Already recorded on this day.")]})


def _add(sessions: list[SupervisionSession]) -> None:
    """Insert sessions; one recorded meanwhile by another request (the unique day and kind) is a Conflict,
    and nothing of these is kept."""
    try:
        with db.session.begin_nested():
            db.session.add_all(sessions)
            db.session.flush()
    except IntegrityError:
        raise _already() from None


def record(contract: Contract, values: Mapping[str, Any], by: User | None, today: date,
           source: str = "page") -> SupervisionSession:
    """Record one session held (values typed by the session schema); ValidationFailed or Conflict."""
    errors = check_session(contract, values, today)
    if errors:
        raise ValidationFailed(errors)
    if (values["held_on"], values["kind"]) in _recorded(contract, [values["held_on"]]):
        raise _already()
    session = SupervisionSession(contract_id=contract.id, source=source,
                                 recorded_by_id=by.id if by is not None else None,
                                 **{name: values[name] for name in FIELDS})
    _add([session])
    return session


@dataclass
class CsvReport:
    """What an upload did: sessions added, lines already recorded, or the errors of each line (nothing
    added then)."""

    added: int = 0
    already: int = 0
    line_errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    message: str | None = None

    @property
    def ok(self) -> bool:
        return not self.line_errors and self.message is None


def template_csv() -> str:
    """The file to fill: the header and one example line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    with force_locale(FILE_LOCALE):
        writer.writerow(["05/11/2026", str(SupervisionKind.EXTERNAL.label), "90", "oui",
                         str(ProviderKind.INDEPENDENT.label)])
    return out.getvalue()


def import_month(contract: Contract, month: date, data: bytes, read: Any, by: User | None,
                 today: date) -> CsvReport:
    """The sessions of one month from a CSV file (`read` types a line, raising ValidationFailed): every
    line valid and within the month, all are added (lines already recorded are left as they are); any
    line invalid, none is. Kinds and yes/no are read in French or as codes. Flushes only."""
    vocabulary = Vocabulary({"kind": SupervisionKind, "provider_kind": ProviderKind}, ("paid_time",))
    if len(data) > MAX_CSV_BYTES:
        return CsvReport(message=_("The file is larger than %(kb)d KB.", kb=MAX_CSV_BYTES // 1024))
    try:
        rows = csv_rows(decode(data), CSV_COLUMNS, CSV_COLUMNS)
    except DomainError as exc:
        return CsvReport(message=exc.message)
    if not rows:
        return CsvReport(message=_("The file has no data line."))
    if len(rows) > MAX_CSV_ROWS:
        return CsvReport(message=_("The file has more than %(n)d lines.", n=MAX_CSV_ROWS))
    report, sessions, seen = CsvReport(), [], set()
    for raw in rows:
        row = {k: v.strip() for k, v in raw.items()}
        number, extra = int(row.pop(LINE)), row.pop("__extra__", None)
        row["held_on"] = iso_day(row["held_on"])
        unknown = vocabulary.translate(row)
        try:
            values = read(row)
        except ValidationFailed as exc:
            report.line_errors[number] = unknown | {k: v for k, v in exc.fields.items() if k not in unknown}
            continue
        errors = check_session(contract, values, today)
        if extra:
            errors.add("line", _("This line has more columns than the header."))
        if (values["held_on"].year, values["held_on"].month) != (month.year, month.month):
            errors.add("held_on", _("This day is not in the month of the file."))
        key = (values["held_on"], values["kind"])
        if key in seen:
            errors.add("held_on", _("This session is already on another line of the file."))
        seen.add(key)
        if errors:
            report.line_errors[number] = dict(errors)
        else:
            sessions.append(values)
    if report.line_errors:
        return report
    recorded = _recorded(contract, [values["held_on"] for values in sessions])
    new = [SupervisionSession(contract_id=contract.id, source="csv",
                              recorded_by_id=by.id if by is not None else None,
                              **{name: values[name] for name in FIELDS})
           for values in sessions if (values["held_on"], values["kind"]) not in recorded]
    try:
        _add(new)
    except Conflict:
        return CsvReport(message=_("Sessions of this file were recorded meanwhile, from another page or the "
                                   "API. Import the file again: those recorded are left as they are."))
    report.added, report.already = len(new), len(sessions) - len(new)
    return report


def contest(session: SupervisionSession, note: str | None) -> None:
    """The peer worker says the session was not held: kept beside the employer's record, once."""
    said = db.session.execute(
        sa.update(SupervisionSession).where(SupervisionSession.id == session.id,
                                            SupervisionSession.contested_at.is_(None))
        .values(contested_at=utcnow(), contest_note=(note or "").strip()[:500] or None))
    if getattr(said, "rowcount", 1) != 1:  # said already, maybe by another request meanwhile
        raise Conflict(_("You have already said this session was not held."))
    db.session.refresh(session)


def remove(session: SupervisionSession) -> None:
    """Delete a session recorded by mistake; one the peer worker said was not held stays (the disagreement
    is kept)."""
    if session.contested_at is not None:
        raise Conflict(_("The peer worker said this session was not held: it stays, with their word."))
    db.session.delete(session)
    db.session.flush()


def sessions_of(contract: Contract) -> list[SupervisionSession]:
    """The sessions recorded for a contract, the latest first."""
    return sessions_by_contract([contract]).get(contract.id, [])


def sessions_by_contract(contracts: Iterable[Contract]) -> dict[int, list[SupervisionSession]]:
    """The sessions recorded for contracts, the latest first, by contract (one statement)."""
    found: dict[int, list[SupervisionSession]] = {}
    ids = [c.id for c in contracts]
    if not ids:
        return found
    for session in db.session.scalars(sa.select(SupervisionSession).where(
            SupervisionSession.contract_id.in_(ids)).order_by(SupervisionSession.held_on.desc(),
                                                             SupervisionSession.id.desc())):
        found.setdefault(session.contract_id, []).append(session)
    return found

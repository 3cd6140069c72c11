"""Regional monitoring for the ARS: dashboard, breakdowns, charts, flags per organization, exports,
snapshots and the survey import.

Monitors and administrators only. Figures for a past date come from its recorded snapshot; pages show
counts per organization, never a contract, a person or a date finer than the month.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pairjobs.domain import audit
from pairjobs.domain.monitoring import DateNotRecorded, Report, accepted_dates, snapshots, tables
from pairjobs.domain.monitoring import stored as storage
from pairjobs.domain.paging import Page
from pairjobs.domain.precarity import PERSON_FLAG_CODES, POSTING_FLAG_CODES
from pairjobs.domain.survey import ALL_COLUMNS, import_survey, template_csv
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Organization, Role
from pairjobs.reports import charts, exports, present
from pairjobs.reports.forms import PublishForm, SnapshotForm, SurveyImportForm
from pairjobs.reports.indicators import SECTIONS
from pairjobs.schemas.contracts import terms_from_row
from pairjobs.web.access import roles_required
from pairjobs.web.live_figures import report_for
from pairjobs.web.report_scope import parse_revision, parse_scope, scope_args
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("reports", __name__)


@bp.context_processor
def report_helpers() -> dict:
    """The monitoring pages' words for codes (reports.present), for this blueprint's templates only."""
    return {"present": present}


MONITORS = (Role.MONITOR, Role.ADMIN)
FLAG_CODES = PERSON_FLAG_CODES + POSTING_FLAG_CODES


def _minimum() -> int:
    return current_app.config["RANKING_MIN_CONTRACTS"]


TABLES = {
    "summary": lambda report: tables.summary_table(report.summary()),
    "departments": tables.by_department,
    "organizations": lambda report: tables.by_organization(report, _minimum()),
    "years": tables.by_year,
    "organization_flags": tables.organization_flags,
    "flagged_positions": tables.flagged_positions,
}


def _page_number() -> int:
    """The page asked for (?page=), 1 when it is not a page number."""
    asked = request.args.get("page", "1")
    return int(asked) if asked.isascii() and asked.isdigit() and 1 <= int(asked) <= 100_000 else 1


def _listing(rows: list) -> Page:
    """One page of a table's rows (for the pagination macro)."""
    page, per_page = _page_number(), current_app.config["REPORT_TABLE_ROWS"]
    return Page(rows[(page - 1) * per_page:page * per_page], len(rows), page, per_page)


def _audit_export(table: str, fmt: str, report: Report) -> None:
    scope = report.scope
    with unit_of_work():  # the export is logged before the file leaves
        audit.record(current_user, audit.Action.REPORT_EXPORTED, f"{table}.{fmt}",
                     as_of=scope.as_of.isoformat(), department=scope.department,
                     sector=scope.sector.value if scope.sector else None,
                     revision=report.snapshot.revision if report.snapshot else None)


class NotRecorded(Exception):
    """Rendered as a 422 page listing the dates that can be asked for: the date asked for is not recorded
    (`day`), or is not a date at all (`day` None)."""

    def __init__(self, day: date | None, accepted: list[date]):
        self.day, self.accepted = day, accepted


@bp.errorhandler(NotRecorded)
def _not_recorded(error: NotRecorded):
    args = {k: v for k, v in request.args.items() if k not in ("as_of", "page")} | (request.view_args or {})
    return render_template("reports/not_recorded.html", day=error.day, accepted=error.accepted,
                           asked=request.args.get("as_of", ""), args=args, endpoint=request.endpoint), 422


def _report(parts: tuple[str, ...] = storage.FIGURES) -> Report:
    scope, errors = parse_scope(request.args)
    if "as_of" in errors:  # as the API: never today's figures in place of a date asked for
        raise NotRecorded(None, accepted_dates())
    revision = parse_revision(request.args, errors)
    for name, messages in errors.items():
        flash(_("Ignored parameter %(name)s: %(messages)s", name=name,
                messages=" ".join(messages)), "warning")
    try:
        return report_for(scope, revision, parts)
    except DateNotRecorded as exc:
        raise NotRecorded(exc.day, exc.accepted) from None


def _args(report: Report) -> dict:
    """The report's parameters for links: its scope, and the revision when one was asked for."""
    snapshot = report.snapshot
    asked = request.args.get("revision") and snapshot is not None
    return scope_args(report.scope) | ({"revision": snapshot.revision} if asked and snapshot else {})


def _dashboard(template: str):
    report = _report(("summary", "departments"))  # the organizations: one page of them, below
    summary = report.summary()
    page, per_page = _page_number(), current_app.config["REPORT_TABLE_ROWS"]
    organizations, total = tables.organization_page(report, _minimum(), page, per_page)
    return render_template(
        template, report=report, scope=report.scope, args=_args(report), summary=summary,
        sections=SECTIONS, departments=tables.by_department(report), organizations=organizations,
        organization_page=Page(organizations.rows, total, page, per_page),
        years=tables.by_year(report), minimum=_minimum(),
        accepted=snapshots.recorded_dates(), today_iso=today().isoformat(),
        references={r["indicator"]: r for r in summary["references"]},
    )


@bp.get("/")
@roles_required(*MONITORS)
def index():
    """The dashboard for a date and a scope."""
    return _dashboard("reports/index.html")


@bp.get("/print")
@roles_required(*MONITORS)
def printable():
    """The same report laid out for printing."""
    return _dashboard("reports/print.html")


@bp.get("/charts/<name>.svg")
@roles_required(*MONITORS)
def chart(name: str):
    """A chart as an SVG image (its data table is on the page next to it)."""
    renderers = {"departments": lambda r: charts.departments_chart(tables.by_department(r)),
                 "years": lambda r: charts.years_chart(tables.by_year(r)),
                 "funnel": lambda r: charts.funnel_chart(
                     tables.funnel(tables.by_organization(r, _minimum())))}
    if name not in renderers:
        abort(404)
    return Response(renderers[name](_report()), mimetype="image/svg+xml",
                    headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                             "Cache-Control": "private, max-age=60"})


@bp.get("/flags")
@roles_required(*MONITORS)
def flags():
    """How many contracts carry each flag, per organization; or the flagged open positions."""
    report = _report()
    kind = request.args.get("kind", "contracts")
    if kind not in ("contracts", "positions"):
        kind = "contracts"
    codes = FLAG_CODES if kind == "contracts" else POSTING_FLAG_CODES
    code = request.args.get("code") or None
    if code and code not in codes:
        flash(_("Unknown flag: ignored."), "warning")
        code = None
    if kind == "contracts":
        table = tables.organization_flags(report)
        rows = [r for r in table.rows if code is None or r["flag"] == code]
    else:
        table = tables.flagged_positions(report, code)
        rows = table.rows
    args = _args(report) | {"kind": kind} | ({"code": code} if code else {})
    return render_template("reports/flags.html", table=table, listing=_listing(rows), scope=report.scope,
                           args=_args(report), page_args=args, kind=kind, code=code, codes=codes,
                           report=report)


@bp.get("/organizations/<finess>")
@roles_required(*MONITORS)
def organization(finess: str):
    """One organization, known by its FINESS (never an id of pairjobs): how many contracts carry each flag,
    and its flagged open positions."""
    org = db.first_or_404(db.select(Organization).where(Organization.finess == finess))
    report = _report()
    return render_template("reports/organization.html", organization=org, report=report, scope=report.scope,
                           args=_args(report),
                           flag_counts=tables.organization_flags(report, org.id),
                           positions=tables.flagged_positions(report, organization_id=org.id))


@bp.get("/export/<table>.<fmt>")
@roles_required(*MONITORS)
def export(table: str, fmt: str):
    """Any table as CSV or XLSX, for the same date and scope."""
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        abort(404)
    report = _report()
    data = TABLES[table](report)
    revision = f"-r{report.snapshot.revision}" if report.snapshot else ""
    filename = f"pairjobs-{table}-{report.scope.as_of.isoformat()}{revision}.{fmt}"
    _audit_export(table, fmt, report)
    headers = {"Content-Disposition": f'attachment; filename="{filename}"',
               "Cache-Control": "private, no-store"}
    if fmt == "csv":
        return Response(exports.to_csv(data).encode("utf-8"), mimetype="text/csv", headers=headers,
                        content_type="text/csv; charset=utf-8")
    return Response(exports.to_xlsx(data), headers=headers,
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.route("/snapshots", methods=["GET", "POST"])
@roles_required(*MONITORS)
def snapshot_list():
    """Every recorded date and its revisions; record a date (or a revision of it), publish one."""
    form = SnapshotForm()
    if form.validate_on_submit() and form.day.data is not None:
        day = form.day.data
        recorded = form_change(form, lambda: snapshots.record(
            day, by=current_user, revise=form.revise.data, reason=form.reason.data,
            publish=form.publish.data, month_ends_only=True), paths={"date": "day"})
        if recorded is not FAILED:
            flash(_("%(date)s recorded, revision %(revision)d.", date=recorded.day.isoformat(),
                    revision=recorded.revision), "success")
            return redirect(url_for("reports.snapshot_list"))
    status = 422 if form.errors or request.method == "POST" else 200
    return render_template("reports/snapshots.html", form=form, revisions=snapshots.every_revision(),
                           publish_form=PublishForm(), due=snapshots.due_dates()), status


@bp.post("/snapshots/<int:snapshot_id>/publish")
@roles_required(*MONITORS)
def snapshot_publish(snapshot_id: int):
    """Publish a revision as open data."""
    snapshot = snapshots.recorded(snapshot_id)
    if snapshot is None:
        abort(404)
    if PublishForm().validate_on_submit() and form_change(
            None, lambda: snapshots.publish_snapshot(snapshot)) is not FAILED:
        flash(_("%(date)s (revision %(revision)d) is published as open data.", date=snapshot.day.isoformat(),
                revision=snapshot.revision), "success")
    return redirect(url_for("reports.snapshot_list"))


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*MONITORS)
def survey_import():
    """Import the annual survey: all lines or none, with a report of each line's errors."""
    form = SurveyImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        if upload is None:
            flash(_("Choose a file."), "error")
        else:
            limit = current_app.config["SURVEY_MAX_BYTES"]
            filename = (upload.filename or "")[:80] or None
            # One transaction: the contracts of the whole file (a refused file adds none) and the log.
            with unit_of_work():
                report = import_survey(upload.stream.read(limit + 1), terms_from_row,
                                       form.reference_date.data)
                audit.record(current_user, audit.Action.SURVEY_IMPORTED, filename, imported=report.imported,
                             refused=not report.ok, lines_with_errors=len(report.line_errors))
            if report.ok:
                flash(ngettext("%(num)d contract imported.", "%(num)d contracts imported.", report.imported),
                      "success")
                return redirect(url_for("reports.survey_import"))
    return render_template("reports/import.html", form=form, report=report, columns=ALL_COLUMNS)


@bp.get("/import/template.csv")
@roles_required(*MONITORS)
def survey_template():
    """The template to fill in."""
    return Response(template_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="pairjobs-enquete-modele.csv"'})


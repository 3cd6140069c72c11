"""Regional monitoring for the ARS: dashboard, breakdowns, charts, flag lists, exports, survey import.

Monitors and administrators only; pages never show a person's identity, only pseudonymous ids.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pairjobs.domain import audit
from pairjobs.domain import report_tables as tables
from pairjobs.domain.access import roles_required
from pairjobs.domain.precarity import PERSON_FLAG_CODES, POSTING_FLAG_CODES
from pairjobs.domain.reports import summary
from pairjobs.domain.survey import ALL_COLUMNS, import_survey, template_csv
from pairjobs.extensions import db
from pairjobs.models import Organization, Role
from pairjobs.reports import charts, exports
from pairjobs.reports.forms import SurveyImportForm
from pairjobs.reports.indicators import INDICATORS
from pairjobs.reports.scope import parse_scope, scope_args

bp = Blueprint("reports", __name__)
MONITORS = (Role.MONITOR, Role.ADMIN)
TABLES = {
    "summary": lambda scope: tables.summary_table(summary(scope)),
    "departments": tables.by_department,
    "organizations": tables.by_organization,
    "years": tables.by_year,
    "flagged_contracts": tables.flagged_contracts,
    "flagged_positions": tables.flagged_positions,
}
OPEN_DATA = ("departments", "years")


def _audit_export(table: str, fmt: str, scope) -> None:
    audit.record(current_user, audit.REPORT_EXPORTED, f"{table}.{fmt}", as_of=scope.as_of.isoformat(),
                 department=scope.department, sector=scope.sector.value if scope.sector else None)
    db.session.commit()


def _scope():
    scope, errors = parse_scope(request.args)
    for name, messages in errors.items():
        flash(_("Ignored parameter %(name)s: %(messages)s", name=name, messages=" ".join(messages)), "warning")
    return scope


def _dashboard(template: str):
    scope = _scope()
    return render_template(
        template, scope=scope, args=scope_args(scope), summary=summary(scope), indicators=INDICATORS,
        references=current_app.config["REFERENCE_FIGURES"], departments=tables.by_department(scope),
        organizations=tables.by_organization(scope), years=tables.by_year(scope),
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
    scope = _scope()
    render = {"departments": lambda: charts.departments_chart(tables.by_department(scope)),
              "years": lambda: charts.years_chart(tables.by_year(scope))}.get(name)
    if render is None:
        abort(404)
    return Response(render(), mimetype="image/svg+xml",
                    headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                             "Cache-Control": "private, max-age=60"})


@bp.get("/flags")
@roles_required(*MONITORS)
def flags():
    """Every flagged contract or position with its reasons, filterable by flag."""
    scope = _scope()
    kind = request.args.get("kind", "contracts")
    if kind not in ("contracts", "positions"):
        kind = "contracts"
    codes = PERSON_FLAG_CODES + POSTING_FLAG_CODES if kind == "contracts" else POSTING_FLAG_CODES
    code = request.args.get("code") or None
    if code and code not in codes:
        flash(_("Unknown flag: ignored."), "warning")
        code = None
    table = (tables.flagged_contracts if kind == "contracts" else tables.flagged_positions)(scope, code)
    return render_template("reports/flags.html", table=table, scope=scope, args=scope_args(scope), kind=kind,
                           code=code, codes=codes)


@bp.get("/organizations/<int:organization_id>")
@roles_required(*MONITORS)
def organization(organization_id: int):
    """One organization's flagged contracts and positions (pseudonymous)."""
    org = db.get_or_404(Organization, organization_id)
    scope = _scope()
    contracts = [r for r in tables.flagged_contracts(scope).rows if r["organization_id"] == org.id]
    positions = [r for r in tables.flagged_positions(scope).rows if r["organization_id"] == org.id]
    return render_template("reports/organization.html", organization=org, contracts=contracts,
                           positions=positions, scope=scope)


@bp.get("/export/<table>.<fmt>")
@roles_required(*MONITORS)
def export(table: str, fmt: str):
    """Any table as CSV or XLSX, for the same date and scope."""
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        abort(404)
    scope = _scope()
    data = TABLES[table](scope)
    filename = f"pairjobs-{table}-{scope.as_of.isoformat()}.{fmt}"
    _audit_export(table, fmt, scope)
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "private, no-store"}
    if fmt == "csv":
        return Response(exports.to_csv(data), mimetype="text/csv", headers=headers)
    return Response(exports.to_xlsx(data), headers=headers,
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/opendata/<table>.csv")
@roles_required(*MONITORS)
def open_data(table: str):
    """A table for publication: counts of fewer people than the threshold are suppressed ("s")."""
    if table not in OPEN_DATA:
        abort(404)
    scope = _scope()
    data = exports.suppress_small_counts(TABLES[table](scope), current_app.config["OPEN_DATA_MIN_COUNT"])
    filename = f"pairjobs-opendata-{table}-{scope.as_of.isoformat()}.csv"
    _audit_export(table, "opendata-csv", scope)
    return Response(exports.to_csv(data), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


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
            report = import_survey(upload.stream.read(limit + 1))
            if not report.ok:
                db.session.rollback()
            filename = (upload.filename or "")[:80] or None
            audit.record(current_user, audit.SURVEY_IMPORTED, filename, imported=report.imported,
                         refused=not report.ok, lines_with_errors=len(report.line_errors))
            db.session.commit()
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



"""Code values of the monitoring tables turned into the reader's words (pages, charts and exports)."""

from __future__ import annotations

from datetime import date
from numbers import Number

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from pairjobs.infra.dates import long_date
from pairjobs.models import ContractType, OrganizationKind, Sector
from pairjobs.reports.indicators import COLUMN_LABELS, INDICATORS, OTHER_INDICATORS
from pairjobs.web import labels, templating
from pairjobs.web.i18n import locale_name

VALUE_LABELS = {
    "sector": Sector.labels(), "contract_type": ContractType.labels(), "flag": labels.FLAG_NAMES,
    "flags": labels.FLAG_NAMES, "severity": labels.SEVERITIES, "org_kind": OrganizationKind.labels(),
    "exits_by_reason": labels.EXIT_REASONS, "flagged_contracts_by_severity": labels.SEVERITIES,
}
NESTED = {"flags": labels.FLAG_NAMES, "flags_legal": labels.FLAG_NAMES, "flags_practice": labels.FLAG_NAMES,
          "exits_by_reason": labels.EXIT_REASONS, "flagged_contracts_by_severity": labels.SEVERITIES}


def column(name: str) -> str:
    return str(COLUMN_LABELS.get(name, name))


def value(column_name: str, v):
    """A cell as the reader sees it: a label for a code, the codes of a list joined."""
    names = VALUE_LABELS.get(column_name)
    if names is None:
        return v
    if isinstance(v, tuple | list):
        return " ; ".join(str(names.get(x, x)) for x in v)
    return str(names.get(v, v)) if v is not None else None


def indicator(key: str) -> str:
    """The label of a summary indicator, or of one of its parts ("flags:lone_peer_worker")."""
    if ":" in key:
        group, part = key.split(":", 1)
        return f"{indicator(group)} : {NESTED.get(group, {}).get(part, part)}"
    if key in INDICATORS:
        return str(INDICATORS[key][0])
    return str(OTHER_INDICATORS.get(key, key))


def flag(code: str) -> str:
    return str(labels.FLAG_NAMES.get(code, code))


def not_ranked() -> str:
    return _("Too few contracts to rank")


def table_title(name: str) -> str:
    """The reader's name of a monitoring table (an export's sheet)."""
    titles = {"summary": _l("Indicators"), "departments": _l("By department"),
              "organizations": _l("Organizations"), "years": _l("Trend by year"),
              "organization_flags": _l("Flags by organization"), "flagged_positions": _l("Flagged positions")}
    return str(titles.get(name, name))


def share_text(v, locale: str | None = None) -> str:
    """A share (0–1) as a percentage in the reader's language (or `locale`), "—" when there is none."""
    return "—" if v is None else f"{templating.format_number(round(v * 100, 1), locale)} %"


def row_cells(columns: tuple[str, ...], row: dict, args: dict, link_org: bool = False) -> Markup:
    """A monitoring table's row as HTML cells, the first a row header (a dashboard has about a thousand
    cells: they are made here, the reader's language looked up once a row)."""
    locale, cells = locale_name(), list[str]()
    for number, name in enumerate(columns):
        opening = '<th scope="row">' if not number else '<td class="num">' if isinstance(row[name], Number) \
            else "<td>"
        # Each cell is escaped HTML (Markup): joined as text, without formatting a template per cell.
        cells += (opening, cell(name, row, args, link_org, locale), "</th>" if not number else "</td>")
    return Markup("".join(cells))


def cell(column_name: str, row: dict, args: dict, link_org: bool = False,
         locale: str | None = None) -> Markup:
    """One cell of a monitoring table as HTML: shares as percentages, numbers in the reader's language
    (or `locale`), labels for codes, links to the organization or the position."""
    v = row[column_name]
    if column_name == "flagged_share" and v is None and row.get("ranked") is False:
        return escape(not_ranked())
    if column_name.endswith("_share"):
        return escape(share_text(v, locale))
    if column_name == "organization" and link_org:
        href = url_for("reports.organization", finess=row["finess"], **args)
        return Markup('<a href="%s">%s</a>') % (href, v)
    if column_name == "title" and row.get("position_id"):
        return Markup('<a href="%s">%s</a>') % (url_for("jobs.detail", position_id=row["position_id"]), v)
    if column_name == "department":
        return escape(templating.department_name(v) if v else "—")
    if v is None:
        return Markup("—")
    if column_name == "year":  # a year is a name, not a quantity: no thousands separator
        return escape(str(v))
    if column_name == "as_of":
        return escape(long_date(date.fromisoformat(v), "medium"))
    if isinstance(v, int | float) and not isinstance(v, bool):
        return escape(templating.format_number(v, locale))
    return escape(value(column_name, v))

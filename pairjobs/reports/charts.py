"""Charts rendered on the server as SVG (pygal), each shown next to its data table."""

from __future__ import annotations

import re

import pygal
from flask_babel import gettext as _
from pygal.style import Style

from pairjobs.domain.monitoring.tables import Table

STYLE = Style(
    background="white", plot_background="white", foreground="#1b1f24", foreground_strong="#1b1f24",
    foreground_subtle="#4a5360", colors=("#1d4e89", "#a4161a", "#1e6b34", "#1e6b34"),
    font_family="sans-serif",
    label_font_size=13, major_label_font_size=13, value_font_size=12, legend_font_size=13, title_font_size=16,
)
OPTIONS = {"style": STYLE, "js": [], "disable_xml_declaration": True, "width": 800, "height": 400,
           "print_values": False, "show_y_guides": True, "range": (0, 100)}


_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _render(chart) -> str:
    """The SVG without pygal's inline configuration script (the chart is a static image)."""
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def _percent(value) -> float | None:
    return round(value * 100, 1) if isinstance(value, (int, float)) else None


def departments_chart(table: Table) -> str:
    """Share of people in precarious employment and of people supervised monthly, per department."""
    chart = pygal.Bar(title=_("People employed, by department (%)"), **OPTIONS)
    chart.x_labels = [row["department"] for row in table.rows]
    chart.add(_("Precarious employment"), [_percent(r["precarious_people_share"]) for r in table.rows])
    chart.add(_("Supervision at least monthly"),
              [_percent(r["supervised_monthly_people_share"]) for r in table.rows])
    return _render(chart)


def years_chart(table: Table) -> str:
    """The yearly trend (31 December snapshots) of the same two shares."""
    chart = pygal.Line(title=_("Trend (%)"), **OPTIONS)
    chart.x_labels = [str(row["year"]) for row in table.rows]
    chart.add(_("Precarious employment"), [_percent(r["precarious_people_share"]) for r in table.rows])
    chart.add(_("Supervision at least monthly"),
              [_percent(r["supervised_monthly_people_share"]) for r in table.rows])
    return _render(chart)


def funnel_chart(data: dict) -> str:
    """Each organization's share of flagged contracts against its number of contracts, with the regional
    share and its 95 % control limits: a point outside the funnel differs by more than chance."""
    chart = pygal.XY(title=_("Flagged contracts by size of the organization (%)"), stroke=True,
                     x_title=_("Running contracts"), y_title=_("Share flagged (%)"),
                     legend_at_bottom=True, legend_at_bottom_columns=4, **OPTIONS)
    chart.add(_("Organizations"),
              [{"value": (n, _percent(p)), "label": name} for n, p, name in data["points"]],
              stroke=False)
    if data["share"] is not None:
        limits = data["limits"]
        chart.add(_("Regional share"), [(n, _percent(data["share"])) for n, _lo, _hi in limits],
                  show_dots=False)
        chart.add(_("Upper control limit"), [(n, _percent(hi)) for n, _lo, hi in limits], show_dots=False)
        chart.add(_("Lower control limit"), [(n, _percent(lo)) for n, lo, _hi in limits], show_dots=False)
    return _render(chart)

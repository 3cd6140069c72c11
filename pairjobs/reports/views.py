"""Regional overview for monitors: read-only figures across every organization."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from pairjobs.domain.access import roles_required
from pairjobs.domain.geo import geography
from pairjobs.extensions import db
from pairjobs.models import Organization, Role, Sector

bp = Blueprint("reports", __name__)


@bp.get("/")
@roles_required(Role.MONITOR, Role.ADMIN)
def index():
    """Organizations per department and sector (SQL aggregate)."""
    rows = db.session.execute(
        sa.select(Organization.department_code, Organization.sector, sa.func.count())
        .group_by(Organization.department_code, Organization.sector)
    ).all()
    table = {d: {s: 0 for s in Sector} for d in sorted(geography().departments)}
    for department, sector, count in rows:
        table.setdefault(department, {s: 0 for s in Sector})[sector] = count
    totals = {s: sum(row[s] for row in table.values()) for s in Sector}
    return render_template("reports/index.html", table=table, totals=totals, sectors=list(Sector))

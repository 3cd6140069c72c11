"""The baseline: a bare Flask + SQLAlchemy + Jinja app rendering 12 rows (TechEmpower's Fortunes)."""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask, render_template_string

engine = sa.create_engine(os.environ.get("BASELINE_DATABASE_URL", "sqlite:////tmp/pairjobs-baseline.sqlite"))
fortune = sa.Table("fortune", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                   sa.Column("message", sa.String(200)))
TEMPLATE = """<!doctype html><html><head><title>Fortunes</title></head><body><table>
<tr><th>id</th><th>message</th></tr>\
{% for f in fortunes %}<tr><td>{{ f.id }}</td><td>{{ f.message }}</td></tr>
{% endfor %}</table></body></html>"""


def seed() -> None:
    """Create the 12-row table (idempotent)."""
    fortune.metadata.create_all(engine)
    with engine.begin() as conn:
        if not conn.execute(sa.select(sa.func.count()).select_from(fortune)).scalar():
            conn.execute(fortune.insert(), [{"id": i, "message": f"Fortune numéro {i} <b>échappée</b>"}
                                            for i in range(1, 13)])


app = Flask(__name__)


@app.get("/fortunes")
def fortunes():
    with engine.connect() as conn:
        rows = conn.execute(sa.select(fortune)).all()
    rows = sorted([*rows, (0, "Additional fortune added at request time.")], key=lambda r: r[1])
    return render_template_string(TEMPLATE, fortunes=[{"id": r[0], "message": r[1]} for r in rows])

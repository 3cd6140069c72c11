"""Template filters and globals."""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from pairjobs import labels
from pairjobs.domain.geo import geography
from pairjobs.domain.identifiers import format_finess


def commune_name(code: str) -> str:
    """The commune's name, or its code if unknown."""
    commune = geography().commune(code)
    return commune.name if commune else code


def department_name(code: str) -> str:
    """The department's "code – name"."""
    department = geography().department(code)
    return f"{department.code} – {department.name}" if department else code


def paragraphs(text: str) -> Markup:
    """Plain text as HTML paragraphs (blank lines) and line breaks, every character escaped."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(b.split("\n"))) for b in blocks)


def register_template_helpers(app: Flask) -> None:
    """Make helpers available to every template."""
    app.jinja_env.filters.update(
        finess=format_finess,
        commune=commune_name,
        department=department_name,
        datetime=format_datetime,
        date=format_date,
        number=format_decimal,
        paragraphs=paragraphs,
    )
    app.jinja_env.globals.update(
        labels=labels,
        current_locale=lambda: str(get_locale()),
    )

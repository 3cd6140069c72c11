"""Template filters and globals."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_datetime, get_locale

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


def register_template_helpers(app: Flask) -> None:
    """Make helpers available to every template."""
    app.jinja_env.filters.update(
        finess=format_finess,
        commune=commune_name,
        department=department_name,
        datetime=format_datetime,
    )
    app.jinja_env.globals.update(
        labels=labels,
        current_locale=lambda: str(get_locale()),
    )

"""Options of the select fields, shared by every form."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; its stubs are 3.2
from wtforms.widgets import CheckboxInput, ListWidget

from pairjobs.domain.geo import geography
from pairjobs.extensions import db
from pairjobs.models import Organization
from pairjobs.models.base import LabelledEnum


def enum_choices(enum_cls: type[LabelledEnum], members=None) -> list[SelectChoice]:
    """Options of an enumeration, with its members' labels, optionally restricted to some members."""
    return [SelectChoice(m.value, m.label) for m in (members or enum_cls)]


def organization_choices(placeholder: str) -> list[SelectChoice]:
    """Every organization by name, after a placeholder option of value 0."""
    rows = db.session.execute(sa.select(Organization.id, Organization.name).order_by(Organization.name)).all()
    return [SelectChoice(0, placeholder)] + [SelectChoice(row.id, row.name) for row in rows]


def department_options() -> list[SelectChoice]:
    """Departments of the configured regions, by code ("69 – Rhône")."""
    departments = sorted(geography().departments.values(), key=lambda d: d.code)
    return [SelectChoice(d.code, f"{d.code} – {d.name}") for d in departments]


def department_choices() -> list[SelectChoice]:
    """Departments of the configured regions, after an empty placeholder."""
    return [SelectChoice("", _("Choose a department")), *department_options()]


def optional(choices: list[SelectChoice], label: str | None = None) -> list[SelectChoice]:
    """The choices after an empty option ("Choose…" by default)."""
    return [SelectChoice("", label or _("Choose…"))] + choices


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WeekdaysField(SelectMultipleField):
    """ISO weekdays as checkboxes; its data is a list of digits ("1" = Monday), also from a stored "12345"."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, **kwargs):
        from pairjobs.web.labels import WEEKDAYS

        kwargs.setdefault("validate_choice", False)
        super().__init__(label, validators,
                         choices=[SelectChoice(str(n), name) for n, name in WEEKDAYS.items()], **kwargs)

    def process_data(self, value):
        super().process_data(list(value) if isinstance(value, str) else value)

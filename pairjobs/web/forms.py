"""Helpers shared by the HTML views."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SubmitField

from pairjobs.domain.errors import DomainError
from pairjobs.extensions import db


def show_domain_error(form: FlaskForm, exc: DomainError, paths: Mapping[str, str] | None = None) -> None:
    """Attach a domain error's field messages to the form (by attribute, or by its path in the shape),
    and flash what fits no field."""
    unplaced = []
    for name, messages in exc.fields.items():
        field = form._fields.get(name) or form._fields.get((paths or {}).get(name, name))
        if field is None:
            unplaced.extend(messages)
        else:
            field.errors = list(field.errors) + list(messages)
    if unplaced or not exc.fields:
        flash(" ".join(unplaced) or exc.message, "error")


def small_int(value) -> int | None:
    """An ASCII whole number of at most nine digits (ids, versions, pages), else None."""
    text = str(value or "").strip()
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def commit_or_flash_conflict() -> bool:
    """Commit; on a concurrent change (optimistic lock) roll back, flash a message and return False."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash(_("Someone else changed this meanwhile. Reload the page to see their change."), "error")
        return False
    return True


def apply_domain_change(form: FlaskForm, change) -> bool:
    """Run a domain change for a submitted form: commit it, or roll back and show its messages on the form."""
    try:
        change()
    except DomainError as exc:
        db.session.rollback()
        show_domain_error(form, exc)
        return False
    db.session.commit()
    return True


class ConfirmForm(FlaskForm):
    """A button with a CSRF token, for one-click actions."""

    submit = SubmitField(_l("Confirm"))


NOT_INPUT = {"csrf_token", "submit", "version", "document"}


def form_values(form: FlaskForm) -> dict:
    """What a form submitted, by field name, for a schema to load."""
    return {name: field.data for name, field in form._fields.items() if name not in NOT_INPUT}


def form_data(values: Mapping, paths: Mapping[str, str]) -> dict:
    """Stored values by attribute as a form's data: enums by code, nothing as "", groups by attribute."""
    data = {}
    for attribute, value in values.items():
        path = paths.get(attribute, attribute)
        name = attribute if "." in path else path
        data[name] = "" if value is None else getattr(value, "value", value)
    return data

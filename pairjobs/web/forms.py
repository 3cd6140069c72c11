"""Helpers shared by the HTML views."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import flash
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField

from pairjobs.domain.errors import DomainError
from pairjobs.schemas.fields import FALSE_WORDS


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


class CheckBox(BooleanField):
    """A checkbox that reads "n", "no", "0", "off" and "false" as unticked, as the API does (WTForms counts
    any other value as ticked: a crafted "accept_terms=n" would have accepted the terms)."""

    false_values = ("", *sorted(FALSE_WORDS))

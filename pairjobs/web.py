"""Helpers shared by the HTML views."""

from __future__ import annotations

from flask import flash
from flask_wtf import FlaskForm

from pairjobs.domain.errors import DomainError


def show_domain_error(form: FlaskForm, exc: DomainError) -> None:
    """Attach a domain error's field messages to the form, and flash what fits no field."""
    unplaced = []
    for name, messages in exc.fields.items():
        field = form._fields.get(name)
        if field is None:
            unplaced.extend(messages)
        else:
            field.errors = list(field.errors) + list(messages)
    if unplaced or not exc.fields:
        flash(" ".join(unplaced) or exc.message, "error")

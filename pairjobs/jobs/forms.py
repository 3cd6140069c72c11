"""The application form of a position page; the rules are in pairjobs.domain.applications."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField

from pairjobs.web.choices import CheckboxesField


class ApplyForm(FlaskForm):
    """Apply to a position."""

    message = TextAreaField(_l("Your message to the employer"), render_kw={"rows": 6, "maxlength": 5000})
    credentials = CheckboxesField(_l("Credentials to attach"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Send my application"))

"""The forms of the monitoring pages: survey import, snapshots."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class SurveyImportForm(FlaskForm):
    """Upload the annual survey CSV."""

    file = FileField(_l("Survey file (CSV, UTF-8, semicolon-separated)"), render_kw={"accept": ".csv,text/csv"})
    submit = SubmitField(_l("Check and import"))


class SnapshotForm(FlaskForm):
    """Record the figures of a past date, or a revision of a recorded date."""

    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Choose a date."))])
    revise = BooleanField(_l("This date is already recorded: record a revision"))
    reason = TextAreaField(_l("Reason for the revision"), validators=[Optional(), Length(max=500)])
    publish = BooleanField(_l("Also publish it as open data"))
    submit = SubmitField(_l("Record"))


class PublishForm(FlaskForm):
    """Publish a recorded revision (CSRF only)."""

    submit = SubmitField(_l("Publish as open data"))

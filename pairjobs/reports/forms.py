"""The survey import form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SubmitField


class SurveyImportForm(FlaskForm):
    """Upload the annual survey CSV."""

    file = FileField(_l("Survey file (CSV, UTF-8, semicolon-separated)"), render_kw={"accept": ".csv,text/csv"})
    submit = SubmitField(_l("Check and import"))

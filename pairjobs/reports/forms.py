"""The forms of the monitoring pages: survey import, snapshots."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from pairjobs.domain.survey import default_reference_date
from pairjobs.models import VerificationOutcome
from pairjobs.web.choices import enum_choices, optional


class SurveyImportForm(FlaskForm):
    """Upload the annual survey CSV, with the date its contracts are described at."""

    # DataRequired, not InputRequired: a post without the field keeps the default (the last 31 December).
    reference_date = DateField(
        _l("Reference date of the survey"), default=default_reference_date,
        validators=[DataRequired(message=_l("Give the reference date of the survey."))],
        description=_l("The contracts are recorded as they stood on this date: those ending before it as "
                       "ended, the others as running. A contract starting after it is refused."))
    file = FileField(_l("Survey file (CSV, UTF-8, semicolon-separated)"),
                     render_kw={"accept": ".csv,text/csv"})
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


class CampaignForm(FlaskForm):
    """A year's questionnaire: its year and the days it is open."""

    year = IntegerField(_l("Year"), validators=[
        InputRequired(message=_l("Give the year.")),
        NumberRange(2020, 2100, message=_l("Give a year from 2020 to 2100."))])
    opens_on = DateField(_l("Opens on"), validators=[InputRequired(message=_l("Choose a date."))])
    closes_on = DateField(_l("Closes on"), validators=[InputRequired(message=_l("Choose a date."))])
    submit = SubmitField(_l("Create the questionnaire"))


class VerificationForm(FlaskForm):
    """Start a verification campaign: the deadline of the proofs, the share drawn."""

    deadline = DateField(_l("Proofs due by"), validators=[InputRequired(message=_l("Choose a date."))])
    share_percent = IntegerField(
        _l("Share of the employers drawn, and of the contracts in each (%)"), validators=[
        InputRequired(message=_l("Give a share.")),
        # WTForms formats this message with the bounds: no percent sign in it.
        NumberRange(1, 100, message=_l("Choose a share between 1 and 100."))])
    submit = SubmitField(_l("Draw and tell the employers"))


class DecisionForm(FlaskForm):
    """Accept or refuse a drawn contract's proofs."""

    outcome = SelectField(_l("Decision"), validate_choice=False)
    reason = TextAreaField(_l("Reason (told to the employer; required for a refusal)"),
                           validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Record the decision"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = optional(enum_choices(VerificationOutcome))

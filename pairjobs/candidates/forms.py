"""Candidate forms; the rules are in pairjobs.domain.candidates and .applications."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; its stubs are 3.2

from pairjobs.domain.candidates import INSTITUTIONS, OTHER_INSTITUTION
from pairjobs.models import CredentialStatus, CredentialType
from pairjobs.web.choices import CheckboxesField, enum_choices, optional
from pairjobs.web.forms import CheckBox


class ProfileForm(FlaskForm):
    """What the candidate tells employers they apply to."""

    name = StringField(_l("Name"))
    phone = StringField(_l("Phone"), render_kw={"autocomplete": "tel", "type": "tel"})
    share_phone = CheckBox(_l("Show my phone number to employers I apply to"))
    departments_sought = CheckboxesField(_l("Departments where I look for work"), validate_choice=False)
    availability = StringField(_l("Availability"), description=_l("For example: from March, part time."))
    presentation = TextAreaField(_l("A short presentation"), render_kw={"rows": 5})
    lived_experience = TextAreaField(
        _l("My lived experience (optional)"),
        description=_l("Only if you wish, in your own words, what you draw on in peer work. Never write a "
                       "diagnosis, a treatment or a medical detail: employers do not need them and pairjobs "
                       "does not want them."),
        render_kw={"rows": 5},
    )
    lived_experience_consent = CheckBox(
        _l("I agree that pairjobs keeps this text"),
        description=_l("Your explicit consent, needed to store it. Untick to withdraw it: the text is then "
                       "erased."))
    share_lived_experience = CheckBox(_l("Show this text to employers I apply to"))
    submit = SubmitField(_l("Save my profile"))


class CredentialForm(FlaskForm):
    """Declare a diploma or a training."""

    type = SelectField(_l("Kind"), validate_choice=False)
    title = StringField(_l("Title"), description=_l("For example: DU Pair-aidance en santé mentale."))
    institution = SelectField(_l("Institution"), validate_choice=False)
    institution_other = StringField(_l("Other institution"), description=_l("If it is not in the list."))
    start_year = StringField(_l("Start year"), render_kw={"type": "number", "min": 1990})
    end_year = StringField(_l("End year"), render_kw={"type": "number", "min": 1990})
    status = SelectField(_l("Status"), validate_choice=False)
    hours = StringField(_l("Hours of training"), render_kw={"type": "number", "min": 1})
    reference = StringField(_l("Reference"), description=_l("Diploma or registration number, if any."))
    document = FileField(_l("Certificate (PDF, 5 MB at most, optional)"),
                         render_kw={"accept": "application/pdf"})
    submit = SubmitField(_l("Add this credential"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = optional(enum_choices(CredentialType))
        self.status.choices = optional(enum_choices(CredentialStatus))
        self.institution.choices = optional(
            [SelectChoice(i, i) for i in INSTITUTIONS] + [SelectChoice(OTHER_INSTITUTION, _l("Other"))])


class DeleteAccountForm(FlaskForm):
    """Delete the account, confirmed by the password."""

    password = PasswordField(_l("Your password"), render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Delete my account and my data"))


class PoolForm(FlaskForm):
    """Join the talent pool, or renew the consent; nothing is ticked in advance."""

    consent = BooleanField(_l(
        "I agree that recruiters of the departments chosen above find my profile (name, presentation, "
        "availability, credentials) and invite me to apply, for two years at most. I can withdraw this "
        "consent at any time."))
    departments = CheckboxesField(_l("Departments whose employers may find me"), validate_choice=False)
    submit = SubmitField(_l("Join the talent pool"))

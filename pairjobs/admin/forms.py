"""Administration forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; its stubs are 3.2
from wtforms.validators import DataRequired, Length, Optional

from pairjobs.models import OrganizationKind, Role, Sector, Verification
from pairjobs.web.choices import WeekdaysField, enum_choices


class OrganizationForm(FlaskForm):
    """Create an organization."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=enum_choices(OrganizationKind), validators=[DataRequired()])
    sector = SelectField(_l("Sector"), choices=enum_choices(Sector), validators=[DataRequired()])
    finess = StringField(
        _l("FINESS number"),
        validators=[DataRequired()],
        description=_l("9 characters, for example 69 078 010 1."),
    )
    siret = StringField(_l("SIRET number (optional)"), validators=[Optional()], description=_l("14 digits."))
    department = SelectField(_l("Department"), validators=[DataRequired()])
    commune = StringField(
        _l("Commune"),
        validators=[DataRequired()],
        description=_l("INSEE code (5 characters) or name of the commune."),
    )
    legal_entity_finess = StringField(
        _l("FINESS of the legal entity (EJ), if different"), validators=[Optional()],
        description=_l("The six-year rule of public contracts counts services across the legal entity."))
    idcc = StringField(_l("Collective agreement (IDCC code, optional)"), validators=[Optional()],
                       description=_l("4 digits, for example 0029 (CCN 51) or 0413 (CCN 66)."))
    opening_days = WeekdaysField(_l("Opening days"), default=["1", "2", "3", "4", "5"],
                                 description=_l("The waiting period between two fixed-term contracts is "
                                                "counted in opening days; public holidays are closed days. "
                                                "None ticked: Monday to Friday."))
    submit = SubmitField(_l("Create the organization"))


class StaffUserForm(FlaskForm):
    """Create an account of any role (monitors and administrators are only made here)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired()],
        description=_l("At least 12 characters; give it to the person through a separate channel."),
        render_kw={"autocomplete": "new-password"},
    )
    role = SelectField(
        _l("Role"),
        choices=enum_choices(Role, (Role.MONITOR, Role.ADMIN, Role.EMPLOYER, Role.CANDIDATE)),
    )
    organization = SelectField(_l("Organization (employers only)"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("Create the account"))


class VerifyCredentialForm(FlaskForm):
    """Verify or reject a credential."""

    outcome = SelectField(_l("Outcome"),
                          choices=[SelectChoice(m.value, m.label)
                                   for m in (Verification.VERIFIED, Verification.REJECTED)],
                          validate_choice=False)
    reason = StringField(_l("Reason (if rejected; the candidate sees it)"), render_kw={"maxlength": 300})
    submit = SubmitField(_l("Record"))


class RefuseEmployerForm(FlaskForm):
    """Refuse an employer's request; the reason is sent to them."""

    reason = TextAreaField(_l("Reason, sent to the person"), render_kw={"rows": 4, "maxlength": 500})
    submit = SubmitField(_l("Refuse the request"))

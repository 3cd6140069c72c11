"""Account forms: shape checks only; business rules live in pairjobs.domain.accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from pairjobs.web.forms import CheckBox


class LoginForm(FlaskForm):
    """Sign in with e-mail and password."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired()],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )
    submit = SubmitField(_l("Sign in"))


class _AccountRequestForm(FlaskForm):
    """What every registration asks: who, the address, a password, and the terms accepted."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "email"}
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired()],
        description=_l("At least 12 characters. A sentence of several words is easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    # The domain (recovery.register) refuses too; here the form says it along with its other problems.
    accept_terms = CheckBox(_l("I have read and I accept the terms of use"), validators=[
        DataRequired(message=_l("Accept the terms of use to create an account."))])


class RegistrationForm(_AccountRequestForm):
    """Create a peer worker (candidate) account."""

    lived_experience_consent = CheckBox(
        _l("I agree that pairjobs keeps the text about my lived experience that I may write on my profile"),
        description=_l("Optional, and separate from the terms: without it you can use everything else. "
                       "You can withdraw it at any time on your profile, which erases the text."))
    submit = SubmitField(_l("Create my account"))


class EmployerRegistrationForm(_AccountRequestForm):
    """Create an employer account attached to an organization; an administrator approves it."""

    organization = SelectField(_l("Organization"), coerce=int, validators=[DataRequired()])
    submit = SubmitField(_l("Ask for an employer account"))


class LogoutForm(FlaskForm):
    """A form with only a CSRF token, so that logging out is a protected POST."""

    submit = SubmitField(_l("Sign out"))


class NewPasswordForm(FlaskForm):
    """A new password typed twice (the rules are checked by the domain)."""

    password = PasswordField(_l("New password"), validators=[DataRequired()],
                             description=_l("At least 12 characters, not one of the most common passwords."),
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"),
                            validators=[DataRequired(),
                                        EqualTo("password", message=_l("The two passwords differ."))],
                            render_kw={"autocomplete": "new-password"})


class ChangePasswordForm(NewPasswordForm):
    """A new password, confirmed by the current one."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Change my password"))


class ChangeEmailForm(FlaskForm):
    """A new sign-in address, confirmed by the password."""

    email = EmailField(_l("New e-mail address"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Change my e-mail address"))


class ForgotPasswordForm(FlaskForm):
    """The address to send a password-reset link to."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(NewPasswordForm):
    """A new password, chosen with a reset link."""

    submit = SubmitField(_l("Choose this password"))


class ResendConfirmationForm(FlaskForm):
    """A form with only a CSRF token: send the confirmation link again."""

    submit = SubmitField(_l("Send the link again"))


class CodeForm(FlaskForm):
    """The code of the authenticator app, or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True},
                       description=_l("The 6 digits the app shows now, or one of your recovery codes."))
    submit = SubmitField(_l("Continue"))


class DisableTwoFactorForm(FlaskForm):
    """Turn two-factor sign-in off: the password and a code."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)],
                       render_kw={"autocomplete": "one-time-code"})
    submit = SubmitField(_l("Turn off two-factor sign-in"))

"""Registration, login, logout and the account page."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from pairjobs.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DisableTwoFactorForm,
    EmployerRegistrationForm,
    ForgotPasswordForm,
    LoginForm,
    LogoutForm,
    RegistrationForm,
    ResendConfirmationForm,
    ResetPasswordForm,
)
from pairjobs.domain import accounts, recovery, two_factor
from pairjobs.domain.errors import DomainError, Throttled
from pairjobs.extensions import db, limiter
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Organization, Role, User
from pairjobs.web.choices import organization_choices
from pairjobs.web.i18n import SESSION_KEY
from pairjobs.web.security import safe_next
from pairjobs.web.throttle import AttemptBudget, throttle_address
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("accounts", __name__)


def start_session(user: User) -> None:
    """Begin a fresh session for the user (nothing carried over from before login)."""
    locale = session.get(SESSION_KEY)
    session.clear()
    if locale:
        session[SESSION_KEY] = locale
    login_user(user)


PENDING = "pairjobs_two_factor_pending"  # the sign-in a code completes (pairjobs.accounts.two_factor)


def begin_second_factor(user: User):
    """After a correct password: the code page, or the setup when the account must have one and has
    none. No session is opened yet."""
    session[PENDING] = {"user": user.id, "nonce": user.session_nonce, "at": time.time(),
                        "next": safe_next(request.args.get("next"), default=home_for(user))}
    return redirect(url_for("accounts.sign_in_code" if user.two_factor_enabled else "accounts.sign_in_setup"))


def home_for(user: User) -> str:
    """Where each role lands after signing in."""
    return {
        Role.ADMIN: url_for("admin.index"),
        Role.EMPLOYER: url_for("employer.index"),
        Role.MONITOR: url_for("reports.index"),
    }.get(user.role, url_for("accounts.account"))


def _register(form, role: Role, organization=None):
    """Ask for the account a registration form describes; the same answer whether the address is new or
    already has an account (its owner is told by e-mail), else the form again with its errors."""
    if form.validate_on_submit():
        def create():
            if role is Role.EMPLOYER and organization is None:
                message = _("Choose your organization.")
                raise DomainError(message, {"organization": [message]})
            consent = getattr(form, "lived_experience_consent", None)
            recovery.register(email=form.email.data, password=form.password.data, name=form.name.data,
                              role=role, organization=organization, terms_accepted=form.accept_terms.data,
                              lived_experience_consent=bool(consent and consent.data))

        if form_change(form, create) is not FAILED:
            return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/register.html", form=form, employer=role is Role.EMPLOYER)


@bp.get("/register/sent")
def check_inbox():
    """After a registration: the link to confirm the address is in the mailbox."""
    return render_template("accounts/check_inbox.html")


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Self-registration of a peer worker."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    return _register(RegistrationForm(), Role.CANDIDATE)


@bp.route("/register/employer", methods=["GET", "POST"])
def register_employer():
    """An employer asks for an account in an organization; an administrator approves it."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = EmployerRegistrationForm()
    form.organization.choices = organization_choices(_("Choose your organization"))
    organization = db.session.get(Organization, form.organization.data) if form.organization.data else None
    return _register(form, Role.EMPLOYER, organization)


def throttled_page(error: Throttled, template: str, **context):
    """The form again with the lockout message, answered 429 with Retry-After."""
    flash(error.message, "error")
    response = make_response(render_template(template, **context), 429)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


@bp.route("/login", methods=["GET", "POST"])
@throttle_address
def login():
    """Sign in; the same message whether the address is unknown or the password wrong."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():  # the sign-in's time and a rehashed password
                user = accounts.authenticate(form.email.data or "", form.password.data or "", AttemptBudget)
        except Throttled as error:
            return throttled_page(error, "accounts/login.html", form=form)
        if user is None:
            flash(_("Wrong e-mail address or password."), "error")
            return render_template("accounts/login.html", form=form), 200
        if two_factor.asks_code(user):
            return begin_second_factor(user)
        start_session(user)
        flash(_("You are signed in."), "success")
        return redirect(safe_next(request.args.get("next"), default=home_for(user)))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out and invalidate this account's sessions everywhere."""
    form = LogoutForm()
    if not form.validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
        return redirect(url_for("accounts.account"))
    with unit_of_work():
        accounts.end_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("main.index"))


@bp.get("/account")
@login_required
def account():
    """The signed-in user's account page, with the forms to change the password and the e-mail."""
    return render_template("accounts/account.html", password_form=ChangePasswordForm(prefix="pw"),
                           email_form=ChangeEmailForm(prefix="em"), **_two_factor_context())


def _two_factor_context() -> dict:
    user = current_user._get_current_object()
    return {"two_factor_form": DisableTwoFactorForm(prefix="tf"),
            "two_factor_required": two_factor.required(user),
            "recovery_codes_left": two_factor.recovery_codes_left(user) if user.two_factor_enabled else 0}


def _account_change(form_class, prefix: str, change, success: str):
    """Apply a change of the account's credentials, then start this session again (the others end)."""
    form = form_class(prefix=prefix)
    forms = {"password_form": ChangePasswordForm(prefix="pw"), "email_form": ChangeEmailForm(prefix="em"),
             **_two_factor_context()}
    forms["password_form" if prefix == "pw" else "email_form"] = form
    if form.validate_on_submit():
        try:
            done = form_change(form, lambda: change(form, AttemptBudget(current_user)))
        except Throttled as error:
            return throttled_page(error, "accounts/account.html", **forms)
        if done is not FAILED:
            start_session(current_user._get_current_object())
            flash(success, "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", **forms)


@bp.post("/account/password")
@login_required
def change_password():
    """Change the password (the current one is asked); other sessions end, this one goes on."""
    return _account_change(
        ChangePasswordForm, "pw",
        lambda f, budget: accounts.change_password(current_user, f.current_password.data, f.password.data,
                                                   budget),
        _("Your password is changed. Your other sessions are closed."))


@bp.post("/account/email")
@login_required
def change_email():
    """Change the sign-in e-mail address (the password is asked)."""
    return _account_change(
        ChangeEmailForm, "em",
        _change_email, _("Your e-mail address is changed. Open the link we sent to it to confirm it."))


def _change_email(form, budget) -> None:
    if accounts.change_email(current_user, form.current_password.data, form.email.data, budget):
        recovery.send_confirmation(current_user)


@bp.post("/account/confirmation")
@login_required
def resend_confirmation():
    """Send the link that confirms the account's address again."""
    if ResendConfirmationForm().validate_on_submit() and not current_user.email_confirmed:
        with unit_of_work():
            recovery.send_confirmation(current_user)
        flash(_("We sent a new link to %(email)s.", email=current_user.email), "info")
    return redirect(url_for("accounts.account"))


@bp.get("/confirm/<token>")
def confirm_email(token: str):
    """Open the link sent to an address: the address is confirmed."""
    try:
        with unit_of_work():
            recovery.confirm_email(token)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("accounts.account" if current_user.is_authenticated else "accounts.login"))
    flash(_("Your e-mail address is confirmed."), "success")
    return redirect(url_for("accounts.account" if current_user.is_authenticated else "accounts.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_LIMIT_PER_ADDRESS"], methods=["POST"])
def forgot_password():
    """Ask for a password-reset link; the same answer whether or not the address has an account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with unit_of_work():
            recovery.request_password_reset(form.email.data or "")
        flash(_("If an account uses this address, we sent it a link to choose a new password. It is valid "
                "for one hour."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password with the link sent by e-mail (it works during a login lockout too)."""
    try:
        recovery.check_reset_link(token)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = form_change(form, lambda: recovery.reset_password(token, form.password.data or ""))
        if user is not FAILED:
            AttemptBudget(user).refund()
            if current_user.is_authenticated:
                logout_user()
            session.clear()
            flash(_("Your password is changed, and your other sessions and API tokens have ended. "
                    "Sign in with the new password."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)

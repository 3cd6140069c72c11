"""Registration, login, logout and the account page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from pairjobs.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    EmployerRegistrationForm,
    LoginForm,
    LogoutForm,
    RegistrationForm,
)
from pairjobs.domain import accounts
from pairjobs.domain.errors import DomainError
from pairjobs.extensions import db
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import Organization, Role, User
from pairjobs.web.choices import organization_choices
from pairjobs.web.i18n import SESSION_KEY
from pairjobs.web.security import safe_next
from pairjobs.web.throttle import throttle_login
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("accounts", __name__)


def start_session(user: User) -> None:
    """Begin a fresh session for the user (nothing carried over from before login)."""
    locale = session.get(SESSION_KEY)
    session.clear()
    if locale:
        session[SESSION_KEY] = locale
    login_user(user)


def home_for(user: User) -> str:
    """Where each role lands after signing in."""
    return {
        Role.ADMIN: url_for("admin.index"),
        Role.EMPLOYER: url_for("employer.index"),
        Role.MONITOR: url_for("reports.index"),
    }.get(user.role, url_for("accounts.account"))


def _register(form, role: Role, organization=None, *, welcome: str, category: str, home: str):
    """Create the account a registration form asks for, then sign it in; else the form again."""
    if form.validate_on_submit():
        def create():
            if role is Role.EMPLOYER and organization is None:
                message = _("Choose your organization.")
                raise DomainError(message, {"organization": [message]})
            return accounts.create_user(email=form.email.data, password=form.password.data,
                                        name=form.name.data, role=role, organization=organization)

        user = form_change(form, create)
        if user is not FAILED:
            start_session(user)
            flash(welcome, category)
            return redirect(url_for(home))
    return render_template("accounts/register.html", form=form, employer=role is Role.EMPLOYER)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Self-registration of a peer worker."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    return _register(RegistrationForm(), Role.CANDIDATE, welcome=_("Welcome! Your account is ready."),
                     category="success", home="accounts.account")


@bp.route("/register/employer", methods=["GET", "POST"])
def register_employer():
    """An employer asks for an account in an organization; an administrator approves it."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = EmployerRegistrationForm()
    form.organization.choices = organization_choices(_("Choose your organization"))
    organization = db.session.get(Organization, form.organization.data) if form.organization.data else None
    return _register(form, Role.EMPLOYER, organization, category="info", home="employer.index", welcome=_(
        "Your account is created. An administrator will approve it before you can post positions."))


@bp.route("/login", methods=["GET", "POST"])
@throttle_login
def login():
    """Sign in; the same message whether the address is unknown or the password wrong."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data or "", form.password.data or "")
        if user is None:
            db.session.rollback()
            flash(_("Wrong e-mail address or password."), "error")
            return render_template("accounts/login.html", form=form), 200
        db.session.commit()
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
                           email_form=ChangeEmailForm(prefix="em"))


def _account_change(form_class, prefix: str, change, success: str):
    """Apply a change of the account's credentials, then start this session again (the others end)."""
    form = form_class(prefix=prefix)
    if form.validate_on_submit() and form_change(form, lambda: change(form)) is not FAILED:
        start_session(current_user._get_current_object())
        flash(success, "success")
        return redirect(url_for("accounts.account"))
    forms = {"password_form": ChangePasswordForm(prefix="pw"), "email_form": ChangeEmailForm(prefix="em")}
    forms["password_form" if prefix == "pw" else "email_form"] = form
    return render_template("accounts/account.html", **forms)


@bp.post("/account/password")
@login_required
def change_password():
    """Change the password (the current one is asked); other sessions end, this one goes on."""
    return _account_change(
        ChangePasswordForm, "pw",
        lambda f: accounts.change_password(current_user, f.current_password.data, f.password.data),
        _("Your password is changed. Your other sessions are closed."))


@bp.post("/account/email")
@login_required
def change_email():
    """Change the sign-in e-mail address (the password is asked)."""
    return _account_change(
        ChangeEmailForm, "em",
        lambda f: accounts.change_email(current_user, f.current_password.data, f.email.data),
        _("Your e-mail address is changed."))

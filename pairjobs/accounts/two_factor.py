"""The second factor of sign-in: the code page after the password, the setup (QR code, recovery codes),
and the account page's controls. A correct password alone opens no session: it leaves a pending sign-in
(the account and its session nonce, for TWO_FACTOR_PENDING_MINUTES) that a code completes."""

from __future__ import annotations

import time

import segno
from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from pairjobs.accounts.forms import CodeForm, DisableTwoFactorForm
from pairjobs.accounts.views import PENDING, bp, home_for, start_session, throttled_page
from pairjobs.domain import two_factor
from pairjobs.domain.errors import Throttled
from pairjobs.extensions import db
from pairjobs.models import User
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.throttle import AttemptBudget
from pairjobs.web.transaction import FAILED, form_change


def _pending() -> tuple[User | None, str]:
    """The account whose password was just given, while its sign-in may still be completed."""
    pending = session.get(PENDING) or {}
    user = db.session.get(User, pending.get("user") or 0)
    fresh = time.time() - pending.get("at", 0) < current_app.config["TWO_FACTOR_PENDING_MINUTES"] * 60
    if user is None or not fresh or user.session_nonce != pending.get("nonce") or not user.is_enabled:
        return None, ""
    return user, pending.get("next") or home_for(user)


def _open_session(user: User) -> None:
    """The sign-in is complete: the pending state goes, the attempts are given back, the session opens."""
    session.pop(PENDING, None)
    AttemptBudget(user).refund()
    start_session(user)


def _expired():
    session.pop(PENDING, None)
    flash(_("Sign in again: the code was not given in time."), "error")
    return redirect(url_for("accounts.login"))


@bp.route("/login/code", methods=["GET", "POST"])
def sign_in_code():
    """The second step of signing in: a code of the authenticator app or a recovery code."""
    user, next_url = _pending()
    if user is None or not user.two_factor_enabled:
        return _expired()
    form = CodeForm()
    if form.validate_on_submit():
        try:
            done = form_change(form, lambda: two_factor.verify(user, form.code.data or "",
                                                               AttemptBudget(user)))
        except Throttled as error:
            return throttled_page(error, "accounts/two_factor_code.html", form=form)
        if done is not FAILED:
            _open_session(user)
            flash(_("You are signed in."), "success")
            return redirect(next_url)
    return render_template("accounts/two_factor_code.html", form=form)


def _setup_page(user: User, template_context: dict):
    """The setup: a QR code and the secret to type, then a first code; the recovery codes once done."""
    form = CodeForm()
    if form.validate_on_submit():
        codes = form_change(form, lambda: two_factor.confirm_setup(user, form.code.data or ""))
        if codes is not FAILED:
            return codes
    elif not user.totp_secret:
        form_change(None, lambda: two_factor.start_setup(user))
    setup = two_factor.setup_of(user)
    qr = segno.make(setup.uri, error="m").svg_data_uri(scale=5, border=2)
    return render_template("accounts/two_factor_setup.html", form=form, secret=setup.secret, qr=qr,
                           **template_context)


@bp.route("/login/code/setup", methods=["GET", "POST"])
def sign_in_setup():
    """Signing in to an account that must use a second factor and has none yet: set it up now."""
    user, next_url = _pending()
    if user is None or user.two_factor_enabled:
        return _expired()
    result = _setup_page(user, {"signing_in": True})
    if not isinstance(result, list):
        return result
    _open_session(user)
    return render_template("accounts/recovery_codes.html", codes=result, next_url=next_url)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    """Turn two-factor sign-in on from the account page."""
    user = current_user._get_current_object()
    if user.two_factor_enabled:
        return redirect(url_for("accounts.account"))
    result = _setup_page(user, {"signing_in": False})
    if not isinstance(result, list):
        return result
    return render_template("accounts/recovery_codes.html", codes=result, next_url=url_for("accounts.account"))


@bp.post("/account/two-factor/recovery-codes")
@login_required
def new_recovery_codes():
    """Ten new recovery codes (the earlier ones stop working)."""
    user = current_user._get_current_object()
    if not ConfirmForm().validate_on_submit() or not user.two_factor_enabled:
        return redirect(url_for("accounts.account"))
    codes = form_change(None, lambda: two_factor.new_recovery_codes(user))
    if codes is FAILED:
        return redirect(url_for("accounts.account"))
    return render_template("accounts/recovery_codes.html", codes=codes, next_url=url_for("accounts.account"))


@bp.post("/account/two-factor/off")
@login_required
def two_factor_off():
    """Turn two-factor sign-in off (the password and a code are asked), unless the role requires it."""
    user = current_user._get_current_object()
    form = DisableTwoFactorForm(prefix="tf")
    if form.validate_on_submit():
        try:
            done = form_change(form, lambda: two_factor.disable(
                user, form.current_password.data or "", form.code.data or "", AttemptBudget(user)))
        except Throttled as error:
            flash(error.message, "error")
            return redirect(url_for("accounts.account"))
        if done is not FAILED:
            flash(_("Two-factor sign-in is turned off."), "success")
            return redirect(url_for("accounts.account"))
    for messages in form.errors.values():
        for message in messages:
            flash(message, "error")
    return redirect(url_for("accounts.account"))

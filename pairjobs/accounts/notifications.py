"""The e-mail settings page: each person turns off the e-mails the process does not need."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from pairjobs.accounts.views import bp
from pairjobs.domain import notifications
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.transaction import FAILED, form_change


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def notifications_settings():
    """Which optional e-mails the person receives (every box ticked by default)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        wanted = request.form.getlist("wanted")
        if form_change(None, lambda: notifications.set_wanted(current_user, wanted)) is not FAILED:
            flash(_("Your e-mail settings are saved."), "success")
            return redirect(url_for("accounts.notifications_settings"))
    return render_template("accounts/notifications.html", form=form,
                           mails=notifications.optional_mails(current_user),
                           off=set(current_user.mail_opt_outs or []))

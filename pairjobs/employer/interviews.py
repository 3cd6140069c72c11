"""The employer's interviews: propose one from the application page, cancel one after confirming."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pairjobs.domain import interviews
from pairjobs.domain.interviews import InterviewInput
from pairjobs.employer.applications import application_page, status_form
from pairjobs.employer.forms import InterviewForm
from pairjobs.employer.views import bp
from pairjobs.models import Role
from pairjobs.models.base import utcnow
from pairjobs.schemas.base import load
from pairjobs.schemas.interviews import InterviewFormSchema
from pairjobs.web.access import roles_required, visible_application_or_404, visible_interview_or_404
from pairjobs.web.confirm import ask
from pairjobs.web.forms import ConfirmForm, form_values
from pairjobs.web.templating import format_moment
from pairjobs.web.transaction import FAILED, form_change


@bp.post("/applications/<int:application_id>/interviews")
@roles_required(Role.EMPLOYER, approved=True)
def propose_interview(application_id: int):
    """Propose an interview; the candidate receives the invitation by e-mail."""
    item = visible_application_or_404(application_id, current_user)
    form = InterviewForm(prefix="interview")
    if form.validate_on_submit():
        created = form_change(form, lambda: interviews.propose(
            item, current_user, InterviewInput(**load(InterviewFormSchema(), form_values(form))), utcnow()))
        if created is not FAILED:
            flash(_("Interview proposed: the candidate received the invitation."), "success")
            return redirect(url_for("employer.application", application_id=item.id, _anchor="interviews"))
    return application_page(item, status_form(item, fresh=True), form), 422


@bp.route("/interviews/<int:interview_id>/cancel", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, approved=True)
def cancel_interview(interview_id: int):
    """Ask for confirmation, then cancel; the candidate's calendar removes the event."""
    interview = visible_interview_or_404(interview_id, current_user)
    form = ConfirmForm()
    if form.validate_on_submit():
        if form_change(None, lambda: interviews.cancel(interview, utcnow())) is not FAILED:
            flash(_("Interview cancelled: the candidate was told."), "success")
        return redirect(url_for("employer.application", application_id=interview.application_id,
                                _anchor="interviews"))
    question = _("Cancel the interview of %(when)s with %(name)s for “%(title)s”? The candidate is told by "
                 "e-mail and their calendar removes it.", when=format_moment(interview.starts_at),
                 name=interview.application.candidate.name, title=interview.application.position.title)
    return ask(_("Cancel the interview"), question, _("Yes, cancel the interview"),
               url_for("employer.application", application_id=interview.application_id, _anchor="interviews"))

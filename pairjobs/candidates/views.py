"""The peer worker's pages: profile, credentials, applications, data export and deletion."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from pairjobs.candidates.forms import CredentialForm, DeleteAccountForm, ProfileForm
from pairjobs.domain import applications as pipeline
from pairjobs.domain import audit, candidates, interviews
from pairjobs.domain.accounts import check_current_password
from pairjobs.domain.errors import DomainError, Throttled
from pairjobs.domain.follow_up import days_without_answer
from pairjobs.domain.privacy import candidate_records, delete_candidate
from pairjobs.extensions import db, login_manager
from pairjobs.infra.clock import today
from pairjobs.infra.documents import delete_document, path_for
from pairjobs.infra.transaction import unit_of_work
from pairjobs.models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    Contract,
    Credential,
    Position,
    Role,
    SavedSearch,
)
from pairjobs.models.base import utcnow
from pairjobs.schemas.base import load
from pairjobs.schemas.candidates import ProfileSchema
from pairjobs.schemas.credentials import CredentialSchema
from pairjobs.schemas.privacy import CandidateExportSchema
from pairjobs.web.access import (
    can_download_credential,
    roles_required,
    visible_application_or_404,
    visible_interview_or_404,
)
from pairjobs.web.choices import department_options
from pairjobs.web.confirm import ask, confirmed
from pairjobs.web.documents import send_document
from pairjobs.web.forms import (
    ConfirmForm,
    form_values,
)
from pairjobs.web.throttle import AttemptBudget
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("candidates", __name__)


@bp.route("/profile", methods=["GET", "POST"])
@roles_required(Role.CANDIDATE)
def profile():
    """Edit the profile and its visibility."""
    current = candidates.profile_of(current_user)
    form = ProfileForm(data=None if current is None else {
        "name": current_user.name, "phone": current.phone, "share_phone": current.share_phone,
        "departments_sought": current.department_codes, "availability": current.availability,
        "presentation": current.presentation, "lived_experience": current.lived_experience,
        "share_lived_experience": current.share_lived_experience,
        "lived_experience_consent": current.lived_experience_consent_at is not None,
    })
    form.departments_sought.choices = department_options()
    had_text = current is not None and bool(current.lived_experience)
    saved = form.validate_on_submit() and form_change(form, lambda: candidates.update_profile(
        current_user, load(ProfileSchema(), form_values(form))))
    if saved and saved is not FAILED:
        flash(_("Your profile is saved."), "success")
        if had_text and saved.lived_experience_consent_at is None:
            flash(_("Your consent is withdrawn: your lived-experience text is erased."), "info")
        return redirect(url_for("candidates.profile"))
    return render_template("candidates/profile.html", form=form)


@bp.route("/credentials", methods=["GET", "POST"])
@roles_required(Role.CANDIDATE)
def credentials():
    """List the credentials and declare a new one."""
    form = CredentialForm()
    if form.validate_on_submit():
        upload = form.document.data
        added = form_change(form, lambda: candidates.add_credential(
            current_user, load(CredentialSchema(), form_values(form)), upload.stream if upload else None,
            upload.filename if upload else None))
        if added is not FAILED:
            flash(_("Credential added. An administrator will check it."), "success")
            return redirect(url_for("candidates.credentials"))
    return render_template("candidates/credentials.html", form=form, credentials=current_user.credentials,
                           delete_form=ConfirmForm())


@bp.post("/credentials/<int:credential_id>/delete")
@roles_required(Role.CANDIDATE)
def delete_credential(credential_id: int):
    """Remove one of the candidate's credentials."""
    credential = db.session.get(Credential, credential_id)
    if credential is None or credential.user_id != current_user.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not confirmed():
        question = _("Remove “%(title)s” and its certificate? Applications already sent keep what they "
                     "showed.", title=credential.title)
        return ask(_("Remove a credential"), question, _("Yes, remove it"), url_for("candidates.credentials"))
    with unit_of_work():
        key = candidates.delete_credential(credential)
    delete_document(key)
    flash(_("Credential removed."), "success")
    return redirect(url_for("candidates.credentials"))


@bp.get("/credentials/<int:credential_id>/document")
def credential_document(credential_id: int):
    """The certificate, for its owner, administrators and the employers the candidate applied to."""
    credential = db.session.get(Credential, credential_id)
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if (credential is None or credential.document_key is None
            or not can_download_credential(current_user, credential)):
        abort(404)
    if not path_for(credential.document_key).exists():
        abort(404)
    if current_user.id != credential.user_id:
        with unit_of_work():
            audit.record(current_user, audit.Action.CREDENTIAL_DOWNLOADED, f"credential:{credential.id}",
                         credential.user_id)
    return send_document(credential.document_key, credential.document_filename, "certificate.pdf")


@bp.get("/applications")
@roles_required(Role.CANDIDATE)
def applications():
    """The candidate's applications with their status."""
    rows = db.session.scalars(
        sa.select(Application).where(Application.candidate_id == current_user.id)
        .options(sa.orm.joinedload(Application.position).joinedload(Position.organization))
        .order_by(Application.created_at.desc())
    ).all()
    now, delay = utcnow(), current_app.config["APPLICATION_REMINDER_DAYS"]
    return render_template("candidates/applications.html", applications=rows,
                           waiting={a.id: days_without_answer(a, now, delay) for a in rows})


@bp.get("/applications/<int:application_id>")
@roles_required(Role.CANDIDATE)
def application(application_id: int):
    """One application and its history (the employer's notes are never shown)."""
    item = visible_application_or_404(application_id, current_user)
    history = [e for e in item.events if e.from_status != e.to_status]
    now, delay = utcnow(), current_app.config["APPLICATION_REMINDER_DAYS"]
    contract = db.session.scalar(sa.select(Contract).where(Contract.application_id == item.id,
                                                           Contract.person_id == current_user.id)
                                 .order_by(Contract.id)) if item.status is ApplicationStatus.HIRED else None
    return render_template("candidates/application.html", application=item, history=history,
                           form=ConfirmForm(), answer_form=ConfirmForm(), now=now, today=today(),
                           days_waiting=days_without_answer(item, now, delay), contract=contract)


@bp.post("/interviews/<int:interview_id>/accept", defaults={"answer": "accept"})
@bp.post("/interviews/<int:interview_id>/decline", defaults={"answer": "decline"})
@roles_required(Role.CANDIDATE)
def answer_interview(interview_id: int, answer: str):
    """Accept or decline an interview; the recruiters are told."""
    interview = visible_interview_or_404(interview_id, current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accepted = answer == "accept"
    answered = form_change(None, lambda: interviews.answer(interview, current_user, accepted, utcnow()))
    if answered is not FAILED:
        flash(_("Interview accepted: the employer is told.") if accepted else
              _("Interview declined: the employer is told."), "success")
    return redirect(url_for("candidates.application", application_id=interview.application_id,
                            _anchor="interviews"))


@bp.post("/applications/<int:application_id>/withdraw")
@roles_required(Role.CANDIDATE)
def withdraw(application_id: int):
    """Withdraw an application in progress, once confirmed on a page that says what follows."""
    item = visible_application_or_404(application_id, current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not confirmed():
        question = _("Withdraw your application to “%(title)s” at %(org)s? The recruiters are told and no "
                     "longer see your contact details. While the position is open, you can take your "
                     "withdrawal back.", title=item.position.title, org=item.position.organization.name)
        return ask(_("Withdraw my application"), question, _("Yes, withdraw it"),
                   url_for("candidates.application", application_id=item.id))
    if form_change(None, lambda: pipeline.withdraw(item, current_user)) is not FAILED:
        flash(_("Your application is withdrawn. While the position is open, you can take it back."),
              "success")
    return redirect(url_for("candidates.application", application_id=item.id))


@bp.post("/applications/<int:application_id>/reinstate")
@roles_required(Role.CANDIDATE)
def reinstate(application_id: int):
    """Take back a withdrawal while the position is open."""
    item = visible_application_or_404(application_id, current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if form_change(None, lambda: pipeline.undo_withdrawal(item, current_user, today())) is not FAILED:
        flash(_("Your application is back in the recruitment."), "success")
    return redirect(url_for("candidates.application", application_id=item.id))


@bp.get("/data")
@roles_required(Role.CANDIDATE)
def my_data():
    """The privacy page: who viewed the candidate's data, download everything, or delete the account."""
    views = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.candidate_id == current_user.id)
        .options(sa.orm.joinedload(AuditEntry.organization)).order_by(AuditEntry.at.desc()).limit(200)
    ).all()
    return render_template("candidates/data.html", form=DeleteAccountForm(), views=views)


@bp.get("/data.json")
@roles_required(Role.CANDIDATE)
def export():
    """All the candidate's data as a JSON file."""
    export = CandidateExportSchema().dump(candidate_records(current_user))
    body = json.dumps(export, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="pairjobs-mes-donnees.json"',
        "Cache-Control": "private, no-store",
    })


@bp.post("/delete")
@roles_required(Role.CANDIDATE)
def delete_account():
    """Delete the account after checking the password."""
    form = DeleteAccountForm()
    if not form.validate_on_submit():
        flash(_("The password is not correct: nothing was deleted."), "error")
        return redirect(url_for("candidates.my_data"))
    try:  # the same attempt budget as every other password check of the account
        check_current_password(current_user, form.password.data or "", AttemptBudget(current_user))
    except Throttled as error:
        flash(error.message, "error")
        return redirect(url_for("candidates.my_data"))
    except DomainError:
        flash(_("The password is not correct: nothing was deleted."), "error")
        return redirect(url_for("candidates.my_data"))
    user = current_user._get_current_object()
    logout_user()
    with unit_of_work():
        keys = delete_candidate(user)
    for key in keys:
        delete_document(key)
    flash(_("Your account and your data are deleted."), "success")
    return redirect(url_for("main.index"))


@bp.get("/searches")
@roles_required(Role.CANDIDATE)
def searches():
    """The candidate's saved searches."""
    rows = db.session.scalars(sa.select(SavedSearch).where(SavedSearch.user_id == current_user.id,
                                                          SavedSearch.active).order_by(SavedSearch.created_at)).all()
    return render_template("candidates/searches.html", searches=rows, form=ConfirmForm())


@bp.post("/searches/<int:search_id>/delete")
@roles_required(Role.CANDIDATE)
def delete_search(search_id: int):
    """Stop a saved search."""
    search = db.session.get(SavedSearch, search_id)
    if search is None or search.user_id != current_user.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        db.session.delete(search)
    flash(_("The saved search is deleted."), "success")
    return redirect(url_for("candidates.searches"))

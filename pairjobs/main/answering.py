"""The page where a peer worker answers the yearly questionnaire, from the single-use link of their e-mail.
No account is needed, and nothing of the visit is stored with the answers."""

from __future__ import annotations

from flask import Response, abort, make_response, render_template, request

from pairjobs.domain import questionnaire
from pairjobs.domain.errors import DomainError, ValidationFailed
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.infra.transaction import unit_of_work
from pairjobs.main.views import bp
from pairjobs.models import Organization
from pairjobs.web.forms import ConfirmForm


def _no_store(page: str, status: int = 200) -> Response:
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the link never leaves in a Referer header
    return response


@bp.route("/questionnaire/<token>", methods=["GET", "POST"])
def answer_questionnaire(token: str):
    """The questions of the link's campaign; once answered, the link is spent."""
    found = questionnaire.open_link(token, today())
    if found is None:
        return _no_store(render_template("main/questionnaire_closed.html"), 404)
    link, campaign = found
    errors: dict[str, list[str]] = {}
    message = None
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        try:
            with unit_of_work():
                questionnaire.answer(token, request.form, today())
        except ValidationFailed as exc:
            errors, message = exc.fields, exc.message
        except DomainError:
            return _no_store(render_template("main/questionnaire_closed.html"), 404)
        else:
            return _no_store(render_template("main/questionnaire_thanks.html"))
    organization = db.session.get(Organization, link.organization_id)
    return _no_store(render_template("main/questionnaire.html", campaign=campaign, organization=organization,
                                     form=ConfirmForm(), errors=errors, message=message,
                                     given=request.form if request.method == "POST" else {}),
                     422 if errors or message else 200)

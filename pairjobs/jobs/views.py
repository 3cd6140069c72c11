"""Public search and position pages."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; its stubs are 3.2

from pairjobs.domain import alerts
from pairjobs.domain import applications as pipeline
from pairjobs.domain.applications import already_applied_message
from pairjobs.domain.employer_record import employer_record
from pairjobs.domain.geo import geography
from pairjobs.domain.positions import flags_of
from pairjobs.domain.search import (
    DEFAULT_RADIUS_KM,
    SEARCH_TABLES,
    SearchQuery,
    facet_counts,
    parse_search,
    read_sample,
    search_positions,
    text_condition,
)
from pairjobs.extensions import db
from pairjobs.infra.caching import cached, content_key
from pairjobs.infra.clock import today
from pairjobs.infra.links import site_address
from pairjobs.infra.transaction import unit_of_work
from pairjobs.jobs.forms import ApplyForm
from pairjobs.jobs.structured import job_posting, json_ld
from pairjobs.models import Application, Role
from pairjobs.web.access import can_manage_position, roles_required, visible_position_or_404
from pairjobs.web.forms import ConfirmForm
from pairjobs.web.i18n import locale_name
from pairjobs.web.suggestions import suggested_words
from pairjobs.web.transaction import FAILED, form_change

bp = Blueprint("jobs", __name__)


@bp.get("/jobs")
def search():
    """Search published positions; the URL holds the whole query."""
    cfg = current_app.config
    departments = geography().departments
    query, errors = parse_search(request.args, cfg["SEARCH_PAGE_SIZE"], cfg["SEARCH_PAGE_SIZE"],
                                 set(departments))
    query.per_page = cfg["SEARCH_PAGE_SIZE"]
    day = today()
    # (The key's name changes with the shape of what is stored: a shared cache outlives a release.)
    total, more, form_html, results_html = cached(
        "jobs.search.capped", (query.as_args(), query.per_page, locale_name(), day), SEARCH_TABLES,
        lambda: _render_search(query, day, departments))
    return render_template("jobs/search.html", query=query, errors=errors, total=total, more=more,
                           fields=SEARCH_FIELDS,
                           form_html=Markup(form_html),
                           results_html=Markup(_mark_applied(results_html)),
                           save_form=ConfirmForm() if getattr(current_user, "role", None) is Role.CANDIDATE
                           else None,
                           query_string=urlencode(query.as_args(page=None), doseq=True))


# The search form's label of each parameter; the notice of what was not understood names them the same way.
SEARCH_FIELDS = {
    "q": _l("Keywords"), "department": _l("Department"), "contract_type": _l("Contract"),
    "stable_only": _l("Stable jobs only (civil servant, permanent contract)"),
    "min_fte": _l("Working time at least"), "supervision": _l("Supervision at least"),
    "setting": _l("Setting"), "org_kind": _l("Employer"), "near": _l("Near (commune)"),
    "radius_km": _l("Within"),
    "min_salary": _l("Monthly gross pay at least (€)"), "published_since": _l("Published"),
    "sort": _l("Order"), "page": _l("Page"), "per_page": _l("Page"),
}
APPLIED_MARK = re.compile(r"<!--applied:(\d+)-->")


def _mark_applied(results_html: str) -> str:
    """The shared results with "already applied" on the positions the signed-in peer worker applied to."""
    ids = {int(i) for i in APPLIED_MARK.findall(results_html)}
    applied: set[int] = set()
    if ids and getattr(current_user, "role", None) is Role.CANDIDATE:
        applied = set(db.session.scalars(sa.select(Application.position_id).where(
            Application.candidate_id == current_user.id, Application.position_id.in_(ids))))
    badge = str(Markup('<p class="tag tag-applied">{}</p>').format(_("Already applied")))
    return APPLIED_MARK.sub(lambda m: badge if int(m.group(1)) in applied else "", results_html)


def _render_search(query: SearchQuery, day: date, departments: dict) -> tuple[int, bool, str, str]:
    """The number of results (and whether there are more: past SEARCH_FACET_LIMIT they are not counted),
    the filled form and the list of one page of results: the same for every visitor of this query."""
    words = text_condition(query.q) if query.q else None  # built once: it reads the index's vocabulary
    limit = current_app.config["SEARCH_FACET_LIMIT"]
    sample = read_sample(query, day, limit, words)
    result = sample.page() if sample.rows is not None else search_positions(query, day, words, cap=limit)
    flags = {p.id: flags_of(p) for p in result.items}
    form = render_template("jobs/_search_form.html", query=query, facets=facet_counts(sample),
                           facet_limit=limit,
                           fields=SEARCH_FIELDS,
                           default_radius=DEFAULT_RADIUS_KM,
                           departments=sorted(departments.values(), key=lambda d: d.code))
    suggested = None if result.total else suggested_words(query, day)
    return result.total, result.more, form, render_template("jobs/_results.html", query=query, result=result,
                                                            flags=flags, suggested=suggested)


@bp.get("/jobs/feed.atom")
def feed():
    """An Atom feed of the newest published positions matching the search parameters."""
    cfg = current_app.config
    query, _errors = parse_search(request.args, cfg["FEED_SIZE"], cfg["FEED_SIZE"],
                                  set(geography().departments))
    query.sort, query.page, query.per_page = "newest", 1, cfg["FEED_SIZE"]
    result = search_positions(query, today())
    with force_locale("fr"):  # the feed is in French (xml:lang="fr") whatever the reader's language
        body = render_template("jobs/feed.atom.xml", positions=result.items, query=query,
                               updated=max((p.published_at for p in result.items), default=None))
    return current_app.response_class(body, mimetype="application/atom+xml")


@bp.get("/jobs/<int:position_id>")
def detail(position_id: int):
    """A position's page: every commitment in plain words, its flags, how to apply."""
    position = visible_position_or_404(position_id, current_user)
    applied = None
    if current_user.is_authenticated and current_user.role is Role.CANDIDATE:
        applied = db.session.scalar(sa.select(Application).where(Application.position_id == position.id,
                                                                 Application.candidate_id == current_user.id))
    day = today()
    is_open = position.is_open(day)
    # The JSON-LD holds absolute links: the site's address is part of the key.
    key = (position.id, locale_name(), day, site_address(), content_key(position, position.organization))
    body_html, json_ld_html = cached("jobs.detail", key, (), lambda: _render_position(position, is_open, day))
    return render_template("jobs/detail.html", applied=applied, position=position, is_open=is_open,
                           body_html=Markup(body_html), json_ld_html=Markup(json_ld_html),
                           record=employer_record(position.organization_id, day),
                           can_manage=can_manage_position(current_user, position))


def _render_position(position, is_open: bool, day: date) -> tuple[str, str]:
    """What every visitor sees of a position, and its JobPosting JSON-LD (cached by their content)."""
    body = render_template("jobs/_position_body.html", position=position, flags=flags_of(position),
                           is_open=is_open)
    return body, str(json_ld(job_posting(position, day)))


@bp.route("/jobs/<int:position_id>/apply", methods=["GET", "POST"])
@roles_required(Role.CANDIDATE)
def apply(position_id: int):
    """Apply with a message and chosen credentials; a second attempt says "already applied"."""
    position = visible_position_or_404(position_id, current_user)
    existing = db.session.scalar(sa.select(Application).where(Application.position_id == position.id,
                                                              Application.candidate_id == current_user.id))
    if existing is not None:
        flash(already_applied_message(), "info")
        return redirect(url_for("candidates.application", application_id=existing.id))
    form = ApplyForm()
    form.credentials.choices = [SelectChoice(c.id, f"{c.title} — {c.institution}")
                                for c in current_user.credentials]
    if form.validate_on_submit():
        application = form_change(form, lambda: pipeline.apply(current_user, position, form.message.data,
                                                               form.credentials.data or [], today()))
        if application is not FAILED:
            flash(_("Your application is sent. You will be told of each step."), "success")
            return redirect(url_for("candidates.application", application_id=application.id))
        if db.session.scalar(sa.select(Application.id).where(Application.position_id == position.id,
                                                             Application.candidate_id == current_user.id)):
            flash(already_applied_message(), "info")  # sent twice, or from two tabs
            return redirect(url_for("candidates.applications"))
    return render_template("jobs/apply.html", position=position, form=form, is_open=position.is_open(today()))


@bp.post("/jobs/saved")
@roles_required(Role.CANDIDATE)
def save_search():
    """Save the current search and be told of new matching positions."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    args = MultiDict(parse_qsl(request.form.get("query", ""), keep_blank_values=False))
    if form_change(None, lambda: alerts.save_search(current_user, args), category="info") is not FAILED:
        flash(_("Search saved: you will receive an e-mail when new positions match."), "success")
    query = urlencode(args.to_dict(flat=False), doseq=True)
    return redirect(url_for("jobs.search") + (f"?{query}" if query else ""))


@bp.route("/jobs/alerts/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """Stop an alert from the link in its e-mail, without signing in."""
    search = alerts.search_for_token(token)
    if search is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        with unit_of_work():
            search.active = False
        flash(_("This alert is stopped. You will not receive it any more."), "success")
        return redirect(url_for("jobs.search"))
    return render_template("jobs/unsubscribe.html", search=search, form=form)

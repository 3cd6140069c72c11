"""Saved searches and their e-mail alerts: each new matching position is sent once."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, urlencode

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import MultiDict

from pairjobs.domain.errors import Conflict, DomainError
from pairjobs.domain.geo import geography
from pairjobs.domain.mail import queue_mail
from pairjobs.domain.search import SearchQuery, parse_search, search_statement
from pairjobs.extensions import db
from pairjobs.models import (
    ContractType,
    OrganizationKind,
    Position,
    Role,
    SavedSearch,
    Setting,
    SupervisionFrequency,
    User,
)
from pairjobs.models.base import utcnow

MAX_PER_ALERT = 20
MAX_SAVED = 20


def _query(args: MultiDict) -> SearchQuery:
    query, _errors = parse_search(args, 20, 100, set(geography().departments))
    return query


def canonical(args: MultiDict) -> str:
    """The search's parameters in a stable order, without page or order."""
    params = _query(args).as_args(page=None, sort=None)
    return urlencode(sorted((k, v) for k, vs in params.items()
                            for v in (vs if isinstance(vs, list) else [vs])))


def describe(query: SearchQuery) -> str:
    """A readable summary of a search, for lists and e-mails."""
    parts = []
    if query.q:
        parts.append(f"« {query.q} »")
    if query.department:
        department = geography().department(query.department)
        parts.append(f"{department.code} {department.name}" if department else query.department)
    parts += [str(ContractType(c).label) for c in query.contract_types]
    if query.stable_only:
        parts.append(_("stable jobs"))
    if query.min_fte:
        parts.append(f"≥ {query.min_fte} %")
    if query.supervision:
        parts.append(_("supervision: %(f)s", f=str(SupervisionFrequency(query.supervision).label).lower()))
    if query.setting:
        parts.append(str(Setting(query.setting).label))
    if query.org_kind:
        parts.append(str(OrganizationKind(query.org_kind).label))
    if query.near and (commune := geography().commune(query.near)):
        parts.append(_("within %(km)d km of %(commune)s", km=query.radius, commune=commune.name))
    if query.min_salary is not None:
        parts.append(_("at least %(amount)s € a month", amount=format_decimal(query.min_salary)))
    if query.published_since is not None:
        parts.append(ngettext("published in the last %(num)d day", "published in the last %(num)d days",
                              query.published_since))
    return ", ".join(parts) or _("All positions")


def query_of(search: SavedSearch) -> SearchQuery:
    """The saved parameters as a search."""
    return _query(MultiDict([(k, v) for k, vs in parse_qs(search.query).items() for v in vs]))


def save_search(user: User, args: MultiDict) -> SavedSearch:
    """Save the search for alerts; new positions from now on will be sent."""
    if user.role is not Role.CANDIDATE:
        raise DomainError(_("Only peer worker accounts save searches."))
    query = canonical(args)
    existing = db.session.scalar(sa.select(SavedSearch).where(SavedSearch.user_id == user.id,
                                                             SavedSearch.query == query))
    if existing is not None:
        if existing.active:
            raise Conflict(_("You already saved this search."))
        existing.active, existing.last_alert_at = True, utcnow()
        return existing
    count = db.session.execute(sa.select(sa.func.count()).select_from(SavedSearch).where(
        SavedSearch.user_id == user.id, SavedSearch.active)).scalar_one()
    if count >= MAX_SAVED:
        raise DomainError(_("You can save at most %(n)d searches.", n=MAX_SAVED))
    search = SavedSearch(user_id=user.id, query=query, label=describe(_query(args))[:200])
    try:
        with db.session.begin_nested():
            db.session.add(search)
    except sa.exc.IntegrityError:
        raise Conflict(_("You already saved this search.")) from None
    return search


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="pairjobs-alert-unsubscribe")


def unsubscribe_token(search: SavedSearch) -> str:
    """A signed token that stops this alert without signing in."""
    return _serializer().dumps(search.id)


def search_for_token(token: str) -> SavedSearch | None:
    """The saved search a token stands for, if the signature holds."""
    try:
        search_id = _serializer().loads(token)
    except BadSignature:
        return None
    return db.session.get(SavedSearch, search_id) if isinstance(search_id, int) else None


def send_alerts(now: datetime, today: date) -> int:
    """Queue one e-mail per active saved search with new matching positions; returns how many.

    A position is new for a search when it was published after the search's last alert and up to
    `now`; the search then moves on to `now`, so each position is sent once.
    """
    sent = 0
    searches = db.session.scalars(
        sa.select(SavedSearch).join(User).where(SavedSearch.active, User.is_enabled).order_by(SavedSearch.id)
    ).all()
    for search in searches:
        stmt = search_statement(query_of(search), today).where(
            Position.published_at > search.last_alert_at, Position.published_at <= now)
        positions = db.session.scalars(stmt.order_by(Position.published_at.desc()).limit(MAX_PER_ALERT)).all()
        total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))
        if positions:
            queue_mail(search.user, "alert", search=search, positions=positions, total=total,
                       token=unsubscribe_token(search))
            sent += 1
        search.last_alert_at = now
    db.session.flush()
    return sent

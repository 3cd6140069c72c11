"""Position search: the query read from URL parameters, and the statement that runs it on either database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from pairjobs.domain.geo import geography
from pairjobs.domain.paging import Page, capped_page_of, page_of
from pairjobs.domain.search.nearby import communes_within
from pairjobs.domain.search.text import text_condition
from pairjobs.extensions import db
from pairjobs.models import (
    ContractType,
    Organization,
    OrganizationKind,
    Position,
    PositionStatus,
    Setting,
    SupervisionFrequency,
)
from pairjobs.models.position import STABLE_CONTRACT_TYPES

SORTS = ("newest", "deadline")
# The tables a search reads (for cached results, see pairjobs.infra.caching).
SEARCH_TABLES = ("organization", "position")
MAX_QUERY_LENGTH = 200
DEFAULT_RADIUS_KM = 30
PARIS = ZoneInfo("Europe/Paris")  # "published in the last N days" counts French days
MAX_RADIUS_KM = 300


@dataclass
class SearchQuery:
    """A validated search: text, filters, order and page."""

    q: str = ""
    department: str | None = None
    contract_types: list[ContractType] = field(default_factory=list)
    stable_only: bool = False
    min_fte: int | None = None
    supervision: SupervisionFrequency | None = None
    setting: Setting | None = None
    org_kind: OrganizationKind | None = None
    near: str | None = None  # INSEE code of a commune
    radius_km: int | None = None
    min_salary: int | None = None  # monthly gross, in euros
    published_since: int | None = None  # days
    sort: str = "newest"
    page: int = 1
    per_page: int = 20

    @property
    def radius(self) -> int:
        """The distance from `near` in km: the one given, else the default."""
        return DEFAULT_RADIUS_KM if self.radius_km is None else self.radius_km

    def as_args(self, **overrides) -> dict:
        """The query as URL parameters (for links to other pages or orders)."""
        args = {
            "q": self.q or None,
            "department": self.department,
            "contract_type": [c.value for c in self.contract_types] or None,
            "stable_only": "1" if self.stable_only else None,
            "min_fte": self.min_fte,
            "supervision": self.supervision.value if self.supervision else None,
            "setting": self.setting.value if self.setting else None,
            "org_kind": self.org_kind.value if self.org_kind else None,
            "near": self.near,
            "radius_km": self.radius_km if self.near else None,
            "min_salary": self.min_salary,
            "published_since": self.published_since,
            "sort": self.sort if self.sort != "newest" else None,
            "page": self.page if self.page != 1 else None,
        } | overrides
        return {k: v for k, v in args.items() if v is not None}


def parse_search(args: MultiDict, default_per_page: int, max_per_page: int,
                 departments: set[str]) -> tuple[SearchQuery, dict[str, list[str]]]:
    """Read search parameters; invalid ones are left out and reported by name."""
    errors: dict[str, list[str]] = {}
    query = SearchQuery(per_page=default_per_page)

    def bad(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    query.q = _first_words((args.get("q") or "").strip(), MAX_QUERY_LENGTH)
    department = (args.get("department") or "").strip().upper()
    if department:
        if department in departments:
            query.department = department
        else:
            bad("department", _("Unknown department."))
    for value in args.getlist("contract_type"):
        if not value:
            continue
        try:
            kind = ContractType(value)
        except ValueError:
            bad("contract_type", _("Unknown contract type: %(value)s.", value=value[:40]))
        else:
            if kind not in query.contract_types:
                query.contract_types.append(kind)
    stable = (args.get("stable_only") or "").strip().lower()
    if stable in {"1", "true", "yes", "on", "y"}:
        query.stable_only = True
    elif stable not in {"", "0", "false", "no", "off", "n"}:
        bad("stable_only", _("Must be yes or no."))
    query.min_fte = _int_param(args, "min_fte", 10, 100, bad)
    for name, enum_cls in (("supervision", SupervisionFrequency), ("setting", Setting),
                           ("org_kind", OrganizationKind)):
        value = (args.get(name) or "").strip()
        if value:
            try:
                setattr(query, name, enum_cls(value))
            except ValueError:
                bad(name, _("Unknown value; expected one of: %(allowed)s.",
                            allowed=", ".join(m.value for m in enum_cls)))
    if query.supervision is SupervisionFrequency.NONE:
        query.supervision = None  # "at least never" filters nothing
    near = (args.get("near") or "").strip()[:100]
    if near:
        query.near = _commune(near, bad)
    query.radius_km = _int_param(args, "radius_km", 0, MAX_RADIUS_KM, bad)
    if query.radius_km is not None and not near:
        bad("radius_km", _("Give the commune (near) the distance is counted from."))
    query.min_salary = _int_param(args, "min_salary", 0, 20_000, bad)
    query.published_since = _int_param(args, "published_since", 0, 3650, bad)
    sort = (args.get("sort") or "").strip()
    if sort in SORTS:
        query.sort = sort
    elif sort:
        bad("sort", _("Unknown order; expected newest or deadline."))
    query.page = _int_param(args, "page", 1, 10_000, bad) or 1
    query.per_page = _int_param(args, "per_page", 1, max_per_page, bad) or default_per_page
    return query, errors


def _first_words(text: str, length: int) -> str:
    """The text cut to at most `length` characters, at the end of a word."""
    if len(text) <= length:
        return text
    cut = text[:length + 1]
    return cut[:cut.rfind(" ")].rstrip() if " " in cut else text[:length]


def _commune(text: str, bad) -> str | None:
    """The INSEE code of a commune given by its code or, when only one bears it, its name."""
    geo = geography()
    commune = geo.commune(text)
    if commune is None:
        named = geo.communes_named(text) or geo.communes_with_postal_code(text)
        if len(named) > 1:
            bad("near", _("Several communes are named %(name)s: give the INSEE code of one of them "
                          "(%(codes)s).", name=text, codes=", ".join(c.label for c in named)))
            return None
        commune = named[0] if named else None
    if commune is None:
        bad("near", _("Unknown commune: give its INSEE code (5 characters, for example 69123 for Lyon) "
                      "or its name."))
        return None
    if not communes_within(commune.code, 0):
        bad("near", _("The location of this commune is not known."))
        return None
    return commune.code


def _int_param(args: MultiDict, name: str, minimum: int, maximum: int, bad) -> int | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        bad(name, _("Must be a whole number."))
        return None
    if not minimum <= number <= maximum:
        bad(name, _("Must be between %(min)d and %(max)d.", min=minimum, max=maximum))
        return None
    return number


def open_positions(today: date, words_lead: bool = False) -> sa.ColumnElement[bool]:
    """Published positions whose deadline has not passed (decided at query time). `words_lead`: the
    statement also has words, which give few positions, and should be read from them (see below)."""
    published: sa.ColumnElement[bool] = Position.status == PositionStatus.PUBLISHED
    if words_lead and db.engine.dialect.name == "sqlite":
        # SQLite plans without statistics: it took "status = published" (most positions) as selective, read
        # every published position by its index and looked each up in the words' list — 6 to 20 ms at
        # national scale for words that give none or a few. Marked likely, the words' list leads.
        published = sa.func.likely(published)
    return sa.and_(published, sa.or_(Position.deadline.is_(None), Position.deadline >= today))


def published_from(today: date, days: int) -> datetime:
    """The start of "published in the last `days` days": midnight in France, `days` days ago."""
    return datetime.combine(today - timedelta(days=days), time.min, tzinfo=PARIS)


_UNBUILT: Any = object()


def search_statement(query: SearchQuery, today: date, words: Any = _UNBUILT,
                     words_lead: bool = False) -> sa.Select:
    """The filtered (unordered, unpaginated) select of positions with their organization. `words` is the
    condition of query.q when the caller already built it (`text_condition`), to run variants of one
    search without building it again; `words_lead` as for `open_positions`."""
    if words is _UNBUILT:
        words = text_condition(query.q) if query.q else None
    stmt = sa.select(Position).join(Position.organization).where(
        open_positions(today, words_lead=words_lead and words is not None))
    if words is not None:
        stmt = stmt.where(words)
    if query.department:
        stmt = stmt.where(Position.department_code == query.department)
    kinds = set(query.contract_types)
    if query.stable_only:
        kinds = (kinds & STABLE_CONTRACT_TYPES) if kinds else set(STABLE_CONTRACT_TYPES)
        if not kinds:
            return stmt.where(sa.false())
    if kinds:
        stmt = stmt.where(Position.contract_type.in_(sorted(kinds)))
    if query.min_fte:
        stmt = stmt.where(Position.fte_percent >= query.min_fte)
    if query.supervision:
        at_least = [f for f in SupervisionFrequency if f.per_year >= query.supervision.per_year]
        stmt = stmt.where(Position.supervision_frequency.in_(at_least))
    if query.setting:
        stmt = stmt.where(Position.setting == query.setting)
    if query.org_kind:
        stmt = stmt.where(Organization.kind == query.org_kind)
    if query.near:
        stmt = stmt.where(Position.commune_code.in_(communes_within(query.near, query.radius)))
    if query.min_salary is not None:
        stmt = stmt.where(sa.func.coalesce(Position.salary_max, Position.salary_min) >= query.min_salary)
    if query.published_since is not None:
        stmt = stmt.where(Position.published_at >= published_from(today, query.published_since))
    return stmt


def search_positions(query: SearchQuery, today: date, words: Any = _UNBUILT, cap: int | None = None) -> Page:
    """Run the search: one page of positions with their organizations, and the number of results (counted
    up to `cap` when given). `words` as for `search_statement`."""
    order: tuple[sa.ColumnElement[Any], ...]
    if query.sort == "deadline":
        order = (Position.deadline.is_(None), Position.deadline.asc(), Position.id.desc())
    else:
        order = (Position.published_at.desc(), Position.id.desc())
    options = (joinedload(Position.organization),)
    if cap is not None:
        return capped_page_of(search_statement(query, today, words), order, query.page, query.per_page, cap,
                              options)
    return page_of(search_statement(query, today, words), order, query.page, query.per_page, options=options)

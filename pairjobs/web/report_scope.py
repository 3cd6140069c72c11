"""Reading a report's date and scope from the query string."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from pairjobs.domain.geo import geography
from pairjobs.domain.monitoring.scope import Scope
from pairjobs.infra.clock import today
from pairjobs.models import OrganizationKind, Sector


def parse_scope(args: MultiDict) -> tuple[Scope, dict[str, list[str]]]:
    """The scope asked for; invalid parameters are left out and reported by name."""
    errors: dict[str, list[str]] = {}
    as_of = today()
    raw = (args.get("as_of") or "").strip()
    if raw:
        try:
            as_of = date.fromisoformat(raw)
            if not 2000 <= as_of.year <= 2100:
                raise ValueError
        except ValueError:
            errors["as_of"] = [_("Must be a date (YYYY-MM-DD).")]
            as_of = today()
    department = (args.get("department") or "").strip() or None
    if department and department not in geography().departments:
        errors["department"] = [_("Unknown department.")]
        department = None
    sector = _member(args, "sector", Sector, errors)
    org_kind = _member(args, "org_kind", OrganizationKind, errors)
    return Scope(as_of, department, sector, org_kind), errors


def parse_revision(args: MultiDict, errors: dict[str, list[str]]) -> int | None:
    """The revision asked for (?revision=N), None for the latest."""
    raw = (args.get("revision") or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 10_000:
        errors["revision"] = [_("Must be a revision number (1, 2…).")]
        return None
    return int(raw)


def _member(args, name, enum_cls, errors):
    value = (args.get(name) or "").strip()
    if not value:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        errors[name] = [_("Unknown value; expected one of: %(allowed)s.",
                          allowed=", ".join(m.value for m in enum_cls))]
        return None


def scope_args(scope: Scope) -> dict:
    """The scope as query parameters (for links)."""
    args = {"as_of": scope.as_of.isoformat(), "department": scope.department,
            "sector": scope.sector.value if scope.sector else None,
            "org_kind": scope.org_kind.value if scope.org_kind else None}
    return {k: v for k, v in args.items() if v}

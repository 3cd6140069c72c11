"""The one transaction helper of views and API handlers: commit once, report refusals.

A view's change runs inside `unit_of_work`; a refused change (DomainError) rolls everything back and
becomes field messages on the form or a 422; a concurrent edit (stale version) becomes a conflict
message or a 409. Queued e-mail leaves after the commit (the session's after_commit hook), and the
API's response is produced before the commit, so nothing is committed for a response that fails.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar

from flask import flash, make_response
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError

from pairjobs.domain.errors import Conflict, DomainError
from pairjobs.infra.transaction import unit_of_work
from pairjobs.web.errors import error_response
from pairjobs.web.forms import show_domain_error

T = TypeVar("T")
FAILED: Any = object()  # what `form_change` returns when nothing was saved


def form_change(form: FlaskForm | None, change: Callable[[], T], paths: Mapping[str, str] | None = None,
                category: str = "error") -> T:
    """Run a page's change and commit it; on refusal show the messages on the form (or flash them, in
    `category`) and return FAILED."""
    try:
        with unit_of_work():
            return change()
    except StaleDataError:
        flash(_("Someone else changed this meanwhile. Reload the page to see their change."), "error")
    except DomainError as exc:
        if form is None:
            messages = [m for ms in exc.fields.values() for m in ms]
            flash(" ".join(messages) if messages else exc.message, category)
        else:
            show_domain_error(form, exc, paths)
    return FAILED


def api_change(paths: Mapping[str, str] | None = None) -> Callable:
    """Decorator of an API handler that writes: its response is made, then the work is committed once;
    a refusal is a 422 (409 for a conflict or a stale version) with messages by field path."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                with unit_of_work():
                    return make_response(view(*args, **kwargs))
            except StaleDataError:
                return error_response(409, _("Someone else changed this item meanwhile."))
            except DomainError as exc:
                fields = {(paths or {}).get(k, k): v for k, v in exc.fields.items()}
                return error_response(409 if isinstance(exc, Conflict) else 422, exc.message, fields or None)

        return wrapped

    return decorator

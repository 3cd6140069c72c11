"""How an API operation is declared: who may call it, what it reads and returns, whether it writes.

One decorator in the fixed order that makes the rules hold: the token and role first, then the
resource looked up (404 before its body is read), then the body parsed by its schema, the response
dumped by its schema inside the one transaction, and the document told of all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import url_for
from marshmallow import Schema

from pairjobs.api import bp
from pairjobs.api.auth import found_first, token_required
from pairjobs.models import Role
from pairjobs.web.transaction import api_change

BEARER: list[dict[str, list[str]]] = [{"bearer": []}]


def operation(tag: str, *, roles: tuple[Role, ...] | None = (), returns: type[Schema] | Schema | None = None,
              status: int = 200, body: type[Schema] | Schema | None = None, query: type[Schema] | None = None,
              lookup: Callable[..., Any] | None = None, writes: bool = False,
              paths: Mapping[str, str] | None = None, security: list | None = None) -> Callable:
    """Declare an operation. roles=None: public; () any signed-in account. writes: one transaction,
    committed after the response is made; refusals become 422/409 with messages by path."""

    def decorator(view: Callable) -> Callable:
        declared = bp.doc(tags=[tag], security=security if security is not None else
                          ([] if roles is None else BEARER))(view)
        declared = bp.response(status, returns)(declared)
        if query is not None:
            declared = bp.arguments(query, location="query", as_kwargs=True)(declared)
        if body is not None:
            declared = bp.arguments(body)(declared)
        if lookup is not None:
            declared = found_first(lookup)(declared)
        if writes:
            declared = api_change(paths)(declared)
        if roles is not None:
            declared = token_required(*roles)(declared)
        return declared

    return decorator


def created(resource: Any, endpoint: str, **values: Any) -> tuple[Any, int, dict[str, str]]:
    """A 201 answer with the new resource and its address."""
    return resource, 201, {"Location": url_for(endpoint, **values)}

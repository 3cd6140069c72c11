"""Supervision sessions over the API: the employer records those held for a contract; the employer and the
peer worker concerned read them; the peer worker says when one was not held."""

from __future__ import annotations

from typing import Any

from flask import abort
from marshmallow import Schema

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import created, operation
from pairjobs.domain import supervision as ops
from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role, SupervisionSession
from pairjobs.schemas.common import PagingArgs
from pairjobs.schemas.fields import Text
from pairjobs.schemas.supervision import SessionListSchema, SessionSchema
from pairjobs.web.access import (
    managed_contract_or_404,
    own_session_or_404,
    visible_contract_or_404,
    visible_session_or_404,
)


class ContestSchema(Schema):
    """The peer worker's word that a session was not held, with an optional note."""

    note = Text(500)


def _managed(contract_id: int) -> Contract:
    return managed_contract_or_404(contract_id, api_user())


def _managed_session(session_id: int) -> SupervisionSession:
    session = visible_session_or_404(session_id, api_user())
    if api_user().role is not Role.EMPLOYER:
        abort(404)
    return session


def _own_session(session_id: int) -> SupervisionSession:
    return own_session_or_404(session_id, api_user())


@bp.get("/contracts/<int:contract_id>/supervision-sessions")
@operation("Supervision", roles=(Role.EMPLOYER, Role.CANDIDATE), returns=SessionListSchema, query=PagingArgs)
def list_sessions(contract_id: int, page: int, per_page: int) -> Any:
    """A contract's sessions, the latest first, a page at a time, and the supervision delivered over the last
    3 and 6 months, for its organization and for the peer worker concerned."""
    contract = visible_contract_or_404(contract_id, api_user())
    sessions = ops.sessions_of(contract)
    return {"items": sessions[(page - 1) * per_page:page * per_page], "total": len(sessions), "page": page,
            "per_page": per_page, "delivered": ContractFlags([contract]).supervision(contract, today())}


@bp.get("/supervision-sessions/<int:session_id>")
@operation("Supervision", roles=(Role.EMPLOYER, Role.CANDIDATE), returns=SessionSchema)
def get_session(session_id: int) -> Any:
    """One session, for the contract's organization and the peer worker concerned."""
    return visible_session_or_404(session_id, api_user())


@bp.delete("/supervision-sessions/<int:session_id>")
@operation("Supervision", roles=(Role.EMPLOYER,), status=204, lookup=_managed_session, writes=True)
def delete_session(session: SupervisionSession) -> Any:
    """Delete a session recorded by mistake → 204; 409 when the peer worker said it was not held (their
    word and the record stay)."""
    ops.remove(session)
    return "", 204


@bp.post("/contracts/<int:contract_id>/supervision-sessions")
@operation("Supervision", roles=(Role.EMPLOYER,), returns=SessionSchema, status=201, body=SessionSchema,
           lookup=_managed, writes=True)
def record_session(contract: Contract, body: dict[str, Any]) -> Any:
    """Record a session held (held_on up to today, within the contract) → 201; 409 when a session of the
    same kind is already recorded that day."""
    session = ops.record(contract, body, api_user(), today(), source="api")
    return created(session, "api.get_session", session_id=session.id)


@bp.post("/supervision-sessions/<int:session_id>/contest")
@operation("Supervision", roles=(Role.CANDIDATE,), returns=SessionSchema, body=ContestSchema,
           lookup=_own_session, writes=True)
def contest_session(session: SupervisionSession, body: dict[str, Any]) -> Any:
    """The peer worker concerned says the session was not held ({"note"?}); kept beside the employer's
    record, which stays as it is. 409 when already said."""
    ops.contest(session, body.get("note"))
    return session

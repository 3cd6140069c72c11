"""Supervision sessions over the API: the employer records those held for a contract; the employer and the
peer worker concerned read them; the peer worker says when one was not held."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import operation
from pairjobs.domain import supervision as ops
from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role, SupervisionSession
from pairjobs.schemas.fields import Text
from pairjobs.schemas.supervision import SessionListSchema, SessionSchema
from pairjobs.web.access import managed_contract_or_404, own_session_or_404, visible_contract_or_404


class ContestSchema(Schema):
    """The peer worker's word that a session was not held, with an optional note."""

    note = Text(500)


def _managed(contract_id: int) -> Contract:
    return managed_contract_or_404(contract_id, api_user())


def _own_session(session_id: int) -> SupervisionSession:
    return own_session_or_404(session_id, api_user())


@bp.get("/contracts/<int:contract_id>/supervision-sessions")
@operation("Supervision", roles=(Role.EMPLOYER, Role.CANDIDATE), returns=SessionListSchema)
def list_sessions(contract_id: int) -> Any:
    """A contract's sessions, the latest first, and the supervision delivered over the last 3 and 6 months,
    for its organization and for the peer worker concerned."""
    contract = visible_contract_or_404(contract_id, api_user())
    sessions = ops.sessions_of(contract)
    return {"items": sessions, "total": len(sessions),
            "delivered": ContractFlags([contract]).supervision(contract, today())}


@bp.post("/contracts/<int:contract_id>/supervision-sessions")
@operation("Supervision", roles=(Role.EMPLOYER,), returns=SessionSchema, status=201, body=SessionSchema,
           lookup=_managed, writes=True)
def record_session(contract: Contract, body: dict[str, Any]) -> Any:
    """Record a session held (held_on up to today, within the contract) → 201; 409 when a session of the
    same kind is already recorded that day."""
    return ops.record(contract, body, api_user(), today(), source="api")


@bp.post("/supervision-sessions/<int:session_id>/contest")
@operation("Supervision", roles=(Role.CANDIDATE,), returns=SessionSchema, body=ContestSchema,
           lookup=_own_session, writes=True)
def contest_session(session: SupervisionSession, body: dict[str, Any]) -> Any:
    """The peer worker concerned says the session was not held ({"note"?}); kept beside the employer's
    record, which stays as it is. 409 when already said."""
    ops.contest(session, body.get("note"))
    return session

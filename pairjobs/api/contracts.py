"""Contracts over the API: an employer's organization's contracts, renewals, conversions, ends."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pairjobs.api import bp
from pairjobs.api.auth import api_user, found_first, token_required
from pairjobs.domain import contracts as ops
from pairjobs.domain.contract_flags import ContractFlags, flags_for
from pairjobs.extensions import db
from pairjobs.infra.clock import today
from pairjobs.models import Contract, Role
from pairjobs.schemas.common import PagingArgs
from pairjobs.schemas.contracts import (
    ContractListSchema,
    ContractSchema,
    ConvertSchema,
    DecisionSchema,
    EndSchema,
    RenewSchema,
)
from pairjobs.web.access import managed_contract_or_404
from pairjobs.web.transaction import api_change

PATHS = ContractSchema.paths()
DOC = {"tags": ["Contracts"], "security": [{"bearer": []}]}


def _shown(contract: Contract) -> Contract:
    contract.flags = [f.as_dict() for f in flags_for(contract, today())]  # type: ignore[attr-defined]
    return contract


@bp.get("/contracts")
@token_required(Role.EMPLOYER)
@bp.arguments(PagingArgs, location="query")
@bp.response(200, ContractListSchema)
@bp.doc(**DOC)
def list_contracts(paging: dict[str, int]) -> Any:
    """The organization's contracts; each contract of a renewal chain is an item."""
    page, per_page = paging["page"], paging["per_page"]
    stmt = sa.select(Contract).where(Contract.organization_id == api_user().organization_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.order_by(Contract.id).limit(per_page).offset((page - 1) * per_page)).all()
    flags, as_of = ContractFlags(rows), today()
    for contract in rows:
        contract.flags = [f.as_dict() for f in flags.person_flags(contract, as_of)]  # type: ignore[attr-defined]
    return {"items": rows, "total": total, "page": page, "per_page": per_page}


@bp.get("/contracts/<int:contract_id>")
@token_required(Role.EMPLOYER)
@bp.response(200, ContractSchema)
@bp.doc(**DOC)
def get_contract(contract_id: int) -> Any:
    """One contract with its flags."""
    return _shown(managed_contract_or_404(contract_id, api_user()))


@bp.patch("/contracts/<int:contract_id>")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda contract_id: managed_contract_or_404(contract_id, api_user()))
@bp.arguments(ContractSchema(partial=True))
@bp.response(200, ContractSchema)
@bp.doc(**DOC)
def update_contract(changes: dict[str, Any], contract_id: int) -> Any:
    """Correct the terms of an active contract (fields not sent keep their values); the body is a contract
    as GET returns it, whole or in part."""
    contract = managed_contract_or_404(contract_id, api_user())
    ops.update_terms(contract, changes, changes.pop("version", None))
    return _shown(contract)


@bp.post("/contracts/<int:contract_id>/renew")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda contract_id: managed_contract_or_404(contract_id, api_user()))
@bp.arguments(RenewSchema(partial=True))
@bp.response(201, ContractSchema)
@bp.doc(**DOC)
def renew_contract(body: dict[str, Any], contract_id: int) -> Any:
    """Renew for {"duration_months": N} or to {"end_date": "YYYY-MM-DD"}, with any changed term → 201."""
    contract = managed_contract_or_404(contract_id, api_user())
    return _shown(ops.renew(contract, body, body.pop("version", None)))


@bp.post("/contracts/<int:contract_id>/convert")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda contract_id: managed_contract_or_404(contract_id, api_user()))
@bp.arguments(ConvertSchema(partial=True))
@bp.response(201, ContractSchema)
@bp.doc(**DOC)
def convert_contract(body: dict[str, Any], contract_id: int) -> Any:
    """Convert to a permanent contract from {"start_date": "YYYY-MM-DD"} → 201, the new contract."""
    contract = managed_contract_or_404(contract_id, api_user())
    return _shown(ops.convert(contract, body, body.pop("version", None)))


@bp.post("/contracts/<int:contract_id>/end")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda contract_id: managed_contract_or_404(contract_id, api_user()))
@bp.arguments(EndSchema)
@bp.response(200, ContractSchema)
@bp.doc(**DOC)
def end_contract(body: dict[str, Any], contract_id: int) -> Any:
    """End with {"reason": ..., "end_date"?: "YYYY-MM-DD"}."""
    contract = managed_contract_or_404(contract_id, api_user())
    ops.end(contract, body["reason"], body.get("end_date"), body.get("version"))
    return _shown(contract)


@bp.post("/contracts/<int:contract_id>/decision")
@token_required(Role.EMPLOYER)
@api_change(PATHS)
@found_first(lambda contract_id: managed_contract_or_404(contract_id, api_user()))
@bp.arguments(DecisionSchema)
@bp.response(200, ContractSchema)
@bp.doc(**DOC)
def decide_contract(body: dict[str, Any], contract_id: int) -> Any:
    """Record the decision about a fixed term's end: {"decision": "renew" | "convert" | "not_renew"}."""
    contract = managed_contract_or_404(contract_id, api_user())
    ops.record_decision(contract, body["decision"], body.get("version"))
    return _shown(contract)

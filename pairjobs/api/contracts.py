"""Contracts over the API: an employer's organization's contracts, renewals, conversions, ends."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pairjobs.api import bp
from pairjobs.api.auth import api_user
from pairjobs.api.operation import operation
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

PATHS = ContractSchema.paths()


def _managed(contract_id: int) -> Contract:
    return managed_contract_or_404(contract_id, api_user())


def _shown(contract: Contract) -> Contract:
    contract.flags = [f.as_dict() for f in flags_for(contract, today())]  # type: ignore[attr-defined]
    return contract


@bp.get("/contracts")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractListSchema, query=PagingArgs)
def list_contracts(page: int, per_page: int) -> Any:
    """The organization's contracts; each contract of a renewal chain is an item."""
    stmt = sa.select(Contract).where(Contract.organization_id == api_user().organization_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.order_by(Contract.id).limit(per_page).offset((page - 1) * per_page)).all()
    flags, as_of = ContractFlags(rows), today()
    for contract in rows:
        contract.flags = [f.as_dict() for f in flags.person_flags(contract, as_of)]  # type: ignore[attr-defined]
    return {"items": rows, "total": total, "page": page, "per_page": per_page}


@bp.get("/contracts/<int:contract_id>")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractSchema)
def get_contract(contract_id: int) -> Any:
    """One contract with its flags."""
    return _shown(_managed(contract_id))


@bp.patch("/contracts/<int:contract_id>")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractSchema, body=ContractSchema(partial=True),
           lookup=_managed, writes=True, paths=PATHS)
def update_contract(contract: Contract, changes: dict[str, Any]) -> Any:
    """Correct the terms of an active contract (fields not sent keep their values); the body is a contract
    as GET returns it, whole or in part."""
    ops.update_terms(contract, changes, changes.pop("version", None))
    return _shown(contract)


@bp.post("/contracts/<int:contract_id>/renew")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractSchema, status=201,
           body=RenewSchema(partial=True), lookup=_managed, writes=True, paths=PATHS)
def renew_contract(contract: Contract, body: dict[str, Any]) -> Any:
    """Renew for {"duration_months": N} or to {"end_date": "YYYY-MM-DD"}, with any changed term → 201."""
    return _shown(ops.renew(contract, body, body.pop("version", None)))


@bp.post("/contracts/<int:contract_id>/convert")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractSchema, status=201,
           body=ConvertSchema(partial=True), lookup=_managed, writes=True, paths=PATHS)
def convert_contract(contract: Contract, body: dict[str, Any]) -> Any:
    """Convert to a permanent contract from {"start_date": "YYYY-MM-DD"} → 201, the new contract."""
    return _shown(ops.convert(contract, body, body.pop("version", None)))


@bp.post("/contracts/<int:contract_id>/end")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractSchema, body=EndSchema,
           lookup=_managed, writes=True, paths=PATHS)
def end_contract(contract: Contract, body: dict[str, Any]) -> Any:
    """End with {"reason": ..., "end_date"?: "YYYY-MM-DD"}."""
    ops.end(contract, body["reason"], body.get("end_date"), body.get("version"))
    return _shown(contract)


@bp.post("/contracts/<int:contract_id>/decision")
@operation("Contracts", roles=(Role.EMPLOYER,), returns=ContractSchema, body=DecisionSchema,
           lookup=_managed, writes=True, paths=PATHS)
def decide_contract(contract: Contract, body: dict[str, Any]) -> Any:
    """Record the decision about a fixed term's end: {"decision": "renew" | "convert" | "not_renew"}."""
    ops.record_decision(contract, body["decision"], body.get("version"))
    return _shown(contract)

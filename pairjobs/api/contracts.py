"""Contracts over the API: an employer's organization's contracts, renewals, conversions, ends."""

from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify, request

from pairjobs.api import bp
from pairjobs.api.auth import api_user, token_required
from pairjobs.api.helpers import domain_error, json_body, paging
from pairjobs.api.serializers import contract_json
from pairjobs.domain import contracts as ops
from pairjobs.web.access import managed_contract_or_404
from pairjobs.domain.contract_flags import ContractFlags, flags_for
from pairjobs.domain.errors import DomainError
from pairjobs.web.errors import error_response
from pairjobs.extensions import db
from pairjobs.models import Contract, Role
from pairjobs.infra.clock import today


@bp.get("/contracts")
@token_required(Role.EMPLOYER)
def list_contracts():
    """The organization's contracts; each contract of a renewal chain is an item."""
    user = api_user()
    if not user.is_approved:
        return error_response(403, "Your employer account is awaiting approval.")
    page, per_page, errors = paging(request.args)
    if errors:
        return error_response(422, "Some parameters are not valid.", errors)
    stmt = sa.select(Contract).where(Contract.organization_id == user.organization_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.order_by(Contract.id).limit(per_page).offset((page - 1) * per_page)).all()
    flags, as_of = ContractFlags(rows), today()
    items = [contract_json(c, flags.person_flags(c, as_of)) for c in rows]
    return jsonify(items=items, total=total, page=page, per_page=per_page)


@bp.get("/contracts/<int:contract_id>")
@token_required(Role.EMPLOYER)
def get_contract(contract_id: int):
    """One contract with its flags."""
    contract = managed_contract_or_404(contract_id, api_user())
    return jsonify(contract_json(contract, flags_for(contract, today())))


def _act(contract_id: int, action):
    contract = managed_contract_or_404(contract_id, api_user())
    body = json_body()
    version = body.pop("version", None)
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        return error_response(422, "Some fields are not valid.", {"version": ["Must be a whole number."]})
    try:
        result = action(contract, body, version)
        db.session.commit()
    except DomainError as exc:
        return domain_error(exc)
    except sa.orm.exc.StaleDataError:
        db.session.rollback()
        return error_response(409, "Someone else changed this contract meanwhile.")
    target = result if isinstance(result, Contract) else contract
    status = 201 if isinstance(result, Contract) else 200
    return jsonify(contract_json(target, flags_for(target, today()))), status


@bp.patch("/contracts/<int:contract_id>")
@token_required(Role.EMPLOYER)
def update_contract(contract_id: int):
    """Correct the terms of an active contract (fields not sent keep their values)."""
    return _act(contract_id, lambda c, body, v: ops.update_terms(c, ops.current_terms(c) | body, v))


@bp.post("/contracts/<int:contract_id>/renew")
@token_required(Role.EMPLOYER)
def renew_contract(contract_id: int):
    """Renew: {"duration_months": N} or {"end_date": "YYYY-MM-DD"}, plus any changed terms → 201, the new contract."""
    return _act(contract_id, ops.renew)


@bp.post("/contracts/<int:contract_id>/convert")
@token_required(Role.EMPLOYER)
def convert_contract(contract_id: int):
    """Convert to a permanent contract from {"start_date": "YYYY-MM-DD"} → 201, the new contract."""
    return _act(contract_id, ops.convert)


@bp.post("/contracts/<int:contract_id>/end")
@token_required(Role.EMPLOYER)
def end_contract(contract_id: int):
    """End with {"reason": ..., "end_date"?: "YYYY-MM-DD"}."""
    return _act(contract_id, ops.end)


@bp.post("/contracts/<int:contract_id>/decision")
@token_required(Role.EMPLOYER)
def decide_contract(contract_id: int):
    """Record the decision about a fixed term's end: {"decision": "renew" | "convert" | "not_renew"}."""
    return _act(contract_id, lambda c, body, v: ops.record_decision(c, body.get("decision"), v))

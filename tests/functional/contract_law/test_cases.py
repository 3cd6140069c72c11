"""The table of legal cases (cases.py), run on real records: each rule at and around its boundaries."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest

from pairjobs.domain.contract_flags import ContractFlags
from pairjobs.domain.precarity import PERSON_FLAG_CODES, POSTING_FLAG_CODES
from pairjobs.extensions import db
from pairjobs.infra.clock import PARIS
from pairjobs.models import Contract
from tests import factories
from tests.functional.contract_law.cases import CASES, PUB, Case

RULES = set(PERSON_FLAG_CODES) | set(POSTING_FLAG_CODES)


def _moment(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=PARIS).astimezone(UTC)


def build(case: Case) -> list[Contract]:
    """The case's organizations and contracts, recorded on the days the case says."""
    sector, days = case.sector, list(case.opening_days)  # the API's and the form's list of weekdays
    main = factories.organization(sector=sector, opening_days=days, idcc=case.idcc)
    organizations = {
        "main": main,
        "sibling": factories.organization(sector=sector, legal_entity_finess=main.finess,
                                          opening_days=days, idcc=case.idcc),
        "other": factories.organization(sector=sector),
    }
    renewed = {k.renews for k in case.contracts if k.renews is not None}
    permanent = "cdi_public" if sector == PUB else "cdi"
    positions = {name: factories.position(main, publish=False, contract_type=permanent)
                 for name in {k.position for k in case.contracts} - {None}}
    records: list[Contract] = []
    for index, k in enumerate(case.contracts):
        start = date.fromisoformat(k.start)
        signed = k.signed or min(k.start, case.as_of)
        follower = next((f for f in case.contracts if f.renews == index), None)
        state = k.state or ("renewed" if index in renewed else "active")
        closed = k.closed or ((follower.signed or min(follower.start, case.as_of)) if follower else None)
        if state == "ended" and closed is None:
            closed = min(k.end or k.start, case.as_of)
        contract = Contract(
            organization_id=organizations[k.org].id, person_key=k.person, post_ref=k.post,
            position_id=positions[k.position].id if k.position else None, source=k.source,
            planned_end_date=date.fromisoformat(k.planned) if k.planned else None,
            previous_id=records[k.renews].id if k.renews is not None else None,
            contract_type=k.type, sector="public" if sector == PUB else sector, legal_basis=k.basis,
            category=k.category if k.type in ("cdd_public", "contrat_projet", "cdi_public") else None,
            cdd_reason=k.reason if k.type == "cdd" else None, extended_duration=k.extended,
            part_time_at_employee_request=k.at_request, start_date=start,
            end_date=date.fromisoformat(k.end) if k.end else None,
            fte_percent=max(10, min(100, round(k.hours / 35 * 100))), weekly_hours=k.hours,
            funding_kind="permanent", supervision_frequency="monthly", supervision_kind="external",
            supervision_paid_time=True, peer_team_size=1, state=state, end_reason=k.end_reason,
            renewal_decision=k.decision or ("renew" if index in renewed else None),
            decided_at=_moment(k.decided) if k.decided else (_moment(closed) if index in renewed else None),
            closed_at=_moment(closed) if closed and state != "active" else None,
            created_at=_moment(signed),
        )
        db.session.add(contract)
        db.session.flush()
        records.append(contract)
    db.session.commit()
    return records


def test_every_rule_has_at_least_three_cases():
    counts = {code: sum(1 for c in CASES if c.rule == code) for code in
              {c.rule for c in CASES} | (set(PERSON_FLAG_CODES) - {"supervision_not_kept"})}
    assert all(n >= 3 for n in counts.values()), counts
    assert all(any(c.flagged for c in CASES if c.rule == code)
               and any(not c.flagged for c in CASES if c.rule == code)
               for code in counts)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.name}" for c in CASES])
def test_legal_case(app, case: Case):
    assert case.rule in RULES
    thresholds = app.config["PRECARITY_THRESHOLDS"]
    app.config["PRECARITY_THRESHOLDS"] = thresholds | case.config
    try:
        records = build(case)
        judged = records[case.judged]
        flags = ContractFlags([judged]).all_flags(judged, case.day)
    finally:
        app.config["PRECARITY_THRESHOLDS"] = thresholds
    found = [f for f in flags if f.code == case.rule]
    assert bool(found) == case.flagged, (case.article, [f.as_dict() for f in flags])
    for flag in found:
        references = re.findall(r"L\d+-\d+(?:-\d+)?|91-155|configuration", case.article)
        assert any(r in flag.basis for r in references), (case.article, flag.basis)
        assert flag.label and "%(" not in flag.label

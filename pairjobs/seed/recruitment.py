"""Demo recruitment data: candidates with credentials, applications at every stage, and contract
histories that trigger each person-level precarity flag at least once. People are fictional."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import sqlalchemy as sa

from pairjobs.domain import accounts, candidates
from pairjobs.domain import applications as pipeline
from pairjobs.extensions import db
from pairjobs.infra.calendar import add_months
from pairjobs.models import (
    Contract,
    ContractState,
    Organization,
    Position,
    PositionStatus,
    RenewalDecision,
    Role,
    User,
    Verification,
)
from pairjobs.models.base import utcnow
from pairjobs.schemas.base import load
from pairjobs.schemas.credentials import CredentialSchema

CANDIDATES = [
    ("leila.haddad", "Leïla Haddad (démo)"),
    ("thomas.bernard", "Thomas Bernard (démo)"),
    ("ines.moreau", "Inès Moreau (démo)"),
    ("hugo.petit", "Hugo Petit (démo)"),
    ("sarah.lambert", "Sarah Lambert (démo)"),
]
CREDENTIALS = [
    ({"type": "du", "title": "DU Pair-aidance en santé mentale",
      "institution": "Université Claude Bernard Lyon 1",
      "start_year": 2022, "end_year": 2023, "status": "obtained", "hours": 129}, Verification.VERIFIED, None),
    ({"type": "licence",
      "title": "Licence Sciences sanitaires et sociales, parcours Médiateurs de santé-pairs",
      "institution": "Université Sorbonne Paris Nord (ex-Paris 13)", "start_year": 2021, "end_year": 2022,
      "status": "obtained"}, Verification.VERIFIED, None),
    ({"type": "diu", "title": "DIU Pair-aidance", "institution": "Université Grenoble Alpes",
      "start_year": 2025,
      "status": "enrolled"}, Verification.PENDING, None),
    ({"type": "associative", "title": "Formation de pair-aidant bénévole", "institution": "other",
      "institution_other": "Association locale (démo)", "start_year": 2020, "end_year": 2020,
      "status": "obtained",
      "hours": 35}, Verification.REJECTED, "Aucune attestation fournie"),
]
# The pipeline walks up to each status (rejected and withdrawn from the start).
STAGES = ["submitted", "in_review", "interview", "offer", "hired", "rejected", "withdrawn"]
PATHS = {
    "submitted": [], "in_review": ["in_review"], "interview": ["in_review", "interview"],
    "offer": ["interview", "offer"], "hired": ["interview", "offer", "hired"], "rejected": ["rejected"],
}


def load_demo_recruitment(password: str, today: date) -> None:
    """Create the demo candidates, applications and contract histories once."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(Contract).where(Contract.is_demo)):
        return
    admin = _demo_account("admin@demo.pairjobs.fr")
    people = [_demo_account(e) for e in ("camille.martin@demo.pairjobs.fr",
                                         "yanis.roux@demo.pairjobs.fr")]
    for local, name in CANDIDATES:
        people.append(accounts.find_by_email(f"{local}@demo.pairjobs.fr") or accounts.create_user(
            email=f"{local}@demo.pairjobs.fr", password=password, name=name,
            role=Role.CANDIDATE, is_demo=True, confirmed=True))
    for i, person in enumerate(people):
        candidates.update_profile(person, {
            "name": person.name, "phone": f"06 00 00 00 {i:02d}",
            "departments_sought": ["69", "38"][: 1 + i % 2],
            "availability": "Dès que possible",
            "presentation": "Pair-aidant formé, engagé dans le rétablissement.",
        })
        raw, verdict, reason = CREDENTIALS[i % len(CREDENTIALS)]
        credential = candidates.add_credential(person, load(CredentialSchema(), raw))
        if verdict is not Verification.PENDING:
            candidates.verify_credential(credential, admin, verdict.value, reason)
    _applications(people, today)
    _contract_histories(people, today)


def _demo_account(email: str) -> User:
    """An account the demo accounts' loading made."""
    user = accounts.find_by_email(email)
    if user is None:
        raise LookupError(f"{email}: load the demo accounts first")
    return user


def _applications(people: list[User], today: date) -> None:
    positions = db.session.scalars(sa.select(Position).where(Position.is_demo, Position.status ==
                                                            PositionStatus.PUBLISHED).order_by(Position.id)).all()
    open_positions = [p for p in positions
                      if p.is_open(today) and any(u.is_approved for u in p.organization.members)]
    for n, stage in enumerate(STAGES):
        position = open_positions[n % len(open_positions)]
        person = people[n % len(people)]
        recruiter = next(u for u in position.organization.members if u.is_approved)
        application = pipeline.apply(person, position, "Bonjour, votre offre m'intéresse beaucoup.",
                                     [c.id for c in person.credentials], today)
        if stage == "withdrawn":
            pipeline.withdraw(application, person)
            continue
        for step in PATHS[stage]:
            reason = "after_interview" if step == "rejected" else None
            note = "Entretien prévu mardi" if step == "interview" else None
            pipeline.change_status(application, recruiter, step, reason, note, None, today)
    db.session.flush()


def _contract(org: Organization, key: str, kind: str, start: date, end: date | None, **extra) -> Contract:
    contract = Contract(
        organization_id=org.id, person_key=key, contract_type=kind, sector=org.sector, start_date=start,
        end_date=end, fte_percent=extra.pop("fte", 100), weekly_hours=extra.pop("hours", 35.0),
        monthly_gross=1950, funding_kind="permanent",
        supervision_frequency=extra.pop("supervision", "monthly"),
        supervision_kind="external", supervision_paid_time=True, peer_team_size=1, is_demo=True,
        state=extra.pop("state", ContractState.ACTIVE), created_at=utcnow(), **extra,
    )
    db.session.add(contract)
    db.session.flush()
    return contract


def _day_after_end(contract: Contract) -> date:
    if contract.end_date is None:
        raise ValueError("a fixed-term contract has an end date")
    return contract.end_date + timedelta(days=1)


def _chain(org: Organization, kind: str, start: date, months: list[int], **extra) -> list[Contract]:
    """Consecutive renewals of the given lengths; the last is active."""
    key, previous, chain = secrets.token_hex(16), None, []
    for i, length in enumerate(months):
        end = add_months(start, length) - timedelta(days=1)
        last = i == len(months) - 1
        contract = _contract(org, key, kind, start, end, previous_id=previous.id if previous else None,
                             state=ContractState.ACTIVE if last else ContractState.RENEWED,
                             renewal_decision=None if last else "renew", closed_at=None if last else utcnow(),
                             **extra)
        chain.append(contract)
        previous, start = contract, end + timedelta(days=1)
    return chain


def _ended(org: Organization, kind: str, start: date, end: date, post_ref: str | None = None,
           reason: str = "term_reached", key: str | None = None, **extra) -> Contract:
    """A contract that reached its term (or ended for `reason`), recorded as ended."""
    return _contract(org, key or secrets.token_hex(16), kind, start, end, post_ref=post_ref,
                     state=ContractState.ENDED, end_reason=reason, renewal_decision="not_renew",
                     closed_at=utcnow(),
                     **extra)


def _contract_histories(people: list[User], today: date) -> None:
    """Histories that show each flag at least once, and each exemption or derogation, not flagged."""
    orgs = {o.finess: o for o in db.session.scalars(sa.select(Organization).where(Organization.is_demo))}
    vinatier, grenoble, savoie = orgs["690780101"], orgs["380780080"], orgs["730780541"]
    alpes, saint_jean = orgs["380780049"], orgs["690781810"]
    messidor, clinique = orgs["690791033"], orgs["380780742"]
    need, b = {"legal_basis": "permanent_need"}, {"category": "B"}
    months = lambda n: add_months(today, n)  # noqa: E731

    # --- Public employers ---
    # Six years of public CDD at Le Vinatier, category B: the current CDD should have been a CDI.
    _chain(vinatier, "cdd_public", months(-75), [36, 36, 12], **need, **b)
    # Overlapping contracts count once: 68 months of services (their sum would be 84): not flagged.
    first = _ended(alpes, "cdd_public", months(-60), months(-24) - timedelta(days=1), key="overlap-demo",
                   **need, **b)
    second = _contract(alpes, first.person_key, "cdd_public", months(-40), months(-4) - timedelta(days=1),
                       state=ContractState.RENEWED, renewal_decision="renew", closed_at=utcnow(), **need, **b)
    _contract(alpes, first.person_key, "cdd_public", months(-4), months(8) - timedelta(days=1),
              previous_id=second.id, **need, **b)
    # A contrat de projet does not count towards the six years: not flagged.
    project = _ended(vinatier, "contrat_projet", months(-80), months(-32) - timedelta(days=1), **b)
    _contract(vinatier, project.person_key, "cdd_public", months(-32),
              months(4) - timedelta(days=1), **need, **b)
    # A vacancy CDD of 30 months (at most 1 year): flagged. A replacement CDD of 4 years (no cap): not
    # flagged.
    _chain(grenoble, "cdd_public", months(-10), [30], legal_basis="vacancy", category="C")
    _chain(grenoble, "cdd_public", months(-30), [48], legal_basis="replacement", category="C")
    # Ends in three weeks with no decision recorded (notice of 1 month); and supervision below the promise.
    _contract(savoie, secrets.token_hex(16), "cdd_public", months(-11), today + timedelta(days=21),
              legal_basis="temporary_increase", **b)
    _contract(vinatier, secrets.token_hex(16), "cdi_public", months(-14), None, supervision="quarterly",
              promised_supervision_frequency="monthly", promised_supervision_paid_time=True, **b)
    # A public employer's PEC of 20 hours a week (L5134-21), an apprenticeship and a temp worker (CGFP
    # L334-3): accepted, not flagged as unlawful.
    _chain(vinatier, "pec", months(-3), [12], fte=57, hours=20.0)
    _chain(grenoble, "apprentissage", months(-5), [24])
    _contract(alpes, secrets.token_hex(16), "interim", today - timedelta(days=10), today + timedelta(days=50))
    # Replacement CDDs for seven years at CHU Grenoble: they count towards six years, but a replacement
    # contract is never converted into a CDI (L332-17 concerns permanent needs): not flagged.
    _chain(grenoble, "cdd_public", months(-80), [36, 48], legal_basis="replacement", category="B")

    # --- Private employers ---
    # CDD past 18 months with its renewal, and one renewed three times.
    _chain(saint_jean, "cdd", months(-16), [12, 12], cdd_reason="temporary_increase")
    _chain(clinique, "cdd", months(-8), [3, 3, 3, 3], cdd_reason="temporary_increase")
    # A renewal signed today to start after the current contract: 21 months in all, flagged from its
    # signature.
    current = _chain(clinique, "cdd", months(-6), [12], cdd_reason="temporary_increase")[0]
    current.state, current.renewal_decision = ContractState.RENEWED, RenewalDecision.RENEW
    current.decided_at = utcnow()
    current.closed_at = utcnow()
    _contract(clinique, current.person_key, "cdd", _day_after_end(current), months(15),
              previous_id=current.id, cdd_reason="temporary_increase")
    # Replacement without a precise end (no maximum) and CDD d'usage renewed four times: not flagged.
    _chain(clinique, "cdd", months(-20), [30], cdd_reason="replacement_no_fixed_end")
    _chain(messidor, "cdd", months(-10), [3, 3, 3, 3, 3], cdd_reason="usage")
    # The same post filled again eight days after a six-month CDD: the waiting period is not respected.
    _ended(saint_jean, "cdd", months(-10), months(-4), "SJ-UF12", cdd_reason="temporary_increase")
    _contract(saint_jean, secrets.token_hex(16), "cdd", months(-4) + timedelta(days=9), months(5),
              post_ref="SJ-UF12",
              cdd_reason="temporary_increase")
    # Exempt from the waiting period (L1244-4-1): seasonal work, a resignation, a refused renewal, a PEC
    # before.
    for post, kind, reason, following in (("MS-ACC", "cdd", "term_reached", "seasonal"),
                                          ("CG-01", "cdd", "resignation", "temporary_increase"),
                                          ("MS-02", "cdd", "renewal_refused", "temporary_increase"),
                                          ("MS-03", "pec", "term_reached", "temporary_increase")):
        org = clinique if post.startswith("CG") else messidor
        _ended(org, kind, months(-9), months(-3), post, reason,
               **({"cdd_reason": "temporary_increase"} if kind == "cdd" else {"hours": 24.0, "fte": 69}))
        _contract(org, secrets.token_hex(16), "cdd", months(-3) + timedelta(days=3), months(3), post_ref=post,
                  cdd_reason=following)
    # Also exempt: a CDD d'usage, and a replacement after a replacement (a new absence of the person
    # replaced); flagged: a replacement after a temporary increase (it cannot be a *new* absence).
    for post, before, following in (("MS-04", "usage", "usage"), ("MS-05", "replacement", "replacement"),
                                    ("MS-06", "temporary_increase", "replacement")):
        _ended(messidor, "cdd", months(-9), months(-3), post, cdd_reason=before)
        _contract(messidor, secrets.token_hex(16), "cdd", months(-3) + timedelta(days=3), months(3),
                  post_ref=post, cdd_reason=following)
    # Counted in the opening days of a clinic open every day: 12 days after a 30-day CDD, respected.
    _ended(clinique, "cdd", months(-4), months(-4) + timedelta(days=29), "CG-UH1",
           cdd_reason="temporary_increase")
    _contract(clinique, secrets.token_hex(16), "cdd", months(-4) + timedelta(days=42), months(2),
              post_ref="CG-UH1", cdd_reason="temporary_increase")
    # A PEC past 24 months; one of 36 months under the extended duration (L5134-25-1): not flagged;
    # one signed for four months (at least six).
    _chain(messidor, "pec", months(-25), [12, 12, 6], fte=60, hours=21.0)
    _chain(messidor, "pec", months(-20), [18, 18], fte=60, hours=21.0, extended_duration=True)
    _chain(saint_jean, "pec", months(-1), [4], fte=60, hours=21.0)
    # Part time: 20 hours a week flagged; 10 hours at the employee's written request, a replacement, a
    # contract of 7 days, and 15 hours under the collective agreement's 14 (Messidor, CCN 66): not.
    _contract(saint_jean, secrets.token_hex(16), "cdi", months(-18), None, fte=57, hours=20.0)
    _contract(saint_jean, secrets.token_hex(16), "cdi", months(-18), None, fte=29, hours=10.0,
              part_time_at_employee_request=True)
    _chain(messidor, "cdd", months(-2), [6], fte=34, hours=12.0, cdd_reason="replacement")
    _contract(saint_jean, secrets.token_hex(16), "cdd", today - timedelta(days=2), today + timedelta(days=4),
              fte=23, hours=8.0, cdd_reason="temporary_increase")
    _contract(messidor, secrets.token_hex(16), "cdi", months(-9), None, fte=43, hours=15.0)
    # Ends in three weeks with no decision; and a CDD whose term passed ten days ago, still active.
    _contract(clinique, secrets.token_hex(16), "cdd", months(-5), today + timedelta(days=20),
              cdd_reason="temporary_increase")
    _contract(clinique, secrets.token_hex(16), "cdd", months(-7), today - timedelta(days=10),
              cdd_reason="temporary_increase")

    # Stable contracts and a conversion to CDI, for the regional figures.
    converted = _chain(grenoble, "cdd_public", months(-20), [12], legal_basis="vacancy", category="C")[0]
    converted.state, converted.renewal_decision = ContractState.CONVERTED, RenewalDecision.CONVERT
    converted.closed_at = utcnow()
    _contract(grenoble, converted.person_key, "cdi_public", _day_after_end(converted), None,
              previous_id=converted.id, category="C")
    for org in (vinatier, savoie):
        _contract(org, secrets.token_hex(16), "cdi_public", months(-40), None, **b)
    # The hired demo application's contract already exists (made by the pipeline).
    db.session.flush()

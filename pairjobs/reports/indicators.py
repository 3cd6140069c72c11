"""What each indicator and column of the monitoring pages means, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.domain.precarity import Severity

# key: (label, definition, kind) where kind is "count", "share", "months", "days", "number" or "percent"
STOCKS = {
    "active_people": (_l("People employed"), _l(
        "People with at least one contract running on the date; a person with several contracts at one "
        "employer counts once."), "count"),
    "active_fte": (_l("Full-time equivalents"),
                   _l("Sum of the working time of the running contracts."), "number"),
    "active_contracts": (_l("Running contracts"), _l(
        "Contracts started on or before the date and not ended before it."), "count"),
    "precarious_people_share": (_l("People in precarious employment"), _l(
        "Share of the people none of whose running contracts at the employer is permanent."), "share"),
    "cdd_people_share": (_l("People on a fixed-term contract (CDD)"), _l(
        "Share of the people on a CDD (public or private) and on no permanent contract."), "share"),
    "precarious_share": (_l("Contracts in a precarious form"), _l(
        "Share of running contracts in a precarious form: CDD (public or private), interim, apprenticeship, "
        "professionalisation, subsidised contract (PEC), project contract, sessional work (INSEE's list plus "
        "the two public forms)."), "share"),
    "supervised_monthly_people_share": (_l("People supervised at least monthly"), _l(
        "Share of the people with supervision at least monthly in place on one of their contracts (any kind, "
        "peer intervision included)."), "share"),
    "supervised_professional_people_share": (_l("Regular professional supervision"), _l(
        "Share of the people with professional supervision (external or internal, not peer intervision) at "
        "least monthly."), "share"),
    "supervised_paid_share": (_l("Supervision within paid time"), _l(
        "Share of running contracts with supervision held within paid working time."), "share"),
    "supervision_kept_share": (_l("Supervision held as promised"), _l(
        "Share of the people whose supervision sessions recorded over the last six months met what the "
        "position promised, among the people with a promise and sessions recorded (not those whose "
        "supervision is only declared)."), "share"),
    "median_fte": (_l("Median working time"), _l("Median working time of running contracts, in percent of "
                                                 "full time."), "percent"),
    "lone_peer_share": (_l("Lone peer workers"), _l(
        "Share of running contracts where the peer worker is the only one in the team."), "share"),
    "median_tenure_months": (_l("Median length of service"), _l(
        "Months since the person's employment at the employer began, for the people employed."), "months"),
}
FLOWS = {
    "entries_12m": (_l("Hires (entries)"), _l(
        "People new to an employer who started working there in the twelve months up to the date (a "
        "renewal, a conversion or a return is not an entry)."), "count"),
    "returns_12m": (_l("Returns"), _l(
        "People who came back to an employer they had left, in the twelve months up to the date."), "count"),
    "exits_12m": (_l("Departures"), _l(
        "People whose employment at an employer ended in the twelve months up to the date."), "count"),
    "conversions_to_cdi_12m": (_l("Conversions to a permanent contract"), _l(
        "People whose fixed-term contract was followed by a permanent contract in the twelve months up to "
        "the date."), "count"),
    "median_months_to_cdi": (_l("Median time to a permanent contract"), _l(
        "Months from the start of the person's employment at the employer to the permanent contract."),
        "months"),
    "retention_12m_share": (_l("Still employed a year later"), _l(
        "Of the people who entered 12 to 24 months before the date, the share still employed by the same "
        "employer on the date."), "share"),
}
FLAGS = {
    "flagged_contracts": (_l("Flagged contracts"), _l(
        "Running contracts with at least one flag (terms or contract history)."), "count"),
    "legal_flagged_contracts": (_l("Contracts with a legal flag"), _l(
        "Running contracts with at least one flag stating a rule of law."), "count"),
    "practice_flagged_contracts": (_l("Contracts with a practice flag"), _l(
        "Running contracts with at least one flag on practice (supervision, team, funding, INSEE forms)."),
        "count"),
}
POSITIONS = {
    "open_positions": (_l("Open positions"), _l(
        "Positions published on or before the date and neither closed nor past their deadline then."),
        "count"),
    "positions_published": (_l("Positions published"), _l(
        "Positions published in the twelve months up to the date."), "count"),
    "positions_filled": (_l("Positions filled"), _l("Of those, closed as filled by the date."), "count"),
    "positions_unfilled": (_l("Positions unfilled"), _l(
        "Of those, cancelled, or past their deadline and not filled, by the date."), "count"),
    "median_days_to_fill": (_l("Median days to fill"), _l(
        "Days from publication to closing as filled, for the positions filled."), "days"),
    "applications_per_position": (_l("Applications per position"), _l(
        "Applications received by the positions published in the window, per position."), "number"),
    "recruited_verified_credential_share": (_l("Recruitments with a verified credential"), _l(
        "Share of the applications marked recruited whose application carried a credential verified by "
        "pairjobs."), "share"),
}
SECTIONS = ((_l("People and contracts"), STOCKS), (_l("Flows over twelve months"), FLOWS),
            (_l("Flags"), FLAGS), (_l("Positions"), POSITIONS))
INDICATORS = {**STOCKS, **FLOWS, **FLAGS, **POSITIONS}

OTHER_INDICATORS = {
    "precarious_people": _l("People in precarious employment (number)"),
    "supervised_monthly_people": _l("People supervised at least monthly (number)"),
    "precarious_contracts": _l("Contracts in a precarious form (number)"),
    "supervision_judged_people": _l("People with a supervision promise and sessions recorded"),
    "supervision_kept_people": _l("People whose sessions held met the promise (number)"),
    "supervised_monthly_share": _l("Contracts with supervision at least monthly"),
    "retention_cohort_people": _l("People who entered 12 to 24 months before"),
    "recruited_applications": _l("Applications marked recruited"),
    "flagged_contracts_by_severity": _l("Flagged contracts, by most serious flag"),
    "flags": _l("Contracts under each flag"),
    "flags_legal": _l("Contracts under each legal flag"),
    "flags_practice": _l("Contracts under each practice flag"),
    "exits_by_reason": _l("Departures by reason"),
}

COLUMN_LABELS = {
    "department": _l("Department"), "name": _l("Name"), "people": _l("People"), "contracts": _l("Contracts"),
    "fte": _l("FTE"), "precarious_people": _l("People in precarious employment"),
    "precarious_people_share": _l("Share of people in precarious employment"),
    "supervised_monthly_people": _l("People supervised at least monthly"),
    "supervised_monthly_people_share": _l("Share of people supervised at least monthly"),
    "lone_peer_share": _l("Share of lone peer workers"), "open_positions": _l("Open positions"),
    "entries_12m": _l("Hires (12 months)"), "exits_12m": _l("Departures (12 months)"),
    "rank": _l("Rank"), "finess": _l("FINESS"), "organization_id": _l("Id"),
    "organization": _l("Organization"),
    "sector": _l("Sector"),
    "flagged_contracts": _l("Flagged contracts"), "flagged_share": _l("Share flagged"),
    **Severity.labels(),  # the columns counting contracts under their most serious flag
    "legal_flagged": _l("With a legal flag"), "practice_flagged": _l("With a practice flag"),
    "flag": _l("Flag"), "severity": _l("Severity"), "year": _l("Year"), "as_of": _l("Date"),
    "revision": _l("Revision"), "precarious_share": _l("Share of contracts in a precarious form"),
    "conversions_to_cdi_12m": _l("Conversions to a permanent contract (12 months)"),
    "position_id": _l("Position"), "title": _l("Title"), "contract_type": _l("Contract type"),
    "flags": _l("Flags"),
    "indicator": _l("Indicator"), "value": _l("Value"),
}

"""What each indicator of the dashboard means, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# key: (label, definition, kind) where kind is "count", "share", "days", "number" or "percent"
INDICATORS = {
    "active_contracts": (_l("Active contracts"), _l(
        "Contracts started on or before the date and not ended before it."), "count"),
    "precarious_share": (_l("Precarious forms"), _l(
        "Share of active contracts in a precarious form: CDD (public or private), interim, apprenticeship, "
        "professionalisation, subsidised contract (PEC), project contract, sessional work (INSEE's list plus "
        "the two public forms)."), "share"),
    "supervised_monthly_share": (_l("Supervision at least monthly"), _l(
        "Share of active contracts whose supervision in place is weekly, fortnightly or monthly."), "share"),
    "supervised_paid_share": (_l("Supervision within paid time"), _l(
        "Share of active contracts with supervision held within paid working time."), "share"),
    "median_fte": (_l("Median working time"), _l("Median FTE of active contracts, in percent of full time."),
                   "percent"),
    "lone_peer_share": (_l("Lone peer workers"), _l(
        "Share of active contracts where the peer worker is the only one in the team."), "share"),
    "flagged_contracts": (_l("Flagged contracts"), _l(
        "Active contracts with at least one precarity flag (terms or contract history)."), "count"),
    "conversions_to_cdi": (_l("Conversions to a permanent contract"), _l(
        "Fixed terms converted to a permanent contract in the twelve months up to the date."), "count"),
    "median_days_to_cdi": (_l("Median time to a permanent contract"), _l(
        "Days from the first contract of the person at the employer to the conversion, for those conversions."),
        "days"),
    "median_tenure_days": (_l("Median tenure"), _l(
        "Days since the first contract at the employer, for the people with an active contract."), "days"),
    "positions_published": (_l("Positions published"), _l(
        "Positions published in the twelve months up to the date."), "count"),
    "positions_filled": (_l("Positions filled"), _l(
        "Of those, closed as filled by the date."), "count"),
    "positions_unfilled": (_l("Positions unfilled"), _l(
        "Of those, cancelled, or past their deadline and not filled, by the date."), "count"),
    "median_days_to_fill": (_l("Median days to fill"), _l(
        "Days from publication to closing as filled, for the positions filled."), "days"),
    "applications_per_position": (_l("Applications per position"), _l(
        "Applications received by the positions published in the window, per position."), "number"),
    "hires_verified_credential_share": (_l("Hires with a verified credential"), _l(
        "Share of hires whose application carried a credential verified by pairjobs."), "share"),
}

COLUMN_LABELS = {
    "department": _l("Department"), "name": _l("Name"), "active_contracts": _l("Active contracts"),
    "precarious_contracts": _l("Precarious forms"), "precarious_share": _l("Share precarious"),
    "supervised_monthly": _l("Supervision at least monthly"),
    "supervised_monthly_share": _l("Share supervised monthly"), "lone_peer_workers": _l("Lone peer workers"),
    "open_positions": _l("Open positions"), "organization_id": _l("Id"), "organization": _l("Organization"),
    "sector": _l("Sector"), "flagged_contracts": _l("Flagged contracts"), "flagged_share": _l("Share flagged"),
    "year": _l("Year"), "as_of": _l("Date"), "conversions_to_cdi": _l("Conversions to a permanent contract"),
    "contract": _l("Contract"), "person": _l("Person (pseudonym)"), "contract_type": _l("Contract type"),
    "start_date": _l("Start"), "end_date": _l("End"), "start_month": _l("Start (month)"),
    "end_month": _l("End (month)"), "flags": _l("Flags"), "reasons": _l("Reasons and basis"),
    "position_id": _l("Position"), "title": _l("Title"),
}

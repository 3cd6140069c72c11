"""Labels that belong to no enumeration: weekdays, audit and position actions, and the lists keyed by
code that the monitoring tables read. An enumeration's members carry their own label
(`Sector.PUBLIC.label`, pairjobs.models.base.LabelledEnum)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.domain.precarity import Severity
from pairjobs.models import EndReason

WEEKDAYS = {
    1: _l("Monday"), 2: _l("Tuesday"), 3: _l("Wednesday"), 4: _l("Thursday"), 5: _l("Friday"), 6: _l("Saturday"),
    7: _l("Sunday"),
}

# Keyed by code, for the monitoring tables whose rows hold codes.
SEVERITIES = Severity.labels()

POSITION_ACTIONS = {
    "created": _l("created"),
    "updated": _l("edited"),
    "published": _l("published"),
    "closed": _l("closed"),
}

AUDIT_ACTIONS = {
    "candidate_file_viewed": _l("Application file viewed"),
    "credential_downloaded": _l("Certificate downloaded"),
    "application_status_changed": _l("Application status changed"),
    "report_exported": _l("Report exported"),
    "survey_imported": _l("Survey imported"),
}

FLAG_NAMES = {
    "precarious_form": _l("Precarious form of employment"),
    "very_short_fixed_term": _l("Very short fixed term"),
    "short_fixed_term": _l("Short fixed term"),
    "low_fte": _l("Low working time"),
    "part_time_below_legal_minimum": _l("Part time below the legal minimum"),
    "no_supervision": _l("No supervision"),
    "infrequent_supervision": _l("Infrequent supervision"),
    "supervision_outside_paid_time": _l("Supervision outside paid time"),
    "lone_peer_worker": _l("Lone peer worker in the team"),
    "grant_funded": _l("Funded by a time-limited grant"),
    "salary_not_stated": _l("Salary not stated"),
    "public_cdi_due": _l("Permanent contract due (six years)"),
    "public_cdd_over_max": _l("Public fixed term over its maximum"),
    "private_cdd_over_max": _l("Private fixed term over its maximum"),
    "private_cdd_too_many_renewals": _l("Too many renewals of a private fixed term"),
    "waiting_period_not_respected": _l("Waiting period not respected"),
    "pec_over_max": _l("Subsidised contract (PEC) over its maximum"),
    "pec_under_min": _l("Subsidised contract (PEC) under its minimum"),
    "end_near_no_decision": _l("End near, no decision recorded"),
    "fixed_term_overdue": _l("Fixed term past its end, no decision recorded"),
    "supervision_not_kept": _l("Supervision commitment not kept"),
}

EXIT_REASONS = {**EndReason.labels(), "unknown": _l("Not recorded")}

"""Labels that belong to no enumeration: weekdays, audit and position actions, and the lists keyed by
code that the monitoring tables read. An enumeration's members carry their own label
(`Sector.PUBLIC.label`, pairjobs.models.base.LabelledEnum)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.domain.precarity import Severity, registry
from pairjobs.models import EndReason

WEEKDAYS = {
    1: _l("Monday"), 2: _l("Tuesday"), 3: _l("Wednesday"), 4: _l("Thursday"), 5: _l("Friday"),
    6: _l("Saturday"),
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

# The rules' names, from where each rule is declared (pairjobs.domain.precarity.registry).
FLAG_NAMES = registry.names()

EXIT_REASONS = {**EndReason.labels(), "unknown": _l("Not recorded")}

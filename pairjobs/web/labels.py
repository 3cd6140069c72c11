"""Labels that belong to no enumeration (weekdays), and the lists keyed by code that the monitoring
tables and the logs read, derived from the enumerations. An enumeration's members carry their own label
(`Sector.PUBLIC.label`, pairjobs.models.base.LabelledEnum)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pairjobs.domain.precarity import Severity, registry
from pairjobs.models import EndReason
from pairjobs.models.audit import AuditAction
from pairjobs.models.position import PositionAction

WEEKDAYS = {
    1: _l("Monday"), 2: _l("Tuesday"), 3: _l("Wednesday"), 4: _l("Thursday"), 5: _l("Friday"),
    6: _l("Saturday"),
    7: _l("Sunday"),
}

# Keyed by code, for the monitoring tables whose rows hold codes.
SEVERITIES = Severity.labels()

# Actions stored as codes (the change log of positions, the audit log), labelled by their enumerations.
POSITION_ACTIONS = PositionAction.labels()
AUDIT_ACTIONS = AuditAction.labels()

# The rules' names, from where each rule is declared (pairjobs.domain.precarity.registry).
FLAG_NAMES = registry.names()

EXIT_REASONS = {**EndReason.labels(), "unknown": _l("Not recorded")}

"""Rules on the end of a fixed term: the notice of (non-)renewal, and a term passed with nothing recorded."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from pairjobs.domain.precarity.base import CODE_DU_TRAVAIL_2017, PRACTICE, Finding, Severity, Thresholds
from pairjobs.domain.precarity.facts import Situation
from pairjobs.domain.precarity.public import NOTICE_DECREE, notice_period_end
from pairjobs.domain.precarity.registry import PERSON, rule
from pairjobs.infra.dates import long_date
from pairjobs.models.organization import Sector
from pairjobs.models.position import ContractType


def _awaits_decision(s: Situation) -> bool:
    """An active fixed term with no decision on its end. A vacation is hired for a set task, outside the
    décret 91-155 (art. 1) and with no renewal to decide: neither end rule applies to it."""
    c = s.contract
    return (c.active and c.end_date is not None and c.contract_type.is_fixed_term and not c.decided
            and c.contract_type is not ContractType.VACATION)


# Public contracts: décret 91-155 (legal); private ones: a configured period (practice).
@rule("end_near_no_decision", Severity.WARNING, "legal",
      name=_l("End near, no decision recorded"), level=PERSON)
def end_near_without_decision(s: Situation, thresholds: Thresholds) -> Finding | None:
    """An active fixed term inside its notice period with no renewal decision recorded.

    Public contracts: the notice scale of décret 91-155 art. 41; private ones: a configured period.
    """
    c = s.contract
    if not _awaits_decision(s) or c.end_date is None or s.as_of > c.end_date:
        return None
    if c.sector is Sector.PUBLIC and c.contract_type.is_public:
        deadline, notice = notice_period_end(s, thresholds)
        if s.as_of < deadline:
            return None
        return Finding(
            _("Ends on %(end)s with no renewal decision recorded: the intention was due by %(due)s "
              "(%(notice)s before the end)", end=long_date(c.end_date, "long"),
              due=long_date(deadline, "long"), notice=notice),
            f"{NOTICE_DECREE} : 8 jours (moins de 6 mois), 1 mois (moins de 2 ans), 2 mois (2 ans et plus), "
            "3 mois si le renouvellement peut être un CDI ; durée renouvellements compris",
        )
    days = thresholds["decision_notice_days"]
    if s.as_of < c.end_date - timedelta(days=days):
        return None
    return Finding(ngettext("Ends within %(num)d day with no renewal decision recorded",
                            "Ends within %(num)d days with no renewal decision recorded", days),
        f"{PRACTICE} : délai d'alerte de {days} jours avant le terme d'un contrat de droit privé",
    )


@rule("fixed_term_overdue", Severity.CRITICAL, "legal",
      name=_l("Fixed term past its end, no decision recorded"), level=PERSON)
def fixed_term_overdue(s: Situation, thresholds: Thresholds) -> Finding | None:
    """A fixed term still active after its end date, with no end or decision recorded."""
    c = s.contract
    if not _awaits_decision(s) or c.end_date is None or s.as_of <= c.end_date:
        return None
    ended = long_date(c.end_date, "long")
    if c.contract_type.is_public:
        return Finding(
            _("Ended on %(date)s in principle, still active with no end or renewal recorded", date=ended),
            f"{NOTICE_DECREE} ; CGFP L332-17 : un contrat public ne se poursuit que par une décision "
            "expresse (renouvellement ou CDI) ; situation à régulariser",
        )
    return Finding(
        _("Term passed on %(date)s and still active with no end recorded: it has become a permanent contract",
          date=ended),
        f"Code du travail L1243-11 ({CODE_DU_TRAVAIL_2017}) : la relation qui se poursuit après "
        "l'échéance du terme devient un contrat à durée indéterminée"
        if c.contract_type is not ContractType.INTERIM else
        "Code du travail L1251-39 : la mission qui se poursuit après son terme fait de l'entreprise "
        "utilisatrice l'employeur en CDI",
    )


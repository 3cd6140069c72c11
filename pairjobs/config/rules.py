"""The contract rules' settings: the precarity flags' thresholds and the contract lengths checked on
positions, each with its basis in DOMAIN.md ("Contract rules in detail")."""

# Precarity flags (pairjobs.domain.precarity): thresholds, each with its basis in DOMAIN.md
# ("Contract rules in detail"). Values a collective agreement may change go under "idcc".
PRECARITY_THRESHOLDS = {
    "short_term_months": 12,  # a fixed term under this is "short" (pairjobs' setting)
    "very_short_term_months": 3,  # INSEE's "contrats courts"
    "low_fte_percent": 50,
    "private_min_weekly_hours": 24,  # Code du travail L3123-27, without a branch agreement (L3123-19)
    "part_time_exempt_max_days": 7,  # L3123-7: no minimum for contracts of 7 days or less
    "pec_min_weekly_hours": 20,  # L5134-26
    # Public six-year rule (CGFP L332-17).
    "public_cdi_due_months": 72,
    "service_gap_months": 4,  # interruptions of 4 months or less do not break the count
    # Periods that do not count as interruptions, as ("YYYY-MM-DD", "YYYY-MM-DD") pairs. L332-17 leaves
    # out the health state of emergency; its dates are to be checked before they are set here.
    "service_neutral_periods": [],
    # Public fixed terms by legal basis (CGFP L332-17, L332-19, L332-20, L332-23, L332-24).
    "public_cdd_limits": {
        "permanent_need": {"contract_months": 36, "total_months": 72},
        "vacancy": {"contract_months": 12, "total_months": 24},
        "temporary_increase": {"months": 12, "within_months": 18},
        "seasonal": {"months": 6, "within_months": 12},
        "replacement": {},  # as long as the absence
        "contrat_projet": {"min_months": 12, "total_months": 72},
    },
    # Notice of (non-)renewal of a public contract (décret 91-155 art. 41).
    "public_notice": {"under_6_months_days": 8, "under_2_years_months": 1, "from_2_years_months": 2,
                      "cdi_possible_months": 3},
    # Private CDD by reason (L1242-8-1, L1243-13-1, L1242-7); None: no maximum.
    "private_cdd_limits": {
        "default": {"max_months": 18, "max_renewals": 2},
        "awaiting_cdi": {"max_months": 9},
        "replacement_no_fixed_end": {"max_months": None, "max_renewals": None},
        "usage": {"max_months": None, "max_renewals": None},
    },
    "pec_min_months": 6,  # L5134-23
    "pec_max_months": 24,  # L5134-25
    "pec_extended_max_months": 60,  # L5134-25-1
    "decision_notice_days": 30,  # private contracts: warn this long before the end with no decision
    # Supervision delivered: the days with a session held over this many months (and this many days
    # before, so a session a few days late is not a missed one) against the promised frequency
    # (pairjobs' settings).
    "supervision_window_months": 6,
    "supervision_grace_days": 14,
    "supervision_min_minutes": 30,  # a shorter session is not counted as a supervision session held
    # Per collective agreement (4-digit IDCC): "private_cdd_limits" (same shape as above),
    # "part_time_min_weekly_hours", "waiting_period_applies". Only values checked against the agreement
    # in force. The BASS part-time agreement of 22 November 2013 (extended by the arrêté of 19 June
    # 2014) covers CCN 51 (0029) and CCN 66 (0413): 14 hours a week for the posts whose requirements
    # justify it (2 hours for listed health professions, which peer workers are not). pairjobs takes
    # that lower value, so that no contract a branch agreement allows is flagged.
    "idcc": {
        "0029": {"part_time_min_weekly_hours": 14},
        "0413": {"part_time_min_weekly_hours": 14},
    },
}

# Longest (and shortest) single contract of each fixed-term type, in months, checked on positions:
# public CDD by legal basis: permanent need 3 years (CGFP L332-17), replacement as long as the
# absence (L332-19), vacancy 1 year (L332-20), temporary increase 12 and seasonal 6 (L332-23); contrat de
# projet 1 to 6 years (L332-24), private CDD 18 (L1242-8-1), PEC 6 to 24 (L5134-23, L5134-25),
# interim mission 18 (L1251-12), apprenticeship 6 to 36 (L6222-7-1), professionalisation 6 to 24
# (L6325-11). (Public fixed terms and the contrat de projet take theirs from
# PRECARITY_THRESHOLDS["public_cdd_limits"].)
CONTRACT_DURATION_LIMITS = {
    "cdd": (1, 18), "pec": (6, 24), "interim": (1, 18), "apprentissage": (6, 36),
    "professionnalisation": (6, 24),
}

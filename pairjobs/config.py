"""Configuration classes; secrets and deployment settings come from the environment only."""

from __future__ import annotations

import os
from datetime import timedelta


def _env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    """Read an integer environment variable."""
    value = os.environ.get(name)
    return int(value) if value else default


class Config:
    """Defaults shared by every environment; each can be overridden from the environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    # None means "the embedded SQLite database in the instance folder" (resolved in create_app).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    # Sessions and cookies.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=_env_int("SESSION_HOURS", 8))
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    # Languages: French first.
    LANGUAGES = ("fr", "en")
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"

    # Passwords: argon2id, parameters from RFC 9106's second recommended option.
    PASSWORD_MIN_LENGTH = 12
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024  # KiB
    ARGON2_PARALLELISM = 4

    # Login throttling (Flask-Limiter): failed attempts per account and per address. Use a shared
    # storage (redis://…) when several processes serve pairjobs.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # The dashboard lists this many organizations (the exports hold them all).
    REPORT_TABLE_ROWS = 50
    # Cached results of expensive reads (dashboard, search), invalidated by data generations
    # (pairjobs.infra.caching). SimpleCache keeps them in each worker process; CACHE_TYPE=RedisCache with
    # CACHE_REDIS_URL shares them between processes. RESULT_CACHE=0 turns the cache off.
    CACHE_TYPE = os.environ.get("CACHE_TYPE", "SimpleCache")
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL")
    CACHE_DEFAULT_TIMEOUT = 3600  # seconds; only bounds how long unused entries take memory
    CACHE_THRESHOLD = 2000  # entries per process
    RESULT_CACHE = _env_bool("RESULT_CACHE", True)
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"
    # Staff sessions (employer, monitor, admin) end after this much inactivity.
    IDLE_TIMEOUT = timedelta(minutes=_env_int("IDLE_TIMEOUT_MINUTES", 30))

    # Retention (CNIL recruitment guide, DOMAIN.md "Privacy"), in days; `flask --app pairjobs purge` applies
    # it.
    RETENTION_DAYS = {
        "closed_application": 180,  # rejected or withdrawn: kept a short time, to explain the refusal
        "inactive_candidate": 730,  # no sign-in for two years and nothing in progress: the account goes
        "outbox": 90,  # e-mails, once sent or given up
        "audit": 365,
        "expired_token": 30,
    }

    # API tokens.
    API_TOKEN_LIFETIME = timedelta(hours=_env_int("API_TOKEN_HOURS", 24))

    # Regions whose departments and communes are offered (INSEE region codes, data in pairjobs/data/geo).
    GEO_REGIONS = tuple(os.environ.get("GEO_REGIONS", "84").split(","))

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
        # Per collective agreement (4-digit IDCC): "private_cdd_limits" (same shape as above),
        # "part_time_min_weekly_hours", "waiting_period_applies". Empty until each value is checked
        # against the agreement in force (e.g. the BASS agreement of 22 November 2013 for IDCC 0029, 0413).
        "idcc": {},
    }

    # Uploads: credential certificates (PDF), stored in the instance folder, never under static/.
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    CREDENTIAL_MAX_BYTES = 5 * 1024 * 1024
    DOCUMENTS_DIR = os.environ.get("DOCUMENTS_DIR")  # default: <instance>/documents

    # Regional monitoring. Reference figures from the user's source article, unverified (DOMAIN.md):
    # shown next to what pairjobs computes, never used in a computation.
    # Reference figures, each shown only beside the same measure (indicator) on the same scope (sector,
    # department, org_kind; None: the whole region). Cited by the user's source article, not verified.
    REFERENCE_FIGURES = {
        "creai_2022_public_cdd": {
            "indicator": "cdd_people_share",
            "value": 0.43,
            "year": 2022,
            "measure": "part des pairs-aidants salariés en CDD (personnes)",
            "scope": {"sector": "public", "department": None, "org_kind": None},
            "source": "CREAI Auvergne-Rhône-Alpes, 2022 (cité, non vérifié)",
        },
        "supervision_2023": {
            "indicator": "supervised_professional_people_share",
            "value": 0.24,
            "year": 2023,
            "measure": "part des pairs-aidants salariés avec une supervision professionnelle régulière "
                       "(personnes)",
            "scope": {"sector": None, "department": None, "org_kind": None},
            "source": "chiffre 2023 cité par l'article source (non vérifié)",
        },
    }
    # Open data: a count of fewer people than this is suppressed ("s"), with complementary suppression.
    OPEN_DATA_MIN_COUNT = 5
    # Organizations are ranked by their flagged share only from this many running contracts.
    RANKING_MIN_CONTRACTS = 5
    SURVEY_MAX_BYTES = 2 * 1024 * 1024
    SURVEY_MAX_ROWS = 5000

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

    # Search.
    SEARCH_PAGE_SIZE = 20
    FEED_SIZE = 50
    API_MAX_PAGE_SIZE = 100
    PIPELINE_PAGE_SIZE = 50  # applications per page of the employer's pipeline

    # The address users reach pairjobs at, for absolute links (e-mails, feed, sitemap, JSON-LD).
    # Required in production. In development, when unset, links follow the address actually served
    # (the request's), and DEFAULT_PUBLIC_URL outside a request.
    PUBLIC_URL = os.environ.get("PUBLIC_URL") or None
    PUBLIC_URL_FROM_REQUEST = True
    DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"

    # Mail.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "pairjobs <no-reply@pairjobs.localhost>")
    # "smtp" sends through MAIL_SERVER; "outbox" (development) only stores and logs each message,
    # which administrators read on the outbox page.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "outbox")
    MAIL_TIMEOUT = _env_int("MAIL_TIMEOUT", 10)


class DevelopmentConfig(Config):
    """Local development: the embedded SQLite database and a fixed, clearly non-secret key."""

    SECRET_KEY = Config.SECRET_KEY or "dev-only-not-secret"


class TestingConfig(Config):
    """The test suite: cheap password hashing, CSRF off unless a test turns it on."""

    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False  # the throttling tests turn it on
    PUBLIC_URL = "http://127.0.0.1:5000"
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1


class ProductionConfig(Config):
    """Production: secrets must come from the environment; mail goes through SMTP."""

    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    # Never build links from the Host header in production: links would follow a forged one.
    PUBLIC_URL_FROM_REQUEST = False


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}

"""pairjobs: a job board and recruitment tracker for salaried peer workers in mental health."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from pairjobs.config import CONFIGS

ROOT = Path(__file__).resolve().parent.parent


class BoundedIntConverter(IntegerConverter):
    """<int:…> limited to the range of the databases' INTEGER columns."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(config: dict | str | None = None) -> Flask:
    """Build the application.

    `config` is the name of a configuration class ("development", "testing", "production") or a
    mapping of settings, whose optional PAIRJOBS_ENV key names the class; by default the
    PAIRJOBS_ENV environment variable picks it ("development" unless told otherwise).
    """
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("PAIRJOBS_INSTANCE", str(ROOT / "instance")),
        instance_relative_config=True,
    )
    configure(app, config)
    app.url_map.converters["int"] = BoundedIntConverter  # ids beyond the database's integers are 404s
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_commands(app)
    if not app.testing:
        preload_reference_data(app)
    return app


def preload_reference_data(app: Flask) -> None:
    """Load once, when a worker starts, the data every page needs (the communes, the locales' CLDR data),
    rather than on the first request of each worker."""
    from babel import Locale

    from pairjobs.domain.geo import geography

    with app.app_context():
        geography()
    for language in app.config["LANGUAGES"]:
        locale = Locale.parse(language)
        locale.decimal_formats, locale.date_formats, locale.number_symbols  # noqa: B018 (loads the data)


# A signing key an attacker cannot guess: 32 hexadecimal characters are 128 bits.
MIN_SECRET_KEY_LENGTH = 32


def configure(app: Flask, config: dict | str | None) -> None:
    """Load the configuration class, the instance file, then explicit overrides."""
    if isinstance(config, str):
        name = config
    elif config and "PAIRJOBS_ENV" in config:
        name = config["PAIRJOBS_ENV"]
    else:
        name = os.environ.get("PAIRJOBS_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"Unknown configuration {name!r}; choose one of {sorted(CONFIGS)}")
    app.config.from_object(CONFIGS[name])
    app.config.from_pyfile("config.py", silent=True)
    if isinstance(config, dict):
        app.config.update(config)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'pairjobs.sqlite'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in the environment or instance/config.py")
    if name == "production" and len(app.config["SECRET_KEY"]) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(f"SECRET_KEY must have at least {MIN_SECRET_KEY_LENGTH} characters in production "
                           "(e.g. python3 -c 'import secrets; print(secrets.token_hex(32))')")
    if not app.config.get("PUBLIC_URL") and not app.config["PUBLIC_URL_FROM_REQUEST"]:
        raise RuntimeError("PUBLIC_URL must be set in the environment or instance/config.py "
                           "(the site's address, for links in e-mails, the feed and the sitemap)")


def normalize_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def register_extensions(app: Flask) -> None:
    """Bind the extensions to the application."""
    from pairjobs import models  # noqa: F401  (registers the tables)
    from pairjobs.extensions import babel, cache, csrf, db, limiter, login_manager, migrate
    from pairjobs.infra.caching import register_generation_tracking
    from pairjobs.infra.db_events import register_db_events
    from pairjobs.infra.mail import register_mail_delivery
    from pairjobs.infra.sqlite_writers import register_sqlite_writers
    from pairjobs.models.base import include_name
    from pairjobs.web.i18n import install_request_domain, install_template_gettext, select_locale
    from pairjobs.web.session import configure_login, enforce_idle_timeout

    db.init_app(app)
    register_db_events(app)
    register_sqlite_writers()
    register_generation_tracking()
    register_mail_delivery()
    cache.init_app(app)
    migrate.init_app(
        app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True,
        include_name=include_name
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    install_request_domain(babel, app)
    install_template_gettext(app)
    login_manager.init_app(app)
    configure_login()
    app.before_request(enforce_idle_timeout)
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Mount every blueprint."""
    from pairjobs.accounts import notifications, two_factor  # noqa: F401  # their routes join the accounts blueprint
    from pairjobs.accounts.views import bp as accounts_bp
    from pairjobs.admin.views import bp as admin_bp
    from pairjobs.api import bp as api_bp
    from pairjobs.candidates import pool, supervision  # noqa: F401  # their routes join the candidates blueprint
    from pairjobs.candidates.views import bp as candidates_bp
    from pairjobs.employer.views import bp as employer_bp
    from pairjobs.extensions import rest_api
    from pairjobs.jobs.views import bp as jobs_bp
    from pairjobs.main import answering, legal  # noqa: F401  # their routes join the main blueprint
    from pairjobs.main.views import bp as main_bp
    from pairjobs.opendata.views import bp as opendata_bp
    from pairjobs.reports import questionnaire, verification  # noqa: F401  # their routes join the reports blueprint
    from pairjobs.reports.views import bp as reports_bp
    from pairjobs.schemas.common import ErrorSchema

    app.register_blueprint(main_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(employer_bp, url_prefix="/employer")
    app.register_blueprint(candidates_bp, url_prefix="/me")
    app.register_blueprint(reports_bp, url_prefix="/reports")
    app.register_blueprint(opendata_bp, url_prefix="/opendata")
    rest_api.ERROR_SCHEMA = ErrorSchema  # the API's one error shape, in every documented response
    rest_api.init_app(app)
    rest_api.register_blueprint(api_bp, url_prefix="/api/v1")


def register_errorhandlers(app: Flask) -> None:
    """HTML or JSON error responses."""
    from pairjobs.web.errors import register_errorhandlers as register

    register(app)


def register_security_headers(app: Flask) -> None:
    """Security headers on every response; input no view may receive refused before any reads it."""
    from pairjobs.web.request_guard import register_request_guard
    from pairjobs.web.security import register_security_headers as register

    register(app)
    register_request_guard(app)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals used by the templates."""
    from pairjobs.web.templating import register_template_helpers as register

    register(app)


def register_commands(app: Flask) -> None:
    """The `flask --app pairjobs …` commands."""
    from pairjobs.cli import register_commands as register

    register(app)

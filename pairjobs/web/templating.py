"""Template filters and globals."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel import dates, numbers
from flask import Flask
from flask_babel import format_datetime, get_timezone
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup

from pairjobs.domain.geo import geography
from pairjobs.domain.identifiers import format_finess
from pairjobs.infra.dates import first_of_month, long_date
from pairjobs.infra.links import public_url
from pairjobs.infra.mail import erased, readable, secret
from pairjobs.models.base import LabelledEnum, utcnow
from pairjobs.web import labels
from pairjobs.web.i18n import locale_name


def commune_name(code: str) -> str:
    """The commune's name, or its code if unknown."""
    commune = geography().commune(code)
    return commune.name if commune else code


def department_name(code: str) -> str:
    """The department's "code – name"."""
    department = geography().department(code)
    return f"{department.code} – {department.name}" if department else code


@lru_cache(maxsize=4096)
def _number(value, locale: str) -> str:
    return numbers.format_decimal(value, locale=locale)


@lru_cache(maxsize=4096)
def _day(value: date, format: str, locale: str) -> str:
    return first_of_month(dates.format_date(value, format, locale=locale), value, locale)


def format_number(value, locale: str | None = None) -> str:
    """A number in the user's language, or in `locale` (memoized: pages show the same amounts many
    times)."""
    return _number(value, locale or locale_name())


def format_day(value, format: str = "medium") -> str:
    """The date of a date or a datetime (in the user's time zone) in the user's language (memoized)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return long_date(value, format)
        value = value.astimezone(get_timezone()).date()
    return _day(value, format, locale_name())


def format_moment(value: datetime) -> str:
    """A meeting's time as people say it, in France's time: "jeudi 10 décembre 2026, 14:30"."""
    local = value.astimezone(get_timezone()) if value.tzinfo else value
    return first_of_month(format_datetime(value, "EEEE d MMMM y, HH:mm"), local.date(), locale_name())


def paragraphs(text: str) -> Markup:
    """Plain text as HTML paragraphs (blank lines) and line breaks, every character escaped."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(b.split("\n"))) for b in blocks)


def labelled_enums() -> dict[str, type[LabelledEnum]]:
    """Every enumeration with labels, by class name: templates list `enums.Sector` and read `.label`."""
    found, todo = {}, list(LabelledEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo += cls.__subclasses__()
    return found


def colon() -> Markup:
    """The colon between a name and what follows, as the page's language writes it: French puts a
    non-breaking space before it."""
    return Markup("\u00a0: ") if locale_name().startswith("fr") else Markup(": ")


def register_template_helpers(app: Flask) -> None:
    """Make helpers available to every template; keep compiled templates in the instance folder, so that a
    worker that starts does not compile them again (Jinja checks each one against its source)."""
    if not app.testing:
        cache_dir = Path(app.instance_path) / "jinja-cache"
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
        except OSError:  # a read-only instance folder: compile in memory
            pass
    app.jinja_env.filters.update(
        finess=format_finess,
        commune=commune_name,
        department=department_name,
        datetime=format_datetime,
        moment=format_moment,
        date=format_day,
        number=format_number,
        paragraphs=paragraphs,
        readable=readable,
        erased=erased,
    )
    app.jinja_env.globals.update(
        labels=labels,
        enums=labelled_enums(),
        current_locale=lambda: locale_name(),
        colon=colon,
        secret=secret,
        public_url=public_url,
        now_utc=utcnow,
        geo_departments=lambda: [(d.code, d.name) for d in sorted(geography().departments.values(),
                                                                  key=lambda d: d.code)],
    )

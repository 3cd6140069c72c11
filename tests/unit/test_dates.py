"""French dates write the first day of a month "1er"."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import force_locale

from pairjobs.infra.dates import first_of_month, long_date
from pairjobs.web.templating import format_day, format_moment


def test_the_first_of_a_month_reads_1er_in_french_only(app):
    with force_locale("fr"):
        assert long_date(date(2026, 12, 1)) == "1er décembre 2026"
        assert long_date(date(2026, 12, 11)) == "11 décembre 2026"
        assert long_date(date(2026, 12, 21)) == "21 décembre 2026"
        assert format_day(date(2027, 3, 1), "medium") == "1er mars 2027"
        assert format_day(date(2027, 3, 1), "short") == "01/03/2027"
        assert format_moment(datetime(2027, 3, 1, 9, 30, tzinfo=UTC)).startswith("lundi 1er mars 2027")
    with force_locale("en"):
        assert long_date(date(2026, 12, 1)) == "December 1, 2026"


def test_only_the_day_is_rewritten():
    assert first_of_month("1 janvier 2031", date(2031, 1, 1), "fr") == "1er janvier 2031"
    assert first_of_month("mercredi 1 janvier 2031", date(2031, 1, 1), "fr") == "mercredi 1er janvier 2031"
    assert first_of_month("1 janv. 2031", date(2031, 1, 2), "fr") == "1 janv. 2031"  # not the first: as is

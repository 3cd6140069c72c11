"""marshmallow's and webargs' own messages in the reader's language.

Most fields of pairjobs raise messages of their own (pairjobs.schemas.fields); the library still
speaks for a few cases: an unknown name, a null nested object, a query value outside its choices.
Each of its message templates is matched here and given a translatable message with the same values.
"""

from __future__ import annotations

import re

from flask import has_app_context
from flask_babel import gettext as _


def N_(message: str) -> str:
    """Mark a message for the catalogue (pybabel extracts N_), translated later by `translated`."""
    return message


# marshmallow's template ({name} placeholders) -> the message pairjobs translates (%(name)s).
TEMPLATES: list[tuple[str, str]] = [
    ("Unknown field.", N_("Unknown field.")),
    ("Invalid input type.", N_("Invalid input type.")),
    ("Field may not be null.", N_("This field cannot be empty.")),
    ("Missing data for required field.", N_("This field is required.")),
    ("Invalid value.", N_("Invalid value.")),
    ("Invalid input.", N_("Invalid value.")),
    ("Invalid type.", N_("Must be an object.")),
    ("Must be one of: {choices}.", N_("Must be one of: %(choices)s.")),
    ("Not a valid integer.", N_("Must be a whole number.")),
    ("Not a valid number.", N_("Must be a number.")),
    ("Number too large.", N_("Number too large.")),
    ("Special numeric values (nan or infinity) are not permitted.", N_("Must be a number.")),
    ("Not a valid boolean.", N_("Must be true or false.")),
    ("Not a valid date.", N_("Must be a date (YYYY-MM-DD).")),
    ("Not a valid datetime.", N_("Must be a date and time (ISO 8601).")),
    ("Not a valid string.", N_("Must be text.")),
    ("Not a valid list.", N_("Must be a list.")),
    ("Not a valid mapping type.", N_("Must be an object.")),
    ("Not a valid URL.", N_("Must be a web address.")),
    ("Not a valid email address.", N_("Enter a valid e-mail address.")),
    ("Longer than maximum length {max}.", N_("At most %(max)s characters.")),
    ("Shorter than minimum length {min}.", N_("At least %(min)s characters.")),
    ("Must be greater than or equal to {min} and less than or equal to {max}.",
     N_("Must be between %(min)s and %(max)s.")),
    ("Must be greater than or equal to {min}.", N_("Must be at least %(min)s.")),
    ("Must be less than or equal to {max}.", N_("Must be at most %(max)s.")),
    ("String does not match expected pattern.", N_("Invalid format.")),
]


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.S)


_COMPILED = [(_pattern(template), message) for template, message in TEMPLATES]


def translated(message: str) -> str:
    """The message in the reader's language when it is one of the library's, else as it is."""
    if not has_app_context():
        return message
    for pattern, msgid in _COMPILED:
        if match := pattern.match(message):
            return _(msgid, **match.groupdict())
    return message

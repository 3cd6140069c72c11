"""Fields that read form strings and JSON values alike, with the site's messages.

A blank string counts as no value, so a form's empty input and a JSON null mean the same thing;
numbers may come as text (forms) or as numbers (JSON), never as booleans.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError, fields

from pairjobs.infra.text import clean_line, clean_paragraphs

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
TRUE_WORDS = {"y", "yes", "on", "true", "1"}
FALSE_WORDS = {"n", "no", "off", "false", "0"}


def blank(value: Any) -> bool:
    """Whether a raw value holds nothing: None or a blank string."""
    return value is None or (isinstance(value, str) and not value.strip())


class _Field(fields.Field):
    """A field whose messages are translated when they are raised."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("allow_none", not kwargs.get("required", False))
        super().__init__(*args, **kwargs)

    def make_error(self, key: str, **kwargs: Any) -> ValidationError:
        if key in {"required", "null"}:
            return ValidationError(_("This field is required."))
        return super().make_error(key, **kwargs)

    def deserialize(self, value: Any, attr: str | None = None, data: Any = None, **kwargs: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            value = None
        return super().deserialize(value, attr, data, **kwargs)


class Text(_Field, fields.String):
    """Text of at most max_length characters, stripped and normalised (pairjobs.infra.text): one line,
    or paragraphs with `multiline`."""

    def __init__(self, max_length: int, multiline: bool = False, **kwargs: Any):
        self.max_length, self.multiline = max_length, multiline
        kwargs.setdefault("metadata", {}).setdefault("maxLength", max_length)
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(_("Must be text."))
        value = (clean_paragraphs(value) if self.multiline else clean_line(value)).strip()
        if len(value) > self.max_length:
            raise ValidationError(_("At most %(n)d characters.", n=self.max_length))
        return value


class Choice(_Field, fields.Enum):
    """One value of an enumeration, by its code."""

    def __init__(self, enum_cls: type[enum.Enum], **kwargs: Any):
        super().__init__(enum_cls, by_value=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> enum.Enum:
        try:
            return self.enum(value)
        except (ValueError, TypeError):
            allowed = ", ".join(str(m.value) for m in self.enum)
            raise ValidationError(_("Unknown value; expected one of: %(allowed)s.",
                                    allowed=allowed)) from None


class WholeNumber(_Field, fields.Integer):
    """A whole number within bounds; text such as "12" is read too."""

    def __init__(self, minimum: int, maximum: int, negative_message: Callable[[], str] | None = None,
                 range_message: Callable[[], str] | None = None, **kwargs: Any):
        # Messages are functions, called when raised: marshmallow copies fields, which would freeze a lazy
        # string in the language of the copy.
        self.minimum, self.maximum = minimum, maximum
        self.negative_message, self.range_message = negative_message, range_message
        metadata = kwargs.setdefault("metadata", {})
        metadata.setdefault("minimum", minimum)
        metadata.setdefault("maximum", maximum)
        super().__init__(strict=False, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,30}", value.strip()):
            number = int(value.strip())
        elif isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):  # too many digits to read
            number = -(10 ** 30) if value.strip().startswith("-") else 10 ** 30
        if number is None:
            raise ValidationError(_("Must be a whole number."))
        if number < 0 <= self.minimum and self.negative_message is not None:
            raise ValidationError(self.negative_message())
        if not self.minimum <= number <= self.maximum:
            raise ValidationError(self.range_message() if self.range_message is not None else
                                  _("Must be between %(min)d and %(max)d.", min=self.minimum,
                                    max=self.maximum))
        return number


class Decimal(_Field, fields.Float):
    """A number within bounds, comma or dot as decimal separator, kept to one decimal."""

    def __init__(self, minimum: float, maximum: float, **kwargs: Any):
        self.minimum, self.maximum = minimum, maximum
        metadata = kwargs.setdefault("metadata", {})
        metadata.setdefault("minimum", minimum)
        metadata.setdefault("maximum", maximum)
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> float:
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise ValueError
            number = float(value.replace(",", ".")) if isinstance(value, str) else float(value)
        except ValueError:
            raise ValidationError(_("Must be a number.")) from None
        if math.isnan(number) or not self.minimum <= number <= self.maximum:
            raise ValidationError(_("Must be between %(min)s and %(max)s.", min=self.minimum,
                                    max=self.maximum))
        return round(number, 1)


class YesNo(_Field, fields.Boolean):
    """Yes or no: JSON true/false, or the words forms send ("y", "on")."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS:
            return True
        if isinstance(value, str) and value.strip().lower() in FALSE_WORDS:
            return False
        raise ValidationError(_("Must be yes or no."))


class Day(_Field, fields.Date):
    """A calendar date, YYYY-MM-DD, from 1900 to 2100 (what a contract, a position or a survey can
    mean; a year 9999 would only break the figures computed from it)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> date:
        try:
            if isinstance(value, date):
                day = value
            elif isinstance(value, str) and len(value) <= 40:
                day = date.fromisoformat(value.strip())
            else:
                raise ValueError
        except ValueError:
            raise ValidationError(_("Must be a date (YYYY-MM-DD).")) from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(_("Choose a date between 1900 and 2100."))
        return day


class Moment(_Field, fields.DateTime):
    """An instant, ISO 8601 with its offset ("2027-01-12T10:00:00+01:00" or "…Z"), from 1900 to 2100; read
    back in UTC. `local_zone`: a time without offset (a form's datetime-local input) is read in that zone."""

    def __init__(self, local_zone: tzinfo | None = None, **kwargs: Any):
        self.local_zone = local_zone
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> datetime:
        try:
            if not isinstance(value, str) or len(value) > 40:
                raise ValueError
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                _("Must be a date and time, for example 2027-01-12T10:00:00+01:00.")) from None
        if moment.tzinfo is None:
            if self.local_zone is None:
                raise ValidationError(
                    _("Give the time with its offset, for example 2027-01-12T10:00:00+01:00."))
            moment = moment.replace(tzinfo=self.local_zone)
        if not FIRST_DAY <= moment.date() <= LAST_DAY:
            raise ValidationError(_("Choose a date between 1900 and 2100."))
        return moment.astimezone(UTC)


class Weekdays(_Field, fields.List):
    """ISO weekdays (1 = Monday … 7 = Sunday): a list, or a string of digits ("12345")."""

    def __init__(self, allow_empty: bool = True, lists_only: bool = False, **kwargs: Any):
        self.allow_empty = allow_empty  # an empty list: "the organization's days" for a position
        self.lists_only = lists_only
        super().__init__(fields.Integer(validate=lambda d: 1 <= d <= 7), **kwargs)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[int] | None:
        return [int(c) for c in value] if value else None

    def _deserialize(  # type: ignore[override]  # stored as a string of digits ("12345"), not a list
            self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str | None:
        items: list[Any]
        if isinstance(value, str) and not self.lists_only:
            items = [c for c in value if not c.isspace() and c != ","]
        elif isinstance(value, (list, tuple)):
            items = list(value)
        else:
            raise ValidationError(_("Give the opening days as weekdays from 1 (Monday) to 7 (Sunday)."))
        days = set()
        for item in items:
            if isinstance(item, bool) or str(item).strip() not in {"1", "2", "3", "4", "5", "6", "7"}:
                raise ValidationError(_("Give the opening days as weekdays from 1 (Monday) to 7 (Sunday)."))
            days.add(int(item))
        if not days and not self.allow_empty:
            raise ValidationError(_("Give the opening days as weekdays from 1 (Monday) to 7 (Sunday)."))
        return "".join(str(d) for d in sorted(days)) or None


def computed(field: fields.Field, getter: Any) -> fields.Field:
    """A read-only field whose value is computed from the whole object (flags, links)."""
    field.dump_only = True
    field.get_value = lambda obj, attr, accessor=None, default=None: getter(obj)  # type: ignore[method-assign]
    return field

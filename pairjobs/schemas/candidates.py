"""A candidate's profile, as the profile form sends it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError, fields

from pairjobs.schemas.base import ResourceSchema
from pairjobs.schemas.fields import Text, YesNo, blank


class Departments(fields.Field):
    """Department codes: a list, or a space-separated string."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[str]:
        if blank(value):
            return []
        if isinstance(value, str):
            value = value.split()
        if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
            raise ValidationError(_("Choose departments of the region."))
        return value


class ProfileSchema(ResourceSchema):
    """What a candidate says about themself; the lived experience is shared only if they choose to."""

    name = Text(120, required=True)
    phone = Text(30)
    availability = Text(200)
    presentation = Text(3000, multiline=True)
    lived_experience = Text(4000, multiline=True)
    lived_experience_consent = YesNo()
    share_lived_experience = YesNo()
    share_phone = YesNo()
    departments_sought = Departments(allow_none=True)

"""What every resource schema shares: the same shape read and written, nested groups of fields
stored flat on the model, and the flat names of the previous release.

A client can GET a resource, change a field and send the whole body back: the fields that are
only ever written by pairjobs (id, status, flags…) are accepted and ignored on input, while a
name the shape does not know is refused, so a typo never passes silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import g, has_request_context
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import RAISE, Schema, ValidationError, fields, post_load, pre_load

from pairjobs.domain.errors import ValidationFailed
from pairjobs.schemas.messages import translated

DEPRECATED = "pairjobs_deprecated_fields"
MAX_UNKNOWN_NAMES = 10  # beyond, the names are not listed one by one


class Object(fields.Nested):
    """A nested JSON object (a reference such as `organization`, or a Group): anything else is refused
    on the field, with its own message."""

    def _deserialize(self, value: Any, attr: Any, data: Any, partial: Any = None, **kwargs: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValidationError(_("Must be an object."))
        return super()._deserialize(value, attr, data, partial=partial, **kwargs)


class Group(Object):
    """Fields of the model shown together as one JSON object (`funding`, `supervision`).

    Its schema reads its values from the resource itself, and on input its fields' `attribute`
    names the model attribute each value goes to.
    """

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return obj


class ResourceSchema(Schema):
    """A resource's one shape: dumped by GET, loaded by POST and PATCH into model attributes."""

    class Meta:
        unknown = RAISE
        ordered = True

    @pre_load
    def _prepare(self, data: Any, **kwargs: Any) -> Any:
        if not isinstance(data, Mapping):
            raise ValidationError(_("The body must be a JSON object."), "_schema")
        data = {k: v for k, v in data.items() if not self._read_only(k)}
        flat_names = type(self).flat_names()
        unknown = [k for k in data if k not in self.fields and k not in flat_names]
        if len(unknown) > MAX_UNKNOWN_NAMES:  # one message, not an echo of each
            raise ValidationError(ngettext("The body holds %(num)d name this resource does not have.",
                                           "The body holds %(num)d names this resource does not have.",
                                           len(unknown)), "_schema")
        used = [name for name in flat_names if name in data]
        for name in used:
            group, key = flat_names[name]
            nested = data.get(group)
            if nested is None:
                nested = {}
            if isinstance(nested, Mapping):
                data[group] = {**nested} if key in nested else {**nested, key: data[name]}
            del data[name]
        if used and has_request_context():
            g.setdefault(DEPRECATED, []).extend(used)
        for name, field in self.fields.items():
            if isinstance(field, Group) and isinstance(data.get(name), Mapping):
                read_only = {k for k, f in field.schema.fields.items() if f.dump_only}
                data[name] = {k: v for k, v in data[name].items() if k not in read_only}
        return data

    def _read_only(self, name: str) -> bool:
        field = self.fields.get(name)
        return field is not None and field.dump_only

    @post_load
    def _flatten(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        for name, field in self.fields.items():
            if isinstance(field, Group) and isinstance(data.get(field.attribute or name), dict):
                data.update(data.pop(field.attribute or name))
        return data

    @classmethod
    def paths(cls) -> dict[str, str]:
        """Each model attribute's path in the shape ("supervision_frequency" → "supervision.frequency")."""
        paths: dict[str, str] = {}
        for name, field in cls._declared_fields.items():
            if isinstance(field, Group):
                for key, inner in _group_schema(field)._declared_fields.items():
                    paths[inner.attribute or key] = f"{name}.{key}"
            else:
                paths[field.attribute or name] = name
        return paths

    @classmethod
    def flat_names(cls) -> dict[str, tuple[str, str]]:
        """The previous release's flat input names: each grouped field's model attribute, by the group and
        key it now goes to ("supervision_frequency" → ("supervision", "frequency"))."""
        groups = [(name, field) for name, field in cls._declared_fields.items()
                  if isinstance(field, Group) and not field.dump_only]
        return {inner.attribute or key: (name, key) for name, field in groups
                for key, inner in _group_schema(field)._declared_fields.items() if not inner.dump_only}


def _group_schema(field: Group) -> type[Schema]:
    nested = field.nested
    return nested if isinstance(nested, type) and issubclass(nested, Schema) else type(field.schema)


def flat_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"supervision.frequency": [...]}, in the reader's language."""
    if isinstance(messages, list):
        return {prefix or "_schema": [translated(str(m)) for m in messages]}
    if not isinstance(messages, Mapping):
        return {prefix or "_schema": [translated(str(messages))]}
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        # An item of a list (an int key) is reported on the list's field.
        path = prefix if isinstance(key, int) else f"{prefix}.{key}" if prefix else str(key)
        if key == "_schema" and prefix:
            path = prefix
        for name, items in flat_messages(value, path).items():
            out.setdefault(name, []).extend(items)
    return out


def deprecated_fields() -> list[str]:
    """The flat input names of the previous release used by the current request."""
    return list(g.get(DEPRECATED, [])) if has_request_context() else []


def load(schema: ResourceSchema | Schema, data: Any, partial: bool = False) -> dict[str, Any]:
    """Typed values by model attribute from raw input (a form, a file's row), or ValidationFailed
    with the messages by attribute."""
    try:
        return schema.load(data, partial=partial)
    except ValidationError as exc:
        paths = type(schema).paths() if isinstance(schema, ResourceSchema) else {}
        attributes = {path: attribute for attribute, path in paths.items()}
        messages = flat_messages(exc.messages)
        raise ValidationFailed({attributes.get(k, k): v for k, v in messages.items()}) from None

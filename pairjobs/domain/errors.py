"""Errors raised by the domain layer; views and the API turn them into messages."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused an operation; nothing was changed."""

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    """Input broke one or more rules; `fields` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]], message: str | None = None):
        from flask_babel import gettext

        super().__init__(message or gettext("Some fields are not valid."), fields)


class Conflict(DomainError):
    """The operation clashes with existing data (a duplicate, a stale version…)."""


class Errors(dict[str, list[str]]):
    """Problems found in an input, by model attribute, gathered before raising ValidationFailed."""

    def add(self, name: str, message: str) -> None:
        """Record a problem with a field."""
        self.setdefault(name, []).append(message)


class Throttled(Exception):
    """Too many password attempts on an account; `retry_after` is the wait in seconds.

    Not a DomainError: the views answer it 429, never as a field error of the form.
    """

    def __init__(self, retry_after: int):
        from flask_babel import gettext, ngettext

        minutes = max(1, -(-retry_after // 60))
        self.message = gettext("Too many attempts on this account. Try again in %(wait)s, or reset your "
                                 "password by e-mail.",
                                 wait=ngettext("%(num)d minute", "%(num)d minutes", minutes))
        super().__init__(self.message)
        self.retry_after = retry_after

"""Typed domain errors with messages in Chinese and English.

Every refusal in the system is a ``DomainError``: it names a message key from
``app.core.messages.MESSAGES`` and the parameters that make it specific (rule,
object, numbers).  Entry points render it in the request's language: views
flash it, the API answers 422 with both languages, importers write it beside the
row.  Nothing is committed when one is raised inside ``core.db.transaction()``.
"""
from __future__ import annotations

from typing import Any

from app.core.messages import fields_of, render


class DomainError(Exception):
    """A write the rules refuse.  ``key`` picks the message, ``params`` fill it."""

    http_status = 422

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("zh"))

    def message(self, lang: str | None = None) -> str:
        return render(self.key, lang, **self.params)

    def fields(self) -> tuple[str, ...]:
        """The form fields this refusal concerns (``app.core.messages.fields_of``)."""
        return fields_of(self.key, self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.key,
            "message": self.message(),
            "zh": self.message("zh"),
            "en": self.message("en"),
        }

    def __str__(self) -> str:  # flashes and logs show the current language
        return self.message()


class ValidationFailed(DomainError):
    """Malformed input: a bad code, a date in the wrong order, an unknown value."""


class InvariantViolation(DomainError):
    """One of the six quota invariants (SPEC §1) would break."""


class QuotaExceeded(InvariantViolation):
    pass


class ScopeViolation(DomainError):
    """A department user reached for a row outside its institution subtree."""

    http_status = 403


class NotFound(DomainError):
    http_status = 404


class Forbidden(DomainError):
    """The actor's role may not do this (a workflow transition, a sign-off)."""

    http_status = 403


class Conflict(DomainError):
    """The row moved on meanwhile (another request changed its state first)."""

    http_status = 409

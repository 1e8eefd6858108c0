"""Validation with Swedish messages that say what is wrong and where."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from db.text import normalize


@dataclass(frozen=True)
class FieldError:
    field: str  # the attribute name, so a form can mark the right widget
    message: str  # Swedish, names the field as the user sees it


class ValidationError(Exception):
    """One or more fields are wrong; nothing was saved."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("\n".join(e.message for e in errors))

    def for_field(self, name: str) -> list[str]:
        return [e.message for e in self.errors if e.field == name]


class RefusedByDatabase(ValidationError):
    """A rule in the database itself (a trigger: a justerat protokoll, a public record
    kept, docs/domain/justering.md) refused the write; its message is Swedish."""

    def __init__(self, message: str):
        super().__init__([FieldError("databas", message)])


def database_refusal(exc: BaseException) -> RefusedByDatabase | None:
    """The ValidationError for a write a trigger refused with ``RAISE(ABORT, '…')``, or
    None for any other error (a broken constraint is a bug, not the user's to fix)."""
    if isinstance(exc, sqlite3.IntegrityError) and getattr(
            exc, "sqlite_errorname", None) == "SQLITE_CONSTRAINT_TRIGGER":
        return RefusedByDatabase(str(exc))
    return None


class Checker:
    """Collects errors so the user sees all of them at once, not one per attempt."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def required(self, field: str, value: str, label: str) -> None:
        if not (value or "").strip():
            self.add(field, f"{label} måste fyllas i.")

    def max_length(self, field: str, value: str, label: str, limit: int) -> None:
        if value and len(value) > limit:
            self.add(field, f"{label} får vara högst {limit} tecken (nu {len(value)}).")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


_ORGNR = re.compile(r"^(\d{6})-?(\d{4})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def normalize_orgnr(text: str) -> str | None:
    """``212000-0340`` from either form, or None when it is not a valid number."""
    m = _ORGNR.match((text or "").strip())
    if not m:
        return None
    digits = m.group(1) + m.group(2)
    if not luhn_ok(digits):
        return None
    return f"{m.group(1)}-{m.group(2)}"


def email_ok(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


def clean_text(text: str | None) -> str:
    """Trim and drop soft hyphens pasted from other programs, after the normalisation the
    database gives every text (db/text.py: controls, surrogates, noncharacters gone, NFC),
    so that "required" and "at most N characters" judge what will be stored."""
    if text is None:
        return ""
    return normalize(text).replace("\u00ad", "").strip()

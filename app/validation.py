"""Validation with Swedish messages that say what is wrong and where."""

from __future__ import annotations

import re
from dataclasses import dataclass


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
    """Trim and drop soft hyphens and NUL characters pasted from other programs."""
    if text is None:
        return ""
    return text.replace("\u00ad", "").replace("\x00", "").strip()

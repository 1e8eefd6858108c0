"""The one personnummer detector: finds a personnummer or samordningsnummer in free text,
in every form people write it, so that registers that must stay anonymous can refuse it.

Forms (docs/domain/registers.md, "No personal data"): ÅÅMMDD-NNNN, ÅÅMMDD+NNNN (100 years or older),
ÅÅÅÅMMDD-NNNN, ÅÅMMDDNNNN, ÅÅÅÅMMDDNNNN, and with a space instead of the hyphen
(ÅÅMMDD NNNN, ÅÅÅÅMMDD NNNN); a samordningsnummer has 60 added to the day.

Written with a hyphen or plus the number counts whenever its date part is a date, since
a mistyped check digit is still someone's number. Without a separator, or with a space,
the check digit must fit as well: ten digits in a row or a six-and-four group are as
often phone, case or account numbers.
"""

from __future__ import annotations

import re
from calendar import monthrange

from app.validation import luhn_ok

# An optional century, YYMMDD, an optional separator (-, +, one space), four digits;
# not inside a longer run of digits or a Dnr (2022/1234).
_PNR = re.compile(r"(?<![\d/])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{4})(?![\d/])")


def _is_date(century: str, yy: str, mm: str, dd: str) -> bool:
    month, day = int(mm), int(dd)
    if day > 60:  # samordningsnummer
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    # Without a century every year is possible: 29 February is allowed (year 2000).
    year = int(century + yy) if century else 2000
    return day <= monthrange(year, month)[1]


def find_personnummer(text: str | None) -> str | None:
    """The first personnummer or samordningsnummer in ``text``, masked as written
    ("450101-XXXX", "19450101-XXXX", "450101+XXXX"), or None."""
    if not text:
        return None
    for m in _PNR.finditer(text):
        masked = _masked(m)
        if masked is not None:
            return masked
    return None


def is_personnummer(text: str | None) -> bool:
    """Whether ``text`` holds a personnummer or samordningsnummer in any common form."""
    return find_personnummer(text) is not None


def _masked(m: re.Match) -> str | None:
    century, yy, mm, dd, sep, tail = m.groups()
    if not _is_date(century, yy, mm, dd):
        return None
    if sep in ("", " ") and not luhn_ok(yy + mm + dd + tail):
        return None
    return f"{century}{yy}{mm}{dd}{'+' if sep == '+' else '-'}XXXX"


def mask_counted(text: str) -> tuple[str, int]:
    """``text`` with every personnummer and samordningsnummer masked as
    :func:`find_personnummer` shows it ("19450101-XXXX"), and how many there were: for
    what is published, where the last four digits must never appear."""
    if not text:
        return text, 0
    count = 0

    def mask(m: re.Match) -> str:
        nonlocal count
        masked = _masked(m)
        if masked is None:
            return m.group(0)
        count += 1
        return masked

    return _PNR.sub(mask, text), count


def mask_personnummer(text: str) -> str:
    """``text`` with every personnummer and samordningsnummer masked (:func:`mask_counted`)."""
    return mask_counted(text)[0]

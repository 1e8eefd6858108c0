"""Swedish date and time formats (docs/domain/organisation-and-formats.md), in pure
Python: the output must not
depend on the computer's locale.

>>> long_date(date(2022, 2, 28))
'Måndagen den 28 februari 2022'
>>> meeting_time(date(2022, 2, 28), "14:15")
'Måndagen den 28 februari 2022, kl. 14:15'
"""

from __future__ import annotations

import re
from datetime import date, time

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def long_date(value: date | str, *, capital: bool = True) -> str:
    """"Måndagen den 28 februari 2022" (the weekday in definite form, as in kallelser)."""
    d = as_date(value)
    text = f"{WEEKDAYS[d.weekday()]}en den {d.day} {MONTHS[d.month - 1]} {d.year}"
    return text[0].upper() + text[1:] if capital else text


def day_month_year(value: date | str) -> str:
    """"28 februari 2022" (as in "daterad den 21 januari 2022")."""
    d = as_date(value)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def parse_time(text: str | time | None) -> time | None:
    """"14:15", "9.30", "0915"… → time; None for an empty or unreadable value."""
    if isinstance(text, time):
        return text
    if not text:
        return None
    m = _TIME.match(text)
    if not m and re.fullmatch(r"\s*\d{4}\s*", text):
        m = re.match(r"\s*(\d{2})(\d{2})", text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def hhmm(value: str | time | None) -> str:
    """"14:15" (normalised), or "" when empty/unreadable."""
    t = parse_time(value)
    return f"{t.hour:02d}:{t.minute:02d}" if t else ""


def klockslag(value: str | time | None) -> str:
    """"kl. 14:15", or "" when no time is set."""
    text = hhmm(value)
    return f"kl. {text}" if text else ""


def meeting_time(day: date | str, start: str | time | None) -> str:
    """The kallelse's Tid line: "Måndagen den 28 februari 2022, kl. 14:15"."""
    when = klockslag(start)
    return f"{long_date(day)}, {when}" if when else long_date(day)

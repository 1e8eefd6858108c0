"""The demo's calendar: every date the demo writes is placed relative to one reference
day (the program's clock by default, ``namndkansli demo --datum`` otherwise), so that the
demo is right in any year.

The demo's recorded history (budgets, plans, register lists and the arbetsutskott's
protokoll modelled on real municipal documents) was written as seen from
:data:`BASE_YEAR`; it moves by whole years with the reference day, keeping day and month
(meeting days are moved to the same weekday in that week). Years written inside its texts
("Delår 2023", "48 (jan-nov 2022)") move with it, but only those of the history's own
years (:data:`SHIFTED_YEARS`): a law's number ("2010:1 622"), a proposition ("prop.
2011/12:61") or "Agenda 2030" stay as written.

The coming meetings, the mandate periods and the registers' latest entries are placed
from the reference day itself (app/meetings/demo.py, app/demo.py, app/registers/demo.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.organisation import mandatperiod

#: The year the recorded history is written as seen from: a reference day in this year
#: gives the history's dates exactly as written.
BASE_YEAR = 2026
#: The years inside the history's texts that are dates of the history (moved); years
#: outside are facts (laws, earlier reforms) or names ("Agenda 2030") and stay.
SHIFTED_YEARS = range(2019, 2027)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def shift_years(text: str, by: int, years: range = SHIFTED_YEARS) -> str:
    """``text`` with every year in ``years`` moved ``by`` years: four digits not part of a
    longer number, as in "2022-02-14", "VON 2021/12", "§ VON.2022.55" or "(2022)"."""
    if not by:
        return text

    def move(m: re.Match[str]) -> str:
        year = int(m.group(1))
        return str(year + by) if year in years else m.group(1)

    return _YEAR.sub(move, text)


def shift_date(day: date, by: int) -> date:
    """The same day and month ``by`` years later (29 February → 28 February when the
    target year has none)."""
    try:
        return day.replace(year=day.year + by)
    except ValueError:
        return day.replace(year=day.year + by, day=28)


def same_weekday(day: date, weekday: int) -> date:
    """The day in the same Monday–Sunday week as ``day`` that falls on ``weekday``."""
    return day + timedelta(days=weekday - day.weekday())


@dataclass(frozen=True)
class DemoCalendar:
    reference: date

    @property
    def shift(self) -> int:
        """Years the recorded history moves: 0 for a reference day in :data:`BASE_YEAR`."""
        return self.reference.year - BASE_YEAR

    def year(self, year: int) -> int:
        return year + self.shift

    def day(self, day: date | str) -> date:
        """A history date moved with the reference day."""
        return shift_date(day if isinstance(day, date) else date.fromisoformat(day), self.shift)

    def iso(self, day: date | str) -> str:
        return self.day(day).isoformat()

    def meeting_day(self, day: date | str) -> date:
        """A history meeting's date moved, on the weekday it was held."""
        original = day if isinstance(day, date) else date.fromisoformat(day)
        return same_weekday(self.day(original), original.weekday())

    def text(self, text: str) -> str:
        return shift_years(text, self.shift)

    def deep(self, value: Any) -> Any:
        """``value`` with :meth:`text` applied to every string inside it (dict keys and
        values, lists, tuples); numbers are amounts, not years, and stay."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.deep(k): self.deep(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.deep(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.deep(v) for v in value)
        return value

    # -- mandate periods ---------------------------------------------------------------
    def mandate(self) -> tuple[date, date]:
        """The mandate period the reference day falls in."""
        return mandatperiod(self.reference)

    def seated_periods(self, until: date) -> list[tuple[date, date]]:
        """The mandate periods the demo's politicians are seated in: the previous and the
        current one, and the next when a demo meeting (``until``) already falls in it."""
        start, _end = self.mandate()
        periods = [mandatperiod(date(start.year - 1, 6, 30)), (start, _end)]
        while periods[-1][1] < until:
            periods.append(mandatperiod(periods[-1][1] + timedelta(days=1)))
        return periods

"""Deadlines of a protokoll, in pure Python without the database.

* Justering within the organ's number of days after the meeting (reglemente; 14 by
  default). A reglemente's own limit is not a "lagstadgad tid", so it is not moved off
  weekends: a warning, not a legal consequence.
* Tillkännagivande on the anslagstavla no later than the second day after justering
  (KL 8 kap 12 §).
* Appeal (laglighetsprövning, KL 13 kap 5 §): three weeks from the day the notice was
  posted, i.e. the same weekday three weeks later.
* Both legal deadlines follow lag (1930:173) om beräkning av lagstadgad tid: a last day
  on a Saturday, Sunday, other allmän helgdag, midsommarafton, julafton or nyårsafton
  moves to the next vardag.
* "Datum då anslaget tas ned": the day after the last day to appeal, so the notice is
  never taken down while the period runs.

>>> overklagande_sista_dag(date(2022, 3, 25))  # three weeks on is Långfredagen
datetime.date(2022, 4, 19)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays
from holidays.constants import DE_FACTO, PUBLIC

from app import clock

DEFAULT_JUSTERING_DAGAR = 14
TILLKANNAGIVANDE_DAGAR = 2
OVERKLAGANDE_VECKOR = 3


def _midsommarafton(year: int) -> date:
    """The Friday between 19 and 25 June (lag 1989:253: midsommardagen is the Saturday
    between 20 and 26 June)."""
    day = date(year, 6, 19)
    return day + timedelta(days=(4 - day.weekday()) % 7)


@cache
def fridagar(year: int) -> dict[date, str]:
    """The days of ``year`` besides Saturdays and Sundays on which no legal deadline
    ends, with their Swedish names.

    ``holidays.Sweden`` lists the allmänna helgdagar in its PUBLIC category; version
    0.108 also lists midsommarafton, julafton and nyårsafton, in its DE_FACTO category.
    The three eves are named by lag (1930:173) itself, so they are added here too: a
    library release that renames or drops that category must not make an appeal
    period end one day early.
    """
    days = dict(holidays.Sweden(years=year, categories=(PUBLIC, DE_FACTO), language="sv"))
    days.setdefault(_midsommarafton(year), "Midsommarafton")
    days.setdefault(date(year, 12, 24), "Julafton")
    days.setdefault(date(year, 12, 31), "Nyårsafton")
    return days


def fridag(day: date) -> str | None:
    """Why ``day`` is not a vardag ("Lördag", "Långfredagen" …), or None for a vardag."""
    name = fridagar(day.year).get(day)
    if name:
        return name
    if day.weekday() == 5:
        return "Lördag"
    if day.weekday() == 6:
        return "Söndag"
    return None


def is_vardag(day: date) -> bool:
    return fridag(day) is None


def nasta_vardag(day: date) -> date:
    """``day`` itself when it is a vardag, else the next one."""
    while not is_vardag(day):
        day += timedelta(days=1)
    return day


def justering_senast(sammantrade: date, dagar: int = DEFAULT_JUSTERING_DAGAR) -> date:
    return sammantrade + timedelta(days=dagar)


def tillkannagivande_senast(justerat: date) -> date:
    """The second day after justering, moved to the next vardag (lag 1930:173)."""
    return nasta_vardag(justerat + timedelta(days=TILLKANNAGIVANDE_DAGAR))


def overklagande_sista_dag(anslag: date) -> date:
    """Three weeks from the posting day, moved to the next vardag (lag 1930:173)."""
    return nasta_vardag(anslag + timedelta(weeks=OVERKLAGANDE_VECKOR))


def anslag_nedtas(anslag: date) -> date:
    """The day after the appeal period: the notice stays up the whole period."""
    return overklagande_sista_dag(anslag) + timedelta(days=1)


@dataclass(frozen=True)
class Frister:
    """All deadlines of one protokoll (or of paragraphs justerade omedelbart)."""

    sammantrade: date
    justering_dagar: int
    justering_senast: date
    justerat: date | None = None
    tillkannagivande_senast: date | None = None  # known once justerat (or planned)
    anslag: date | None = None  # the day the notice is (to be) posted
    overklagande_sista_dag: date | None = None
    anslag_nedtas: date | None = None
    varningar: tuple[str, ...] = field(default=())

    @property
    def overklagande_text(self) -> str:
        """ "2022-03-08 – 2022-03-29" (the appeal period) or ""."""
        if self.anslag is None or self.overklagande_sista_dag is None:
            return ""
        return f"{self.anslag.isoformat()} – {self.overklagande_sista_dag.isoformat()}"


def berakna(
    sammantrade: date,
    justering_dagar: int = DEFAULT_JUSTERING_DAGAR,
    *,
    justerat: date | None = None,
    anslag: date | None = None,
    today: date | None = None,
) -> Frister:
    """The deadlines and the warnings a secretary should see (Swedish).

    ``justerat`` is the justering date (done or planned), ``anslag`` the posting date
    (done or planned), ``today`` the day to judge overdue steps by (default: today)."""
    today = today or clock.today()
    senast = justering_senast(sammantrade, justering_dagar)
    warnings: list[str] = []
    if justerat is None:
        if today > senast:
            warnings.append(
                f"Protokollet skulle ha justerats senast {senast.isoformat()} "
                f"({justering_dagar} dagar efter sammanträdet) men är inte justerat."
            )
    else:
        if justerat < sammantrade:
            warnings.append(
                f"Justeringsdatumet {justerat.isoformat()} är före sammanträdet {sammantrade.isoformat()}."
            )
        elif justerat > senast:
            warnings.append(
                f"Protokollet justeras {justerat.isoformat()}, efter sista dag "
                f"{senast.isoformat()} ({justering_dagar} dagar efter sammanträdet)."
            )
    tk_senast = tillkannagivande_senast(justerat) if justerat else None
    sista = nedtas = None
    if anslag is not None:
        sista, nedtas = overklagande_sista_dag(anslag), anslag_nedtas(anslag)
        if justerat is not None and anslag < justerat:
            warnings.append(
                f"Anslaget kan inte sättas upp ({anslag.isoformat()}) före justeringen "
                f"({justerat.isoformat()})."
            )
        elif tk_senast is not None and anslag > tk_senast:
            warnings.append(
                f"Justeringen tillkännages {anslag.isoformat()}, men ska tillkännages senast "
                f"{tk_senast.isoformat()} (andra dagen efter justeringen, KL 8 kap 12 §)."
            )
    elif tk_senast is not None and today > tk_senast:
        warnings.append(
            f"Justeringen skulle ha tillkännagivits på anslagstavlan senast {tk_senast.isoformat()}."
        )
    return Frister(
        sammantrade, justering_dagar, senast, justerat, tk_senast, anslag, sista, nedtas, tuple(warnings)
    )

"""The program's one clock: every "today" and "now" in app/ and ui/ comes from here.

Deadlines, the demo's meetings, default years in forms and the time stamps stored with
records all ask this module, never ``date.today()`` or ``datetime.now()`` directly, so
that a test (or a user checking how the program behaves on another day) can pin the
day in one place::

    with clock.pinned(date(2028, 2, 29)):
        ...  # every service and screen sees 29 February 2028

The clock follows the process clock when not pinned (so a process run under
libfaketime sees the faked day everywhere; docs/ARCHITECTURE.md, "Time").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

_real_now: Callable[[], datetime] = datetime.now
_source: Callable[[], datetime] = _real_now


def now() -> datetime:
    """The local date and time, naive (as stored: ISO 8601 without zone)."""
    return _source()


def today() -> date:
    return now().date()


def today_iso() -> str:
    """Today as "2024-12-03"."""
    return today().isoformat()


def now_iso() -> str:
    """Now to the second, as stored in ``skapad``/``registrerad`` columns: "2024-12-03T14:05:09"."""
    return now().isoformat(timespec="seconds")


def set_today(day: date | datetime | None) -> None:
    """Pin the clock to ``day`` (a date keeps the real time of day; a datetime is used as
    it is, standing still), or follow the process clock again with None."""
    global _source
    if day is None:
        _source = _real_now
    elif isinstance(day, datetime):
        _source = lambda: day  # noqa: E731
    else:
        _source = lambda: datetime.combine(day, _real_now().time())  # noqa: E731


def is_pinned() -> bool:
    return _source is not _real_now


@contextmanager
def pinned(day: date | datetime) -> Iterator[None]:
    """The clock pinned to ``day`` inside the block, restored afterwards."""
    global _source
    previous = _source
    set_today(day)
    try:
        yield
    finally:
        _source = previous


def at_noon(day: date) -> datetime:
    """A fixed moment on ``day`` (for pinning to a datetime that does not move)."""
    return datetime.combine(day, time(12, 0))

"""What changed in the database, and who is told (like Anki's OpChanges).

An operation that writes announces a :class:`Changes` value on the session's
:class:`ChangeBus` once its transaction is committed; every part of the program that
shows data subscribes and reads again only what the value says was affected, whichever
part of the program made the change. See docs/ARCHITECTURE.md, "Jobs and changes".

Pure Python: the bus may be published to from any thread and calls its subscribers on
the publishing thread. The UI receives notifications through ``ui/changes.py``, which
moves them to the GUI thread.
"""

from __future__ import annotations

import functools
import inspect
import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

#: The kinds of data a change can touch (the boolean fields of :class:`Changes`).
KINDS = ("organisation", "meetings", "arenden", "bilagor", "protokoll", "registers", "plan", "budget",
         "settings")


class Changes:
    """Which kinds of data changed; ``meeting_ids`` narrows meetings/ärenden/bilagor/
    protokoll down to the meetings touched (empty: not known, assume any).

    ``origin`` is the object that made the change (a widget, a job), so that it can skip
    reading again what it has just shown itself; it takes no part in comparisons.

    Immutable. A plain class rather than a frozen dataclass: this module is imported on
    the way to the window's first paint, and a dataclass compiles its methods then.
    """

    __slots__ = (*KINDS, "meeting_ids", "origin")

    organisation: bool
    meetings: bool
    arenden: bool
    bilagor: bool
    protokoll: bool
    registers: bool
    plan: bool
    budget: bool
    settings: bool
    meeting_ids: frozenset[int]
    origin: object

    def __init__(self, organisation: bool = False, meetings: bool = False, arenden: bool = False,
                 bilagor: bool = False, protokoll: bool = False, registers: bool = False,
                 plan: bool = False, budget: bool = False, settings: bool = False,
                 meeting_ids: frozenset[int] = frozenset(), origin: object = None) -> None:
        values = (organisation, meetings, arenden, bilagor, protokoll, registers, plan, budget, settings)
        for kind, value in zip(KINDS, values, strict=True):
            object.__setattr__(self, kind, value)
        object.__setattr__(self, "meeting_ids", frozenset(meeting_ids))
        object.__setattr__(self, "origin", origin)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Changes är oföränderlig: {name} kan inte sättas")

    def _key(self) -> tuple:
        return (*(getattr(self, k) for k in KINDS), self.meeting_ids)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Changes):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        flags = ", ".join(f"{k}=True" for k in KINDS if getattr(self, k))
        ids = f", meeting_ids={set(self.meeting_ids)}" if self.meeting_ids else ""
        return f"Changes({flags}{ids})"

    @classmethod
    def everything(cls, origin: object = None) -> Changes:
        """Every kind (a database restored or replaced)."""
        flags: dict[str, Any] = dict.fromkeys(KINDS, True)
        return cls(**flags, origin=origin)

    @classmethod
    def of(cls, *kinds: str, meeting_ids: Iterable[int] = (), origin: object = None) -> Changes:
        """``Changes.of("meetings", "arenden", meeting_ids=[4])``."""
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"Okänd sorts ändring: {', '.join(sorted(unknown))}")
        return cls(**dict.fromkeys(kinds, True), meeting_ids=frozenset(meeting_ids), origin=origin)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(k for k in KINDS if getattr(self, k))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, *kinds: str) -> bool:
        """Any of ``kinds`` changed."""
        return any(getattr(self, k) for k in kinds)

    def touches_meeting(self, meeting_id: int | None) -> bool:
        """Meeting data changed and it may be ``meeting_id``'s."""
        if not self.touches("meetings", "arenden", "bilagor", "protokoll"):
            return False
        return not self.meeting_ids or meeting_id in self.meeting_ids

    def with_origin(self, origin: object) -> Changes:
        return Changes(**{k: getattr(self, k) for k in KINDS}, meeting_ids=self.meeting_ids, origin=origin)

    def __or__(self, other: Changes) -> Changes:
        """Both changes in one (the meeting ids are known only when both know them)."""
        merged = {k: getattr(self, k) or getattr(other, k) for k in KINDS}
        ids = self.meeting_ids | other.meeting_ids
        if (self.touches("meetings", "arenden", "bilagor", "protokoll") and not self.meeting_ids) or (
                other.touches("meetings", "arenden", "bilagor", "protokoll") and not other.meeting_ids):
            ids = frozenset()
        return Changes(**merged, meeting_ids=ids, origin=self.origin or other.origin)


#: No change (an operation that wrote nothing).
NOTHING = Changes()

Subscriber = Callable[[Changes], None]


class ChangeBus:
    """Thread-safe publish/subscribe of :class:`Changes`.

    Subscribers are called in the order they subscribed, on the publishing thread; one
    that raises is logged and does not keep the others from being told."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber``; returns the function that removes it again."""
        with self._lock:
            self._subscribers.append(subscriber)
        return lambda: self.unsubscribe(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def publish(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # one broken view must not stop the others
                log.exception("En mottagare av ändringen %s misslyckades", sorted(changes.kinds))


def announce(bus: ChangeBus | None, *kinds: str, **kw) -> None:
    """``bus.publish(Changes.of(*kinds, **kw))`` when there is a bus (a service made
    without one, in a test or on the command line, tells nobody)."""
    if bus is not None:
        bus.publish(Changes.of(*kinds, **kw))



# -- services that announce what they wrote --------------------------------------------------

#: The bus each open connection's writes are announced on (see :func:`attach`). Keyed by the
#: sqlite-utils Database object, so a service made anywhere over that connection (an area,
#: a dialog, a job's own connection) announces without being handed the bus.
_buses: weakref.WeakKeyDictionary[Database, ChangeBus] = weakref.WeakKeyDictionary()

#: Per thread: what the outermost service call running on it has changed so far.
_running = threading.local()

#: Parameters that name the meeting a write is about (narrowing ``Changes.meeting_ids``).
_MEETING_PARAMETERS = ("meeting_id", "sammantrade_id")


def attach(db: Database, bus: ChangeBus | None) -> None:
    """Announce every service write on ``db`` on ``bus`` (None: tell nobody)."""
    if bus is None:
        _buses.pop(db, None)
    else:
        _buses[db] = bus


def bus_of(db: Database) -> ChangeBus | None:
    """The bus ``db``'s writes are announced on, if any."""
    return _buses.get(db)


def _meeting_position(method: Callable) -> tuple[str, int] | None:
    """(name, positional index after self) of the parameter naming the meeting, if any."""
    names = list(inspect.signature(method).parameters)[1:]
    for name in _MEETING_PARAMETERS:
        if name in names:
            return name, names.index(name)
    return None


def _refusals_told(method: Callable, self: AnnouncingService, args: tuple, kw: dict) -> Any:
    """``method(self, *args, **kw)``, with a write the database's own rules refused (a
    trigger's Swedish message) raised as a ValidationError, so that every window shows
    it like any other refusal instead of the crash dialog."""
    try:
        return method(self, *args, **kw)
    except sqlite3.IntegrityError as exc:
        from app.validation import database_refusal

        refusal = database_refusal(exc)
        if refusal is None:
            raise
        raise refusal from exc


def _announcing(method: Callable, kinds: tuple[str, ...]) -> Callable:
    where = _meeting_position(method)

    @functools.wraps(method)
    def announcing(self: AnnouncingService, *args: Any, **kw: Any) -> Any:
        bus = self.changes or _buses.get(self.db)
        if bus is None:
            return _refusals_told(method, self, args, kw)
        outermost = getattr(_running, "changes", None) is None
        if outermost:
            _running.changes = NOTHING
        before = self.db.conn.total_changes
        try:
            return _refusals_told(method, self, args, kw)
        finally:
            # Published even when the write failed half-way: what was written is there.
            if self.db.conn.total_changes != before:
                ids: list[int] = []
                if where is not None:
                    name, index = where
                    value = kw.get(name, args[index] if index < len(args) else None)
                    if isinstance(value, int):
                        ids.append(value)
                _running.changes = _running.changes | Changes.of(*kinds, meeting_ids=ids)
            if outermost:
                made, _running.changes = _running.changes, None
                bus.publish(made)

    return announcing


class AnnouncingService:
    """Base of every service that writes (like Anki's operations returning OpChanges).

    Each public method of a subclass is wrapped: when the call changed rows in ``self.db``
    (SQLite's ``total_changes`` moved), the subclass's :attr:`KINDS` are announced on the
    bus attached to that connection (:func:`attach`) once the outermost service call on
    this thread returns (a service made with a bus of its own, ``changes``, announces
    there instead). Nested calls into other services are merged into that one
    announcement; calls that only read announce nothing. A method parameter named
    ``meeting_id`` or ``sammantrade_id`` narrows the change to that meeting. Services over
    a connection without a bus (tests, the command line) tell nobody.
    See docs/ARCHITECTURE.md, "Jobs and changes".

    A write that a trigger refuses (its message is Swedish: a justerat protokoll, a
    public record kept) leaves every public method as an
    :class:`app.validation.RefusedByDatabase`, a ValidationError.

    Text in a call's arguments that the documents cannot print (a right-to-left script,
    a character no embedded font has) is refused there too, with a ValidationError naming
    the field and the character, when the call writes (app/printable.py,
    docs/domain/text.md).
    """

    #: What this service's writes change (names from :data:`KINDS`); a subclass says it
    #: as ``class MeetingService(AnnouncingService, kinds=("meetings", "arenden"))``.
    KINDS: ClassVar[tuple[str, ...]] = ()
    db: Database
    changes: ChangeBus | None = None

    def __init_subclass__(cls, kinds: tuple[str, ...] = (), **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if kinds:
            cls.KINDS = kinds
        unknown = set(cls.KINDS) - set(KINDS)
        if unknown or not cls.KINDS:
            raise TypeError(f"{cls.__name__}.KINDS must name kinds of {KINDS}, not {cls.KINDS}")
        # Imported here, when the first service class is made: the main window's first
        # paint needs no service module (bench/startup.py).
        from app.printable import checked_entry

        for name, member in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(member):
                setattr(cls, name, _announcing(checked_entry(member), cls.KINDS))

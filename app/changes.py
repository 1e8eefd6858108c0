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

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

log = logging.getLogger(__name__)

#: The kinds of data a change can touch (the boolean fields of :class:`Changes`).
KINDS = ("organisation", "meetings", "arenden", "bilagor", "protokoll", "registers", "plan", "budget",
         "settings")


@dataclass(frozen=True)
class Changes:
    """Which kinds of data changed; ``meeting_ids`` narrows meetings/ärenden/bilagor/
    protokoll down to the meetings touched (empty: not known, assume any).

    ``origin`` is the object that made the change (a widget, a job), so that it can skip
    reading again what it has just shown itself; it takes no part in comparisons.
    """

    organisation: bool = False
    meetings: bool = False
    arenden: bool = False
    bilagor: bool = False
    protokoll: bool = False
    registers: bool = False
    plan: bool = False
    budget: bool = False
    settings: bool = False
    meeting_ids: frozenset[int] = frozenset()
    origin: object = field(default=None, compare=False, repr=False)

    @classmethod
    def everything(cls, origin: object = None) -> Changes:
        """Every kind (a database restored or replaced)."""
        return cls(**dict.fromkeys(KINDS, True), origin=origin)

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
        return replace(self, origin=origin)

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


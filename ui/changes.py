"""The change bus (app/changes.py) in the GUI: notifications moved to the GUI thread as
a Qt signal, and the widgets that follow them.

``follow(session, widget, kinds, refresh)`` is how an area keeps up with changes made
anywhere in the program: ``refresh(changes)`` is called when ``kinds`` changed, at once
while the widget is visible (unless the change is the area's own, see :data:`IN_VIEW`),
otherwise once when it is shown next (several changes meanwhile merged into one). See
docs/ARCHITECTURE.md, "Jobs and changes".
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal

if TYPE_CHECKING:
    from app.changes import ChangeBus, Changes
    from app.session import Session


#: The origin of a change made on the GUI thread by a service call nobody named an origin
#: for. Only the area in view (with its dialogs) takes the user's actions on the GUI thread
#: (the main window itself changes whole files, not data), and it shows its own changes
#: itself: followers in view skip it, hidden ones read it when shown.
IN_VIEW = object()


class ChangeBridge(QObject):
    """Re-emits what is published on one bus as ``changed(Changes)`` on the GUI thread
    (at once when published there, queued from a worker)."""

    changed = Signal(object)
    _incoming = Signal(object)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None):
        super().__init__(parent)
        self.bus = bus
        # Connected to a slot of this object, which lives on the GUI thread: emitted on a
        # worker, Qt queues the call to the GUI thread.
        self._incoming.connect(self._deliver)
        self._unsubscribe = bus.subscribe(self._published)
        self.destroyed.connect(self._unsubscribe)

    def _published(self, changes: Changes) -> None:
        if QThread.currentThread() == self.thread():
            if changes.origin is None:
                changes = changes.with_origin(IN_VIEW)
            self.changed.emit(changes)
        else:
            try:
                self._incoming.emit(changes)
            except RuntimeError:  # the bridge is gone (the program is quitting)
                pass

    def _deliver(self, changes: Changes) -> None:
        self.changed.emit(changes)


_bridges: weakref.WeakKeyDictionary[ChangeBus, ChangeBridge] = weakref.WeakKeyDictionary()


def bridge(session: Session) -> ChangeBridge:
    """The GUI-thread bridge of ``session``'s change bus (made on first use)."""
    bus = session.changes
    found = _bridges.get(bus)
    if found is None:
        found = _bridges[bus] = ChangeBridge(bus, QCoreApplication.instance())
    return found


def announce(session: Session, changes: Changes, origin: object = None) -> None:
    """Tell everyone following ``session`` that ``changes`` were made (by ``origin``)."""
    if origin is not None and changes.origin is None:
        changes = changes.with_origin(origin)
    session.changes.publish(changes)


def _within(origin: object, widget: QObject) -> bool:
    """``origin`` is ``widget`` or one of its children (a panel of an area, its printer)."""
    obj = origin if isinstance(origin, QObject) else None
    while obj is not None:
        if obj is widget:
            return True
        obj = obj.parent()
    return False


class _Follower(QObject):
    """Calls ``refresh`` for changes of ``kinds``; while ``widget`` is hidden it keeps
    them until the widget is shown."""

    def __init__(self, session: Session, widget: QObject, kinds: Iterable[str],
                 refresh: Callable[[Changes], None], skip_own: bool, on_show: bool):
        super().__init__(widget)
        self.session, self.widget, self.kinds = session, widget, tuple(kinds)
        self.refresh, self.skip_own, self.on_show = refresh, skip_own, on_show
        self.pending: Changes | None = None
        self._refreshing = False
        self._bridge = bridge(session)
        self._bridge.changed.connect(self._changed)
        widget.installEventFilter(self)

    def _changed(self, changes: Changes) -> None:
        # What refresh itself writes (storing the text being edited first) is not news.
        if self._refreshing or self.session.closed or not changes.touches(*self.kinds):
            return
        if self.skip_own and _within(changes.origin, self.widget):
            return
        if self.widget.isVisible():
            if changes.origin is not IN_VIEW:
                self._refresh(changes)
        elif self.on_show:
            self.pending = changes if self.pending is None else self.pending | changes

    def _refresh(self, changes: Changes) -> None:
        self._refreshing = True
        try:
            self.refresh(changes)
        finally:
            self._refreshing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.pending is not None and not self.session.closed:
            changes, self.pending = self.pending, None
            self._refresh(changes)
        return False

    def stop(self) -> None:
        try:
            self._bridge.changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass


def follow(session: Session, widget: QObject, kinds: Iterable[str], refresh: Callable[[Changes], None],
           *, skip_own: bool = True, on_show: bool = True) -> _Follower:
    """Call ``refresh(changes)`` when any of ``kinds`` changes (see the module text).
    Changes whose origin is ``widget`` or a child of it are skipped unless ``skip_own``
    is False;
    ``on_show=False`` drops changes made while the widget is hidden (for a widget that
    reads everything again whenever it is shown anyway). The follower stops with the
    widget."""
    # A child of the widget: Qt drops its connection to the bridge when they are deleted.
    return _Follower(session, widget, kinds, refresh, skip_own, on_show)

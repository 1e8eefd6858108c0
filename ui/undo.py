"""Ångra and Gör om in a session: one QUndoStack per open database.

A step is what the user did, named for the menu ("flytt av ärende 5", "ändring av
Utfall aug, Hemtjänst"), with two functions that call the services: ``do`` makes the
change again and ``undo`` takes it back. The history does the first ``do`` itself
(:meth:`UndoHistory.perform`): a refused write raises as before and nothing is recorded.

Undoing calls the services, so the database's own rules still hold: a justerat protokoll
is locked (app/validation.py ``RefusedByDatabase``), and an undo it refuses leaves the
stack where it was and tells why in Swedish (``failed``). QUndoStack's own undo()/redo()
are only used to move its index after the service call succeeded; its commands are
plain QUndoCommands that do nothing, so a refusal can never leave the index and the data
apart.

After a step the history announces the step's kinds on the session's change bus with
itself as origin, so the area in view reads again like any other follower (services
announce their own writes as made by the area in view, which it would skip).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.validation import ValidationError

if TYPE_CHECKING:
    from app.session import Session


@dataclass
class ServiceStep:
    """One step: ``do`` and ``take_back`` call services. The stack holds a plain
    QUndoCommand with its text at the same index (a C++ object with no Python
    behaviour: Qt deletes its commands, also while Python shuts down)."""

    text: str
    do: Callable[[], object]
    take_back: Callable[[], object]
    kinds: tuple[str, ...]
    after: Callable[[], object] | None = None


class UndoHistory(QObject):
    """The steps of one open database. ``failed(message)`` says why an undo or redo
    could not be made (the data and the stack are as before); ``done(message)`` says
    what was undone or redone, for the status line."""

    failed = Signal(str)
    done = Signal(str)

    def __init__(self, session: Session | None = None, parent: QObject | None = None):
        super().__init__(parent)
        # Weak: the histories are kept per session (history()), which must not keep
        # a closed session alive.
        self._session = weakref.ref(session) if session is not None else None
        self.stack = QUndoStack(self)
        # A record removed and put back by an undo gets a new id; later steps that name
        # the old id find the new one here (current_id).
        self._renamed: dict[tuple[str, int], int] = {}
        #: The steps, at the indices of their commands on the stack.
        self._steps: list[ServiceStep] = []

    # -- recording --------------------------------------------------------------------
    def perform(self, text: str, do: Callable[[], object], undo: Callable[[], object],
                kinds: Iterable[str] = (), after: Callable[[], object] | None = None) -> object:
        """Do ``do`` now and record the step. Whatever ``do`` raises goes to the caller
        and nothing is recorded."""
        result = do()
        self.record(text, do, undo, kinds, after)
        return result

    def record(self, text: str, do: Callable[[], object], undo: Callable[[], object],
               kinds: Iterable[str] = (), after: Callable[[], object] | None = None) -> None:
        """Record a step that was already done (by the caller)."""
        # Pushing drops the steps that could be redone, as the stack drops its commands.
        del self._steps[self.stack.index():]
        self._steps.append(ServiceStep(text, do, undo, tuple(kinds), after))
        self.stack.push(QUndoCommand(text))

    def clear(self) -> None:
        self.stack.clear()
        self._steps.clear()
        self._renamed.clear()

    def renamed(self, kind: str, old_id: int, new_id: int) -> None:
        """The record ``kind``/``old_id`` is now ``new_id`` (it was removed and re-added)."""
        if old_id != new_id:
            self._renamed[(kind, old_id)] = new_id

    def current_id(self, kind: str, record_id: int) -> int:
        seen = set()
        while (kind, record_id) in self._renamed and record_id not in seen:
            seen.add(record_id)
            record_id = self._renamed[(kind, record_id)]
        return record_id

    # -- undo and redo ------------------------------------------------------------------
    def session(self) -> Session | None:
        return self._session() if self._session is not None else None

    def alive(self) -> bool:
        # The stack tells its index once more while it is being destroyed (the history's
        # session closed): the menu asking then must get "nothing to undo".
        return shiboken6.isValid(self) and shiboken6.isValid(self.stack)

    def can_undo(self) -> bool:
        return self.alive() and self.stack.canUndo()

    def can_redo(self) -> bool:
        return self.alive() and self.stack.canRedo()

    def undo_text(self) -> str:
        return self.stack.undoText()

    def redo_text(self) -> str:
        return self.stack.redoText()

    def undo(self) -> bool:
        step = self._step(self.stack.index() - 1)
        if step is None:
            return False
        if not self._run(step, step.take_back, f"Kunde inte ångra {step.text}"):
            return False
        self.stack.undo()
        self._finish(step, f"Ångrade {step.text}.")
        return True

    def redo(self) -> bool:
        step = self._step(self.stack.index())
        if step is None:
            return False
        if not self._run(step, step.do, f"Kunde inte göra om {step.text}"):
            return False
        self.stack.redo()
        self._finish(step, f"Gjorde om {step.text}.")
        return True

    def _step(self, index: int) -> ServiceStep | None:
        return self._steps[index] if 0 <= index < min(self.stack.count(), len(self._steps)) else None

    def _run(self, step: ServiceStep, work: Callable[[], object], what: str) -> bool:
        try:
            work()
        except (ValidationError, ValueError) as exc:
            # A refusal (a locked protokoll, a value the rules no longer allow): nothing
            # was written — the services write each step in one transaction or undo it.
            self.failed.emit(f"{what}: {exc}")
            return False
        return True

    def _finish(self, step: ServiceStep, message: str) -> None:
        if step.after is not None:
            step.after()
        session = self._session() if self._session is not None else None
        if session is not None and step.kinds:
            from app.changes import Changes
            from ui.changes import announce

            announce(session, Changes.of(*step.kinds), origin=self)
        self.done.emit(message)


def of_window(widget) -> UndoHistory | None:
    """The history of the open database, kept by the main window ``widget`` is shown in
    (None outside one: an area or panel tested on its own saves without recording)."""
    window = widget.window()
    get = getattr(window, "history", None)
    return get() if callable(get) else None

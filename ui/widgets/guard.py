"""Leave the editor or put the selection back.

An area that shows one record in an editor (the agenda's ärende, the protokoll's
paragraf) lets the user switch to another only when the editor may be left: its text
saved, or the changes thrown away when the user says so. When it may not, the list,
combo box or view goes back to what is shown. The guard also keeps the change handlers
quiet while the code itself fills or selects in those widgets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QComboBox, QStackedWidget, QWidget

from ui.widgets import dialogs


class LeaveGuard:
    """``busy`` is true while the code changes a selection itself; a change handler
    starts with ``if guard.busy: return``."""

    def __init__(self, owner: QObject):
        self.owner = owner
        self.busy = False

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Fill or select without the change handlers acting on it."""
        self.busy = True
        try:
            yield
        finally:
            self.busy = False

    def leave_or_revert(self, leave: Callable[[], bool], revert: Callable[[], object], *,
                        later: bool = False) -> bool:
        """True when ``leave()`` lets the editor go. Otherwise ``revert()`` puts the shown
        record back as the selection, quietly, and the answer is False. With ``later`` it
        does so once control is back in the event loop (a view cannot change its current
        row from inside its own change signal); the guard stays busy until then."""
        if leave():
            return True
        if later:
            self.busy = True
            QTimer.singleShot(0, self.owner, lambda: self._revert(revert))
        else:
            self._revert(revert)
        return False

    def _revert(self, revert: Callable[[], object]) -> None:
        self.busy = True
        try:
            revert()
        finally:
            self.busy = False


def save_or_discard(parent: QWidget, title: str, text: str, save: Callable[[], bool],
                    discard: Callable[[], object]) -> bool:
    """Ask Spara, Släng or Avbryt about an edit not yet saved (``dialogs.ask_save_changes``):
    True when the editor may be left – ``save()`` succeeded, or ``discard()`` threw the
    edit away – and False on Avbryt or a refused save (its errors are then shown)."""
    answer = dialogs.ask_save_changes(parent, title, text)
    if answer == dialogs.SAVE:
        return save()
    if answer == dialogs.DISCARD:
        discard()
        return True
    return False


def select_data(combo: QComboBox, value: object) -> None:
    """Put ``combo`` back on the item whose data is ``value``."""
    combo.setCurrentIndex(combo.findData(value))


def swap_editor(stack: QStackedWidget, old: QWidget | None, empty: QWidget,
                make: Callable[[], QWidget] | None) -> QWidget | None:
    """Show in ``stack`` the editor ``make`` makes for the record chosen in a list (a
    plan, a report), or ``empty`` when none is chosen (``make`` None), in place of
    ``old``, whose leave() has already said yes. Returns the new editor."""
    if old is not None:
        stack.removeWidget(old)
        old.deleteLater()
    if make is None:
        stack.setCurrentWidget(empty)
        return None
    editor = make()
    stack.addWidget(editor)
    stack.setCurrentWidget(editor)
    return editor

"""Pieces the Sammanträden area shares: an ordered table view (Ctrl+Upp/Ned moves the
row) and the buttons that move its rows. (PDF files and the viewer: ui/widgets/files.py.)"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton, QWidget

from ui.models.view import RecordTableView
from ui.widgets.buttons import NO_SELECTION

#: Why the buttons that change a meeting's ärenden are off.
LOCKED = "Protokollet är justerat: ärendet kan läsas och skrivas ut men inte ändras."
FIRST_ROW, LAST_ROW = "Raden står redan först.", "Raden står redan sist."


class OrderedTableView(RecordTableView):
    """A record table whose order is the user's: not sortable, and Ctrl+Upp / Ctrl+Ned
    ask to move the current row (``move_requested(step)``)."""

    move_requested = Signal(int)

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(model, parent, sortable=False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down):
            if self.current_record() is not None:
                self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else +1)
            event.accept()
            return
        super().keyPressEvent(event)


def move_button(step: int, tip: str, slot, name: str = "") -> QToolButton:
    """A small ▲ / ▼ button that moves the current row (saves room beside the others)."""
    button = QToolButton()
    button.setArrowType(Qt.ArrowType.UpArrow if step < 0 else Qt.ArrowType.DownArrow)
    button.setToolTip(tip)
    button.setAccessibleName("Flytta upp" if step < 0 else "Flytta ned")
    if name:
        button.setObjectName(name)
    button.clicked.connect(lambda _=False: slot())
    return button


def row_reasons(row: int, count: int, locked: str = "") -> tuple[str, str, str]:
    """Why Flytta upp, Flytta ned and Ta bort are off for ``row`` (-1: none) of ``count``
    rows ("" where they are on); ``locked`` is why nothing can change."""
    none = locked or (NO_SELECTION if row < 0 else "")
    return (none or (FIRST_ROW if row == 0 else ""), none or (LAST_ROW if row >= count - 1 else ""), none)

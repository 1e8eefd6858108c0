"""Lines that tell the user what happened: a red error line under a field, and the
status line under a list or form (plain for information, red for what went wrong)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b3261e;"


def error_label(object_name: str) -> QLabel:
    """A red, selectable line that is hidden until it has something to say."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class StatusLine(QLabel):
    """One line under a list or form: plain for information, red for what went wrong.
    It takes room only when there is something to say."""

    def __init__(self, object_name: str = "meddelande", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def info(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
        self.setVisible(bool(text))

    def error(self, text: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    @property
    def is_error(self) -> bool:
        return bool(self.styleSheet())

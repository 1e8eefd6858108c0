"""Lines that tell the user what happened: a red error line under a field, and the
status line under a list or form (plain for information, red for what went wrong)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b3261e;"
#: A message about what just happened ("Sparat 14:02") goes away after this long; a
#: word left standing would later look like news about something else.
FADE_MS = 8000


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
    It takes room only when there is something to say. ``info`` tells what just
    happened and fades after :data:`FADE_MS`; ``hint`` (what to do, the state of the
    form) and ``error`` stay until replaced."""

    def __init__(self, object_name: str = "meddelande", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fade = QTimer(self)
        self.fade.setSingleShot(True)
        self.fade.setInterval(FADE_MS)
        self.fade.timeout.connect(self.clear_message)
        self.hide()

    def info(self, text: str) -> None:
        self._show(text, "")
        if text:
            self.fade.start()

    def hint(self, text: str) -> None:
        self._show(text, "")

    def error(self, text: str) -> None:
        self._show(text, ERROR_STYLE)

    def _show(self, text: str, style: str) -> None:
        self.fade.stop()
        self.setStyleSheet(style)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.fade.stop()
        self.clear()
        self.hide()

    @property
    def is_error(self) -> bool:
        return bool(self.styleSheet())

"""What to do first, where an area cannot be used yet: on a new, empty database the
Sammanträden, Protokoll, Ekonomi, Register and Verksamhetsplan areas all need a nämnd
(and Sammanträden an organ) from Organisation. The notice says so and its button goes
there; a disabled button says the same in its tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

#: Why a button that needs a nämnd and an organ is disabled on an empty database.
ORGANISATION_FIRST = "Lägg först till en nämnd och ett organ under Organisation"
#: The same for what needs a nämnd only (Ekonomi, Register, Verksamhetsplan).
NAMND_FIRST = "Lägg först till en nämnd under Organisation"


def go_to(widget: QWidget, area: str, tab: str | None = None) -> QWidget | None:
    """Show ``area`` of the main window ``widget`` is in, and its tab ``tab`` (the name of
    the area's attribute holding the page, e.g. "namnder"). The area, or None outside
    a main window."""
    show_area = getattr(widget.window(), "show_area", None)
    target = show_area(area) if callable(show_area) else None
    if target is not None and tab is not None:
        tabs = target if isinstance(target, QTabWidget) else getattr(target, "tabs", None)
        page = getattr(target, tab, None)
        if isinstance(tabs, QTabWidget) and isinstance(page, QWidget):
            tabs.setCurrentWidget(page)
    return target


class FirstStep(QFrame):
    """A framed line "what to do first" with a button that goes where it is done.
    Hidden until ``show_step`` says something."""

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setObjectName(f"{object_name}_text")
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName(f"{object_name}_ga_dit")
        self.button.clicked.connect(lambda _=False: self._follow())
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._target: tuple[str, str | None] = ("organisation", None)
        self.hide()

    def show_step(self, text: str, button: str, area: str, tab: str | None = None) -> None:
        """Say ``text``; ``button`` (e.g. "Gå till Organisation") shows ``area``/``tab``."""
        self.text.setText(text)
        self.button.setText(button)
        self._target = (area, tab)
        if self.parentWidget() is not None:  # not yet in a layout: it would open as a window
            self.show()

    def _follow(self) -> None:
        go_to(self, *self._target)

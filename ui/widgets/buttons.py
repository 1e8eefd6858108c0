"""Button rows under a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from ui.widgets.flow import FlowLayout

#: Why Ändra… and Ta bort… are disabled.
NO_SELECTION = "Välj först en rad i listan"
#: Dynamic properties: the tooltip a control has while enabled, and the reason shown.
_ENABLED_TIP, _REASON = "enabled_tooltip", "disabled_reason"


def enable_or_explain(control: QWidget | QAction, reason: str) -> None:
    """Enable ``control`` when ``reason`` is empty; otherwise disable it and make its
    tooltip say why, so that a newcomer who hovers a greyed button learns what to do
    first. The tooltip it had while enabled (what it does) comes back with it."""
    shown = control.toolTip()
    if shown != (control.property(_REASON) or ""):
        control.setProperty(_ENABLED_TIP, shown)  # set since: what it does
    control.setProperty(_REASON, reason)
    control.setEnabled(not reason)
    control.setToolTip(reason or control.property(_ENABLED_TIP) or "")


class ButtonRow(QWidget):
    """Ny / Ändra / Ta bort under a table; Ändra and Ta bort only with a selection."""

    def __init__(self, new_text: str, on_new: Callable[[], Any], on_edit: Callable[[], Any],
                 on_delete: Callable[[], Any], parent: QWidget | None = None):
        super().__init__(parent)
        # A narrow pane wraps the buttons onto a second line instead of cutting their
        # texts; areas insert more buttons before the closing stretch, as in a row.
        row = FlowLayout(self)
        self.new = QPushButton(new_text)
        self.edit = QPushButton("Ändra…")
        self.delete = QPushButton("Ta bort…")
        for button, slot in ((self.new, on_new), (self.edit, on_edit), (self.delete, on_delete)):
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        self.set_has_selection(False)

    def set_has_selection(self, selected: bool) -> None:
        for button in (self.edit, self.delete):
            enable_or_explain(button, "" if selected else NO_SELECTION)

"""Button rows under a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from ui.widgets.flow import FlowLayout

#: Why Ändra… and Ta bort… are disabled.
NO_SELECTION = "Välj först en rad i listan"


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
        # A disabled button says why (a newcomer's path, docs/ARCHITECTURE.md); a tooltip
        # an area set for its own reason stays.
        for button in (self.edit, self.delete):
            button.setEnabled(selected)
            if not selected:
                button.setToolTip(NO_SELECTION)
            elif button.toolTip() == NO_SELECTION:
                button.setToolTip("")

"""A panel taller than a laptop's window scrolls instead of squashing its fields."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scroll_inside(owner: QWidget, body: QWidget) -> QScrollArea:
    """Give ``owner`` one child: a frameless scroll area showing ``body`` at its full
    width. ``owner`` stays the widget others refer to (a tab page, a splitter's pane);
    its minimum height is the scroll area's, not the sum of ``body``'s fields, so a
    1024×600 window shows the first fields and scrolls to the rest."""
    area = QScrollArea()
    area.setObjectName(f"{owner.objectName() or 'panel'}_rullning")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(body)
    column = QVBoxLayout(owner)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(area)
    return area

"""Showing an adopted plan without letting it be changed (docs/domain/plans.md,
"Adoption and revisions"): the plan's tabs stay readable — lists can be selected and
texts scrolled and copied — but nothing that writes is offered. The follow-up tab is
not locked: follow-up is written on the adopted plan."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.widgets.buttons import enable_or_explain
from ui.widgets.fields import DateField


def lock_inputs(root: QWidget, reason: str) -> None:
    """Text fields under ``root`` read-only (still selectable), every other input and
    every button disabled with ``reason`` (why: the plan is antagen) as its tooltip;
    tables and trees are left to their owners. A date field is disabled too: read-only
    it would look editable, its calendar button and all."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, DateField):
            widget.setReadOnly(True)
            enable_or_explain(widget, reason)
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            widget.setReadOnly(True)
            # Read-only looks read-only: the window's colour behind the text (still
            # selectable and copyable), and the reason on hover.
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            widget.setPalette(palette)
            widget.setToolTip(reason)
        elif isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox | QListWidget):
            enable_or_explain(widget, reason)

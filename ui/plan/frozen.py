"""Showing an adopted plan without letting it be changed (docs/domain/plans.md,
"Adoption and revisions"): the plan's tabs stay readable — lists can be selected and
texts scrolled and copied — but nothing that writes is offered. The follow-up tab is
not locked: follow-up is written on the adopted plan."""

from __future__ import annotations

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


def lock_inputs(root: QWidget) -> None:
    """Text fields under ``root`` read-only (still selectable), every other input and
    every button disabled; tables and trees are left to their owners."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            widget.setReadOnly(True)
        elif isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox | QListWidget):
            widget.setEnabled(False)

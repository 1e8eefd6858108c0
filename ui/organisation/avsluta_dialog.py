"""Ending a nämnd, an organ or a seat instead of deleting it (app/avslut.py): the last
day, and what stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app import clock
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField


class AvslutaDialog(RecordDialog):
    """Asks for the last day; ``end(day)`` is the service call (its refusal, e.g.
    meetings after that day, is shown under the date)."""

    def __init__(self, title: str, explanation: str, end: Callable[[str | None], Any],
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        self.end = end
        note = QLabel(explanation)
        note.setObjectName("avsluta_forklaring")
        note.setWordWrap(True)
        self.form_layout.addRow(note)
        self.day = self.form.add("avslutad", "&Sista dag", DateField(clock.today()))
        self.save_button.setText("Avsluta")
        self.finish_layout()

    def build(self) -> str | None:
        return self.day.iso()

    def store(self, record: str | None) -> Any:
        return self.end(record)

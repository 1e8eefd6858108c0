"""Choosing the paragraph that adopted a plan from the nämnd's justerade protokoll:
meeting date, § and ärende, filtered by what the secretary types."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout
from sqlite_utils import Database

from app.plan.adoption import AdoptingParagraph, adopting_paragraphs
from ui.models.table import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.widgets.buttons import enable_or_explain

#: Why Välj is greyed: nothing is chosen in the list yet.
NO_PARAGRAPH = "Välj en paragraf i listan först"


class AdoptionPicker(QDialog):
    def __init__(self, db: Database, namnd_id: int, current_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Välj paragrafen som antog planen")
        self.resize(720, 460)
        # Loaded once: a nämnd has some hundred justerade §§ a year; filtering is in memory.
        self.all = adopting_paragraphs(db, namnd_id)
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText("Sök på datum, §, rubrik eller diarienummer")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.model = RecordTableModel([
            Column("Sammanträde", lambda p: p.datum, width=12),
            Column("§", lambda p: p.label, width=14),
            Column("Ärende", lambda p: p.rubrik, stretch=True),
            Column("Dnr", lambda p: p.dnr, width=12),
        ], self.all)
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName("paragrafer")
        self.view.edit_requested.connect(lambda _p: self.accept())
        self.view.current_changed.connect(lambda p: enable_or_explain(self.ok, "" if p is not None
                                                                      else NO_PARAGRAPH))
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Välj", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self._apply_filter("")
        self.view.select_id(current_id)
        enable_or_explain(self.ok, "" if self.view.current_record() is not None else NO_PARAGRAPH)

    def _apply_filter(self, text: str) -> None:
        shown = [p for p in self.all if p.matches(text)] if text.strip() else self.all
        self.model.set_records(shown)
        if not self.all:
            self.empty.setText("Nämnden har inga justerade protokoll i programmet. Skriv datum och paragraf "
                               "för antagandet i stället.")
        elif not shown:
            self.empty.setText(f"Ingen justerad paragraf passar ”{text.strip()}”.")
        else:
            self.empty.setText(f"{len(shown)} av {len(self.all)} justerade paragrafer.")
        if len(shown) == 1:
            self.view.select_row(0)

    def chosen(self) -> AdoptingParagraph | None:
        return self.view.current_record()

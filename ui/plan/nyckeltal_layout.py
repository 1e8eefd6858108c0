"""Above the plan's nyckeltal table: how the table is printed (app/plan/nyckeltal_layout.py)
and, in the Basvärde layout, the status per plan year of the marked row."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.plan.model import Plan
from app.plan.nyckeltal_layout import LAYOUTER, NyckeltalLayoutService
from app.validation import ValidationError
from ui.plan.tables import RowsTab
from ui.widgets.buttons import NO_SELECTION, enable_or_explain
from ui.widgets.dialogs import RecordDialog, open_dialog
from ui.widgets.status import StatusLine


class StatusDialog(RecordDialog):
    """The Status/tidpunkt/frekvens of one nyckeltal, one field per plan year."""

    def __init__(self, layouts: NyckeltalLayoutService, plan: Plan, record, parent=None):
        super().__init__(f"Status för ”{record.matt[:50]}”", parent)
        self.layouts, self.record = layouts, record
        current = layouts.status(plan.id or 0).get(record.id, {})
        self.fields: dict[int, QLineEdit] = {}
        for year in plan.years:
            line = QLineEdit(current.get(year, ""))
            line.setObjectName(f"status_{year}")
            line.setPlaceholderText("t.ex. 10 400 (aug) eller Månadsvis")
            self.fields[year] = line
            self.form.add(f"status_{year}", f"Status {year}:", line)
        self.finish_layout()

    def build(self):
        return {year: line.text() for year, line in self.fields.items()}

    def store(self, values):
        for year, text in values.items():
            self.layouts.set_status(self.record.id, year, text)
        return self.record


class NyckeltalLayoutBar(QWidget):
    def __init__(self, layouts: NyckeltalLayoutService, plan: Plan, tab: RowsTab, parent=None):
        super().__init__(parent)
        self.layouts, self.plan, self.tab = layouts, plan, tab
        self.frozen_reason = ""
        self.dialog = None
        self.combo = QComboBox()
        self.combo.setObjectName("nyckeltal_layout")
        for key, label in LAYOUTER.items():
            self.combo.addItem(label, key)
        self.combo.setCurrentIndex(self.combo.findData(layouts.layout(plan.id or 0)))
        self.combo.currentIndexChanged.connect(self._layout_chosen)
        self.status_button = QPushButton("Status per år…")
        self.status_button.setObjectName("nyckeltal_status")
        self.status_button.clicked.connect(self.edit_status)
        self.message = StatusLine()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Utskrift:"))
        row.addWidget(self.combo)
        row.addWidget(self.status_button)
        row.addWidget(self.message, 1)
        tab.view.current_changed.connect(lambda _r: self._update())
        self._update()

    def set_frozen(self, reason: str) -> None:
        self.frozen_reason = reason
        enable_or_explain(self.combo, reason)
        self._update()

    def _update(self) -> None:
        basvarde = self.combo.currentData() == "basvarde"
        why = (self.frozen_reason or ("" if basvarde else "Status per år skrivs ut i layouten med basvärde.")
               or ("" if self.tab.view.current_record() is not None else NO_SELECTION))
        enable_or_explain(self.status_button, why)

    def _layout_chosen(self) -> None:
        try:
            self.layouts.set_layout(self.plan.id or 0, self.combo.currentData())
        except ValidationError as exc:
            self.message.error(str(exc))
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(self.combo.findData(self.layouts.layout(self.plan.id or 0)))
            self.combo.blockSignals(False)
        else:
            self.message.info("Nyckeltalen skrivs ut som: " + self.combo.currentText().lower() + ".")
        self._update()

    def edit_status(self) -> None:
        record = self.tab.view.current_record()
        if record is not None and not self.frozen_reason:
            open_dialog(self, StatusDialog(self.layouts, self.plan, record, self),
                        lambda _saved: self.message.info("Statusen sparades."))

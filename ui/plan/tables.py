"""The plan's plain tables (nyckeltal, förändringsbeskrivning, handlingsplan, särskilda
uppdrag, risker, fotnoter): one generic tab — a record table, Ny/Ändra/Ta bort, Flytta
upp/ned — and an edit dialog built from the fields each table declares."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.plan.service import PlanService
from ui.models.table import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.plan.goal_forms import top_caption
from ui.widgets.buttons import NO_SELECTION, ButtonRow, enable_or_explain
from ui.widgets.dialogs import RecordDialog, confirm, open_dialog
from ui.widgets.fields import DateField


@dataclass
class Field:
    name: str
    label: str
    kind: str = "line"  # line, text, combo, int, date
    choices: Callable[[], list[tuple[str, Any]]] | None = None
    editable: bool = False  # a combo that also takes typed text
    placeholder: str = ""
    low: int = 1
    high: int = 5


@dataclass
class TableSpec:
    kind: str  # PlanService.TABLES key (delete and move)
    noun: str  # "nyckeltalet", shown in questions
    new_text: str
    columns: list[Column]
    fields: list[Field]
    load: Callable[[], list]
    new: Callable[[], Any]
    save: Callable[[Any], Any]
    describe: Callable[[Any], str] = lambda r: ""
    hint: str = ""
    #: Instead of PlanService.delete_row / move_row (tables outside PlanService.TABLES).
    delete: Callable[[int], None] | None = None
    move: Callable[[int, int], bool] | None = None


class RowDialog(RecordDialog):
    def __init__(self, spec: TableSpec, record, title: str, parent=None):
        super().__init__(title, parent)
        self.spec, self.record = spec, copy(record)
        self.setMinimumWidth(560)
        self.widgets: dict[str, QWidget] = {}
        for f in spec.fields:
            widget = self._widget(f, getattr(self.record, f.name))
            widget.setObjectName(f.name)
            self.widgets[f.name] = widget
            self.form.add(f.name, f"{f.label}:", widget)
            if f.kind == "text":
                top_caption(self.form, widget)
        self.finish_layout()

    def _widget(self, f: Field, value) -> QWidget:
        if f.kind == "text":
            box = QPlainTextEdit(value or "")
            box.setTabChangesFocus(True)
            box.setFixedHeight(80)
            return box
        if f.kind == "combo":
            combo = QComboBox()
            combo.setEditable(f.editable)
            for label, data in f.choices():
                combo.addItem(label, data)
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
            elif f.editable:
                combo.setCurrentText(value or "")
            return combo
        if f.kind == "int":
            spin = QSpinBox()
            spin.setRange(f.low, f.high)
            spin.setValue(value or f.low)
            return spin
        if f.kind == "date":
            return DateField(value)  # empty: no date
        line = QLineEdit(value or "")
        line.setPlaceholderText(f.placeholder)
        return line

    def value(self, f: Field):
        widget = self.widgets[f.name]
        if f.kind == "text":
            return widget.toPlainText()
        if f.kind == "combo":
            if f.editable:
                text = widget.currentText()
                index = widget.findText(text)
                return widget.itemData(index) if index >= 0 else text
            return widget.currentData()
        if f.kind == "int":
            return widget.value()
        if f.kind == "date":
            return widget.iso()
        return widget.text()

    def build(self):
        for f in self.spec.fields:
            setattr(self.record, f.name, self.value(f))
        return self.record

    def store(self, record):
        return self.spec.save(record)


class RowsTab(QWidget):
    def __init__(self, spec: TableSpec, service: PlanService, parent=None):
        super().__init__(parent)
        self.spec, self.service = spec, service
        self.frozen = False  # the rows of an adopted plan: shown, not changed (set_frozen)
        self.frozen_reason = ""
        self.dialog: RowDialog | None = None
        self.model = RecordTableModel(spec.columns)
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName(f"tabell_{spec.kind}")
        self.view.setWordWrap(True)
        self.buttons = ButtonRow(spec.new_text, self.new, self.edit, self.delete)
        self.up, self.down = QPushButton("Flytta upp"), QPushButton("Flytta ned")
        for button, delta in ((self.up, -1), (self.down, +1)):
            button.clicked.connect(lambda _=False, d=delta: self.move(d))
            self.buttons.layout().insertWidget(self.buttons.layout().count() - 1, button)
        layout = QVBoxLayout(self)
        if spec.hint:
            hint = QLabel(spec.hint)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.view.current_changed.connect(lambda r: self._selected(r is not None))
        self.view.edit_requested.connect(lambda _r: self.edit())
        self.view.delete_requested.connect(lambda _r: self.delete())
        self.reload()

    def set_frozen(self, reason: str) -> None:
        """The plan is adopted (``reason`` says so): its rows are shown but not added,
        changed or removed."""
        self.frozen, self.frozen_reason = True, reason
        enable_or_explain(self.buttons.new, reason)
        self._selected(self.view.current_record() is not None)

    def _selected(self, yes: bool) -> None:
        self.buttons.set_has_selection(yes)
        why = self.frozen_reason if self.frozen else "" if yes else NO_SELECTION
        for button in (self.buttons.edit, self.buttons.delete, self.up, self.down):
            enable_or_explain(button, why)

    def reload(self, select_id=None) -> None:
        current = select_id if select_id is not None else self.view.current_id()
        self.model.set_records(self.spec.load())
        self.view.resizeRowsToContents()
        self.view.select_id(current)
        self._selected(self.view.current_record() is not None)

    def new(self) -> None:
        if not self.frozen:
            self._open(self.spec.new(), self.spec.new_text.rstrip("…"))

    def edit(self) -> None:
        record = self.view.current_record()
        if record is not None and not self.frozen:
            self._open(record, f"Ändra {self.spec.noun}")

    def _open(self, record, title: str) -> None:
        open_dialog(self, RowDialog(self.spec, record, title, self), lambda saved: self.reload(saved.id))

    def delete(self) -> None:
        record = self.view.current_record()
        if record is None or self.frozen:
            return
        what = self.spec.describe(record)
        if confirm(self, "Ta bort", f"Ta bort {self.spec.noun}{f' ”{what}”' if what else ''}?"):
            if self.spec.delete is not None:
                self.spec.delete(record.id)
            else:
                self.service.delete_row(self.spec.kind, record.id)
            self.reload()

    def move(self, delta: int) -> None:
        record = self.view.current_record()
        if record is None:
            return
        mover = self.spec.move or (lambda row_id, d: self.service.move_row(self.spec.kind, row_id, d))
        if mover(record.id, delta):
            self.reload(record.id)

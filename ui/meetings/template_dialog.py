"""The organ's dagordningsmall: the standard items that open and close every agenda
(Närvaro, Val av justerare, … Redovisning av meddelanden), in order, each with its type,
place and a standard förslag till beslut."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.meetings import ARENDETYPER, MallPunkt, MeetingService
from app.validation import ValidationError
from ui.meetings.arende_editor import TYP_LABELS
from ui.meetings.common import OrderedTableView, move_button, row_reasons
from ui.models import RIGHT, Column, RecordTableModel
from ui.widgets.buttons import enable_or_explain
from ui.widgets.richtext_edit import RichTextEdit
from ui.widgets.status import StatusLine

PLACERING_LABELS = {"före": "Inleder dagordningen", "efter": "Avslutar dagordningen"}
PLACERING_SHORT = {"före": "Inleder", "efter": "Avslutar"}


class TemplateModel(RecordTableModel):
    """The items in the user's order; numbers are computed from it."""

    def __init__(self, parent=None):
        super().__init__([
            Column("Nr", lambda p: self.number_of(p), RIGHT, width=4),
            Column("Rubrik", lambda p: p.rubrik, stretch=True, tooltip=lambda p: p.rubrik),
            Column("Typ", lambda p: TYP_LABELS.get(p.typ, p.typ), width=16),
            Column("Placering", lambda p: PLACERING_SHORT.get(p.placering, p.placering), width=10,
                   tooltip=lambda p: PLACERING_LABELS.get(p.placering, p.placering)),
        ], parent=parent)

    def number_of(self, item: MallPunkt) -> int:
        return next(i for i, p in enumerate(self._records, start=1) if p is item)

    def set_items(self, items: list[MallPunkt]) -> None:
        self.set_records([replace(i) for i in items])

    def replace_row(self, row: int, item: MallPunkt) -> None:
        self._records[row] = item
        self._natural = list(self._records)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert(self, row: int, item: MallPunkt) -> None:
        self.beginInsertRows(self.index(-1, -1), row, row)
        self._records.insert(row, item)
        self._natural = list(self._records)
        self.endInsertRows()
        self._numbers_changed()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(self.index(-1, -1), row, row)
        del self._records[row]
        self._natural = list(self._records)
        self.endRemoveRows()
        self._numbers_changed()

    def move(self, row: int, target: int) -> None:
        dest = target + 1 if target > row else target
        if not self.beginMoveRows(self.index(-1, -1), row, row, self.index(-1, -1), dest):
            return
        self._records.insert(target, self._records.pop(row))
        self._natural = list(self._records)
        self.endMoveRows()
        self._numbers_changed()

    def _numbers_changed(self) -> None:
        if self._records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._records) - 1, 0))


class TemplateDialog(QDialog):
    def __init__(self, meetings: MeetingService, organ_id: int, organ_namn: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Dagordningsmall – {organ_namn}")
        self.setMinimumSize(860, 540)
        self.meetings, self.organ_id = meetings, organ_id
        self.result_record: list[MallPunkt] | None = None
        self._loading = False
        intro = QLabel("Standardpunkterna läggs in i varje nytt sammanträde. Punkter som inleder "
                       "dagordningen kommer först; nya ärenden läggs in före punkterna som avslutar den.")
        intro.setWordWrap(True)
        self.model = TemplateModel(self)
        self.view = OrderedTableView(self.model)
        self.view.setObjectName("mallpunkter")
        self.view.set_column_widths()

        def button(text: str, slot) -> QPushButton:
            b = QPushButton(text)
            b.clicked.connect(lambda _=False: slot())
            return b

        self.new_button = button("Ny punkt", self.add_item)
        self.remove_button = button("Ta bort punkt", self.remove_item)
        self.up_button = move_button(-1, "Flytta upp (Ctrl+Upp)", lambda: self.move_item(-1))
        self.down_button = move_button(+1, "Flytta ned (Ctrl+Ned)", lambda: self.move_item(+1))
        self.default_button = button("Standardmallen", self.use_default)
        self.default_button.setToolTip("Börja om från standardpunkterna (sparas först med Spara)")
        buttons = QHBoxLayout()
        for b in (self.new_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.default_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.view, 1)
        left_column.addLayout(buttons)

        right = QWidget()
        form = QFormLayout(right)
        form.setContentsMargins(0, 0, 0, 0)
        self.rubrik = QLineEdit()
        self.rubrik.setObjectName("mall_rubrik")
        form.addRow("&Rubrik", self.rubrik)
        self.typ = QComboBox()
        for typ in ARENDETYPER:
            self.typ.addItem(TYP_LABELS[typ], typ)
        form.addRow("&Typ", self.typ)
        self.placering = QComboBox()
        for key, label in PLACERING_LABELS.items():
            self.placering.addItem(label, key)
        form.addRow("&Placering", self.placering)
        self.forslag = RichTextEdit("mall_forslag", min_lines=4)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Förslag till beslut", self.forslag)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.error = StatusLine("mall_fel")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Spara", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(splitter, 1)
        column.addWidget(self.error)
        column.addWidget(self.buttons)

        self.view.current_changed.connect(self._show_item)
        self.view.move_requested.connect(self.move_item)
        self.view.delete_requested.connect(lambda _rec: self.remove_item())
        self.rubrik.textEdited.connect(self._edit_item)
        self.typ.currentIndexChanged.connect(self._edit_item)
        self.placering.currentIndexChanged.connect(self._edit_item)
        self.forslag.changed.connect(self._edit_item)
        self.model.set_items(meetings.agenda_template(organ_id))
        if self.model.rowCount():
            self.view.select_row(0)
        self._show_item(self.view.current_record())

    # -- the selected item ------------------------------------------------------------------
    def _row(self) -> int:
        return self.view.currentIndex().row() if self.view.current_record() is not None else -1

    def _show_item(self, item: MallPunkt | None) -> None:
        self._loading = True
        try:
            p = item or MallPunkt("")
            self.rubrik.setText(p.rubrik)
            self.typ.setCurrentIndex(max(0, self.typ.findData(p.typ)))
            self.placering.setCurrentIndex(max(0, self.placering.findData(p.placering)))
            self.forslag.set_stored(p.forslag_till_beslut)
        finally:
            self._loading = False
        for w in (self.rubrik, self.typ, self.placering, self.forslag, self.remove_button):
            enable_or_explain(w, "" if item is not None else "Välj en punkt i listan först.")
        up, down, _remove = row_reasons(self._row(), self.model.rowCount())
        enable_or_explain(self.up_button, up)
        enable_or_explain(self.down_button, down)

    def _edit_item(self, *_args) -> None:
        row = self._row()
        if self._loading or row < 0:
            return
        item = replace(self.model.record(row), rubrik=self.rubrik.text(), typ=self.typ.currentData(),
                       placering=self.placering.currentData(), forslag_till_beslut=self.forslag.stored())
        self.model.replace_row(row, item)

    # -- list operations ---------------------------------------------------------------------
    def add_item(self) -> None:
        row = self._row()
        # A new item goes after the selected one and takes its place in the agenda.
        placering = self.model.record(row).placering if row >= 0 else "efter"
        row = row + 1 if row >= 0 else self.model.rowCount()
        self.model.insert(row, MallPunkt("", "standard", placering))
        self.view.select_row(row)
        self.rubrik.setFocus()

    def remove_item(self) -> None:
        row = self._row()
        if row >= 0:
            self.model.remove(row)
            if self.model.rowCount():
                self.view.select_row(min(row, self.model.rowCount() - 1))
            self._show_item(self.view.current_record())

    def move_item(self, step: int) -> None:
        row = self._row()
        target = row + step
        if row >= 0 and 0 <= target < self.model.rowCount():
            self.model.move(row, target)
            self.view.select_row(target)
            self._show_item(self.view.current_record())

    def use_default(self) -> None:
        self.model.set_items(self.meetings.default_template(self.organ_id))
        self.view.select_row(0)

    def items(self) -> list[MallPunkt]:
        return self.model.records

    def accept(self) -> None:
        try:
            self.result_record = self.meetings.save_agenda_template(self.organ_id, self.items())
        except ValidationError as exc:
            self.error.error(str(exc))
            return
        super().accept()

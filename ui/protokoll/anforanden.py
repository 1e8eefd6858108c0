"""Yrkanden, reservationer, särskilda yttranden and protokollsanteckningar: a member
(or a group written by hand) and a text, in a small editable table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.protokoll.model import Anforande
from ui.models import Column, RecordTableModel
from ui.models.view import RecordTableView


class AnforandeModel(RecordTableModel):
    def __init__(self, parent=None):
        super().__init__([Column("Vem", lambda a: a.namn, width=22),
                          Column("Text", lambda a: a.text or "–", stretch=True)], parent=parent)


class AnforandePanel(QWidget):
    """``choices``: (narvaro_id, name) that may be picked; a free name is also allowed
    (a party group). Ta bort with the button or Delete."""

    changed = Signal()

    def __init__(self, slag: str, object_name: str, text_hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.slag = slag
        self.setObjectName(object_name)
        self.items: list[Anforande] = []
        self.model = AnforandeModel(self)
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName(f"{object_name}_lista")
        self.view.setMinimumHeight(70)
        self.view.setMaximumHeight(120)
        self.who = QComboBox()
        self.who.setObjectName(f"{object_name}_vem")
        self.who.setEditable(True)
        self.who.setMinimumContentsLength(18)
        self.text = QLineEdit()
        self.text.setObjectName(f"{object_name}_text")
        self.text.setPlaceholderText(text_hint)
        self.add_button = QPushButton("Lägg till")
        self.add_button.setObjectName(f"{object_name}_lagg_till")
        self.remove_button = QPushButton("Ta bort")
        # Who and the buttons on one line, the text on a line of its own: beside three
        # other controls in the middle column it would be a few characters wide.
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.who, 0, 0)
        row.addWidget(self.add_button, 0, 1)
        row.addWidget(self.remove_button, 0, 2)
        row.addWidget(self.text, 1, 0, 1, 3)
        row.setColumnStretch(0, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view)
        column.addLayout(row)
        self.add_button.clicked.connect(lambda _=False: self.add())
        self.text.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(lambda _=False: self.remove())
        self.view.delete_requested.connect(lambda _r: self.remove())

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        self.who.clear()
        for narvaro_id, name in choices:
            self.who.addItem(name, narvaro_id)
        self.who.setCurrentIndex(-1)

    def load(self, items: list[Anforande], read_only: bool) -> None:
        self.items = list(items)
        self.model.set_records(self.items)
        for w in (self.who, self.text, self.add_button, self.remove_button):
            w.setEnabled(not read_only)

    def add(self) -> None:
        name = self.who.currentText().strip()
        if not name:
            self.who.setFocus()
            return
        index = self.who.findText(name, Qt.MatchFlag.MatchExactly)
        narvaro_id = self.who.itemData(index) if index >= 0 else None
        self.items.append(Anforande(self.slag, name, self.text.text().strip(), narvaro_id))
        self.model.set_records(self.items)
        self.text.clear()
        self.who.setCurrentIndex(-1)
        self.who.setFocus()
        self.changed.emit()

    def remove(self) -> None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self.items) and self.add_button.isEnabled():
            del self.items[row]
            self.model.set_records(self.items)
            self.changed.emit()

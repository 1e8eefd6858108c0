"""Yrkanden, reservationer, särskilda yttranden and protokollsanteckningar: a member
(or a group written by hand) and a text, in a small editable table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.protokoll.model import Anforande
from ui.models import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.protokoll.reasons import PARAGRAF_JUSTERAD
from ui.widgets.buttons import NO_SELECTION, enable_or_explain
from ui.widgets.flow import FlowLayout

#: What Ta bort names where the kind's own name is long.
SHORT = {"särskilt yttrande": "yttrande", "protokollsanteckning": "anteckning"}


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
        self.remove_button = QPushButton(f"Ta bort {SHORT.get(slag, slag)}")
        self.remove_button.setObjectName(f"{object_name}_ta_bort")
        self.read_only = False
        # Who and the buttons on one line, the text on a line of its own: beside three
        # other controls in the middle column it would be a few characters wide. In a
        # narrow editor the buttons wrap under the name instead of widening the editor
        # past its pane (a sideways scroll bar on a laptop).
        row = FlowLayout()
        row.addWidget(self.who, 1)
        row.add_widgets(self.add_button, self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view)
        column.addLayout(row)
        column.addWidget(self.text)
        self.add_button.clicked.connect(lambda _=False: self.add())
        self.text.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(lambda _=False: self.remove())
        self.view.delete_requested.connect(lambda _r: self.remove())
        self.view.current_changed.connect(lambda _r: self._offer_remove())

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        self.who.clear()
        for narvaro_id, name in choices:
            self.who.addItem(name, narvaro_id)
        self.who.setCurrentIndex(-1)

    def load(self, items: list[Anforande], read_only: bool) -> None:
        self.items = list(items)
        self.read_only = read_only
        self.model.set_records(self.items)
        for w in (self.who, self.text, self.add_button):
            enable_or_explain(w, PARAGRAF_JUSTERAD if read_only else "")
        self._offer_remove()

    def _offer_remove(self) -> None:
        chosen = 0 <= self.view.currentIndex().row() < len(self.items)
        enable_or_explain(self.remove_button, PARAGRAF_JUSTERAD if self.read_only else
                          "" if chosen else NO_SELECTION)

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
            self._offer_remove()
            self.changed.emit()

"""Editable lists of an ärende: beslutsunderlag and "Beslut skickas till" (lines of
text), and the signers of the tjänsteskrivelse (name + title, picked from the people
register and editable afterwards, e.g. "Tf förvaltningschef")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.meetings import Undertecknare
from app.organisation import Person
from ui.meetings.common import LOCKED, move_button, row_reasons
from ui.widgets.buttons import enable_or_explain

_ROOT = QModelIndex()


def _button(text: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(lambda _=False: slot())
    return button


class _MoveButtons:
    """Upp / Ned / Ta bort beside a view; enabled by the current row."""

    def __init__(self, view: QAbstractItemView, count: Callable[[], int], move: Callable[[int, int], None],
                 remove: Callable[[int], None]):
        self.view, self.count, self._move, self._remove = view, count, move, remove
        self.up = move_button(-1, "Flytta upp (Ctrl+Upp)", lambda: self.move(-1))
        self.down = move_button(+1, "Flytta ned (Ctrl+Ned)", lambda: self.move(+1))
        self.remove = _button("Ta bort rad", "Ta bort raden (Delete)", self.remove_current)

    def row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def move(self, step: int) -> None:
        row = self.row()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        self._move(row, target)
        self.view.setCurrentIndex(self.view.model().index(target, 0))

    def remove_current(self) -> None:
        row = self.row()
        if row >= 0:
            self._remove(row)

    read_only = False

    def update(self) -> None:
        reasons = row_reasons(self.row(), self.count(), LOCKED if self.read_only else "")
        for button, reason in zip((self.up, self.down, self.remove), reasons, strict=True):
            enable_or_explain(button, reason)

    def handle_key(self, event) -> bool:
        if self.read_only:
            return False
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move(-1 if event.key() == Qt.Key.Key_Up else +1)
            return True
        if event.key() == Qt.Key.Key_Delete and self.view.state() != QAbstractItemView.State.EditingState:
            self.remove_current()
            return True
        return False


class _KeyListView(QListView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.buttons: _MoveButtons | None = None

    def keyPressEvent(self, event) -> None:
        if self.buttons is not None and self.buttons.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class StringListEditor(QWidget):
    """Lines of text, one per row: Lägg till (starts editing the new row), Ta bort,
    Upp, Ned; double-click or F2 edits a row."""

    changed = Signal()

    def __init__(self, object_name: str, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.placeholder = placeholder
        self.model = QStringListModel(self)
        self.view = _KeyListView()
        self.view.setObjectName(f"{object_name}_lista")
        self.view.setModel(self.model)
        self._triggers = (QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setEditTriggers(self._triggers)
        self.view.setAlternatingRowColors(True)
        self.view.setMinimumHeight(max(self.fontMetrics().lineSpacing() * 4,
                                       self.view.minimumSizeHint().height()))
        self.buttons = _MoveButtons(self.view, self.model.rowCount, self._move, self._remove)
        self.view.buttons = self.buttons
        self.add_button = _button("Lägg till", placeholder, self.add_row)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.buttons.remove, self.buttons.up, self.buttons.down):
            row.addWidget(b)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addLayout(row)
        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.buttons.update())
        self.model.rowsInserted.connect(lambda *_: self.buttons.update())
        self.model.rowsRemoved.connect(lambda *_: self.buttons.update())
        self.buttons.update()

    def set_read_only(self, read_only: bool) -> None:
        self.buttons.read_only = read_only
        none = QAbstractItemView.EditTrigger.NoEditTriggers
        self.view.setEditTriggers(none if read_only else self._triggers)
        enable_or_explain(self.add_button, LOCKED if read_only else "")
        self.buttons.update()

    def set_values(self, values: list[str]) -> None:
        self.model.setStringList(list(values))
        self.buttons.update()

    def values(self) -> list[str]:
        return [v for v in self.model.stringList() if v.strip()]

    def add_row(self, text: str = "") -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        if text:
            self.model.setData(index, text)
        else:
            self.view.edit(index)
        self.changed.emit()

    def _move(self, row: int, target: int) -> None:
        dest = target + 1 if target > row else target
        self.model.moveRows(_ROOT, row, 1, _ROOT, dest)
        self.changed.emit()

    def _remove(self, row: int) -> None:
        self.model.removeRows(row, 1)
        self.changed.emit()


class SignerModel(QAbstractTableModel):
    """The signers (name, title) of one tjänsteskrivelse, editable in place."""

    HEADERS = ("Namn", "Titel")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.signers: list[Undertecknare] = []

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.signers)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 2:
            return self.HEADERS[section]
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.signers):
            return None
        s = self.signers[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return s.namn if index.column() == 0 else s.titel
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        s = self.signers[index.row()]
        text = str(value or "")
        self.signers[index.row()] = replace(s, namn=text) if index.column() == 0 else replace(s, titel=text)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def set_signers(self, signers: list[Undertecknare]) -> None:
        self.beginResetModel()
        self.signers = list(signers)
        self.endResetModel()

    def append(self, signer: Undertecknare) -> None:
        row = len(self.signers)
        self.beginInsertRows(_ROOT, row, row)
        self.signers.append(signer)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self.signers[row]
        self.endRemoveRows()

    def move(self, row: int, target: int) -> None:
        dest = target + 1 if target > row else target
        if not self.beginMoveRows(_ROOT, row, row, _ROOT, dest):
            return
        self.signers.insert(target, self.signers.pop(row))
        self.endMoveRows()


class _KeyTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.buttons: _MoveButtons | None = None

    def keyPressEvent(self, event) -> None:
        if self.buttons is not None and self.buttons.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class SignerEditor(QWidget):
    """Pick tjänstemän as signers; name and title can be corrected in the table."""

    changed = Signal()

    def __init__(self, signer_for: Callable[[int], Undertecknare], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("undertecknare")
        self.signer_for = signer_for
        self.model = SignerModel(self)
        self.view = _KeyTableView()
        self.view.setObjectName("undertecknare_tabell")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.people = QComboBox()
        self.people.setObjectName("undertecknare_val")
        self.people.setMinimumContentsLength(16)
        self.people.setToolTip("Tjänstemän i personregistret")
        self.add_button = _button("Lägg till", "Lägg till den valda tjänstemannen som undertecknare",
                                  self.add_selected)
        self.buttons = _MoveButtons(self.view, self.model.rowCount, self._move, self._remove)
        self.view.buttons = self.buttons
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.people, 1)
        for b in (self.add_button, self.buttons.remove, self.buttons.up, self.buttons.down):
            row.addWidget(b)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addLayout(row)
        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.buttons.update())
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(lambda *_: self.buttons.update())
        self.buttons.update()

    def set_read_only(self, read_only: bool) -> None:
        self.buttons.read_only = read_only
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                  QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        enable_or_explain(self.people, LOCKED if read_only else "")
        self._offer_add()
        self.buttons.update()

    def _offer_add(self) -> None:
        none = "Det finns inga tjänstemän i personregistret; lägg till dem under Organisation."
        enable_or_explain(self.add_button,
                          LOCKED if self.buttons.read_only else "" if self.people.count() else none)

    def set_people(self, people: list[Person]) -> None:
        """The tjänstemän to choose from (name and title as in the register)."""
        self.people.clear()
        for p in people:
            self.people.addItem(f"{p.namn}, {p.titel}" if p.titel else p.namn, p.id)
        self._offer_add()

    def set_signers(self, signers: list[Undertecknare]) -> None:
        self.model.set_signers(signers)

    def signers(self) -> list[Undertecknare]:
        return list(self.model.signers)

    def add_selected(self) -> None:
        person_id = self.people.currentData()
        if person_id is None:
            return
        self.model.append(self.signer_for(person_id))
        self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))
        self.changed.emit()

    def _move(self, row: int, target: int) -> None:
        self.model.move(row, target)
        self.changed.emit()

    def _remove(self, row: int) -> None:
        self.model.remove(row)
        self.changed.emit()

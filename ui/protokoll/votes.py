"""The omröstning table: each member taking part at the paragraph votes ja, nej or
avstår; the result is computed by :func:`app.protokoll.rostning.rakna`."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.protokoll.model import ROSTER, Beslutande, Deltagare, Rost, Votering
from app.protokoll.rostning import rakna

_ROOT = QModelIndex()
HEADERS = ("Ledamot", "Ja", "Nej", "Avstår")


class VoteModel(QAbstractTableModel):
    """Rows: the members taking part (after jäv); columns Ja/Nej/Avstår are exclusive
    check boxes. ``changed`` after a vote was set by the user."""

    changed = Signal()
    #: The user set a vote: (narvaro_id, the vote before, the new one; None = no vote).
    vote_changed = Signal(int, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.members: list[Deltagare] = []
        self.votes: dict[int, str] = {}
        self.read_only = False

    def set_members(self, members: list[Deltagare], votes: dict[int, str]) -> None:
        self.beginResetModel()
        self.members = list(members)
        ids = {m.narvaro_id for m in self.members}
        self.votes = {k: v for k, v in votes.items() if k in ids}  # a jävig member's vote goes
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() > 0 and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.members):
            return None
        m = self.members[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                extra = " – ordförande" if m.ordforande else ""
                extra += f" – tjänstgör för {m.ersattare_for}" if m.ersattare_for else ""
                return m.namn_parti + extra
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            chosen = self.votes.get(m.narvaro_id) == ROSTER[index.column() - 1]
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() == 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.set_vote(index.row(), ROSTER[index.column() - 1] if checked else None)
        return True

    def set_vote(self, row: int, rost: str | None) -> None:
        if self.read_only or not 0 <= row < len(self.members):
            return
        member = self.members[row].narvaro_id
        before = self.votes.get(member)
        self.show_vote(member, rost)
        self.changed.emit()
        if before != rost:
            self.vote_changed.emit(member, before, rost)

    def show_vote(self, narvaro_id: int, rost: str | None) -> None:
        """Show ``narvaro_id``'s vote as ``rost`` (an undo, or the user's own)."""
        if rost is None:
            self.votes.pop(narvaro_id, None)
        else:
            self.votes[narvaro_id] = rost
        row = next((n for n, m in enumerate(self.members) if m.narvaro_id == narvaro_id), None)
        if row is not None:
            self.dataChanged.emit(self.index(row, 1), self.index(row, 3), [Qt.ItemDataRole.CheckStateRole])

    def roster(self) -> list[Rost]:
        return [Rost(m.narvaro_id, self.votes[m.narvaro_id]) for m in self.members
                if m.narvaro_id in self.votes]


class VoteView(QTableView):
    """J, N and A set the current member's vote and move to the next member."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_J: "ja", Qt.Key.Key_N: "nej", Qt.Key.Key_A: "avstår"}
        model = self.model()
        if event.key() in keys and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            row = self.currentIndex().row()
            if row >= 0:
                model.set_vote(row, keys[event.key()])
                self.setCurrentIndex(model.index(min(row + 1, model.rowCount() - 1), 0))
            return
        super().keyPressEvent(event)


class VotePanel(QWidget):
    """The paragraph's omröstningar (there may be several: first on the
    propositionsordning, then on the main question), one tab each: the question, what ja
    and nej mean, the table and the computed result."""

    changed = Signal()
    #: The user set a vote: (the omröstning's index, narvaro_id, before, after, the member).
    vote_set = Signal(int, int, object, object, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("omrostning")
        self.beslutande: Beslutande | None = None
        self.organ_namn = ""
        self.items: list[Votering] = []
        self.shown = -1  # index in ``items`` of the vote in the fields below the tabs
        self._switching = False
        self.add_button = QPushButton("Lägg till omröstning")
        self.add_button.setObjectName("ny_omrostning")
        self.remove_button = QPushButton("Ta bort omröstningen")
        self.remove_button.setObjectName("ta_bort_omrostning")
        self.tabs = QTabBar()
        self.tabs.setObjectName("omrostningar")
        self.tabs.setExpanding(False)
        self.fraga = QLineEdit()
        self.fraga.setObjectName("omrostning_fraga")
        self.fraga.setPlaceholderText("Omröstning om bifall till …")
        self.ja = QLineEdit()
        self.ja.setObjectName("omrostning_ja")
        self.ja.setPlaceholderText("Ja innebär …")
        self.nej = QLineEdit()
        self.nej.setObjectName("omrostning_nej")
        self.nej.setPlaceholderText("Nej innebär …")
        self.model = VoteModel(self)
        self.table = VoteView()
        self.table.setObjectName("rosttabell")
        self.table.setModel(self.model)
        self.table.setToolTip("Markera en rad och tryck J (ja), N (nej) eller A (avstår).")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.result = QLabel()
        self.result.setObjectName("rostresultat")
        self.result.setWordWrap(True)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Fråga:", self.fraga)
        form.addRow("Ja innebär:", self.ja)
        form.addRow("Nej innebär:", self.nej)
        form.addRow(self.table)
        form.addRow(self.result)
        form.addRow(self.remove_button)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.tabs, 1)
        top.addWidget(self.add_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.details)
        self.add_button.clicked.connect(lambda _=False: self._add())
        self.remove_button.clicked.connect(lambda _=False: self._remove())
        self.tabs.currentChanged.connect(self._tab_changed)
        for w in (self.fraga, self.ja, self.nej):
            w.textEdited.connect(lambda _t: self._edited())
        self.model.changed.connect(self._edited)
        self.model.vote_changed.connect(self._vote_changed)
        self._rebuild_tabs(-1)

    def load(self, voteringar: list[Votering], beslutande: Beslutande | None, organ_namn: str,
             read_only: bool) -> None:
        self.items = list(voteringar)
        self.beslutande, self.organ_namn = beslutande, organ_namn
        self.model.read_only = read_only
        for w in (self.fraga, self.ja, self.nej):
            w.setReadOnly(read_only)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        self._rebuild_tabs(0 if self.items else -1)

    @property
    def votering(self) -> Votering | None:
        """The vote shown below the tabs."""
        return self.items[self.shown] if 0 <= self.shown < len(self.items) else None

    def set_beslutande(self, beslutande: Beslutande | None) -> None:
        """Who takes part changed (jäv, närvaro): the table follows, votes kept."""
        self._store()
        self.beslutande = beslutande
        self._show()

    def select(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def _rebuild_tabs(self, select: int) -> None:
        self._switching = True
        try:
            while self.tabs.count():
                self.tabs.removeTab(0)
            for n in range(1, len(self.items) + 1):
                self.tabs.addTab(f"Omröstning {n}")
            self.shown = select if 0 <= select < len(self.items) else -1
            self.tabs.setCurrentIndex(self.shown)
        finally:
            self._switching = False
        self.tabs.setVisible(bool(self.items))
        self.add_button.setText("Lägg till omröstning" if not self.items else "Ny omröstning")
        self._show()

    def _tab_changed(self, index: int) -> None:
        if self._switching:
            return
        self._store()
        self.shown = index
        self._show()

    def _show(self) -> None:
        v = self.votering
        self.details.setVisible(v is not None)
        if v is None:
            return
        self.fraga.setText(v.fraga)
        self.ja.setText(v.ja_innebar)
        self.nej.setText(v.nej_innebar)
        members = list(self.beslutande.deltagare) if self.beslutande else []
        self.model.set_members(members, {r.narvaro_id: r.rost for r in v.roster})
        # Every voter visible at once: no scrolling while the votes are called out.
        rows = self.table.verticalHeader().defaultSectionSize() * max(len(members), 3)
        self.table.setFixedHeight(rows + self.table.horizontalHeader().sizeHint().height() + 4)
        self._show_result()

    def _show_result(self) -> None:
        v = self.current()
        if v is None:
            return
        r = rakna(v, self.beslutande, self.organ_namn)
        missing = self.model.rowCount() - len(v.roster)
        text = f"Ja {r.ja} – Nej {r.nej} – Avstår {r.avstar}. {r.text}"
        if missing:
            text += f" ({missing} av {self.model.rowCount()} har ännu ingen röst.)"
        self.result.setText(text)

    def _store(self) -> None:
        """Copy the fields into the shown vote (before another is shown)."""
        v = self.votering
        if v is None:
            return
        v.fraga = self.fraga.text()
        v.ja_innebar = self.ja.text()
        v.nej_innebar = self.nej.text()
        v.roster = self.model.roster()

    def current(self) -> Votering | None:
        """The vote shown, with what is typed."""
        self._store()
        return self.votering

    def voteringar(self) -> list[Votering]:
        """All of the paragraph's votes in order, with what is typed."""
        self._store()
        return list(self.items)

    def _add(self) -> None:
        self._store()
        first = not self.items
        self.items.append(Votering(fraga="Omröstning om bifall till förslaget" if first else "",
                                   ja_innebar="bifall till förslaget" if first else ""))
        self._rebuild_tabs(len(self.items) - 1)
        self.changed.emit()
        self.table.setFocus()
        self.table.setCurrentIndex(self.model.index(0, 0))

    def _remove(self) -> None:
        if self.votering is None:
            return
        del self.items[self.shown]
        self._rebuild_tabs(min(self.shown, len(self.items) - 1))
        self.changed.emit()

    def _edited(self) -> None:
        if self._switching:
            return
        self._show_result()
        self.changed.emit()

    def _vote_changed(self, narvaro_id: int, before: str | None, after: str | None) -> None:
        name = next((m.namn_parti for m in self.model.members if m.narvaro_id == narvaro_id), "")
        self.vote_set.emit(self.shown, narvaro_id, before, after, name)

    def show_vote(self, index: int, narvaro_id: int, rost: str | None) -> None:
        """Show a vote set by an undo or redo (the paragraph's store is the caller's)."""
        if not 0 <= index < len(self.items):
            return
        self._store()
        v = self.items[index]
        v.roster = [r for r in v.roster if r.narvaro_id != narvaro_id]
        if rost is not None:
            v.roster.append(Rost(narvaro_id, rost))
        if index == self.shown:
            self.model.show_vote(narvaro_id, rost)
            self._show_result()

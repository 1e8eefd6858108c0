"""The omröstning table: each member taking part at the paragraph votes ja, nej or
avstår; the result is computed by :func:`app.protokoll.rostning.rakna`.

The table takes the spreadsheet keys (ui/widgets/grid.py): a vote cell is a check box
whose text is ”x” or empty, so an x typed over a cell, a block of x pasted from Excel or
Delete sets or clears votes, each write stored at once as one step of Redigera → Ångra.
J, N and A still set the current member's vote and move on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.protokoll.model import ROSTER, Beslutande, Deltagare, Rost, Votering
from app.protokoll.rostning import rakna
from ui.protokoll.reasons import PARAGRAF_JUSTERAD
from ui.widgets.buttons import enable_or_explain
from ui.widgets.grid import ExcelTableView
from ui.widgets.status import ERROR_STYLE

_ROOT = QModelIndex()
HEADERS = ("Ledamot", "Ja", "Nej", "Avstår")
#: What a vote cell holds when typed or pasted: a mark, or nothing.
MARKS = ("x", "1", "✓", "✔")
BLANKS = ("", "0", "-", "–")
#: Stores votes set in the table: ([(narvaro_id, before, after)], what) → stored.
VoteWriter = Callable[[list[tuple[int, str | None, str | None]], str], bool]


class VoteModel(QAbstractTableModel):
    """Rows: the members taking part (after jäv); columns Ja/Nej/Avstår are exclusive
    check boxes. ``changed`` after a vote was set by the user."""

    changed = Signal()
    #: The user set a vote: (narvaro_id, the vote before, the new one; None = no vote).
    vote_changed = Signal(int, object, object)
    #: Why typed or pasted votes were not taken (Swedish).
    error = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.members: list[Deltagare] = []
        self.votes: dict[int, str] = {}
        self.read_only = False
        #: Stores the votes written in the table; None: shown only (the paragraph saves later).
        self.store: VoteWriter | None = None

    def set_members(self, members: list[Deltagare], votes: dict[int, str]) -> None:
        ids = {m.narvaro_id for m in members}
        votes = {k: v for k, v in votes.items() if k in ids}  # a jävig member's vote goes
        if [m.narvaro_id for m in members] == [m.narvaro_id for m in self.members] and members:
            # The same voters (the paragraph was saved): the current cell stays where it is.
            self.members, self.votes = list(members), votes
            self.dataChanged.emit(self.index(0, 0), self.index(len(members) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.members = list(members)
        self.votes = votes
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
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        return flags

    def locked_reason(self, index) -> str:
        """Why a cell cannot be typed in (ui/widgets/grid.py)."""
        if self.read_only:
            return "hör till en justerad paragraf och kan inte ändras."
        return "är ledamotens namn; rösten skrivs med x under Ja, Nej eller Avstår."

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
        chosen = self.votes.get(m.narvaro_id) == ROSTER[index.column() - 1]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            return "x" if chosen else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() > 0:
            if str(value or "").strip() == self.data(index, Qt.ItemDataRole.EditRole):
                return True
            name = self.members[index.row()].namn_parti if index.row() < len(self.members) else ""
            return self.write_cells([(index, value)], f"röst för {name}")
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

    # -- typed and pasted votes (ui/widgets/grid.py) -------------------------------------------
    @staticmethod
    def marked(column: int, text: object) -> bool:
        """Whether ``text`` typed in vote column ``column`` marks it; ValueError (Swedish)
        when it is neither a mark nor empty."""
        raw = str(text or "").strip()
        low = raw.lower()
        if low in MARKS or low == ROSTER[column - 1] or (column == 3 and low == "avstar"):
            return True
        if low in BLANKS:
            return False
        raise ValueError(f"Skriv x för en röst under {HEADERS[column]} eller lämna cellen tom (nu ”{raw}”).")

    def check_text(self, index, text) -> None:
        if index.column() > 0:
            self.marked(index.column(), text)

    def write_cells(self, cells: list, what: str) -> bool:
        """Set the votes of ``cells`` ([(index, text)]): every row checked first (one vote
        per member), then shown and stored as one step. False after telling why not."""
        if self.read_only:
            return False
        by_row: dict[int, list[tuple[int, bool]]] = {}
        try:
            for index, text in cells:
                if index.column() > 0 and 0 <= index.row() < len(self.members):
                    mark = self.marked(index.column(), text)
                    by_row.setdefault(index.row(), []).append((index.column(), mark))
        except ValueError as exc:
            self.error.emit(str(exc))
            return False
        changes: list[tuple[int, str | None, str | None]] = []
        for row, marks in sorted(by_row.items()):
            member = self.members[row]
            before = self.votes.get(member.narvaro_id)
            chosen = [ROSTER[c - 1] for c, on in marks if on]
            if len(chosen) > 1:
                self.error.emit(f"Rad {row + 1} ({member.namn_parti}) fick {len(chosen)} röster "
                                f"({' och '.join(chosen)}); en ledamot har en röst. Inget ändrades.")
                return False
            cleared = before in {ROSTER[c - 1] for c, _on in marks}  # its own cell emptied
            after = chosen[0] if chosen else (None if cleared else before)
            if after != before:
                changes.append((member.narvaro_id, before, after))
        if not changes:
            return True
        for narvaro_id, _before, after in changes:
            self.show_vote(narvaro_id, after)
        self.changed.emit()
        if self.store is not None and not self.store(changes, what):
            for narvaro_id, before, _after in changes:
                self.show_vote(narvaro_id, before)
            self.changed.emit()
            return False
        return True

    def roster(self) -> list[Rost]:
        return [Rost(m.narvaro_id, self.votes[m.narvaro_id]) for m in self.members
                if m.narvaro_id in self.votes]


class VoteView(ExcelTableView):
    """J, N and A set the current member's vote and move to the next member; Space
    checks or unchecks the current vote cell; the rest as in a spreadsheet."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_J: "ja", Qt.Key.Key_N: "nej", Qt.Key.Key_A: "avstår"}
        model = self.model()
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if self.state() != ExcelTableView.State.EditingState and plain and isinstance(model, VoteModel):
            current = self.currentIndex()
            if event.key() in keys:
                if current.row() >= 0:
                    model.set_vote(current.row(), keys[event.key()])
                    self.setCurrentIndex(model.index(min(current.row() + 1, model.rowCount() - 1),
                                                     current.column()))
                return
            if event.key() == Qt.Key.Key_Space and current.column() > 0:
                on = model.data(current, Qt.ItemDataRole.EditRole) == "x"
                name = model.members[current.row()].namn_parti
                model.write_cells([(current, "" if on else "x")], f"röst för {name}")
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
        self.remove_button = QPushButton("Ta bort omröstning")
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
        self.message = QLabel()
        self.message.setObjectName("rostmeddelande")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.table = VoteView(tell=self._tell)
        self.table.setObjectName("rosttabell")
        self.table.setModel(self.model)
        self.table.setToolTip("Markera en rad och tryck J (ja), N (nej) eller A (avstår), eller skriv x "
                              "under Ja, Nej eller Avstår. Block med x kan klistras in från Excel.")
        self.model.error.connect(self._refused)
        self.model.store = self._store_votes
        #: Stores votes written in the table at once: (the omröstning's index, changes, what).
        self.store_votes: Callable[[int, list[tuple[int, str | None, str | None]], str], bool] | None = None
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
        form.addRow(self.message)
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

    def _tell(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _store_votes(self, changes: list[tuple[int, str | None, str | None]], what: str) -> bool:
        self._tell("")
        return self.store_votes is None or self.store_votes(self.shown, changes, what)

    def _refused(self, text: str) -> None:
        self.table.refused()
        self._tell(text)

    def load(self, voteringar: list[Votering], beslutande: Beslutande | None, organ_namn: str,
             read_only: bool) -> None:
        self._tell("")
        self.items = list(voteringar)
        self.beslutande, self.organ_namn = beslutande, organ_namn
        self.model.read_only = read_only
        for w in (self.fraga, self.ja, self.nej):
            w.setReadOnly(read_only)
        for button in (self.add_button, self.remove_button):
            enable_or_explain(button, PARAGRAF_JUSTERAD if read_only else "")
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

"""Models of the follow-up view: the goals of one occasion as a tree (with their
assessment symbols), the mått of one goal with editable outcomes, and its activities
with editable status."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.plan.assess import EJ_UPPNATT, FORBATTRAT, UPPNATT
from app.plan.followup import FollowupReport, FollowupService, GoalRow, KfRow
from app.plan.model import AKTIVITET_STATUSAR, AktivitetStatus
from app.plan.values import due_month
from app.validation import ValidationError
from ui.plan.symbols import SymbolRole

RowRole = Qt.ItemDataRole.UserRole + 20
_ROOT = QModelIndex()


@dataclass(eq=False)
class FNode:
    kind: str  # malomrade, ovriga, kf, goal
    row: object | None
    parent: FNode | None = None
    children: list[FNode] = field(default_factory=list)

    def add(self, kind, row) -> FNode:
        node = FNode(kind, row, self)
        self.children.append(node)
        return node

    @property
    def position(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class FollowupTreeModel(QAbstractItemModel):
    HEADERS = ("Mål", "Bedömning", "Förslag", "Aktiviteter", "Kommentar")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.root = FNode("root", None)
        self.report: FollowupReport | None = None

    def set_report(self, report: FollowupReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self.root = FNode("root", None)
        if report is not None:
            for area in report.areas:
                node = self.root.add("malomrade", area)
                for kf in area.kf:
                    kf_node = node.add("kf", kf)
                    for goal in kf.goals:
                        kf_node.add("goal", goal)
                for goal in area.goals:
                    node.add("goal", goal)
            if report.ovriga:
                node = self.root.add("ovriga", None)
                for goal in report.ovriga:
                    node.add("goal", goal)
        self.endResetModel()

    def node(self, index) -> FNode:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row, column, parent=_ROOT):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index=_ROOT):
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.position, 0, up)

    def rowCount(self, parent=_ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=_ROOT) -> int:
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.node(index).children:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node, column = self.node(index), index.column()
        row = node.row
        if role == RowRole:
            return row
        if node.kind in ("malomrade", "ovriga"):
            if column == 0 and role == Qt.ItemDataRole.DisplayRole:
                return row.omrade.namn if node.kind == "malomrade" else "Övriga nämndmål"
            if role == Qt.ItemDataRole.FontRole and column == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        bedomning = row.bedomning.bedomning
        proposal = row.proposal.bedomning
        if role == SymbolRole:
            if column == 1:
                return bedomning
            if column == 2:
                return (proposal, True) if proposal else None
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"KF-mål: {row.kf.label}" if node.kind == "kf" else row.goal.label
            if column == 1:
                return bedomning or ""
            if column == 2:
                return proposal or ""
            if column == 3:
                return row.share.text() if row.share.planned else ""
            if column == 4:
                return (row.bedomning.kommentar or "").split("\n")[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return row.proposal.explain()
            if column == 0:
                return row.kf.label if node.kind == "kf" else row.goal.label
            if column == 4:
                return row.bedomning.kommentar or None
        return None

    def index_of(self, kind: str, goal_id: int) -> QModelIndex:
        for area in self.root.children:
            for child in area.children:
                if kind == "kf" and child.kind == "kf" and child.row.kf.id == goal_id:
                    return self.createIndex(child.position, 0, child)
                candidates = child.children if child.kind == "kf" else [child]
                for node in candidates:
                    if kind == "goal" and node.kind == "goal" and node.row.goal.id == goal_id:
                        return self.createIndex(node.position, 0, node)
        return QModelIndex()


JUDGEMENT_TEXT = {UPPNATT: "Uppnått", FORBATTRAT: "Förbättrat", EJ_UPPNATT: "Ej uppnått", None: "–"}


class OutcomeModel(QAbstractTableModel):
    """The mått of one nämndmål at the occasion; the Utfall column is editable."""

    error = Signal(str)
    changed = Signal()

    def __init__(self, follow: FollowupService, parent=None):
        super().__init__(parent)
        self.follow = follow
        self.rows = []
        self.tillfalle_id = 0
        self.year = 0
        #: Returns the undo history (ui/undo.py) or None; set by the plan editor.
        self.history = None

    def set_rows(self, tillfalle_id: int, year: int, goal: GoalRow | None) -> None:
        rows = list(goal.matt) if goal is not None else []
        if (rows and (tillfalle_id, year) == (self.tillfalle_id, self.year)
                and [r.matt.id for r in rows] == [r.matt.id for r in self.rows]):
            # The same goal read again (after an utfall was typed): the figures change in
            # place, so the current cell, the selection and the scroll position stay.
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.tillfalle_id, self.year = tillfalle_id, year
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return ["Mått", "Ingångsvärde", f"Målvärde {self.year}", "Utfall", "Bedömning av måttet"]

    def rowCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT):
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 3 else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return [r.matt.text, r.matt.ingangsvarde, r.target.text, r.utfall.utfall,
                    JUDGEMENT_TEXT.get(r.judgement.status, "–")][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 4:
                return r.judgement.reason
            if index.column() in (1, 2, 3):
                text = [None, r.matt.ingang, r.target, r.utfall.value][index.column()]
                return text.describe() if text.text else None
            return r.matt.text
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 3:
            return False
        r = self.rows[index.row()]
        if str(value or "") == r.utfall.utfall:
            return True
        return self.write_cells([(index, value)], f"ändring av Utfall, {r.matt.text}")

    def write_cells(self, cells: list, what: str) -> bool:
        """Store typed or pasted outcomes ([(index, text)]) in one transaction, as one
        step of Redigera → Ångra when the panel gave a history (ui/widgets/grid.py)."""
        tillfalle_id = self.tillfalle_id
        writes = [(self.rows[i.row()].matt.id, self.rows[i.row()].utfall.utfall, str(v or ""))
                  for i, v in cells if i.column() == 3 and 0 <= i.row() < len(self.rows)]
        if not writes:
            return False

        def store(values: list[tuple[int, str]]) -> None:
            with self.follow.db.atomic():  # all or nothing: a refused one rolls back the rest
                stored = [self.follow.set_utfall(tillfalle_id, matt_id, text) for matt_id, text in values]
            if self.tillfalle_id == tillfalle_id:  # still shown: show what is stored
                for u in stored:
                    row = next((n for n, r in enumerate(self.rows) if r.matt.id == u.matt_id), None)
                    if row is not None:
                        self.rows[row].utfall = u
                        self.dataChanged.emit(self.index(row, 3), self.index(row, 3))
                self.changed.emit()

        def do() -> None:
            store([(m, new) for m, _old, new in writes])

        def undo() -> None:
            store([(m, old) for m, old, _new in writes])

        history = self.history() if self.history is not None else None
        try:
            if history is not None:
                history.perform(what, do, undo, kinds=("plan",))
            else:
                do()
        except ValidationError as exc:
            self.error.emit(str(exc))
            return False
        return True


class ActivityModel(QAbstractTableModel):
    """The activities of one nämndmål with their status at the occasion."""

    HEADERS = ("Aktivitet", "När", "Planerad", "Status", "Andel klar (%)", "Kommentar")
    error = Signal(str)
    changed = Signal()

    def __init__(self, follow: FollowupService, parent=None):
        super().__init__(parent)
        self.follow = follow
        self.rows: list[tuple] = []
        self.month = 12

    def set_rows(self, month: int, goal: GoalRow | None) -> None:
        rows = list(goal.aktiviteter) if goal is not None else []
        if rows and month == self.month and [a.id for a, _s in rows] == [a.id for a, _s in self.rows]:
            self.rows = rows  # the same goal read again: the view keeps its place
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self.month = month
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() >= 3 else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        a, s = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            due = due_month(a.nar)
            planned = "Ja" if (due or 12) <= self.month else "Nej"
            share = "" if s.andel_klar is None else s.andel_klar
            if role == Qt.ItemDataRole.DisplayRole:
                share = "" if s.andel_klar is None else f"{s.andel_klar} %"
            return [a.vad, a.nar, planned, s.status, share, s.kommentar][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return a.varfor or None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() < 3:
            return False
        a, s = self.rows[index.row()]
        new = AktivitetStatus(s.tillfalle_id, s.aktivitet_id, s.status, s.andel_klar, s.kommentar)
        if index.column() == 3:
            if value not in AKTIVITET_STATUSAR:
                self.error.emit(f"Okänd status ”{value}”.")
                return False
            new.status = value
        elif index.column() == 4:
            text = str(value or "").replace("%", "").strip()
            if text and not text.isdigit():
                self.error.emit(f"Andel klar ska vara ett tal 0–100 (nu: ”{value}”).")
                return False
            new.andel_klar = int(text) if text else None
        else:
            new.kommentar = str(value or "")
        try:
            saved = self.follow.save_aktivitet_status(new)
        except ValidationError as exc:
            self.error.emit(str(exc))
            return False
        self.rows[index.row()] = (a, saved)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.HEADERS) - 1))
        self.changed.emit()
        return True


__all__ = ["ActivityModel", "FollowupTreeModel", "GoalRow", "KfRow", "OutcomeModel", "RowRole"]

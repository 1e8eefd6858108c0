"""The goal tree as a real Qt tree model: målområde → KF-mål → nämndmål → mått, with
"Övriga nämndmål" as a last top-level node. A mått's ingångsvärde and målvärden are
edited right in the tree; the text is stored exactly as typed and the tooltip says
what the program understood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.plan.goals import GoalService
from app.plan.model import GoalTree, Plan
from app.plan.values import TEXT, parse_value
from app.validation import ValidationError

if TYPE_CHECKING:
    from ui.undo import UndoHistory

KindRole = Qt.ItemDataRole.UserRole + 10
ObjectRole = Qt.ItemDataRole.UserRole + 11
OVRIGA = "ovriga"
_ROOT = QModelIndex()


@dataclass(eq=False)
class Node:
    kind: str  # malomrade, kf_mal, namndmal, matt, ovriga
    obj: object | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    def add(self, kind: str, obj) -> Node:
        node = Node(kind, obj, self)
        self.children.append(node)
        return node

    @property
    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    @property
    def key(self) -> tuple[str, int | None]:
        return self.kind, getattr(self.obj, "id", None)


class GoalTreeModel(QAbstractItemModel):
    """Reads the tree from GoalService; ``reload()`` after structural changes."""

    error = Signal(str)

    def __init__(self, goals: GoalService, plan: Plan, parent=None):
        super().__init__(parent)
        self.goals = goals
        self.plan = plan
        #: An adopted plan's values are shown, not edited in the tree (GoalsTab.set_frozen).
        self.frozen = False
        self.tree: GoalTree | None = None
        self.root = Node("root", None)
        self.headers = ["Mål och mått", "Ansvarig", "Ingångsvärde", *(f"Målvärde {y}" for y in plan.years)]
        #: Returns the session's undo history (ui/undo.py), or None; set by the tab.
        self.history: Callable[[], UndoHistory | None] | None = None
        self.reload()

    # -- building ------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.tree = self.goals.tree(self.plan.id)
        self.root = Node("root", None)
        for omrade in self.tree.malomraden:
            area = self.root.add("malomrade", omrade)
            for kf in omrade.kf_mal:
                kf_node = area.add("kf_mal", kf)
                for goal in kf.namndmal:
                    self._add_goal(kf_node, goal)
            for goal in omrade.namndmal:
                self._add_goal(area, goal)
        ovriga = self.root.add(OVRIGA, None)
        for goal in self.tree.ovriga:
            self._add_goal(ovriga, goal)
        self.endResetModel()

    @staticmethod
    def _add_goal(parent: Node, goal) -> None:
        node = parent.add("namndmal", goal)
        for matt in goal.matt:
            node.add("matt", matt)

    # -- Qt model API --------------------------------------------------------------------
    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent=_ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index=_ROOT) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent=_ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=_ROOT) -> int:
        return len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.node(index).kind == "matt" and index.column() >= 2 and not self.frozen:
            flags |= Qt.ItemFlag.ItemIsEditable
        if not self.node(index).children:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def _year(self, column: int) -> int | None:
        return self.plan.years[column - 3] if column >= 3 else None

    def _value_text(self, node: Node, column: int) -> str:
        matt = node.obj
        if column == 2:
            return matt.ingangsvarde
        return matt.malvarden.get(self._year(column), "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node, column = self.node(index), index.column()
        if role == KindRole:
            return node.kind
        if role == ObjectRole:
            return node.obj
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.FontRole and node.kind in ("malomrade", OVRIGA) and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.kind == "matt" and column >= 2:
            if parse_value(self._value_text(node, column)).kind == TEXT:
                return QBrush(QColor("#8a5a00"))  # kept, but not comparable: show it
        return None

    def _display(self, node: Node, column: int) -> str:
        kind, obj = node.kind, node.obj
        if column == 0:
            if kind == OVRIGA:
                return "Övriga nämndmål"
            if kind == "malomrade":
                return obj.namn
            if kind == "kf_mal":
                return f"KF-mål: {obj.text}" + (f" ({obj.uppfoljning})" if obj.uppfoljning else "")
            return obj.text
        if column == 1:
            if kind == "namndmal":
                return obj.ansvarig
            if kind == "kf_mal":
                return obj.ansvariga
            if kind == "matt":
                return obj.datakalla or (f"Kolada {obj.kolada_id}" if obj.kolada_id else "")
            return ""
        if kind == "matt":
            return self._value_text(node, column)
        return ""

    def _tooltip(self, node: Node, column: int) -> str | None:
        if node.kind == "matt" and column >= 2:
            text = self._value_text(node, column)
            what = "Ingångsvärde" if column == 2 else f"Målvärde {self._year(column)}"
            return f"{what}: {parse_value(text).describe()}" if text else f"{what}: inget värde"
        if column == 0 and node.kind in ("kf_mal", "namndmal", "matt"):
            return node.obj.text
        return None

    def locked_reason(self, index) -> str:
        """Why a cell cannot be typed in (ui/widgets/grid.py tells it)."""
        if self.frozen:
            return "hör till en antagen plan och kan inte ändras; gör en revidering för att ändra den."
        return ("skrivs inte i trädet: bara måttens ingångsvärden och målvärden gör det. Ändra målets "
                "text i formuläret bredvid.")

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        node = self.node(index)
        if node.kind != "matt" or index.column() < 2:
            return False
        what = f"ändring av {self.headers[index.column()]}, ”{_short(node.obj.text)}”"
        return self.write_cells([(index, value)], what)

    def write_cells(self, cells: list, what: str) -> bool:
        """Store typed, pasted or cleared values ([(index, text)]) exactly as typed, in one
        transaction and as one step of Redigera → Ångra (ui/widgets/grid.py)."""
        writes = []  # matt id, year (None: ingångsvärde), column, before, after
        for index, value in cells:
            node = self.node(index)
            if self.frozen or node.kind != "matt" or index.column() < 2:
                continue
            year = None if index.column() == 2 else self._year(index.column())
            before = node.obj.ingangsvarde if year is None else node.obj.malvarden.get(year, "")
            after = str(value or "")
            if after != before:
                writes.append((node.obj.id, year, index.column(), before, after))
        if not writes:
            return bool(cells)

        def store(values: list[tuple[int, int | None, int, str]]) -> None:
            with self.goals.db.atomic():  # all or nothing: a refused one rolls back the rest
                for matt_id, year, column, text in values:
                    self._set_value(matt_id, year, column, text)

        def do() -> None:
            store([(m, y, c, after) for m, y, c, _before, after in writes])

        def take_back() -> None:
            store([(m, y, c, before) for m, y, c, before, _after in writes])

        history = self.history() if self.history is not None else None
        try:
            if history is None:
                do()
            else:
                # A step of Redigera → Ångra: the earlier values stored again by the service.
                history.perform(what, do, take_back, ("plan",))
        except ValidationError as exc:
            self._show_stored({m for m, *_rest in writes})
            self.error.emit(str(exc))
            return False
        return True

    def _set_value(self, matt_id: int, year: int | None, column: int, text: str) -> None:
        saved = self.goals.set_value(matt_id, year, text)
        found = self.index_of(("matt", matt_id))
        if found.isValid():  # still in the tree shown: show what is stored
            node = self.node(found)
            node.obj.ingangsvarde, node.obj.malvarden = saved.ingangsvarde, dict(saved.malvarden)
            cell = found.siblingAtColumn(column)
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def _show_stored(self, matt_ids: set[int]) -> None:
        """After a refused write was rolled back: show what is stored again."""
        for matt_id in matt_ids:
            found = self.index_of(("matt", matt_id))
            if found.isValid():
                stored = self.goals.get_matt(matt_id)
                node = self.node(found)
                node.obj.ingangsvarde, node.obj.malvarden = stored.ingangsvarde, dict(stored.malvarden)
                self.dataChanged.emit(found.siblingAtColumn(2), found.siblingAtColumn(len(self.headers) - 1))

    # -- finding -------------------------------------------------------------------------
    def index_of(self, key: tuple[str, int | None]) -> QModelIndex:
        def walk(node: Node) -> Node | None:
            for child in node.children:
                if child.key == key:
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        found = walk(self.root)
        return self.createIndex(found.row, 0, found) if found is not None else QModelIndex()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

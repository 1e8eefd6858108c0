"""An editable table of figures: data rows, group headings, sums.

The economy tables are not lists of records but laid-out tables (a heading row, rows,
an ”S:a” row), where some cells are typed and others computed. :class:`GridModel`
shows rows of :class:`Cell`; a cell is editable only when it is entered data, and
computed cells are read-only and shaded so the difference is visible. Amounts are
shown and typed in the nämnd's sign convention and unit; the model turns them into
internal kronor before calling the save function, which may refuse with a
ValidationError or ValueError (the message is shown and nothing is stored).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTableView

from app.budget.belopp import (
    Teckenkonvention,
    avrunda,
    internt,
    parse_belopp,
    parse_decimal,
    visat,
)
from app.budget.tabeller import Cell, GridRow, cell_text, text
from app.validation import ValidationError

__all__ = ["Cell", "ComputedRole", "GridModel", "GridRow", "GridView", "KeyRole", "text"]

_ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

#: Shading of computed cells and sum rows (read-only), and text colour of deficits.
COMPUTED_BG = QColor("#eef1f5")
HEADER_BG = QColor("#dde3ea")
NEGATIVE_FG = QColor("#b3261e")
#: The cell's own key, for tests and for views that need it.
KeyRole = Qt.ItemDataRole.UserRole + 10
ComputedRole = Qt.ItemDataRole.UserRole + 11


class GridModel(QAbstractTableModel):
    """Rows of cells. ``on_edit(key, value)`` stores an edited cell (value in internal
    kronor / Decimal / str / bool|None) and then the owner calls :meth:`set_rows` with
    the recomputed table."""

    edit_failed = Signal(str)

    def __init__(self, headers: list[str], on_edit: Callable[[Any, Any], None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[GridRow] = []
        self.on_edit = on_edit
        self.konvention = Teckenkonvention.KOSTNADER_NEGATIVA
        self.enhet = "tkr"

    # -- content ---------------------------------------------------------------------
    def set_format(self, konvention: Teckenkonvention | str, enhet: str) -> None:
        self.konvention, self.enhet = Teckenkonvention(konvention), enhet
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1))

    def set_headers(self, headers: list[str]) -> None:
        if len(headers) != len(self.headers):
            self.beginResetModel()
            self.headers = list(headers)
            self.rows = []
            self.endResetModel()
        else:
            self.headers = list(headers)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def set_rows(self, rows: list[GridRow]) -> None:
        """New content. When only figures changed (same rows), the view keeps its
        current cell and scroll position."""
        same_shape = len(rows) == len(self.rows) and all(
            len(a.cells) == len(b.cells) and a.style == b.style for a, b in zip(rows, self.rows, strict=True))
        if same_shape and rows:
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.headers) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row].cells):
            return self.rows[row].cells[column]
        return None

    def find_row(self, predicate: Callable[[GridRow], bool]) -> int:
        for i, r in enumerate(self.rows):
            if predicate(r):
                return i
        return -1

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return LEFT if section == 0 else RIGHT
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        c = self.cell(index.row(), index.column())
        if c is not None and c.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def display(self, c: Cell) -> str:
        return cell_text(c, self.konvention, self.enhet)

    def _shown_number(self, c: Cell) -> int | Decimal | None:
        if c.kind == "belopp" and isinstance(c.value, int):
            return visat(c.value, self.konvention)
        if c.kind in ("avvikelse", "utgift", "decimal") and c.value is not None:
            return c.value
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.cell(index.row(), index.column())
        if c is None:
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(c)
        if role == Qt.ItemDataRole.EditRole:
            return "" if c.kind == "janej" and c.value is None else self.display(c)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if c.kind == "text" else (CENTER if c.kind == "janej" else RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.style == "rubrik":
                return QBrush(HEADER_BG)
            if not c.editable and (c.kind != "text" or row.style != "data"):
                return QBrush(COMPUTED_BG)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if row.style in ("rubrik", "summa", "total"):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if c.kind == "avvikelse" and isinstance(c.value, int) and avrunda(c.value, self.enhet) < 0:
                return QBrush(NEGATIVE_FG)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if c.tooltip:
                return c.tooltip
            if not c.editable and c.kind != "text" and c.value is not None:
                return "Räknas fram av programmet och kan inte skrivas in."
            return None
        if role == KeyRole:
            return c.key
        if role == ComputedRole:
            return not c.editable and c.kind != "text"
        if role == Qt.ItemDataRole.UserRole:
            return self._shown_number(c)
        return None

    def parse(self, c: Cell, value: Any) -> Any:
        raw = "" if value is None else str(value)
        if c.kind == "belopp":
            kr = parse_belopp(raw, self.enhet)
            return None if kr is None else internt(kr, self.konvention)
        if c.kind in ("avvikelse", "utgift"):
            return parse_belopp(raw, self.enhet)
        if c.kind == "decimal":
            return parse_decimal(raw)
        if c.kind == "janej":
            low = raw.strip().lower()
            if low in ("", "-"):
                return None
            if low in ("ja", "j", "1", "x"):
                return True
            if low in ("nej", "n", "0"):
                return False
            raise ValueError(f"Skriv Ja eller Nej (nu ”{raw.strip()}”).")
        return raw

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        c = self.cell(index.row(), index.column())
        if c is None or not c.editable or self.on_edit is None:
            return False
        if str(value) == self.display(c):
            return True  # unchanged text: keep kronor that do not show in tkr
        try:
            parsed = self.parse(c, value)
            self.on_edit(c.key, parsed)
        except ValidationError as exc:
            self.edit_failed.emit(str(exc))
            return False
        except ValueError as exc:
            self.edit_failed.emit(str(exc))
            return False
        return True


class GridView(QTableView):
    """A table for a GridModel: first column stretches, figures fit their content,
    editing starts on typing or double-click, Enter moves down like a spreadsheet."""

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(QStyledItemDelegate(self))
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
                             | QTableView.EditTrigger.AnyKeyPressed)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for signal in (model.modelReset, model.dataChanged, model.headerDataChanged):
            signal.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self, *_args) -> None:
        """Every figure column as wide as its widest cell or heading; the first column
        (the names) at least as wide as its names, and it takes the room that is left
        so the table fills the view."""
        model = self.model()
        count = model.columnCount()
        if count == 0:
            return
        header = self.horizontalHeader()
        widths = [max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)]
        others = sum(w for c, w in enumerate(widths) if c and not self.isColumnHidden(c))
        room = self.viewport().width() - others
        widths[0] = max(widths[0], room)
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def keyPressEvent(self, event) -> None:
        editing = self.state() == QTableView.State.EditingState
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            current = self.currentIndex()
            below = self.model().index(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)
                return
        super().keyPressEvent(event)

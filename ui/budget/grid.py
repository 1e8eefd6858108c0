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

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView

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
from ui.widgets.grid import ExcelTableView

if TYPE_CHECKING:
    from ui.undo import UndoHistory

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
        #: Returns the undo history (ui/undo.py) or None; set by the area. None: not undoable.
        self.history: Callable[[], UndoHistory | None] | None = None
        #: Returns the save function bound to the record shown now (the month, the year),
        #: so that an undo made after switching to another month still writes where the
        #: edit was made. None: ``on_edit`` itself (its keys say everything).
        self.bind: Callable[[], Callable[[Any, Any], None]] | None = None
        #: The database's nestable transaction (``Database.atomic``), set by the area: a
        #: paste of many cells is written in one transaction.
        self.transaction: Callable[[], AbstractContextManager[Any]] | None = None

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
            bold = row.style in ("rubrik", "summa", "total")
            # Computed figures in italics as well as shaded: visible without colour.
            italic = not c.editable and c.kind != "text"
            if bold or italic:
                font = QFont()
                font.setBold(bold)
                font.setItalic(italic)
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

    def check_text(self, index: QModelIndex | QPersistentModelIndex, value: Any) -> None:
        """Raise ValueError (Swedish) when ``value`` cannot go into the cell at ``index``
        (ui/widgets/grid.py checks a whole paste with it before writing anything)."""
        c = self.cell(index.row(), index.column())
        if c is not None:
            self.parse(c, value)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        c = self.cell(index.row(), index.column())
        if c is None or not c.editable or self.on_edit is None:
            return False
        if str(value) == self.display(c):
            return True  # unchanged text: keep kronor that do not show in tkr
        return self.write_cells([(index, value)], f"ändring av {self.describe(index.row(), index.column())}")

    def describe(self, row: int, column: int) -> str:
        """”Utfall aug, Hemtjänst”: the column's heading and the row's name, for Ångra."""
        heading = self.headers[column] if 0 <= column < len(self.headers) else ""
        first = self.cell(row, 0)
        name = self.display(first) if first is not None and column != 0 else ""
        return ", ".join(part for part in (heading, name) if part) or f"rad {row + 1}"

    def write_cells(self, cells: list[tuple[QModelIndex, Any]], what: str) -> bool:
        """Store ``cells`` ([(index, typed text)]) as one step: all are parsed first
        (nothing is written when one is wrong), then written through the save function;
        a refusal half-way puts back the cells already written. The step goes on the
        undo history when the owner set one (:attr:`history`)."""
        writes: list[tuple[Any, Any, Any]] = []  # key, old, new
        try:
            for index, value in cells:
                c = self.cell(index.row(), index.column())
                if c is None or not c.editable:
                    continue
                writes.append((c.key, c.value, self.parse(c, value)))
        except ValueError as exc:
            self.edit_failed.emit(str(exc))
            return False
        if not writes or self.on_edit is None:
            return False
        write = self.bind() if self.bind is not None else self.on_edit

        transaction = self.transaction or contextlib.nullcontext

        def do() -> None:
            done: list[tuple[Any, Any, Any]] = []
            with transaction():
                try:
                    for key, old, new in writes:
                        write(key, new)
                        done.append((key, old, new))
                except (ValidationError, ValueError):
                    # Written back as well as rolled back: the tab shows what is stored.
                    for key, old, _new in reversed(done):
                        write(key, old)
                    raise

        def undo() -> None:
            with transaction():
                for key, old, _new in reversed(writes):
                    write(key, old)

        history = self.history() if self.history is not None else None
        try:
            if history is not None:
                history.perform(what, do, undo, kinds=("budget",))
            else:
                do()
        except (ValidationError, ValueError) as exc:
            self.edit_failed.emit(str(exc))
            return False
        return True


class GridView(ExcelTableView):
    """A table for a GridModel: first column stretches, figures fit their content, and
    the keys work as in a spreadsheet (ui/widgets/grid.py). The model's refusals
    (``edit_failed``) keep the cell being edited open."""

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        model.edit_failed.connect(lambda _message: self.refused())
        # The tab shows the model's refusals; the view's own (a computed cell, a paste
        # that does not fit) go the same way.
        self.tell = self._tell_through_model
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for signal in (model.modelReset, model.dataChanged, model.headerDataChanged):
            signal.connect(self.fit_columns)
        self.fit_columns()

    def _tell_through_model(self, message: str) -> None:
        model = self.model()
        if isinstance(model, GridModel):
            model.edit_failed.emit(message)

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

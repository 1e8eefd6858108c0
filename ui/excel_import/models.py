"""Models of the import dialog: the file's columns with their chosen field, the
preview rows with problems marked, and the problem list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.excel_import import ImportPreview, ImportTarget, Problem, SheetGrid
from app.excel_import.parsing import text_of
from app.excel_import.values import column_letter, is_blank
from app.numbers import format_number

_ROOT = QModelIndex()
Display = Qt.ItemDataRole.DisplayRole
Edit = Qt.ItemDataRole.EditRole
IGNORED = "– ignoreras –"
PROBLEM_BRUSH = QBrush(QColor("#f8d0d0"))
#: The field key of a mapping row (None: the column is ignored).
FieldKeyRole = Qt.ItemDataRole.UserRole + 10


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return format_number(value, min(decimals, 6))
    return str(value)


class MappingModel(QAbstractTableModel):
    """One row per column of the file: letter, heading, an example value, field."""

    HEADERS = ("Kolumn", "Rubrik i filen", "Fält", "Exempel")
    FIELD_COLUMN = 2
    mapping_changed = Signal()

    def __init__(self, target: ImportTarget, parent=None):
        super().__init__(parent)
        self.target = target
        self.columns: list[int] = []
        self.names: list[str] = []
        self.examples: list[str] = []
        self.mapping: dict[int, str] = {}

    def set_source(self, grid: SheetGrid, header_index: int, names: list[str],
                   mapping: dict[int, str]) -> None:
        self.beginResetModel()
        self.names = names
        self.mapping = dict(mapping)
        self.columns, self.examples = [], []
        for col in range(grid.width):
            example = ""
            for row in grid.rows[header_index + 1:header_index + 50]:
                if not is_blank(row[col]):
                    example = text_of(row[col])
                    break
            if names[col] or example or col in mapping:
                self.columns.append(col)
                self.examples.append(example)
        self.endResetModel()

    def field_choices(self) -> list[tuple[str | None, str]]:
        return [(None, IGNORED)] + [
            (f.key, f.label + (" *" if f.required else "")) for f in self.target.fields]

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Display):
        if orientation == Qt.Orientation.Horizontal and role == Display and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == self.FIELD_COLUMN:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Display):
        if not index.isValid() or index.row() >= len(self.columns):
            return None
        col = self.columns[index.row()]
        key = self.mapping.get(col)
        if role == FieldKeyRole:
            return key
        if role not in (Display, Edit, Qt.ItemDataRole.ToolTipRole):
            return None
        match index.column():
            case 0:
                return column_letter(col)
            case 1:
                return self.names[col] if col < len(self.names) else ""
            case 2:
                return self.target.field(key).label if key else IGNORED
            case _:
                return self.examples[index.row()]

    def setData(self, index, value, role=Edit) -> bool:
        if not index.isValid() or index.column() != self.FIELD_COLUMN:
            return False
        col = self.columns[index.row()]
        key = value or None
        if key == self.mapping.get(col):
            return False
        if key is None:
            self.mapping.pop(col, None)
        else:
            # A field maps from one column: choosing it here frees it elsewhere.
            for other, k in list(self.mapping.items()):
                if k == key:
                    del self.mapping[other]
                    row = self.columns.index(other)
                    cell = self.index(row, self.FIELD_COLUMN)
                    self.dataChanged.emit(cell, cell)
            self.mapping[col] = key
        self.dataChanged.emit(index, index)
        self.mapping_changed.emit()
        return True


class PreviewModel(QAbstractTableModel):
    """The rows as they will be stored. A cell with a problem is red with the message
    as tooltip; double-clicking it lets the user correct the value."""

    #: (Excel row, column index, new text) when the user corrects a cell.
    corrected = Signal(int, int, str)

    def __init__(self, target: ImportTarget, parent=None):
        super().__init__(parent)
        self.target = target
        self.preview: ImportPreview | None = None
        self.grid: SheetGrid | None = None
        self.keys: list[str] = []
        self.column_of: dict[str, int] = {}
        self.overrides: dict[tuple[int, int], Any] = {}
        self._cell_problems: dict[tuple[int, int | None], list[str]] = {}

    def set_preview(self, preview: ImportPreview | None, grid: SheetGrid | None,
                    overrides: dict[tuple[int, int], Any]) -> None:
        self.beginResetModel()
        self.preview, self.grid, self.overrides = preview, grid, overrides
        mapped = set(preview.mapping.values()) if preview else set()
        self.keys = [f.key for f in self.target.fields if f.key in mapped]
        self.column_of = {k: c for c, k in preview.mapping.items()} if preview else {}
        self._cell_problems = {}
        for p in preview.problems if preview else []:
            if p.row is not None:
                self._cell_problems.setdefault((p.row, p.column), []).append(p.message)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() or self.preview is None else len(self.preview.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.keys) + 1

    def headerData(self, section, orientation, role=Display):
        if role != Display:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        if section == 0:
            return "Rad"
        if 0 < section <= len(self.keys):
            return self.target.field(self.keys[section - 1]).label
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() > 0:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def cell_of(self, index) -> tuple[int, int | None]:
        row = self.preview.rows[index.row()]
        if index.column() == 0:
            return row.excel_row, None
        return row.excel_row, self.column_of[self.keys[index.column() - 1]]

    def problems_at(self, index) -> list[str]:
        return self._cell_problems.get(self.cell_of(index), [])

    def data(self, index, role=Display):
        if not index.isValid() or self.preview is None or index.row() >= len(self.preview.rows):
            return None
        row = self.preview.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return PROBLEM_BRUSH if self.problems_at(index) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self.problems_at(index)
            return "\n".join(problems) if problems else None
        if index.column() == 0:
            return row.excel_row if role in (Display, Edit) else None
        key = self.keys[index.column() - 1]
        if role == Display:
            value = row.values.get(key)
            if value is None and self.problems_at(index):
                return self._raw(index)  # show what is in the file, marked red
            return shown(value)
        if role == Edit:
            return self._raw(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.target.field(key).kind
            if kind in ("int", "decimal"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _raw(self, index) -> str:
        excel_row, col = self.cell_of(index)
        if (excel_row, col) in self.overrides:
            return text_of(self.overrides[(excel_row, col)])
        return text_of(self.grid.rows[excel_row - 1][col]) if self.grid else ""

    def setData(self, index, value, role=Edit) -> bool:
        if not index.isValid() or index.column() == 0 or role != Edit:
            return False
        excel_row, col = self.cell_of(index)
        text = str(value)
        if text == self._raw(index):
            return False
        self.corrected.emit(excel_row, col, text)
        return True


class ProblemModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def data(self, index, role=Display):
        if not index.isValid() or index.row() >= len(self.problems):
            return None
        if role in (Display, Qt.ItemDataRole.ToolTipRole):
            return str(self.problems[index.row()])
        return None

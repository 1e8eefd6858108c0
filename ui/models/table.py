"""Table models over lists of records (dataclasses) from the services in app/.

Columns are declared once, as :class:`Column` objects: header, how to get the shown
value from a record, alignment and how to sort. :class:`RecordTableModel` holds the
records themselves and sorts them in memory in Swedish order; :class:`LazyTableModel`
holds only the ids (like Anki's browser) and loads the records in batches as the view
scrolls (``canFetchMore``/``fetchMore``), so a register of thousands of people opens at
once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.numbers import format_number
from db.textsort import swedish_key

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

#: The record itself, for views and tests that need more than the shown text.
RecordRole = Qt.ItemDataRole.UserRole + 1
#: The record's id (``record.id``), for keeping the selection across refreshes.
IdRole = Qt.ItemDataRole.UserRole + 2

_ROOT = QModelIndex()


def default_sort_key(value: Any) -> tuple:
    """Text in Swedish alphabetical order, numbers by size, empty values last."""
    if value is None or value == "":
        return (2, ("", ""))
    if isinstance(value, str):
        return (0, swedish_key(value))
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float):
        return (1, value)
    return (0, swedish_key(str(value)))


def display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int):
        return format_number(value)
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a record table.

    ``value`` gives what is shown (str, int or None). ``sort_key`` overrides the
    ordering (default: Swedish text order, numbers by size). ``sort_field`` is for lazy
    models, whose rows are sorted by the service: the name the id loader sorts by, or
    None when the column cannot be sorted.
    """

    header: str
    value: Callable[[Any], Any]
    align: Qt.AlignmentFlag = LEFT
    sort_key: Callable[[Any], Any] | None = None
    sort_field: str | None = None
    tooltip: Callable[[Any], str] | None = None
    width: int | None = None  # preferred width in characters, for set_column_widths
    stretch: bool = False  # takes the room left over (at most one column should)
    #: Left out while the table is too narrow for it and MAIN_COLUMN_CHARS of the
    #: stretching column (ui/models/view.py): a detail, not what the row is about.
    optional: bool = False

    def key_for(self, record: Any) -> Any:
        if self.sort_key is not None:
            return self.sort_key(record)
        return default_sort_key(self.value(record))


def record_id(record: Any) -> Hashable:
    return getattr(record, "id", None)


class _ColumnsModel(QAbstractTableModel):
    """What both models share: columns, headers, cell data from a record."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    # Subclasses give the record of a loaded row.
    def record(self, row: int) -> Any:
        raise NotImplementedError

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # The view asks each visible cell for some eight roles (font, colours, check
        # state …); those this model has no answer for are turned away first.
        if role not in _ANSWERED_ROLES:
            return None
        if not index.isValid() or index.row() >= self.rowCount() or index.column() >= len(self.columns):
            return None
        column = self.columns[index.column()]
        record = self.record(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(column.value(record))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(record) if column.tooltip else None
        if role == RecordRole:
            return record
        if role == IdRole:
            return record_id(record)
        return None

    def column_of(self, header: str) -> int:
        for i, column in enumerate(self.columns):
            if column.header == header:
                return i
        raise KeyError(header)


_ANSWERED_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                             Qt.ItemDataRole.ToolTipRole, RecordRole, IdRole})


class RecordTableModel(_ColumnsModel):
    """All records in memory; sorting by any column in Swedish order. Sorting by
    column -1 restores the order the service gave (e.g. role order for members)."""

    def __init__(self, columns: Sequence[Column], records: Sequence[Any] = (), parent=None):
        super().__init__(columns, parent)
        self._natural: list[Any] = list(records)
        self._records: list[Any] = list(records)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def record(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    @property
    def records(self) -> list[Any]:
        return list(self._records)

    def set_records(self, records: Sequence[Any]) -> None:
        """Replace the rows, keeping the user's chosen sort."""
        self.beginResetModel()
        self._natural = list(records)
        self._records = self._sorted(self._natural)
        self.endResetModel()

    def row_for_id(self, wanted: Hashable) -> int:
        for row, rec in enumerate(self._records):
            if record_id(rec) == wanted:
                return row
        return -1

    def _sorted(self, records: list[Any]) -> list[Any]:
        if not 0 <= self.sort_column < len(self.columns):
            return list(records)
        column = self.columns[self.sort_column]
        reverse = self.sort_order == Qt.SortOrder.DescendingOrder
        # Stable sort: rows with equal keys keep the service's order.
        return sorted(records, key=column.key_for, reverse=reverse)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self._records
        persistent = self.persistentIndexList()
        self.sort_column, self.sort_order = column, order
        self._records = self._sorted(self._natural)
        # Move persistent indexes (the view's selection) along with their records.
        new_row = {id(rec): row for row, rec in enumerate(self._records)}
        for index in persistent:
            row = new_row[id(old[index.row()])]
            self.changePersistentIndex(index, self.index(row, index.column()))
        self.layoutChanged.emit()


class LazyTableModel(_ColumnsModel):
    """Holds only row ids; records are fetched ``batch_size`` at a time.

    ``load_ids(sort_field, descending)`` returns the ids of all rows in order (cheap);
    ``load_records(ids)`` returns the records for a list of ids, in that order. Sorting is
    done by ``load_ids`` (in SQL), so only columns with a ``sort_field`` can be sorted.

    ``load_first(sort_field, descending, limit)``, when given, returns the first
    ``limit`` of those ids: a refresh then reads only the rows it shows and paints them,
    and reads the rest of the ids at the next turn of the event loop (a register of
    100 000 rows spends most of its opening reading ids nobody sees yet). Until then the
    list is *incomplete*: the view reads the rest once it has painted the first page
    (ui/models/view.py), and whoever asks for ``total``, ``ids`` or a row beyond the
    first page before that gets the whole list read first; ``ids_complete`` says when.
    """

    #: The whole list of ids has been read (after a refresh that read the first page only).
    ids_complete = Signal()

    def __init__(self, columns: Sequence[Column],
                 load_ids: Callable[[str | None, bool], list[Hashable]],
                 load_records: Callable[[list[Hashable]], list[Any]],
                 batch_size: int = 200, parent=None,
                 load_first: Callable[[str | None, bool, int], list[Hashable]] | None = None):
        super().__init__(columns, parent)
        self._load_ids = load_ids
        self._load_first = load_first
        self._load_records = load_records
        self.batch_size = batch_size
        self._ids: list[Hashable] = []
        self._row_of: dict[Hashable, int] | None = {}
        self._records: list[Any] = []  # loaded rows, a prefix of _ids
        #: Only the first page's ids are read (a refresh with ``load_first``).
        self._incomplete = False

    @property
    def complete(self) -> bool:
        """Every id is read (not only the first page's)."""
        return not self._incomplete

    @property
    def total(self) -> int:
        """All matching rows, loaded or not."""
        self.complete_ids()
        return len(self._ids)

    @property
    def ids(self) -> list[Hashable]:
        self.complete_ids()
        return list(self._ids)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def record(self, row: int) -> Any:
        return self._records[row] if 0 <= row < len(self._records) else None

    def canFetchMore(self, parent=_ROOT) -> bool:
        return not parent.isValid() and (self._incomplete or len(self._records) < len(self._ids))

    def fetchMore(self, parent=_ROOT) -> None:
        if parent.isValid():
            return
        self.complete_ids()
        start = len(self._records)
        wanted = self._ids[start:start + self.batch_size]
        if not wanted:
            return
        fetched = {record_id(r): r for r in self._load_records(wanted)}
        # A row deleted since the ids were read still gets a row (shown empty) so that
        # row numbers and ids stay aligned until the next refresh.
        rows = [fetched.get(i) for i in wanted]
        self.beginInsertRows(_ROOT, start, start + len(rows) - 1)
        self._records.extend(rows)
        self.endInsertRows()

    def refresh(self) -> None:
        """Read the ids again (after a save, a new search or filter)."""
        loaded = len(self._records)
        field = self._sort_field()
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        # Load as many rows as were shown, so a refresh does not jump back to the top.
        shown = max(loaded, self.batch_size)
        self.beginResetModel()
        self._incomplete = False
        if self._load_first is not None:
            # One more than shown tells whether there is more to read at all.
            self._ids = list(self._load_first(field, descending, shown + 1))
            if len(self._ids) > shown:
                del self._ids[shown:]
                self._incomplete = True
        else:
            self._ids = list(self._load_ids(field, descending))
        self._row_of = None  # built when first asked for: 100 000 ids open faster
        self._records = []
        count = min(len(self._ids), shown)
        if count:
            self._records = self._fetch_in_batches(self._ids[:count])
        self.endResetModel()
        if not self._incomplete:
            self.ids_complete.emit()

    def complete_ids(self) -> None:
        """Read the whole list of ids now, if a refresh read only the first page."""
        if not self._incomplete:
            return
        self._incomplete = False
        every = list(self._load_ids(self._sort_field(), self.sort_order == Qt.SortOrder.DescendingOrder))
        loaded = len(self._records)
        if every[:loaded] == self._ids[:loaded]:
            self._ids = every
            self._row_of = None
        else:
            # Changed in between (the rows shown are no longer the first): shown again.
            self.beginResetModel()
            self._ids = every
            self._row_of = None
            self._records = self._fetch_in_batches(every[:min(len(every), loaded)])
            self.endResetModel()
        self.ids_complete.emit()

    def _fetch_in_batches(self, ids: list[Hashable]) -> list[Any]:
        out: list[Any] = []
        for start in range(0, len(ids), self.batch_size):
            chunk = ids[start:start + self.batch_size]
            fetched = {record_id(r): r for r in self._load_records(chunk)}
            out.extend(fetched.get(i) for i in chunk)
        return out

    def _sort_field(self) -> str | None:
        if 0 <= self.sort_column < len(self.columns):
            return self.columns[self.sort_column].sort_field
        return None

    def row_for_id(self, wanted: Hashable) -> int:
        """The row of ``wanted``, loading rows up to it if needed; -1 if not listed."""
        if self._incomplete:
            for row, record in enumerate(self._records):  # the first page needs no more ids
                if record_id(record) == wanted:
                    return row
            self.complete_ids()
        if self._row_of is None:
            self._row_of = {i: row for row, i in enumerate(self._ids)}
        row = self._row_of.get(wanted, -1)
        while row >= len(self._records) and self.canFetchMore():
            self.fetchMore()
        return row

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column].sort_field is None:
            return  # this column cannot be sorted by the service
        if (column, order) == (self.sort_column, self.sort_order) and self._ids:
            return
        self.sort_column, self.sort_order = column, order
        self.refresh()

"""A table view for the record models: one row selected at a time, double-click or
Enter to edit, Delete to remove, sorting by clicking a header, and the selection kept
(by record id) when the model is refreshed."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from ui.models.table import IdRole, LazyTableModel, RecordRole, RecordTableModel

#: A stretching column (the rubrik, the beslut) keeps room for this many characters: the
#: table is never made narrower than its other columns and these.
MAIN_COLUMN_CHARS = 10


class RecordTableView(QTableView):
    """Emits ``edit_requested`` on double-click/Enter, ``delete_requested`` on Delete and
    ``current_changed`` (the record or None) when the selected row changes."""

    edit_requested = Signal(object)
    delete_requested = Signal(object)
    current_changed = Signal(object)

    def __init__(self, model: RecordTableModel | LazyTableModel, parent: QWidget | None = None,
                 *, sortable: bool = True):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setModel(model)
        #: The designed widths of the columns that do not stretch (set_column_widths).
        self._fixed_width: int | None = None
        if sortable:
            # Start unsorted (the service's order: names, or roles for members); a third
            # click on a header goes back to it.
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.setSortIndicatorClearable(True)
            self.setSortingEnabled(True)
        for section in range(model.columnCount()):
            self.setColumnWidth(section, max(self.columnWidth(section), self.heading_width(section)))
        self.doubleClicked.connect(lambda index: self._emit_for(self.edit_requested, index.row()))
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(self.record_at(current.row())))
        model.modelReset.connect(lambda: self.current_changed.emit(self.current_record()))

    def record_at(self, row: int) -> Any:
        if row < 0:
            return None
        return self.model().data(self.model().index(row, 0), RecordRole)

    def current_record(self) -> Any:
        rows = self.selectionModel().selectedRows()
        return self.record_at(rows[0].row()) if rows else None

    def current_id(self) -> Hashable | None:
        rows = self.selectionModel().selectedRows()
        return self.model().data(rows[0], IdRole) if rows else None

    def select_id(self, wanted: Hashable | None) -> bool:
        """Select and show the row of record ``wanted``; clears the selection if absent."""
        row = self.model().row_for_id(wanted) if wanted is not None else -1
        if row < 0:
            self.clearSelection()
            self.selectionModel().setCurrentIndex(self.model().index(-1, -1),
                                                  QItemSelectionModel.SelectionFlag.Clear)
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        index = self.model().index(row, 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)

    def heading_width(self, section: int, arrow: int | None = None) -> int:
        """The width a column needs for its heading, with the sort arrow's room when the
        table sorts, so that no heading is cut ("Jämförelsevärde (år)"). ``arrow``: that
        room, when the caller has measured it already (the header's size hint asks
        every column for its heading)."""
        header = self.horizontalHeader()
        title = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "").split("\n")[0]
        margins = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
        if arrow is None:
            arrow = self._arrow_room()
        return header.fontMetrics().horizontalAdvance(title) + margins + arrow

    def _arrow_room(self) -> int:
        return self.horizontalHeader().sizeHint().height() // 2 if self.isSortingEnabled() else 0

    def set_column_widths(self) -> None:
        """Widths from the columns' ``width`` (in average characters). A column marked
        ``stretch`` takes the room left over; without one, the last column does unless
        it has a width of its own (then the rows end where the columns end)."""
        header = self.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        columns = self.model().columns
        arrow = self._arrow_room()
        for i, column in enumerate(columns):
            if column.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif column.width:
                self.setColumnWidth(i, max(column.width * chars + 16, self.heading_width(i, arrow)))
        header.setStretchLastSection(
            not any(c.stretch for c in columns) and columns[-1].width is None)
        stretching = [i for i, c in enumerate(columns) if c.stretch]
        if stretching:
            fixed = sum(self.columnWidth(i) for i, c in enumerate(columns)
                        if i not in stretching and not c.optional)
            main = sum(max(MAIN_COLUMN_CHARS * chars, self.heading_width(i, arrow)) for i in stretching)
            self._fixed_width = fixed + main
            self._optional_widths = {i: self.columnWidth(i) for i, c in enumerate(columns) if c.optional}
            self.updateGeometry()
            self._fit_optional_columns()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if isinstance(model, LazyTableModel) and not model.complete:
            # The first page is on screen: the rest of the ids (and so the count) are
            # read at the next turn of the event loop.
            QTimer.singleShot(0, model, model.complete_ids)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_optional_columns()

    def _fit_optional_columns(self) -> None:
        """Show the optional columns, from the left, as far as the width allows beside
        the required ones and twice MAIN_COLUMN_CHARS for the stretching column; the
        rest wait until the table is wider."""
        fixed = getattr(self, "_fixed_width", None)
        if fixed is None:
            return
        room = self.viewport().width() - fixed - MAIN_COLUMN_CHARS * self.fontMetrics().averageCharWidth()
        for i, width in self._optional_widths.items():
            fits = width <= room
            if self.isColumnHidden(i) == fits:
                self.setColumnHidden(i, not fits)
                if fits:
                    self.setColumnWidth(i, width)
            if fits:
                room -= width

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the fixed columns and the stretching column's
        MAIN_COLUMN_CHARS characters, so a narrow pane does not squeeze the rubrik away."""
        hint = super().minimumSizeHint()
        fixed = getattr(self, "_fixed_width", None)  # asked for while the view is being set up
        if fixed is None:
            return hint
        chrome = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), fixed + chrome), hint.height())

    def _emit_for(self, signal, row: int) -> None:
        record = self.record_at(row)
        if record is not None:
            signal.emit(record)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_record() is not None:
            self.edit_requested.emit(self.current_record())
            event.accept()
            return
        if key == Qt.Key.Key_Delete and self.current_record() is not None:
            self.delete_requested.emit(self.current_record())
            event.accept()
            return
        super().keyPressEvent(event)

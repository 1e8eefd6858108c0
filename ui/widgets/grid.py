"""Tables and trees where values are typed as in Excel: typing on a selected
cell starts editing that cell with what was typed in place of its content; Enter commits
and moves down, Tab right (Shift+Tab left); F2 edits keeping the content; Delete and
Backspace clear the selected cells that can be typed in; Ctrl+C copies the selected
rectangle as tab-separated text in the shown (Swedish) format; Ctrl+V pastes a
tab-separated block from Excel at the current cell. Ctrl+Tab and Ctrl+Shift+Tab leave
the grid for the next or previous field, so the keyboard is never caught in it (Tab is
the spreadsheet's own key). :class:`ExcelTableView` is the table, :class:`ExcelTreeView`
the tree (its rows are the rows shown, in the order shown).

A paste is checked whole before anything is written: a block that does not fit, or a
cell that cannot be typed in or holds a value its cell cannot take, refuses it with a
Swedish message naming the row and the column, and nothing is written. The model may
say more:

- ``check_text(index, text)`` raises ValueError (Swedish) for a value the cell cannot
  take (ui/budget/grid.py reads figures with app/budget/belopp.py, the one parser of
  typed and pasted amounts: ``1 234,5``, ``−1 234`` with U+2212, ``12 %``, no-break
  spaces);
- ``write_cells(cells, what)`` writes ``[(index, text), …]`` as one step (one undo step,
  ui/undo.py) and returns False after telling why it could not; without it the cells are
  written one by one with setData;
- ``locked_reason(index)`` says why a cell cannot be typed in (without it: the cell is
  computed by the program).

Cells that cannot be typed in have no ItemIsEditable flag; typing on one says why
through ``tell``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QTreeView,
    QWidget,
)

#: Excel puts a line break after the last row of a copied block; cells are separated by tabs.
_ROW_BREAKS = ("\r\n", "\r")
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def parse_block(text: str) -> list[list[str]]:
    """Excel's clipboard text as rows of cells (the trailing line break dropped)."""
    for brk in _ROW_BREAKS:
        text = text.replace(brk, "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


def leaving_key(event: QKeyEvent) -> bool | None:
    """Ctrl+Tab: True (to the next field), Ctrl+Shift+Tab: False (to the previous);
    None for every other key."""
    if not event.modifiers() & _CTRL:
        return None
    if event.key() == Qt.Key.Key_Backtab:
        return False
    if event.key() == Qt.Key.Key_Tab:
        return not event.modifiers() & _SHIFT
    return None


class GridDelegate(QStyledItemDelegate):
    """Remembers the editor it made (so typing can put the first character in it) and
    lets Enter and Tab commit and move as in a spreadsheet."""

    def __init__(self, view: SpreadsheetKeys):
        super().__init__(view)
        self.view = view
        self.editor: QWidget | None = None

    def createEditor(self, parent, option, index):
        self.editor = super().createEditor(parent, option, index)
        return self.editor

    def destroyEditor(self, editor, index) -> None:
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if editor is not self.editor and event.type() in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            # An editor the view let go while its value was being stored (the model read
            # its rows again): Qt puts this filter back on it, and its focus-out would
            # commit it once more to a view that no longer knows it.
            return False
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget)
                and isinstance(event, QKeyEvent)):
            forward = leaving_key(event)
            if forward is not None:
                self.view.commit_and_leave(editor, forward)
                return True
            step = {Qt.Key.Key_Return: (1, 0), Qt.Key.Key_Enter: (1, 0), Qt.Key.Key_Tab: (0, 1),
                    Qt.Key.Key_Backtab: (0, -1)}.get(Qt.Key(event.key()))
            if step is not None:
                self.view.commit_and_move(editor, *step)
                return True
        return super().eventFilter(editor, event)


class SpreadsheetKeys:
    """The spreadsheet keys for a QTableView or QTreeView (mixed in before it).
    ``tell(message)`` shows why something was refused (a status line); :meth:`refused`
    is how a model's own refusal (a ValidationError from its service) reaches the view,
    so Enter stays on a cell whose value was not taken."""

    tell: Callable[[str], None] | None

    def _keys_setup(self, tell: Callable[[str], None] | None) -> None:
        self.tell = tell
        self._refusals = 0
        self.setItemDelegate(GridDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Typing is handled in keyPressEvent (so it edits the current cell, replacing it).
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)

    # -- rows in the order shown (a table's and a tree's own) ---------------------------------
    def below(self, index: QModelIndex, rows: int) -> QModelIndex:
        """The cell ``rows`` rows below ``index`` (above when negative), or invalid."""
        raise NotImplementedError

    def shown_rows(self) -> list[QModelIndex]:
        """Every row shown, top to bottom (its first column)."""
        raise NotImplementedError

    def row_name(self, index: QModelIndex) -> str:
        """”rad 3 (Hemtjänst)”: the row in messages."""
        raise NotImplementedError

    # -- messages ---------------------------------------------------------------------------
    def refused(self, message: str = "") -> None:
        self._refusals += 1
        if message and self.tell is not None:
            self.tell(message)

    def _say(self, message: str) -> None:
        if self.tell is not None:
            self.tell(message)

    def place(self, index: QModelIndex) -> str:
        """”rad 3 (Hemtjänst), kolumn Utfall aug” for messages."""
        heading = self.model().headerData(index.column(), Qt.Orientation.Horizontal)
        where = self.row_name(index)
        return where + (f", kolumn {heading}" if heading else f", kolumn {index.column() + 1}")

    def _place_first(self, index: QModelIndex) -> str:
        """:meth:`place` at the start of a sentence."""
        where = self.place(index)
        return where[0].upper() + where[1:]

    def editable(self, index: QModelIndex) -> bool:
        return bool(index.isValid() and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable)

    def locked(self, index: QModelIndex) -> str:
        """Why the cell at ``index`` cannot be typed in, as a sentence after ”Cellen på …”."""
        reason = getattr(self.model(), "locked_reason", None)
        text = reason(index) if reason is not None else None
        return text or "räknas fram av programmet och kan inte skrivas in."

    # -- moving and editing ---------------------------------------------------------------
    def move_by(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.model()
        column = current.column() + columns
        while 0 <= column < model.columnCount(current.parent()) and self.isColumnHidden(column):
            column += 1 if columns >= 0 else -1
        target = self.below(current, rows) if rows else current
        if target.isValid() and column != current.column():
            target = target.siblingAtColumn(column)
        if target.isValid():
            self.setCurrentIndex(target)

    def commit_and_move(self, editor: QWidget, rows: int, columns: int) -> None:
        if self._commit(editor):
            self.move_by(rows, columns)
            self.setFocus()

    def commit_and_leave(self, editor: QWidget, forward: bool) -> None:
        if self._commit(editor):
            self.setFocus()
            self.leave_grid(forward)

    def _commit(self, editor: QWidget) -> bool:
        before = self._refusals
        delegate = self.itemDelegate()
        delegate.commitData.emit(editor)
        if self._refusals != before:
            return False  # the value was refused: keep editing so it can be corrected
        if isinstance(delegate, GridDelegate) and delegate.editor is editor:
            # (Not when storing made the model read its rows again: the view let it go.)
            delegate.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        return True

    def leave_grid(self, forward: bool) -> None:
        """To the next (previous) field of the window, as Tab does outside a grid."""
        QWidget.focusNextPrevChild(self, forward)

    def _open_current(self) -> QLineEdit | None:
        """Start editing the current cell; its line editor, or None (a cell that cannot
        be typed in is refused with the reason in the status line)."""
        index = self.currentIndex()
        if not self.editable(index):
            if index.isValid():
                self._say(f"Cellen på {self.place(index)} {self.locked(index)}")
            return None
        self.edit(index)
        delegate = self.itemDelegate()
        editor = delegate.editor if isinstance(delegate, GridDelegate) else None
        return editor if isinstance(editor, QLineEdit) else None

    def _type_over(self, event: QKeyEvent) -> None:
        editor = self._open_current()
        if editor is not None:
            editor.setText(event.text())
            editor.setFocus()

    def _edit_keeping(self) -> None:
        editor = self._open_current()
        if editor is not None:
            editor.deselect()
            editor.end(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            # Keys typed quickly may reach the view before the new editor has the focus:
            # they belong in that editor, never in another cell.
            delegate = self.itemDelegate()
            editor = delegate.editor if isinstance(delegate, GridDelegate) else None
            if editor is not None and event.text():
                QApplication.sendEvent(editor, event)
                return
            super().keyPressEvent(event)
            return
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        forward = leaving_key(event)
        if forward is not None:
            self.leave_grid(forward)
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QApplication.clipboard().text())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            self.move_by(1, 0)
        elif key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
            self.move_by(0, 1)
        elif key == Qt.Key.Key_Backtab:
            self.move_by(0, -1)
        elif key == Qt.Key.Key_F2:
            self._edit_keeping()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and mods == Qt.KeyboardModifier.NoModifier:
            self.clear_selection()
        elif (event.text() and event.text().isprintable()
              and not mods & (_CTRL | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)):
            self._type_over(event)
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab moves between cells (keyPressEvent) instead of out of the grid.
        if self.state() != QAbstractItemView.State.EditingState and self.model() is not None:
            return False
        return super().focusNextPrevChild(next)

    def event(self, event: QEvent) -> bool:
        # Tab reaches keyPressEvent only when focusNextPrevChild declines; make sure the
        # shortcut machinery does not take Ctrl+C/V or Ctrl+Tab (a tab widget's key) from
        # the grid either.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if (event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Paste)
                    or leaving_key(event) is not None):
                event.accept()
                return True
        return super().event(event)

    # -- clearing, copying, pasting ----------------------------------------------------------
    def _selected(self) -> list[QModelIndex]:
        chosen = [i for i in self.selectionModel().selectedIndexes() if not self.isColumnHidden(i.column())]
        if not chosen and self.currentIndex().isValid():
            chosen = [self.currentIndex()]
        order = {_row_key(r): n for n, r in enumerate(self.shown_rows())}
        chosen = [i for i in chosen if _row_key(i) in order]
        return sorted(chosen, key=lambda i: (order[_row_key(i)], i.column()))

    def clear_selection(self) -> bool:
        cells = [(i, "") for i in self._selected() if self.editable(i)]
        if not cells:
            current = self.currentIndex()
            if current.isValid():
                self._say(f"Cellen på {self.place(current)} {self.locked(current)} Inget tömdes.")
            else:
                self._say("Markera cellerna som ska tömmas.")
            return False
        what = "tömning av " + (f"{len(cells)} celler" if len(cells) > 1 else "en cell")
        return self.write(cells, what)

    def copy_selection(self) -> str:
        """The selected rectangle (its bounding box) as tab-separated rows, as shown."""
        chosen = self._selected()
        if not chosen:
            return ""
        rows = self.shown_rows()
        order = {_row_key(r): n for n, r in enumerate(rows)}
        picked = sorted({order[_row_key(i)] for i in chosen})
        columns = sorted({i.column() for i in chosen})
        lines = []
        for r in range(picked[0], picked[-1] + 1):
            cells = []
            for c in range(columns[0], columns[-1] + 1):
                if self.isColumnHidden(c):
                    continue
                cells.append(_shown_text(rows[r].siblingAtColumn(c)))
            lines.append("\t".join(cells))
        text = "\r\n".join(lines) + "\r\n"
        QApplication.clipboard().setText(text)
        return text

    def paste(self, text: str) -> bool:
        """Paste ``text`` (tab-separated rows) at the current cell, whole or not at all."""
        block = parse_block(text)
        start = self.currentIndex()
        if not text or not start.isValid():
            self._say("Markera cellen där det inklistrade ska börja.")
            return False
        columns = start.model().columnCount(start.parent())
        visible = [c for c in range(start.column(), columns) if not self.isColumnHidden(c)]
        width = max(len(r) for r in block)
        height = len(block)
        rows = [start]
        while len(rows) < height and self.below(rows[-1], 1).isValid():
            rows.append(self.below(rows[-1], 1))
        if len(rows) < height or width > len(visible):
            room = len(rows)
            while self.below(rows[-1], 1).isValid():
                rows.append(self.below(rows[-1], 1))
                room += 1
            self._say(f"Det inklistrade är {height} × {width} celler men från {self.place(start)} "
                      f"finns bara plats för {room} × {len(visible)}. Inget klistrades in.")
            return False
        check = getattr(self.model(), "check_text", None)
        cells: list[tuple[QModelIndex, str]] = []
        for row, values in zip(rows, block, strict=True):
            for dc, value in enumerate(values):
                index = row.siblingAtColumn(visible[dc])
                where = self._place_first(index)
                if not self.editable(index):
                    self._say(f"{where} {self.locked(index)} Inget klistrades in.")
                    return False
                if check is not None:
                    try:
                        check(index, value)
                    except ValueError as exc:
                        self._say(f"{where}: {exc} Inget klistrades in.")
                        return False
                cells.append((index, value))
        n = len(cells)
        return self.write(cells, "inklistring av " + (f"{n} celler" if n > 1 else "en cell"))

    def write(self, cells: list[tuple[QModelIndex, str]], what: str) -> bool:
        model = self.model()
        write_cells = getattr(model, "write_cells", None)
        if write_cells is not None:
            return bool(write_cells(cells, what))
        ok = True
        for index, value in cells:
            ok = model.setData(index, value, Qt.ItemDataRole.EditRole) and ok
        return ok


def _row_key(index: QModelIndex) -> tuple[int, int]:
    """A row told apart from every other, in a table or a tree."""
    return index.row(), index.internalId()


def _shown_text(index: QModelIndex) -> str:
    value = index.data(Qt.ItemDataRole.DisplayRole)
    if value is None:  # a check box: its text when typed (”x” or empty)
        value = index.data(Qt.ItemDataRole.EditRole)
    return "" if value is None else str(value)


class ExcelTableView(SpreadsheetKeys, QTableView):
    """A QTableView with the spreadsheet keys."""

    def __init__(self, parent=None, tell: Callable[[str], None] | None = None):
        super().__init__(parent)
        self._keys_setup(tell)

    def below(self, index: QModelIndex, rows: int) -> QModelIndex:
        return self.model().index(index.row() + rows, index.column())

    def shown_rows(self) -> list[QModelIndex]:
        model = self.model()
        return [model.index(r, 0) for r in range(model.rowCount())]

    def row_name(self, index: QModelIndex) -> str:
        name = self.model().data(index.siblingAtColumn(0))
        return f"rad {index.row() + 1}" + (f" ({name})" if name and index.column() != 0 else "")


class ExcelTreeView(SpreadsheetKeys, QTreeView):
    """A QTreeView with the spreadsheet keys: a row below is the next row shown.
    Typing on a cell that cannot be typed in searches the tree as in any tree."""

    def __init__(self, parent=None, tell: Callable[[str], None] | None = None):
        super().__init__(parent)
        self._keys_setup(tell)

    def below(self, index: QModelIndex, rows: int) -> QModelIndex:
        column = index.column()
        step = self.indexBelow if rows > 0 else self.indexAbove
        index = index.siblingAtColumn(0)
        for _ in range(abs(rows)):
            index = step(index)
            if not index.isValid():
                return index
        return index.siblingAtColumn(column)

    def shown_rows(self) -> list[QModelIndex]:
        model = self.model()
        rows = []
        index = model.index(0, 0) if model is not None else QModelIndex()
        while index.isValid():
            rows.append(index)
            index = self.indexBelow(index)
        return rows

    def row_name(self, index: QModelIndex) -> str:
        name = " ".join(str(self.model().data(index.siblingAtColumn(0)) or "").split())
        short = name if len(name) <= 40 else name[:39] + "…"
        return f"raden ”{short}”" if short else "raden"

    def _type_over(self, event: QKeyEvent) -> None:
        if self.editable(self.currentIndex()):
            super()._type_over(event)
        else:
            QTreeView.keyPressEvent(self, event)  # a tree's own search by the first letters

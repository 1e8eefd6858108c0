"""A table where figures are typed as in Excel (issue 14): typing on a selected cell
starts editing that cell with what was typed in place of its content; Enter commits and
moves down, Tab right (Shift+Tab left); F2 edits keeping the content; Delete and
Backspace clear the selected cells that can be typed in; Ctrl+C copies the selected
rectangle as tab-separated text in the shown (Swedish) format; Ctrl+V pastes a
tab-separated block from Excel at the current cell.

A paste is checked whole before anything is written: a block that does not fit, or a
cell that is computed or holds a value its cell cannot take, refuses it with a Swedish
message naming the row and the column, and nothing is written. The model may say more:

- ``check_text(index, text)`` raises ValueError (Swedish) for a value the cell cannot
  take (ui/budget/grid.py reads figures with app/budget/belopp.py, the one parser of
  typed and pasted amounts: ``1 234,5``, ``−1 234`` with U+2212, ``12 %``, no-break
  spaces);
- ``write_cells(cells, what)`` writes ``[(index, text), …]`` as one step (one undo step,
  ui/undo.py) and returns False after telling why it could not; without it the cells are
  written one by one with setData.

Computed cells have no ItemIsEditable flag; typing on one says why through ``tell``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QStyledItemDelegate, QTableView, QWidget

#: Excel puts a line break after the last row of a copied block; cells are separated by tabs.
_ROW_BREAKS = ("\r\n", "\r")


def parse_block(text: str) -> list[list[str]]:
    """Excel's clipboard text as rows of cells (the trailing line break dropped)."""
    for brk in _ROW_BREAKS:
        text = text.replace(brk, "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


class GridDelegate(QStyledItemDelegate):
    """Remembers the editor it made (so typing can put the first character in it) and
    lets Enter and Tab commit and move as in a spreadsheet."""

    def __init__(self, view: ExcelTableView):
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
            step = {Qt.Key.Key_Return: (1, 0), Qt.Key.Key_Enter: (1, 0), Qt.Key.Key_Tab: (0, 1),
                    Qt.Key.Key_Backtab: (0, -1)}.get(Qt.Key(event.key()))
            if step is not None:
                self.view.commit_and_move(editor, *step)
                return True
        return super().eventFilter(editor, event)


class ExcelTableView(QTableView):
    """A QTableView with the spreadsheet keys above. ``tell(message)`` shows why
    something was refused (a status line); :meth:`refused` is how a model's own refusal
    (a ValidationError from its service) reaches the view, so Enter stays on a cell whose
    value was not taken."""

    def __init__(self, parent=None, tell: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.tell = tell
        self._refusals = 0
        self.setItemDelegate(GridDelegate(self))
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        # Typing is handled in keyPressEvent (so it edits the current cell, replacing it).
        self.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed)

    # -- messages ---------------------------------------------------------------------------
    def refused(self, message: str = "") -> None:
        self._refusals += 1
        if message and self.tell is not None:
            self.tell(message)

    def _say(self, message: str) -> None:
        if self.tell is not None:
            self.tell(message)

    def place(self, row: int, column: int) -> str:
        """”rad 3 (Hemtjänst), kolumn Utfall aug” for messages."""
        model = self.model()
        name = model.data(model.index(row, 0))
        heading = model.headerData(column, Qt.Orientation.Horizontal)
        where = f"rad {row + 1}" + (f" ({name})" if name and column != 0 else "")
        return where + (f", kolumn {heading}" if heading else f", kolumn {column + 1}")

    def _place_first(self, row: int, column: int) -> str:
        """:meth:`place` at the start of a sentence."""
        where = self.place(row, column)
        return where[0].upper() + where[1:]

    def editable(self, index: QModelIndex) -> bool:
        return bool(index.isValid() and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable)

    # -- moving and editing ---------------------------------------------------------------
    def move_by(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.model()
        row, column = current.row() + rows, current.column() + columns
        while 0 <= column < model.columnCount() and self.isColumnHidden(column):
            column += 1 if columns >= 0 else -1
        target = model.index(row, column)
        if target.isValid():
            self.setCurrentIndex(target)

    def commit_and_move(self, editor: QWidget, rows: int, columns: int) -> None:
        before = self._refusals
        delegate = self.itemDelegate()
        delegate.commitData.emit(editor)
        if self._refusals != before:
            return  # the value was refused: keep editing so it can be corrected
        if isinstance(delegate, GridDelegate) and delegate.editor is editor:
            # (Not when storing made the model read its rows again: the view let it go.)
            delegate.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        self.move_by(rows, columns)
        self.setFocus()

    def _open_current(self) -> QLineEdit | None:
        """Start editing the current cell; its line editor, or None (a computed cell is
        refused with the reason in the status line)."""
        index = self.currentIndex()
        if not self.editable(index):
            if index.isValid():
                self._say(f"Cellen på {self.place(index.row(), index.column())} räknas fram av programmet "
                          "och kan inte skrivas in.")
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
        if self.state() == QTableView.State.EditingState:
            # Keys typed quickly may reach the table before the new editor has the focus:
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
        if event.matches(QKeySequence.StandardKey.Copy):
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
              and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                              | Qt.KeyboardModifier.MetaModifier)):
            self._type_over(event)
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab moves between cells (keyPressEvent) instead of out of the table.
        if self.state() != QTableView.State.EditingState and self.model() is not None:
            return False
        return super().focusNextPrevChild(next)

    def event(self, event: QEvent) -> bool:
        # Tab reaches keyPressEvent only when focusNextPrevChild declines; make sure the
        # shortcut machinery does not take Ctrl+C/V from the table either.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Paste):
                event.accept()
                return True
        return super().event(event)

    # -- clearing, copying, pasting ----------------------------------------------------------
    def _selected(self) -> list[QModelIndex]:
        chosen = [i for i in self.selectionModel().selectedIndexes() if not self.isColumnHidden(i.column())]
        if not chosen and self.currentIndex().isValid():
            chosen = [self.currentIndex()]
        return sorted(chosen, key=lambda i: (i.row(), i.column()))

    def clear_selection(self) -> bool:
        cells = [(i, "") for i in self._selected() if self.editable(i)]
        if not cells:
            self._say("De markerade cellerna räknas fram av programmet och kan inte tömmas.")
            return False
        what = "tömning av " + (f"{len(cells)} celler" if len(cells) > 1 else "en cell")
        return self.write(cells, what)

    def copy_selection(self) -> str:
        """The selected rectangle (its bounding box) as tab-separated rows, as shown."""
        chosen = self._selected()
        if not chosen:
            return ""
        model = self.model()
        rows = sorted({i.row() for i in chosen})
        columns = sorted({i.column() for i in chosen})
        lines = []
        for r in range(rows[0], rows[-1] + 1):
            cells = []
            for c in range(columns[0], columns[-1] + 1):
                if self.isColumnHidden(c):
                    continue
                value = model.data(model.index(r, c))
                cells.append("" if value is None else str(value))
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
        model = self.model()
        visible = [c for c in range(start.column(), model.columnCount()) if not self.isColumnHidden(c)]
        width = max(len(r) for r in block)
        height = len(block)
        if start.row() + height > model.rowCount() or width > len(visible):
            self._say(f"Det inklistrade är {height} × {width} celler men från "
                      f"{self.place(start.row(), start.column())} finns bara plats för "
                      f"{model.rowCount() - start.row()} × {len(visible)}. Inget klistrades in.")
            return False
        check = getattr(model, "check_text", None)
        cells: list[tuple[QModelIndex, str]] = []
        for dr, values in enumerate(block):
            for dc, value in enumerate(values):
                index = model.index(start.row() + dr, visible[dc])
                where = self._place_first(index.row(), index.column())
                if not self.editable(index):
                    self._say(f"{where} räknas fram av programmet och kan inte skrivas in. "
                              "Inget klistrades in.")
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

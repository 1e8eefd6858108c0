"""A multi-line editor for long texts (ärenden, protokoll, the plan's sections and
goals): paragraphs, bold, italic, underline and numbered or bulleted (nested) lists, stored
as NK-HTML through :mod:`app.richtext` so that what is typed here is what the PDF prints.

The keys are those of Swedish Office: Ctrl+F fet, Ctrl+K kursiv, Ctrl+U understruken
(the English Ctrl+B and Ctrl+I work too); Ctrl+Z ångrar and Ctrl+Y gör om."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QTextCharFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget

from app import richtext

_NUMBERED = QTextListFormat.Style.ListDecimal
_BULLETED = QTextListFormat.Style.ListDisc
# Nested bullet lists alternate their marks like the PDF does (• then –).
_BULLET_BY_DEPTH = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle)


class _TextEdit(QTextEdit):
    """Pasted text is reduced to the stored subset at once, so the editor never shows
    fonts or colours from Word that the PDF would not print; Tab / Shift+Tab indent and
    outdent list items. The formatting keys are handled here rather than as button
    shortcuts, because several editors share a window and would make them ambiguous; they
    are claimed before any window shortcut (Ctrl+F or Ctrl+K elsewhere in the window does
    not take them from the text)."""

    def __init__(self, owner: RichTextEdit):
        super().__init__(owner)
        self.owner = owner

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml():
            self.textCursor().insertHtml(richtext.from_html(source.html()))
        elif source.hasText():
            self.textCursor().insertText(source.text())

    def _action_for(self, event: QKeyEvent):
        if self.isReadOnly():
            return None
        pressed = event.keyCombination().toCombined()
        for sequence, action in self.owner.keys:
            if pressed == sequence[0].toCombined():
                return action
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._action_for(event) is not None:
            event.accept()  # the key comes to keyPressEvent, not to a window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.textCursor().currentList() is not None \
                and not self.isReadOnly():
            self.owner.change_indent(+1 if key == Qt.Key.Key_Tab else -1)
            event.accept()
            return
        action = self._action_for(event)
        if action is not None:
            action()
            event.accept()
            return
        super().keyPressEvent(event)


class RichTextEdit(QWidget):
    """Toolbar (Fet, Kursiv, Understruken, Numrerad lista, Punktlista) above a text editor.

    ``set_stored(nk_html)`` loads a field, ``stored()`` gives it back as NK-HTML;
    ``changed`` fires when the user edits the text (not when it is loaded).
    """

    changed = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None, *, min_lines: int = 4):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.edit = _TextEdit(self)
        self.keys: list[tuple[QKeySequence, object]] = []
        self.edit.setObjectName(f"{object_name}_text")
        self.edit.setAcceptRichText(True)
        self.edit.setTabChangesFocus(True)  # Tab leaves the field unless in a list
        # Never below the box's own minimum (a scroll area's frame and bars), which the
        # layout would otherwise squash it under in a low window.
        self.edit.setMinimumHeight(max(self.fontMetrics().lineSpacing() * min_lines + 12,
                                       self.edit.minimumSizeHint().height()))
        self._loading = False

        self.bold = self._button("F", "Fet (Ctrl+F)", ("Ctrl+F", "Ctrl+B"), self.toggle_bold)
        font = self.bold.font()
        font.setBold(True)
        self.bold.setFont(font)
        self.italic = self._button("K", "Kursiv (Ctrl+K)", ("Ctrl+K", "Ctrl+I"), self.toggle_italic)
        font = self.italic.font()
        font.setItalic(True)
        self.italic.setFont(font)
        self.underline = self._button("U", "Understruken (Ctrl+U)", ("Ctrl+U",), self.toggle_underline)
        font = self.underline.font()
        font.setUnderline(True)
        self.underline.setFont(font)
        self.numbered = self._button("1. Numrerad lista", "Numrerad lista (Ctrl+Shift+N)",
                                     ("Ctrl+Shift+N",), lambda: self.toggle_list(_NUMBERED))
        self.bulleted = self._button("• Punktlista", "Punktlista (Ctrl+Shift+P)",
                                     ("Ctrl+Shift+P",), lambda: self.toggle_list(_BULLETED))
        # Gör om as in Office on every platform (Qt gives Ctrl+Y only on Windows).
        self.keys.append((QKeySequence("Ctrl+Y"), self.edit.redo))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for button in self._buttons():
            bar.addWidget(button)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(bar)
        column.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)

        self.edit.document().contentsChanged.connect(self._contents_changed)
        self.edit.currentCharFormatChanged.connect(lambda _f: self._update_buttons())
        self.edit.cursorPositionChanged.connect(self._update_buttons)

    def _buttons(self) -> tuple[QToolButton, ...]:
        return (self.bold, self.italic, self.underline, self.numbered, self.bulleted)

    def _button(self, text: str, tip: str, shortcuts: tuple[str, ...], slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the cursor in the text
        self.keys.extend((QKeySequence(shortcut), slot) for shortcut in shortcuts)
        button.clicked.connect(lambda _=False: slot())
        return button

    # -- stored form ------------------------------------------------------------------------
    def set_stored(self, stored: str) -> None:
        self._loading = True
        try:
            self.edit.setHtml(stored or "")
            self.edit.document().setModified(False)
        finally:
            self._loading = False
        self._update_buttons()

    def stored(self) -> str:
        return richtext.from_html(self.edit.toHtml())

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        for button in self._buttons():
            button.setEnabled(not read_only)

    def plain_text(self) -> str:
        return self.edit.toPlainText()

    def _contents_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    # -- formatting -------------------------------------------------------------------------
    def _merge(self, fmt: QTextCharFormat) -> None:
        # With a selection it is changed; without one, what is typed next is.
        self.edit.mergeCurrentCharFormat(fmt)
        self.edit.setFocus()

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.edit.fontWeight() >= QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.edit.fontItalic())
        self._merge(fmt)

    def toggle_underline(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(not self.edit.fontUnderline())
        self._merge(fmt)

    def toggle_list(self, style: QTextListFormat.Style) -> None:
        """Make the selected paragraphs a list of ``style``; again removes the list."""
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        numbered = style == _NUMBERED
        cursor.beginEditBlock()
        if current is not None and (current.format().style() == _NUMBERED) == numbered:
            for block in self._selected_blocks(cursor):
                the_list = block.textList()
                if the_list is not None:
                    the_list.remove(block)
                    plain = QTextCursor(block)
                    fmt = block.blockFormat()
                    fmt.setIndent(0)
                    plain.setBlockFormat(fmt)
        elif current is not None:
            fmt = current.format()
            fmt.setStyle(self._style_at(numbered, fmt.indent()))
            current.setFormat(fmt)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            fmt.setIndent(1)
            cursor.createList(fmt)
        cursor.endEditBlock()
        self.edit.setFocus()
        self._update_buttons()

    @staticmethod
    def _style_at(numbered: bool, indent: int) -> QTextListFormat.Style:
        if numbered:
            return _NUMBERED
        return _BULLET_BY_DEPTH[(max(1, indent) - 1) % 2]

    @staticmethod
    def _selected_blocks(cursor: QTextCursor) -> list:
        doc = cursor.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        blocks, block = [], first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        return blocks

    def change_indent(self, step: int) -> None:
        """Nest the current list item one level deeper (+1) or shallower (-1)."""
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        if current is None:
            return
        fmt = QTextListFormat(current.format())
        indent = fmt.indent() + step
        if indent < 1:
            self.toggle_list(fmt.style())
            return
        numbered = fmt.style() == _NUMBERED
        fmt.setIndent(indent)
        fmt.setStyle(self._style_at(numbered, indent))
        cursor.beginEditBlock()
        current.remove(cursor.block())
        # Join a list already at that depth just above, so numbering continues.
        previous = cursor.block().previous()
        sibling = previous.textList() if previous.isValid() else None
        if sibling is not None and sibling.format().indent() == indent:
            sibling.add(cursor.block())
        else:
            cursor.createList(fmt)
        cursor.endEditBlock()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.bold.setChecked(self.edit.fontWeight() >= QFont.Weight.DemiBold)
        self.italic.setChecked(self.edit.fontItalic())
        self.underline.setChecked(self.edit.fontUnderline())
        current = self.edit.textCursor().currentList()
        numbered = current is not None and current.format().style() == _NUMBERED
        self.numbered.setChecked(numbered)
        self.bulleted.setChecked(current is not None and not numbered)

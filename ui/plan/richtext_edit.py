"""A rich-text field for the plan's sections: bold, italic and lists, stored as the
shared NK-HTML (app/richtext.py) — load with ``set_stored``, read with ``stored``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget

from app import richtext


class RichTextEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "richtext"):
        super().__init__(parent)
        self.edit = QTextEdit()
        self.edit.setObjectName(object_name)
        self.edit.setAcceptRichText(True)
        self.edit.setTabChangesFocus(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.bold = self._button("F", "Fet (Ctrl+B)", self._toggle_bold, "Ctrl+B", bold=True)
        self.italic = self._button("K", "Kursiv (Ctrl+I)", self._toggle_italic, "Ctrl+I", italic=True)
        self.bullets = self._button("• Lista", "Punktlista",
                                    lambda: self._list(QTextListFormat.Style.ListDisc))
        self.numbers = self._button("1. Lista", "Numrerad lista",
                                    lambda: self._list(QTextListFormat.Style.ListDecimal))
        for b in (self.bold, self.italic, self.bullets, self.numbers):
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self.changed)
        self.setFocusProxy(self.edit)

    def _button(self, text, tip, slot, shortcut=None, *, bold=False, italic=False) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        font = button.font()
        font.setBold(bold)
        font.setItalic(italic)
        button.setFont(font)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(slot)
        return button

    def _toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.edit.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.edit.mergeCurrentCharFormat(fmt)

    def _toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.edit.fontItalic())
        self.edit.mergeCurrentCharFormat(fmt)

    def _list(self, style: QTextListFormat.Style) -> None:
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            # Pressing the same list button again ends the list for this paragraph.
            current.remove(cursor.block())
            fmt = cursor.blockFormat()
            fmt.setIndent(0)
            cursor.setBlockFormat(fmt)
            return
        fmt = QTextListFormat()
        fmt.setStyle(style)
        cursor.createList(fmt)

    def set_stored(self, stored: str) -> None:
        self.edit.setHtml(stored or "")

    def stored(self) -> str:
        return richtext.from_html(self.edit.toHtml())

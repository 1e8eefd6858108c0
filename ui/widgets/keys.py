"""The keys users of Swedish Office press: Ctrl+S sparar the form being edited, Ctrl+P
skriver ut the area's main document, Ctrl+Z ångrar and Ctrl+Y gör om in a text field.
(Ctrl+F fet, Ctrl+K kursiv and Ctrl+U understruken belong to the rich-text editor,
ui/widgets/richtext_edit.py.)

Ctrl+S is local to its form (several forms can be on screen, each with its own Spara);
Ctrl+P belongs to a button and works while it is shown and enabled, as if pressed.
tests/test_shortcuts.py opens every area and fails on a key or mnemonic used twice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _with_key(button: QAbstractButton, key: QKeySequence) -> None:
    text = key.toString(QKeySequence.SequenceFormat.NativeText)
    tip = button.toolTip()
    button.setToolTip(f"{tip} ({text})" if tip else f"{button.text().replace('&', '')} ({text})")


def save_shortcut(form: QWidget, save: Callable[[], object]) -> QShortcut:
    """Ctrl+S anywhere in ``form`` calls ``save`` (for forms that save as they go and
    have no Spara button)."""
    # Imported here: PySide6 builds the Qt namespace at its first import (about 20 ms),
    # and the main window imports this module before its first paint (bench/startup.py).
    from PySide6.QtCore import Qt

    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), form,
                         context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(lambda: save())
    return shortcut


def save_key(form: QWidget, button: QAbstractButton) -> QShortcut:
    """Ctrl+S anywhere in ``form`` presses ``button`` (nothing while it is disabled)."""
    _with_key(button, QKeySequence(QKeySequence.StandardKey.Save))
    return save_shortcut(form, button.click)


def print_key(button: QAbstractButton) -> None:
    """Ctrl+P presses ``button`` while it is shown and enabled."""
    key = QKeySequence(QKeySequence.StandardKey.Print)
    button.setShortcut(key)
    _with_key(button, key)


def print_action(owner: QWidget, action: QAction) -> None:
    """Ctrl+P triggers ``action``, an entry of a button's menu, while ``owner`` is shown
    (a menu entry's key alone would work only while its menu is open); the menu shows
    the key beside the entry."""
    action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Print)])
    owner.addAction(action)


def redo_key(window: QWidget) -> QShortcut:
    """Ctrl+Y gör om in the text field with focus. Qt binds Ctrl+Y to redo on Windows
    only (Ctrl+Shift+Z elsewhere); there the field takes the key itself and this shortcut
    never fires."""
    shortcut = QShortcut(QKeySequence("Ctrl+Y"), window)
    shortcut.activated.connect(_redo_in_focus)
    return shortcut


def undo_in_field(*, redo: bool = False) -> bool:
    """Ångra (or gör om) in the editable text field with focus, when it has typing to
    take back; False otherwise, and the main window's Redigera undoes a step of the
    database instead (ui/undo.py)."""
    field = QApplication.focusWidget()
    if isinstance(field, QLineEdit) and not field.isReadOnly():
        available = field.isRedoAvailable() if redo else field.isUndoAvailable()
    elif isinstance(field, QTextEdit | QPlainTextEdit) and not field.isReadOnly():
        document = field.document()
        available = document.isRedoAvailable() if redo else document.isUndoAvailable()
    else:
        return False
    if available:
        if redo:
            field.redo()
        else:
            field.undo()
    return available


def _redo_in_focus() -> None:
    field = QApplication.focusWidget()
    if isinstance(field, QLineEdit | QTextEdit | QPlainTextEdit) and not field.isReadOnly():
        field.redo()

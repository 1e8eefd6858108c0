"""Dialogs: a record dialog that stays open on validation errors, opening one without
blocking, and the question asked before something that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QMessageBox, QVBoxLayout, QWidget

from app.validation import ValidationError
from ui.widgets import keys
from ui.widgets.forms import FieldForm


class RecordDialog(QDialog):
    """Edit one record; Spara calls the service and closes only when it succeeded.
    Subclasses build the form in ``self.form`` and implement ``build`` and ``store``."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        self.form_layout = QFormLayout()
        self.form = FieldForm(self.form_layout)
        outer.addLayout(self.form_layout)
        outer.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Spara", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        keys.save_key(self, self.save_button)
        keys.redo_key(self)
        self._outer = outer
        self.result_record: Any = None

    def finish_layout(self) -> None:
        """Call after the fields are added."""
        self.form.add_general_row()
        self._outer.addWidget(self.buttons)
        # Size the window before it is first shown, so the platform gets its size hints
        # once instead of being asked to change them while visible.
        self.layout().activate()

    def fit_height(self) -> None:
        """Grow to show error lines that appeared (wrapped text needs its full height)."""
        layout = self.layout()
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
        else:
            needed = layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def build(self) -> Any:
        raise NotImplementedError

    def store(self, record: Any) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        self.form.clear()
        try:
            record = self.store(self.build())
        except ValidationError as exc:
            self.form.show(exc)
            self.fit_height()
            return
        self.result_record = record
        self.saved.emit(record)
        super().accept()


def open_dialog(owner: QWidget, dialog: QDialog, on_saved: Callable[[Any], None] | None = None, *,
                on_closed: Callable[[int], None] | None = None) -> QDialog:
    """Show ``dialog`` window-modal over ``owner`` without blocking; ``owner.dialog`` is
    the open one (tests fill it in) until it closes. ``on_saved(record)`` follows a save:
    a RecordDialog's ``saved``; for another dialog, its ``result_record`` when it closes
    accepted with one. ``on_closed(result)`` follows every close."""
    owner.dialog = dialog
    saved = getattr(dialog, "saved", None)
    if saved is not None and on_saved is not None:
        saved.connect(on_saved)

    def closed(result: int) -> None:
        if on_saved is not None and saved is None and result and dialog.result_record is not None:
            on_saved(dialog.result_record)
        if on_closed is not None:
            on_closed(result)
        if owner.dialog is dialog:
            owner.dialog = None
        dialog.deleteLater()

    dialog.finished.connect(closed)
    dialog.open()
    return dialog


def confirm(parent: QWidget, title: str, text: str, ok_text: str = "Ta bort") -> bool:
    """Ask before something that cannot be undone; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes = box.addButton(ok_text, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


#: The answers of :func:`ask_save_changes` (None is Avbryt: stay where you are).
SAVE, DISCARD = "spara", "släng"


def ask_save_changes(parent: QWidget, title: str, text: str) -> str | None:
    """Spara, Släng or Avbryt before leaving something changed and not yet saved;
    Spara is the default and Esc is Avbryt, so nothing is thrown away by a slip."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    save = box.addButton("Spara", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Släng", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else None

"""Pieces the organisation forms share: fields with their error line, a save dialog
that stays open on validation errors, confirmation questions, and button rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.validation import ValidationError

ERROR_STYLE = "color: #b3261e;"


def error_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class FieldForm:
    """A QFormLayout where every field has a red error line right under it, so a
    ValidationError's messages appear next to the fields they name (FieldError.field).
    Messages for fields without a widget go to the line at the bottom."""

    def __init__(self, layout: QFormLayout):
        self.layout = layout
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = error_label("fel_allmant")

    def add(self, field: str, label: str, widget: QWidget, *, also: tuple[str, ...] = ()) -> QWidget:
        """Add ``widget`` for ``field``; ``also`` names more fields whose errors are shown
        under it (e.g. a person picker shows errors for ``person_id``)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = error_label(f"fel_{field}")
        column.addWidget(message)
        caption = QLabel(label)
        caption.setBuddy(widget)
        # Align the caption with the widget's text, not with the error line under it.
        caption.setFixedHeight(widget.sizeHint().height())
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.layout.addRow(caption, box)
        for name in (field, *also):
            self.widgets[name] = widget
            self.errors[name] = message
        return widget

    def add_general_row(self) -> None:
        self.layout.addRow(self.general)

    def clear(self) -> None:
        for label in {*self.errors.values(), self.general}:
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> None:
        """Show each message under its field and put the cursor in the first one."""
        self.clear()
        by_label: dict[QLabel, list[str]] = {}
        for item in error.errors:
            target = self.errors.get(item.field, self.general)
            by_label.setdefault(target, []).append(item.message)
        for label, messages in by_label.items():
            label.setText("\n".join(messages))
            label.show()
        first = next((self.widgets[e.field] for e in error.errors if e.field in self.widgets), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def message(self, field: str) -> str:
        """The shown error text for ``field`` ('' when none), for tests and screen readers."""
        label = self.errors.get(field, self.general)
        return label.text() if not label.isHidden() else ""


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


def open_dialog(owner: QWidget, dialog: RecordDialog, on_saved: Callable[[Any], None]) -> RecordDialog:
    """Show ``dialog`` window-modal over ``owner`` without blocking; ``owner.dialog`` is
    the open one (tests fill it in) until it closes."""
    owner.dialog = dialog
    dialog.saved.connect(on_saved)

    def closed(_result: int) -> None:
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


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def swedish_list(parts: list[str]) -> str:
    """”a”, ”a och b”, ”a, b och c”."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]


class ButtonRow(QWidget):
    """Ny / Ändra / Ta bort under a table; Ändra and Ta bort only with a selection."""

    def __init__(self, new_text: str, on_new: Callable[[], Any], on_edit: Callable[[], Any],
                 on_delete: Callable[[], Any], parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.new = QPushButton(new_text)
        self.edit = QPushButton("Ändra…")
        self.delete = QPushButton("Ta bort…")
        for button, slot in ((self.new, on_new), (self.edit, on_edit), (self.delete, on_delete)):
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        self.set_has_selection(False)

    def set_has_selection(self, selected: bool) -> None:
        self.edit.setEnabled(selected)
        self.delete.setEnabled(selected)

"""A form whose fields each have a red error line, so a ValidationError's messages
appear next to the fields they name (FieldError.field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.validation import ValidationError
from ui.widgets.status import error_label


class FieldForm:
    """Fields with their error lines in ``layout``; messages for fields without a widget
    go to the general line (``add_general_row``).

    The layout gives the shape: in a QFormLayout each field is a row with its caption on
    the left and the error line right under the field; in a box layout (QVBoxLayout, for
    tall fields such as rich-text editors) each field is a heading line (a bold caption,
    or a widget such as a heading chooser), the field under it, and its error line."""

    def __init__(self, layout: QFormLayout | QBoxLayout, general_name: str = "fel_allmant"):
        self.layout = layout
        self.stacked = not isinstance(layout, QFormLayout)
        if not self.stacked:
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            # In a narrow pane (a laptop's window) a caption goes above its field
            # instead of squeezing the field below its own minimum width.
            layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = error_label(general_name)

    def add(self, field: str, label: str | QWidget, widget: QWidget, stretch: int = 0, *,
            also: tuple[str, ...] = ()) -> QWidget:
        """Add ``widget`` for ``field`` under ``label``; ``also`` names more fields whose
        errors are shown under it (e.g. a person picker shows errors for ``person_id``).
        ``stretch`` is the field's share of a box layout's height."""
        message = error_label(f"fel_{field}")
        if self.stacked:
            self._add_stacked(label, widget, message, stretch)
        else:
            self._add_row(label, widget, message)
        for name in (field, *also):
            self.widgets[name] = widget
            self.errors[name] = message
        return widget

    def _add_row(self, label: str, widget: QWidget, message: QLabel) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(message)
        caption = QLabel(label)
        caption.setBuddy(widget)
        # Align the caption with the widget's text, not with the error line under it. An
        # empty caption takes no height: wrapped above its field it would leave a gap.
        caption.setFixedHeight(widget.sizeHint().height() if label else 0)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.layout.addRow(caption, box)

    def _add_stacked(self, heading: str | QWidget, widget: QWidget, message: QLabel, stretch: int) -> None:
        if isinstance(heading, str):
            caption = QLabel(heading)
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            caption.setBuddy(widget)
            heading = caption
        self.layout.addWidget(heading)
        self.layout.addWidget(widget, stretch)
        self.layout.addWidget(message)

    def add_heading_field(self, field: str, widget: QWidget) -> None:
        """A widget already placed (e.g. as another field's heading) that belongs to this
        form; its messages go to the general line."""
        self.widgets[field] = widget

    def add_general_row(self) -> None:
        if self.stacked:
            self.layout.addWidget(self.general)
        else:
            self.layout.addRow(self.general)

    def clear(self) -> None:
        for label in {*self.errors.values(), self.general}:
            label.clear()
            label.hide()

    def show(self, error: ValidationError, *, focus: bool = True) -> None:
        """Show each message under its field; with ``focus`` put the cursor in the first
        field that has one."""
        self.clear()
        by_label: dict[QLabel, list[str]] = {}
        for item in error.errors:
            target = self.errors.get(item.field, self.general)
            by_label.setdefault(target, []).append(item.message)
        for label, messages in by_label.items():
            label.setText("\n".join(messages))
            label.show()
        if not focus:
            return
        first = next((self.widgets[e.field] for e in error.errors if e.field in self.widgets), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def message(self, field: str) -> str:
        """The shown error text for ``field`` ('' when none), for tests and screen readers."""
        label = self.errors.get(field, self.general)
        return label.text() if not label.isHidden() else ""

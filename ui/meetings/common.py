"""Pieces the Sammanträden area shares: an ordered table view (Ctrl+Upp/Ned moves the
row), opening a file in the system viewer, file dialogs, and a status line."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QToolButton, QVBoxLayout, QWidget

from app.validation import ValidationError
from ui.models.view import RecordTableView
from ui.organisation.common import ERROR_STYLE, error_label

PDF_FILTER = "PDF-filer (*.pdf *.PDF);;Alla filer (*)"


class OrderedTableView(RecordTableView):
    """A record table whose order is the user's: not sortable, and Ctrl+Upp / Ctrl+Ned
    ask to move the current row (``move_requested(step)``)."""

    move_requested = Signal(int)

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(model, parent, sortable=False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down):
            if self.current_record() is not None:
                self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else +1)
            event.accept()
            return
        super().keyPressEvent(event)


def move_button(step: int, tip: str, slot, name: str = "") -> QToolButton:
    """A small ▲ / ▼ button that moves the current row (saves room beside the others)."""
    button = QToolButton()
    button.setArrowType(Qt.ArrowType.UpArrow if step < 0 else Qt.ArrowType.DownArrow)
    button.setToolTip(tip)
    button.setAccessibleName("Flytta upp" if step < 0 else "Flytta ned")
    if name:
        button.setObjectName(name)
    button.clicked.connect(lambda _=False: slot())
    return button


def open_in_viewer(path: Path) -> bool:
    """Open ``path`` in the system's program for it (the PDF viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def viewer_copy(name: str, data: bytes) -> Path:
    """Write ``data`` to a temporary file named after ``name`` for the system viewer (it
    needs a file; the bilaga itself lives inside the database)."""
    folder = Path(tempfile.gettempdir()) / "namndkansli-bilagor"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "bilaga.pdf"
    if not safe.lower().endswith(".pdf"):
        safe += ".pdf"
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix="", suffix=f"-{safe}", delete=False)
    with handle:
        handle.write(data)
    return Path(handle.name)


def ask_open_pdfs(parent: QWidget, title: str, *, several: bool = True) -> list[Path]:
    if several:
        names, _ = QFileDialog.getOpenFileNames(parent, title, "", PDF_FILTER)
    else:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", PDF_FILTER)
        names = [name] if name else []
    return [Path(n) for n in names]


def ask_save_pdf(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), "PDF-filer (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def safe_file_name(text: str) -> str:
    """A file name from a title: no characters that file systems refuse ("2022/29"
    becomes "2022-29")."""
    text = text.replace("/", "-").replace("\\", "-")
    return " ".join(re.sub(r'[:*?"<>|\x00-\x1f]+', " ", text).split())


class StatusLine(QLabel):
    """One line under a list: plain for information, red for what went wrong."""

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()  # takes room only when there is something to say

    def info(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
        self.setVisible(bool(text))

    def error(self, text: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))

    @property
    def is_error(self) -> bool:
        return bool(self.styleSheet())


class StackedForm:
    """Like :class:`ui.organisation.common.FieldForm` for tall fields (rich-text editors):
    each field is a heading line (a caption, or a widget such as a heading chooser), the
    field under it, and its red error line under that."""

    def __init__(self, layout: QVBoxLayout):
        self.layout = layout
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = error_label("fel_allmant_texter")

    def add(self, field: str, heading: str | QWidget, widget: QWidget, stretch: int = 0) -> QWidget:
        if isinstance(heading, str):
            caption = QLabel(heading)
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            caption.setBuddy(widget)
            heading = caption
        self.layout.addWidget(heading)
        self.layout.addWidget(widget, stretch)
        message = error_label(f"fel_{field}")
        self.layout.addWidget(message)
        self.widgets[field] = widget
        self.errors[field] = message
        return widget

    def add_heading_field(self, field: str, widget: QWidget) -> None:
        """A widget already placed (e.g. as another field's heading) whose errors show
        under the field it heads."""
        self.widgets[field] = widget

    def clear(self) -> None:
        for label in {*self.errors.values(), self.general}:
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> None:
        self.clear()
        by_label: dict[QLabel, list[str]] = {}
        for item in error.errors:
            by_label.setdefault(self.errors.get(item.field, self.general), []).append(item.message)
        for label, messages in by_label.items():
            label.setText("\n".join(messages))
            label.show()

    def message(self, field: str) -> str:
        label = self.errors.get(field, self.general)
        return label.text() if not label.isHidden() else ""

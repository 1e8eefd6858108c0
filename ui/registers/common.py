"""What the register tabs share: the filter bar (its date fields are
:class:`ui.widgets.fields.DateField`) and a tab base with a lazy table, Ny/Ändra/Ta bort,
Excel import and export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.excel_import import ImportTarget
from app.numbers import format_number
from app.session import Session
from app.validation import ValidationError
from ui.excel_import.dialog import ImportDialog
from ui.excel_import.export import ask_save_path, export_rows
from ui.models import Column, LazyTableModel
from ui.models.view import RecordTableView
from ui.registers.undo_steps import RegisterSteps
from ui.widgets import dialogs
from ui.widgets.buttons import ButtonRow, enable_or_explain
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField
from ui.widgets.flow import FlowLayout

log = logging.getLogger(__name__)
SEARCH_DELAY_MS = 200
#: The register table behind each ``report_kind``.
REPORT_TABLES = {"delegationsbeslut": "delegationsbeslut", "meddelanden": "meddelande"}
LOCKED_TIP = "Anmäld vid ett sammanträde vars protokoll är justerat: posten kan inte ändras eller tas bort."
#: The "Anmälan" filter: label and the service's ``anmald`` argument.
ANMALAN = (("Alla", None), ("Ej anmälda", False), ("Anmälda", True))


class RegisterTab(QWidget):
    """A register: filter bar, lazy table, buttons. Subclasses give the columns, the
    id loader, the record loader, the dialog, and the import/export kind."""

    #: Emitted after something was stored, with a Swedish status message.
    changed = Signal(str)
    noun_one = "post"
    noun_many = "poster"
    new_text = "Ny…"
    export_kind = ""
    #: "delegationsbeslut" or "meddelanden": entries that are reported at meetings and
    #: can be moved between them (ReportingService.move); "" for other registers.
    report_kind = ""

    def __init__(self, session: Session, namnd_id: Callable[[], int | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.namnd_id = namnd_id
        self.dialog: Any = None
        self._ready = False
        self.import_dialog: ImportDialog | None = None
        self.export_task = None
        #: Added, changed and removed entries as steps of Redigera → Ångra.
        self.steps = RegisterSteps(self)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Sök…")
        self.search.setClearButtonEnabled(True)
        self.fran = DateField(placeholder="från")
        self.till = DateField(placeholder="till")
        self.count = QLabel()
        # The filters wrap onto a second line in a narrow window instead of squeezing
        # the search field to a few letters.
        self.filters = FlowLayout()
        self.filters.addWidget(QLabel("&Sök:", buddy=self.search))
        self.filters.addWidget(self.search, 3)
        self.add_filters(self.filters)
        self.filters.addWidget(self.count, 1)

        self.model = LazyTableModel(self.columns(), self._listed_ids, self.load_records, batch_size=200,
                                    parent=self, load_first=self._listed_ids)
        self.model.ids_complete.connect(self._show_count)
        self.view = RecordTableView(self.model)
        self.buttons = ButtonRow(self.new_text, self.new_record, self.edit_record, self.delete_record)
        self.import_button = QPushButton("Importera från Excel…")
        self.export_button = QPushButton("Exportera till Excel…")
        # Not connected directly: clicked(bool) would reach the optional path as False.
        self.import_button.clicked.connect(lambda _=False: self.import_excel())
        self.export_button.clicked.connect(lambda _=False: self.export_excel())
        extra = self.buttons.layout()
        for widget in self.extra_buttons():
            extra.insertWidget(extra.count() - 1, widget)
        extra.addWidget(self.import_button)
        extra.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.view, 1)
        # Why Ändra and Ta bort are off for the selected row (a justerat entry).
        self.lock_note = QLabel()
        self.lock_note.setWordWrap(True)
        self.lock_note.hide()
        layout.addWidget(self.lock_note)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for field in (self.fran, self.till):
            field.textChanged.connect(lambda _t: self._timer.start())
        self.view.current_changed.connect(self._selection_changed)
        self.view.edit_requested.connect(self.edit_record)
        self.view.delete_requested.connect(self.delete_record)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.set_column_widths()
        self._ready = True

    # -- for subclasses -------------------------------------------------------------------
    def add_filters(self, layout: FlowLayout) -> None:
        layout.addWidget(QLabel("Datum:"))
        layout.addWidget(self.fran)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.till)

    def extra_buttons(self) -> list[QWidget]:
        return []

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def load_ids(self, sort: str | None, descending: bool, limit: int | None = None) -> list[int]:
        """The ids of the rows listed, in order; the first ``limit`` when given."""
        raise NotImplementedError

    def load_records(self, ids: list[int]) -> list:
        raise NotImplementedError

    def make_dialog(self, record: Any | None) -> RecordDialog:
        raise NotImplementedError

    def delete_ids(self, ids: list[int]) -> None:
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        return ""

    def import_target(self) -> ImportTarget:
        raise NotImplementedError

    def export_selection(self) -> Any:
        """What export_register gets: the current filter."""
        raise NotImplementedError

    def before_reload(self) -> None:
        """Refresh lookups (labels, categories) before the rows are read again."""

    # -- behaviour ----------------------------------------------------------------------------
    def locked_reason(self, record: Any) -> str:
        """Why ``record`` is read-only ("" when it is not): it was reported at a meeting
        whose protokoll is justerat, so it is a final record (the services refuse too)."""
        if not self.report_kind or record is None or getattr(record, "anmald_sammantrade_id", None) is None:
            return ""
        from app.registers.common import justerat_entries

        table = REPORT_TABLES[self.report_kind]
        meeting = justerat_entries(self.session.db, table, [record.id]).get(record.id)
        if meeting is None:
            return ""
        return (f"Anmäld vid {meeting}, vars protokoll är justerat; posten kan inte ändras eller "
                "tas bort.")

    def _selection_changed(self, record: Any) -> None:
        self.buttons.set_has_selection(record is not None)
        reason = self.locked_reason(record)
        if reason:
            for button in (self.buttons.edit, self.buttons.delete):
                enable_or_explain(button, reason)
        self.lock_note.setText(reason)
        self.lock_note.setVisible(bool(reason))

    def anmald_tooltip(self, record: Any) -> str:
        """Tooltip of the "Anmäld vid" column (labels from ReportingService.labels in
        ``self._labels``): says why a justerat row cannot be changed."""
        label = getattr(self, "_labels", {}).get(record.anmald_sammantrade_id, "")
        return LOCKED_TIP if label.endswith("(justerat)") else ""

    def hideEvent(self, event) -> None:
        # A search typed just before the tab is hidden (or the database closed) is not
        # run against a closed database; the tab reads again when shown.
        self._timer.stop()
        super().hideEvent(event)

    def _listed_ids(self, sort: str | None, descending: bool, limit: int | None = None) -> list[int]:
        # Nothing is read while the view is being set up (it sorts once when sorting is
        # enabled); the first reload() reads. The model asks for all ids and, with a
        # ``limit``, for the first page only.
        if not self._ready or self.namnd_id() is None:
            return []
        return self.load_ids(sort, descending, limit)

    def reload(self, select: int | None = None) -> None:
        self._timer.stop()
        keep = select if select is not None else self.view.current_id()
        self.before_reload()
        # The first page is shown at once; the count follows when every id is read
        # (ids_complete → _show_count), at the latest at the next turn of the event loop.
        self.count.setText("Räknar…")
        self.model.refresh()
        self.view.select_id(keep)

    def _show_count(self) -> None:
        total = self.model.total
        if total == 0 and self.search.text().strip():
            self.count.setText(f"Inga {self.noun_many} matchar sökningen.")
        elif total == 0:
            self.count.setText(f"Inga {self.noun_many}.")
        else:
            self.count.setText(f"{format_number(total)} {self.noun_one if total == 1 else self.noun_many}")
        # The count arrives after the first paint, longer than "Räknar…": laid out now,
        # not at the next layout pass, so it is never shown cut off.
        if self.layout() is not None:  # (not while the view is being set up)
            self.layout().activate()

    def new_record(self) -> RecordDialog | None:
        if self.namnd_id() is None:
            return None
        return dialogs.open_dialog(self, self.make_dialog(None), self._added)

    def edit_record(self, record: Any | None = None) -> RecordDialog | None:
        record = record or self.view.current_record()
        if record is None or self._refuse_locked(record):
            return None
        before = self.steps.before_edit(record.id)

        def saved(changed: Any) -> None:
            self.steps.edited(before, changed)
            self._saved(changed)

        return dialogs.open_dialog(self, self.make_dialog(record), saved)

    def _added(self, record: Any) -> None:
        self.steps.added(record)
        self._saved(record)

    def _refuse_locked(self, record: Any) -> bool:
        """Double-click or Enter on a justerat row: say why instead of opening it."""
        reason = self.locked_reason(record)
        if reason:
            self.changed.emit(reason)
        return bool(reason)

    def _saved(self, record: Any) -> None:
        self.reload(record.id)
        self.changed.emit("Sparat.")

    def delete_record(self, record: Any | None = None) -> bool:
        record = record or self.view.current_record()
        if record is None or self._refuse_locked(record):
            return False
        undoable = ("Redigera → Ångra lägger tillbaka posten." if self.steps.enabled
                    else "Det går inte att ångra.")
        text = f"Ta bort {self.describe(record) or 'posten'} ur registret?\n\n{undoable}"
        if not dialogs.confirm(self, "Ta bort", text):
            return False
        row = self.model.row_for_id(record.id)
        try:
            if not self.steps.remove(record):
                self.delete_ids([record.id])
        except ValidationError as exc:  # justerat meanwhile
            QMessageBox.warning(self, "Ta bort", str(exc))
            return False
        self.reload()
        if self.model.rowCount():
            self.view.select_row(min(max(row, 0), self.model.rowCount() - 1))
        self.changed.emit("Borttaget.")
        return True

    # -- the meeting an entry is reported at ----------------------------------------------
    def meeting_actions(self, record: Any) -> list[tuple[str, int | None]]:
        """(menu text, meeting id or None to release) for moving ``record``."""

        if not self.report_kind or record is None or self.namnd_id() is None:
            return []
        service = self.session.reporting
        current = record.anmald_sammantrade_id
        if current is not None and service.is_final(current):
            return []
        actions = [(f"Anmäl vid {m.organ_namn} {m.datum}", m.id)
                   for m in service.upcoming(self.namnd_id()) if m.id != current]
        if current is not None:
            actions.append(("Ta bort från sammanträdet (anmäls senare)", None))
        return actions

    def move_to_meeting(self, record: Any, meeting_id: int | None) -> bool:

        try:
            self.session.reporting.move(self.report_kind, [record.id], meeting_id)
        except ValidationError as exc:
            QMessageBox.warning(self, "Anmälan", str(exc))
            return False
        self.reload(record.id)
        self.changed.emit("Anmälan ändrades. Skriv listorna på nytt med ”Anmäl vid sammanträde…”.")
        return True

    def _context_menu(self, pos) -> None:
        record = self.view.record_at(self.view.indexAt(pos).row())
        menu = QMenu(self)
        if record is not None:
            edit = menu.addAction("Ändra…", lambda: self.edit_record(record))
            edit.setEnabled(not self.locked_reason(record))
            for text, meeting_id in self.meeting_actions(record):
                menu.addAction(text, lambda m=meeting_id: self.move_to_meeting(record, m))
            menu.addSeparator()
        menu.addAction("Exportera till Excel…", lambda _=False: self.export_excel())
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def import_excel(self, path=None) -> ImportDialog | None:
        if self.namnd_id() is None:
            return None
        dialog = ImportDialog(self.session, self.import_target(), self, path=path)
        self.import_dialog = dialog

        def done(count: int) -> None:
            self.reload()
            preview = dialog.preview
            text = f"{format_number(count)} {self.noun_one if count == 1 else self.noun_many} importerades."
            if preview is not None and preview.all_new is False:  # rows already in the register counted
                text = f"{text[:-1]}: {preview.summary()}."
            self.changed.emit(text)

        dialog.imported.connect(done)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def export_excel(self, path=None):
        if self.namnd_id() is None:
            return None
        from app.registers.excel import KINDS

        path = path or ask_save_path(self, f"{KINDS[self.export_kind].title}.xlsx")
        if path is None:
            return None
        spec, selection = KINDS[self.export_kind], self.export_selection()

        def rows(db):
            # On the worker: its own connection (ui/jobs.py).
            return spec.rows(db, selection)

        def done(written, count: int) -> None:
            self.changed.emit(f"{format_number(count)} rader sparades i {written.name}.")

        self.export_task = export_rows(self, spec.title, spec.columns, rows, path, on_done=done,
                                       session=self.session)
        return self.export_task


def combo(items: list[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for label, value in items:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(max(0, index))
    return box


def anmalan_combo() -> QComboBox:
    return combo(list(ANMALAN))

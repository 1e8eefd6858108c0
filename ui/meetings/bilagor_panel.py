"""Bilagor of one ärende: attach PDF files (several at once), edit title and date in
the table, open, replace, remove and reorder. Files are checked page by page when
attached (about a second per 100 pages), so attaching and replacing run off the UI
thread, on their own database connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QVBoxLayout, QWidget

from app.changes import Changes
from app.jobs import JobEnvironmentError
from app.meetings import Bilaga, BilagaService
from app.session import Session
from app.validation import ValidationError
from ui import jobs
from ui.meetings import common as mcommon
from ui.models import RIGHT, Column, RecordTableModel
from ui.tasks import Task
from ui.widgets import dialogs, files
from ui.widgets.buttons import NO_SELECTION, enable_or_explain
from ui.widgets.flow import FlowLayout
from ui.widgets.status import StatusLine
from ui.widgets.text import plural

TITEL, DATUM = 1, 2

BILAGA_COLUMNS = [
    Column("Nr", lambda b: b.position, RIGHT, width=4),
    Column("Titel", lambda b: b.titel, stretch=True, tooltip=lambda b: b.titel),
    Column("Datum", lambda b: b.datum or "", width=11),
    # Details left out of a narrow list, so that the title stays readable.
    Column("Fil", lambda b: b.filnamn, width=22, tooltip=lambda b: f"{b.filnamn}, {b.storlek_text}",
           optional=True),
    Column("Sidor", lambda b: b.sidor, RIGHT, width=6, optional=True),
    Column("Arkivformat", lambda b: "PDF/A" if b.pdfa_ok else "Nej", width=11, optional=True,
           tooltip=lambda b: ("Kan ingå i handlingar i arkivformat (PDF/A)." if b.pdfa_ok else
                              f"Inte arkivformat (PDF/A): {b.pdfa_problem}")),
]


class BilagaModel(RecordTableModel):
    """The bilagor in their order; Titel and Datum are edited in place and saved at once
    through the service (``failed`` carries its Swedish message)."""

    failed = Signal(str)

    def __init__(self, service: BilagaService, parent=None):
        super().__init__(BILAGA_COLUMNS, parent=parent)
        self.service = service
        self.read_only = False

    def flags(self, index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (TITEL, DATUM) and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in (TITEL, DATUM) or self.read_only:
            return False
        b = self.record(index.row())
        text = str(value or "").strip()
        changed = replace(b, titel=text) if index.column() == TITEL else replace(b, datum=text or None)
        try:
            saved = self.service.save(changed)
        except ValidationError as exc:
            self.failed.emit(str(exc))
            return False
        self._records[index.row()] = saved
        self._natural = list(self._records)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True


def _attach_job(arende_id: int, paths: list[Path]):
    """Attach each file on the worker's own connection; a refused file does not stop
    the others. Returns (attached bilagor, Swedish messages for the refused files)."""

    def job(services, progress):
        attached: list[Bilaga] = []
        refused: list[str] = []
        progress.report(0, len(paths))
        for n, path in enumerate(paths, start=1):
            if progress.cancelled:  # the files attached so far stay attached
                break
            try:
                attached.append(services.bilagor.attach_file(arende_id, path))
            except ValidationError as exc:
                refused.append(str(exc))
            progress.report(n, len(paths))
        return attached, refused

    return job


def _replace_job(bilaga_id: int, path: Path):
    def job(services, progress):
        progress.report(0, 1)
        data = path.read_bytes()
        return services.bilagor.replace(bilaga_id, data, path.name)

    return job


class BilagorPanel(QWidget):
    """``count_changed(n)`` fires when bilagor are added or removed (the tab shows n)."""

    count_changed = Signal(int)

    def __init__(self, session: Session, service: BilagaService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bilagor")
        self.session = session
        self.db_path = session.path
        self.service = service
        self.arende_id: int | None = None
        self.task: Task | None = None
        self.opened: list[Path] = []  # temporary copies given to the viewer

        self.model = BilagaModel(service, self)
        self.view = mcommon.OrderedTableView(self.model)
        self.view.setObjectName("bilagor_tabell")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.set_column_widths()
        self.status = StatusLine("bilagor_status")

        def button(text: str, tip: str, slot: Callable[[], object], name: str) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False: slot())
            return b

        self.attach_button = button("Bifoga PDF…", "Välj en eller flera PDF-filer att bifoga",
                                    self.ask_attach, "bifoga")
        self.open_button = button("Öppna", "Öppna bilagan i PDF-läsaren", self.open_current, "oppna")
        self.replace_button = button("Ersätt…", "Byt filen mot en ny version; titel, datum och plats "
                                     "behålls", self.ask_replace, "ersatt")
        self.remove_button = button("Ta bort…", "Ta bort bilagan från ärendet", self.remove_current,
                                    "ta_bort_bilaga")
        self.up_button = mcommon.move_button(-1, "Flytta upp (Ctrl+Upp)", lambda: self.move_current(-1),
                                             "bilaga_upp")
        self.down_button = mcommon.move_button(+1, "Flytta ned (Ctrl+Ned)", lambda: self.move_current(+1),
                                               "bilaga_ned")
        row = FlowLayout()  # wraps beside a wide agenda in a narrow window
        for b in (self.attach_button, self.open_button, self.replace_button, self.remove_button,
                  self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addLayout(row)
        column.addWidget(self.status)

        self.model.failed.connect(self.status.error)
        self.view.current_changed.connect(lambda _rec: self._update_buttons())
        self.view.edit_requested.connect(
            lambda _rec: self.view.edit(self.model.index(self.view.currentIndex().row(), TITEL)))
        self.view.delete_requested.connect(lambda _rec: self.remove_current())
        self.view.move_requested.connect(self.move_current)
        self.set_arende(None)

    # -- loading ----------------------------------------------------------------------------
    def set_arende(self, arende_id: int | None) -> None:
        if arende_id != self.arende_id:
            self.status.info("")
        self.arende_id = arende_id
        self.reload()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.view.current_id()
        self.model.set_records(self.service.bilagor(self.arende_id) if self.arende_id else [])
        self.view.select_id(keep)
        self.count_changed.emit(self.model.rowCount())
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """Only open (the meeting's protokoll is justerat)."""
        self.model.read_only = read_only
        self._update_buttons()

    def bilagor(self) -> list[Bilaga]:
        return self.model.records

    def _update_buttons(self) -> None:
        has_arende = self.arende_id is not None
        busy = self.task is not None
        row = self.view.currentIndex().row() if self.view.current_record() is not None else -1
        why_busy = "Vänta tills filen har lästs in." if busy else ""
        locked = why_busy or (mcommon.LOCKED if self.model.read_only else "")
        enable_or_explain(self.attach_button, locked or ("" if has_arende else "Välj ett ärende först."))
        enable_or_explain(self.open_button, why_busy or ("" if row >= 0 else NO_SELECTION))
        up, down, remove = mcommon.row_reasons(row, self.model.rowCount(), locked)
        for button, reason in ((self.replace_button, remove), (self.remove_button, remove),
                               (self.up_button, up), (self.down_button, down)):
            enable_or_explain(button, reason)

    # -- attach and replace (background) ---------------------------------------------------
    def ask_attach(self) -> Task | None:
        paths = files.ask_open_pdfs(self, "Bifoga PDF-filer")
        return self.attach_files(paths) if paths else None

    def attach_files(self, paths: list[Path]) -> Task | None:
        if self.arende_id is None or not paths or self.task is not None or self.model.read_only:
            return None
        arende_id = self.arende_id
        title = "Kontrollerar och bifogar " + plural(len(paths), "fil", "filer") + " …"

        def done(result) -> None:
            attached, refused = result
            if self.arende_id == arende_id:
                self.reload(attached[-1].id if attached else None)
            messages = []
            if attached:
                pages = sum(b.sidor for b in attached)
                verb = "bifogad" if len(attached) == 1 else "bifogade"
                messages.append(f"{plural(len(attached), 'bilaga', 'bilagor')} {verb} "
                                f"({plural(pages, 'sida', 'sidor')}).")
            if refused:
                messages.append("Inte bifogade:\n" + "\n".join(refused))
                self.status.error("\n".join(messages))
            else:
                self.status.info(" ".join(messages))

        return self._run(title, _attach_job(arende_id, list(paths)), done)

    def ask_replace(self) -> Task | None:
        b = self.view.current_record()
        if b is None:
            return None
        paths = files.ask_open_pdfs(self, f"Ersätt ”{b.titel}” med", several=False)
        return self.replace_file(b, paths[0]) if paths else None

    def replace_file(self, b: Bilaga, path: Path) -> Task | None:
        if self.task is not None or self.model.read_only:
            return None

        def done(saved: Bilaga) -> None:
            self.reload(saved.id)
            self.status.info(f"”{saved.titel}” har ersatts med {saved.filnamn} "
                             f"({plural(saved.sidor, 'sida', 'sidor')}).")

        return self._run(f"Kontrollerar {path.name} …", _replace_job(b.id, path), done)

    def _run(self, title: str, job, on_done) -> Task:
        self.status.info("")

        def failed(exc: BaseException, _tb: str) -> None:
            self._finished()
            if isinstance(exc, ValidationError | OSError | JobEnvironmentError):
                self.status.error(str(exc))
            else:
                self.status.error(f"Det gick inte att bifoga filen: {exc}")

        def succeeded(result) -> None:
            self._finished()
            on_done(result)

        self.task = jobs.run(self, self.session, job, progress=title, on_done=succeeded, on_error=failed,
                             changes=Changes(bilagor=True))
        self._update_buttons()
        return self.task

    def _finished(self) -> None:
        self.task = None
        self._update_buttons()

    # -- open, remove, reorder --------------------------------------------------------------
    def open_current(self) -> Path | None:
        b = self.view.current_record()
        if b is None:
            return None
        path = files.viewer_copy(b.filnamn, self.service.data(b.id))
        self.opened.append(path)
        if not files.open_in_viewer(path):
            self.status.error(f"Ingen PDF-läsare kunde öppna {path}.")
        return path

    def remove_current(self) -> bool:
        b = self.view.current_record()
        if b is None or self.model.read_only:
            return False
        text = (f"Ta bort bilagan ”{b.titel}” ({b.filnamn}, {plural(b.sidor, 'sida', 'sidor')}) från "
                "ärendet?\n\nHar ärendet kopierats till ett annat sammanträde finns bilagan kvar där. "
                "Det går inte att ångra.")
        if not dialogs.confirm(self, "Ta bort bilaga", text):
            return False
        self.service.remove(b.id)
        self.reload()
        self.status.info(f"”{b.titel}” har tagits bort.")
        return True

    def move_current(self, step: int) -> None:
        b = self.view.current_record()
        if b is None or self.task is not None or self.model.read_only:
            return
        target = b.position + step
        if not 1 <= target <= self.model.rowCount():
            return
        self.service.move(b.id, target)
        self.reload(b.id)

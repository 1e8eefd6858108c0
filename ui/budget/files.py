"""Excel (and later PDF) files from the Ekonomi area: export and print on a worker
thread with its own database connection (ui/jobs.py), import through the shared import
dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget
from sqlite_utils import Database

from app.changes import Changes
from app.excel_import import ExportError, ImportTarget
from app.jobs import JobEnvironmentError
from app.validation import ValidationError
from ui import jobs
from ui.budget.common import Context
from ui.tasks import Task

log = logging.getLogger(__name__)

Writer = Callable[[Database, Path], object]


def menu_button(text: str, actions: list[tuple[str, Callable[[], None]]],
                object_name: str = "") -> QPushButton:
    """A button with a drop-down of actions (”Excel ▾”). A push button, not a tool
    button: the tool button draws its arrow over the end of the text."""
    b = QPushButton(text)
    if object_name:
        b.setObjectName(object_name)
    menu = QMenu(b)
    for label, slot in actions:
        menu.addAction(label).triggered.connect(lambda _=False, s=slot: s())
    b.setMenu(menu)
    return b


def write_in_background(parent: QWidget, ctx: Context, path: Path, writer: Writer, *,
                        done_text: str = "Filen sparades:",
                        on_done: Callable[[Path], None] | None = None) -> Task:
    """Run ``writer(db, path)`` on a worker with its own connection to the database."""

    def job(services, _progress):
        return writer(services.db, path)

    def ok(_result) -> None:
        if on_done is not None:
            on_done(path)
        else:
            QMessageBox.information(parent, "Spara fil", f"{done_text}\n{path}")

    def failed(exc: BaseException, tb: str) -> None:
        if not isinstance(exc, ExportError | ValueError | JobEnvironmentError):
            log.error("Filen kunde inte skrivas:\n%s", tb)
        QMessageBox.warning(parent, "Spara fil", str(exc))

    return jobs.run(parent, ctx.session, job, progress=f"Sparar {path.name}…", on_done=ok, on_error=failed)


def ask_xlsx(parent: QWidget, suggested: str) -> Path | None:
    from ui.excel_import.export import ask_save_path

    return ask_save_path(parent, suggested)


def ask_pdf(parent: QWidget, suggested: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, "Spara PDF", str(Path.home() / suggested), "PDF (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def print_pdf(parent: QWidget, ctx: Context, suggested: str,
              make: Callable[[Database], bytes]) -> Task | None:
    """Ask where, then build the PDF on a worker and write it there."""
    path = ask_pdf(parent, suggested)
    if path is None:
        return None

    def writer(db: Database, target: Path) -> None:
        data = make(db)
        target.write_bytes(data)

    return write_in_background(parent, ctx, path, writer, done_text="PDF-filen sparades:")


def run_job(parent: QWidget, ctx: Context, title: str, work: Callable[[Database], object],
            on_done: Callable[[object], None], changes: Changes | None = None) -> Task:
    """``work(db)`` on a worker with its own connection; errors are shown in Swedish.
    ``changes`` are announced when it succeeded."""

    def job(services, _progress):
        return work(services.db)

    def failed(exc: BaseException, tb: str) -> None:
        if not isinstance(exc, ValidationError | ValueError | JobEnvironmentError):
            log.error("%s misslyckades:\n%s", title, tb)
        QMessageBox.warning(parent, title, str(exc))

    return jobs.run(parent, ctx.session, job, progress=title, on_done=on_done, on_error=failed,
                    changes=changes)


def export_xlsx(parent: QWidget, ctx: Context, suggested: str, writer: Writer) -> Task | None:
    path = ask_xlsx(parent, suggested)
    if path is None:
        return None
    return write_in_background(parent, ctx, path, writer, done_text="Tabellen exporterades till")


def import_xlsx(parent: QWidget, ctx: Context, target: ImportTarget) -> int:
    """The shared import dialog for ``target``; returns the rows imported (0 if none)."""
    from ui.excel_import.dialog import ImportDialog

    dialog = ImportDialog(ctx.session, target, parent)
    dialog.exec()
    count = dialog.imported_count or 0
    if count:
        ctx.data_changed.emit()
    return count

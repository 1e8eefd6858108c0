"""Export to Excel from any table: the shared "Exportera till Excel…" mechanism.

:func:`export_model` writes what a table view shows (headings and cell texts, with
dates and numbers turned back into real Excel values); :func:`export_rows` writes rows
that a service produces on a worker thread (large registers, typed values).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.excel_import import ExportColumn, ExportError, write_xlsx
from app.excel_import.export import columns_from_text
from ui.tasks import Task, run_with_progress

log = logging.getLogger(__name__)

#: Where the last export went, so the next one starts there.
_last_folder: list[Path] = []


def ask_save_path(parent: QWidget, suggested_name: str) -> Path | None:
    folder = _last_folder[-1] if _last_folder else Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
    name, _ = QFileDialog.getSaveFileName(parent, "Exportera till Excel", str(folder / suggested_name),
                                          "Excel-arbetsbok (*.xlsx)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    _last_folder.append(path.parent)
    return path


def model_table(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    """Headings and shown texts of every row (a lazy model is loaded to the end)."""
    root = QModelIndex()
    while model.canFetchMore(root):
        model.fetchMore(root)
    headings = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    rows = []
    for r in range(model.rowCount()):
        rows.append([model.index(r, c).data() for c in range(model.columnCount())])
    rows = [[("" if v is None else str(v)) for v in row] for row in rows]
    return headings, rows


def export_rows(parent: QWidget, title: str, columns: Sequence[ExportColumn],
                rows: Callable[..., Sequence[Sequence[Any]]], path: Path, *,
                heading_lines: Sequence[str] = (),
                on_done: Callable[[Path, int], None] | None = None, session=None) -> Task:
    """Write ``rows()`` (called on the worker) to ``path`` and tell the user. With a
    ``session`` the job runs on the job runner (ui/jobs.py) and ``rows(db)`` is handed
    the worker's own connection."""

    def job(progress, cancelled) -> int:
        return write_xlsx(path, title, columns, rows(), heading_lines=heading_lines)

    def db_job(services, _progress) -> int:
        return write_xlsx(path, title, columns, rows(services.db), heading_lines=heading_lines)

    def ok(count: int) -> None:
        if on_done is not None:
            on_done(path, count)
        else:
            QMessageBox.information(parent, "Exportera till Excel", f"{count} rader sparades i\n{path}")

    def failed(exc: BaseException, tb: str) -> None:
        if not isinstance(exc, ExportError):
            log.error("Export misslyckades:\n%s", tb)
        QMessageBox.warning(parent, "Exportera till Excel", str(exc))

    if session is not None:
        from ui import jobs

        return jobs.run(parent, session, db_job, progress=f"Sparar {path.name}…", on_done=ok, on_error=failed)
    return run_with_progress(parent, f"Sparar {path.name}…", job, on_success=ok, on_failure=failed)


def export_model(parent: QWidget, model: QAbstractItemModel, title: str, suggested_name: str,
                 path: Path | None = None, **kwargs) -> Task | None:
    """Export what a table shows. Asks for the file unless ``path`` is given."""
    path = path or ask_save_path(parent, suggested_name)
    if path is None:
        return None
    headings, texts = model_table(model)
    columns = columns_from_text(headings, texts)
    return export_rows(parent, title, columns, lambda: texts, path, **kwargs)


def add_export_action(view, title: str, suggested_name: str):
    """Give any table view a context-menu action "Exportera till Excel…" that writes
    what it shows (the shared mechanism for tables without an export of their own)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    action = QAction("Exportera till Excel…", view)
    action.triggered.connect(lambda: export_model(view, view.model(), title, suggested_name))
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action

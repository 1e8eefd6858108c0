"""Publicera på webben…: the accessible web copy of the anslag, the protokoll and the
kallelse (app/publicering), written on a worker into a folder of its own inside the
folder the user chooses; the status line says where, and what was left out or masked."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.jobs import JobEnvironmentError
from app.publicering import PubliceringResult, PubliceringService
from app.session import Session
from app.validation import ValidationError
from ui import jobs
from ui.tasks import Task

log = logging.getLogger(__name__)


def publicera_job(meeting_id: int, folder: Path):
    def job(services, progress) -> PubliceringResult:
        progress.report(0, 1)
        result = PubliceringService(services.db).write(meeting_id, folder)
        progress.report(1, 1)
        return result

    return job


def folder_name(organ: str, datum: str) -> str:
    """ "Webbkopia Vård- och omsorgsnämnden 2026-12-14", without characters a file
    system refuses."""
    return re.sub(r'[\\/:*?"<>|]+', "-", f"Webbkopia {organ} {datum}").strip()


class WebPublisher(QObject):
    """``message(text, is_error)`` for the area's status line; ``done(result)``."""

    message = Signal(str, bool)
    done = Signal(object)

    def __init__(self, session: Session, owner: QWidget):
        super().__init__(owner)
        self.session, self.owner = session, owner
        self.task: Task | None = None

    def ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.owner, "Välj mapp för webbkopian", str(Path.home()))
        return Path(name) if name else None

    def publish(self, meeting_id: int, organ: str, datum: str, parent: Path | None = None) -> None:
        if self.task is not None:
            self.message.emit("Webbkopian skapas redan; vänta tills den är klar.", True)
            return
        parent = parent or self.ask_folder()
        if parent is None:
            return
        target = parent / folder_name(organ, datum)

        def succeeded(result: PubliceringResult) -> None:
            self.task = None
            notes = " ".join(result.notes)
            self.message.emit(f"Webbkopian är sparad i {result.path} ({len(result.files)} filer; öppna "
                              f"index.html)." + (f" {notes}" if notes else ""), False)
            self.done.emit(result)

        def failed(exc: BaseException, tb: str) -> None:
            self.task = None
            if isinstance(exc, ValidationError | OSError | JobEnvironmentError):
                self.message.emit(f"Webbkopian kunde inte skapas: {exc}", True)
            else:
                log.error("Webbkopian misslyckades:\n%s", tb)
                self.message.emit(f"Webbkopian kunde inte skapas (oväntat fel: {exc}). Detaljer finns i "
                                  "loggen.", True)

        self.message.emit("Skapar webbkopian …", False)
        self.task = jobs.run(self.owner, self.session, publicera_job(meeting_id, target),
                             progress="Skapar webbkopian …", on_done=succeeded, on_error=failed)

"""Printing the protokoll, utdrag and anslag: the pre-print check of
:mod:`app.protokoll.kontroll` (the kallelse's problems dialog), the choice of file or
folder, the work on a worker with progress and Avbryt, and an offer to open the result."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import clock
from app.changes import Changes
from app.jobs import JobEnvironmentError
from app.meetings import Cancelled
from app.protokoll import ProtokollService
from app.protokoll.justering import IntegritetsFel
from app.session import Session
from app.validation import ValidationError
from ui import jobs
from ui.meetings.printing import ProblemsDialog
from ui.protokoll.jobs import Outcome, batch_job, pdf_job
from ui.tasks import Task
from ui.widgets import files

log = logging.getLogger(__name__)

NAMES = {"protokoll": "Protokollet", "utdrag": "Protokollsutdraget", "utdragsbatch": "Protokollsutdragen",
         "anslag": "Anslaget", "original": "Originalet", "justering": "Justeringen"}


class ProtokollPrinter(QObject):
    """``message(text, is_error)`` for the area's status line; ``done(Outcome)``."""

    message = Signal(str, bool)
    done = Signal(object)

    def __init__(self, session: Session, svc: ProtokollService, owner: QWidget):
        super().__init__(owner)
        self.session, self.svc, self.owner = session, svc, owner
        self.task: Task | None = None
        self.dialog = None
        self.outcome: Outcome | None = None
        self.ask_open = True

    @property
    def busy(self) -> bool:
        return self.task is not None

    def _title(self, meeting_id: int) -> str:
        head = self.svc.get(meeting_id)
        return f"{head.organ_namn} {head.datum}"

    # -- the documents ----------------------------------------------------------------------------
    def print_protokoll(self, meeting_id: int, out: Path | None = None) -> None:
        problems = self.svc.check_before_print(meeting_id, clock.today())
        self._checked("Protokoll", meeting_id, problems, lambda: self._to_file(
            "protokoll", meeting_id, out, f"Protokoll {self._title(meeting_id)}.pdf"))

    def print_utdrag(self, meeting_id: int, arende_ids: list[int], out: Path | None = None) -> None:
        self._to_file("utdrag", meeting_id, out, f"Protokollsutdrag {self._title(meeting_id)}.pdf",
                      arende_ids=arende_ids)

    def print_anslag(self, meeting_id: int, out: Path | None = None) -> None:
        self._to_file("anslag", meeting_id, out, f"Anslag {self._title(meeting_id)}.pdf")

    def save_original(self, meeting_id: int, out: Path | None = None) -> None:
        """The protokoll as justerat, without the rättelser after it."""
        done = next((j for j in self.svc.justeringar(meeting_id) if j.slag == "protokoll"), None)
        if done is None:
            self.message.emit("Protokollet är inte justerat; det finns inget original sparat ännu.", True)
            return
        self._to_file("original", meeting_id, out,
                      f"Protokoll {self._title(meeting_id)} justerat {done.datum.isoformat()}.pdf")

    def print_utdrag_batch(self, meeting_id: int, folder: Path | None = None) -> None:
        folder = folder or self._ask_folder()
        if folder is not None:
            self._run("utdragsbatch", batch_job(meeting_id, folder, "", clock.today()), meeting_id)

    def _ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.owner, "Välj mapp för protokollsutdragen",
                                                str(Path.home()))
        return Path(name) if name else None

    # -- the steps -------------------------------------------------------------------------------------
    def _checked(self, title: str, meeting_id: int, problems, go: Callable[[], None]) -> None:
        if self.busy:
            self.message.emit("En utskrift pågår redan; vänta tills den är klar.", True)
            return
        if not problems:
            go()
            return
        dialog = ProblemsDialog(f"{title} {self._title(meeting_id)}", problems, self.owner)
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result:
                go()

        dialog.finished.connect(finished)
        dialog.open()

    def _to_file(self, kind: str, meeting_id: int, out: Path | None, suggested: str, **kw) -> None:
        if self.busy:
            self.message.emit("En utskrift pågår redan; vänta tills den är klar.", True)
            return
        out = out or files.ask_save_pdf(self.owner, f"Spara {kind}", files.safe_file_name(suggested))
        if out is not None:
            self._run(kind, pdf_job(kind, meeting_id, out, clock.today(), **kw), meeting_id)

    def _run(self, kind: str, job, meeting_id: int) -> None:
        name = NAMES[kind]

        def succeeded(outcome: Outcome) -> None:
            self.task = None
            self.outcome = outcome
            if kind == "utdragsbatch":
                lines = [f"{who}: {paras} → {path.name}" + ("" if made.startswith("PDF/A") else f" ({made})")
                         for (who, paras, path), made in zip(outcome.sent, outcome.formats, strict=True)]
                archived = " (PDF/A)" if all(f.startswith("PDF/A") for f in outcome.formats) else ""
                text = (f"{len(outcome.paths)} protokollsutdrag sparade i {outcome.paths[0].parent}"
                        f"{archived}:\n" + "\n".join(lines)) if outcome.paths \
                    else "Inga justerade paragrafer har mottagare."
            else:
                text = f"{name} är sparat: {outcome.paths[0]} ({outcome.formats[0]})"
                if outcome.message:  # e.g. an anslag kept now, at its first print
                    text += f". {outcome.message}"
            # The status line stays one line; the full list is in the dialog and under Justering.
            self.message.emit(text.splitlines()[0] + (" Mottagarna står under fliken Justering."
                                                      if kind == "utdragsbatch" else ""), False)
            self.done.emit(outcome)
            if outcome.paths and self.ask_open:
                self._offer_open(name, text, outcome.paths[0] if len(outcome.paths) == 1 else None)

        def failed(exc: BaseException, tb: str) -> None:
            self.task = None
            if isinstance(exc, Cancelled):
                self.message.emit(f"{name}: utskriften avbröts; ingen fil sparades.", False)
            elif isinstance(exc, ValidationError | OSError | JobEnvironmentError | IntegritetsFel):
                self.message.emit(f"{name} kunde inte skapas: {exc}", True)
            else:
                log.error("Utskrift misslyckades:\n%s", tb)
                self.message.emit(f"{name} kunde inte skapas (oväntat fel: {exc}). Detaljer finns i loggen.",
                                  True)

        self.message.emit(f"Skapar {name.lower()} …", False)
        # The utdrag sent are recorded (the Justering tab lists them).
        changes = Changes.of("protokoll", meeting_ids=[meeting_id]) if kind == "utdragsbatch" else None
        self.task = jobs.run(self.owner, self.session, job, progress=f"Skapar {name.lower()} …",
                             on_done=succeeded, on_error=failed, changes=changes)

    def _offer_open(self, name: str, text: str, path: Path | None) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, f"{name} klart", text, parent=self.owner)
        open_button = box.addButton("Öppna PDF" if path else "Öppna mappen",
                                    QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Stäng", QMessageBox.ButtonRole.RejectRole)
        self.dialog = box
        target = path or (self.outcome.paths[0].parent if self.outcome else None)

        def finished(_result: int) -> None:
            self.dialog = None
            if box.clickedButton() is open_button and target is not None:
                files.open_in_viewer(target)
            box.deleteLater()

        box.finished.connect(finished)
        box.open()

"""Skapa kallelse, tjänsteskrivelse and handlingar: a check before printing that lists
what to fix, the choice of file, the build off the UI thread (progress and Avbryt), and
afterwards an offer to open the PDF. Printing marks nothing: a meeting becomes kallat
only through "Markera som kallad…" (ui/meetings/kallelser_dialog.py), which stores
what was sent.

Each step is a window-modal dialog opened without blocking (``Printer.dialog`` is the
open one), so the steps follow each other through signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.files import write_atomically
from app.jobs import JobEnvironmentError
from app.meetings import Arende, Cancelled, HandlingarError, Problem, Sammantrade
from app.meetings.documents import build_handlingar, save_kallelse, save_tjansteskrivelse
from app.pdf.pdfa import archive_status
from app.session import Session
from app.validation import ValidationError
from ui import jobs
from ui.tasks import Task
from ui.widgets import files
from ui.widgets.text import plural

log = logging.getLogger(__name__)

KINDS = {"kallelse": "Kallelse", "handlingar": "Handlingar", "tjänsteskrivelse": "Tjänsteskrivelse"}
#: "Kallelsen är sparad", "Handlingarna är sparade": the definite form and its participle.
SAVED = {"kallelse": "Kallelsen är sparad", "handlingar": "Handlingarna är sparade",
         "tjänsteskrivelse": "Tjänsteskrivelsen är sparad"}


@dataclass
class PrintOutcome:
    kind: str
    path: Path
    meeting_id: int
    pages: int | None = None
    pdfa_level: str | None = None
    warnings: list[str] = field(default_factory=list)


class ProblemsDialog(QDialog):
    """What the check before printing found; Skapa ändå goes on, Avbryt stops."""

    def __init__(self, title: str, problems: list[Problem], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Kontroll före utskrift – {title}")
        self.setMinimumSize(640, 320)
        errors = sum(1 for p in problems if p.severity == "fel")
        warnings = len(problems) - errors
        parts = [plural(n, one, many) for n, one, many in ((errors, "fel", "fel"),
                                                          (warnings, "varning", "varningar")) if n]
        intro = QLabel(f"Kontrollen hittade {' och '.join(parts)}. Rätta gärna det som står nedan "
                       "innan du skapar dokumentet.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("problem")
        self.list.setWordWrap(True)
        style = self.style()
        for p in sorted(problems, key=lambda p: p.severity != "fel"):
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical if p.severity == "fel"
                                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            label = "Fel" if p.severity == "fel" else "Varning"
            QListWidgetItem(icon, f"{label}: {p.message}", self.list)
        buttons = QDialogButtonBox()
        self.go_button = buttons.addButton("Skapa ändå", QDialogButtonBox.ButtonRole.AcceptRole)
        self.stop_button = buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.list, 1)
        column.addWidget(buttons)
        # With errors, Enter must not build a wrong document: Avbryt is the default then.
        # (Set once the buttons are in the dialog, or the button box picks its own.)
        (self.stop_button if errors else self.go_button).setDefault(True)

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class FinishedDialog(QDialog):
    """The file is saved: open it. For a kallelse or handlingar of a meeting not yet
    kallat, a line says how to mark it kallat (an act of its own, never a side effect
    of closing this dialog)."""

    def __init__(self, outcome: PrintOutcome, meeting: Sammantrade, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome = outcome
        self.setWindowTitle(SAVED[outcome.kind])
        self.setMinimumWidth(560)
        details = []
        if outcome.pages is not None:
            details.append(plural(outcome.pages, "sida", "sidor"))
        details.append(f"PDF/A-{outcome.pdfa_level}" if outcome.pdfa_level else "inte PDF/A")
        text = QLabel(f"{SAVED[outcome.kind]} i\n{outcome.path}\n({', '.join(details)}).")
        text.setWordWrap(True)
        text.setObjectName("klar_text")
        column = QVBoxLayout(self)
        column.addWidget(text)
        self.warnings = QLabel("\n\n".join(outcome.warnings))
        self.warnings.setObjectName("klar_varningar")
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(outcome.warnings))
        column.addWidget(self.warnings)
        self.send_hint = QLabel("Skickar du kallelsen nu? Välj ”Markera som kallad…” i Sammanträden, så "
                                "sparas kallelsen och handlingarna som de skickades.")
        self.send_hint.setObjectName("klar_kallelse_tips")
        self.send_hint.setWordWrap(True)
        self.send_hint.setVisible(outcome.kind != "tjänsteskrivelse" and meeting.status == "planerat")
        column.addWidget(self.send_hint)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Öppna PDF", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)


def _kallelse_job(meeting_id: int, out: Path):
    def job(services, progress):
        progress.report(0, 2)
        result = save_kallelse(services.db, meeting_id, out, cancelled=progress.is_cancelled)
        progress.report(2, 2)
        return PrintOutcome("kallelse", out, meeting_id, result.pages, result.pdfa_level,
                            list(result.pdfa_reasons))

    return job


def _tjansteskrivelse_job(meeting_id: int, arende_id: int, out: Path):
    def job(services, progress):
        progress.report(0, 2)
        data = save_tjansteskrivelse(services.db, arende_id, out, cancelled=progress.is_cancelled)
        made = archive_status(data, subject=out.name)  # what the file is, not what was asked for
        progress.report(2, 2)
        return PrintOutcome("tjänsteskrivelse", out, meeting_id, None, made.level, list(made.reasons))

    return job


def _handlingar_job(meeting_id: int, out: Path):
    def job(services, progress):
        result = build_handlingar(services.db, meeting_id, progress=progress.report,
                                  is_cancelled=progress.is_cancelled)
        write_atomically(out, result.data)
        return PrintOutcome("handlingar", out, meeting_id, result.pages, result.pdfa_level,
                            list(result.warnings))

    return job


class Printer(QObject):
    """Runs the printing steps for the area. ``message(text, is_error)`` reports in the
    area's status line."""

    message = Signal(str, bool)
    done = Signal(object)  # PrintOutcome

    def __init__(self, session: Session, owner: QWidget):
        super().__init__(owner)
        self.session = session
        self.owner = owner
        self.meetings = session.meetings
        self.dialog: QDialog | None = None
        self.task: Task | None = None
        self.outcome: PrintOutcome | None = None
        self.opened: list[Path] = []

    @property
    def busy(self) -> bool:
        return self.task is not None

    # -- the three documents ------------------------------------------------------------------
    def _revised(self, meeting: Sammantrade) -> bool:
        """Sent before and changed since: the documents print as revised ones."""
        revision = self.session.kallelser.revision(meeting.id)
        return revision is not None and revision.changed

    def print_kallelse(self, meeting: Sammantrade, out_path: Path | None = None) -> None:
        name = "Reviderad kallelse" if self._revised(meeting) else "Kallelse"
        self._start("kallelse", meeting, self.meetings.check_before_print(meeting.id),
                    f"{name} {meeting.organ_namn} {meeting.datum}.pdf", out_path,
                    lambda out: _kallelse_job(meeting.id, out))

    def print_handlingar(self, meeting: Sammantrade, out_path: Path | None = None) -> None:
        name = "Tilläggshandlingar" if self._revised(meeting) else "Handlingar"
        self._start("handlingar", meeting, self.meetings.check_before_print(meeting.id),
                    f"{name} {meeting.organ_namn} {meeting.datum}.pdf", out_path,
                    lambda out: _handlingar_job(meeting.id, out))

    def print_tjansteskrivelse(self, meeting: Sammantrade, arende: Arende,
                               out_path: Path | None = None) -> None:
        problems = [p for p in self.meetings.check_before_print(meeting.id) if p.arende_id == arende.id]
        self._start("tjänsteskrivelse", meeting, problems,
                    f"Tjänsteskrivelse {arende.dnr or arende.nummer} {arende.rubrik[:60]}.pdf", out_path,
                    lambda out: _tjansteskrivelse_job(meeting.id, arende.id, out))

    # -- the steps ---------------------------------------------------------------------------
    def _start(self, kind: str, meeting: Sammantrade, problems: list[Problem], suggested: str,
               out_path: Path | None, make_job: Callable[[Path], object]) -> None:
        if self.busy:
            self.message.emit("En utskrift pågår redan; vänta tills den är klar.", True)
            return
        self.outcome = None
        title = f"{KINDS[kind].lower()} för {meeting.organ_namn} {meeting.datum}"

        def choose_file_and_run() -> None:
            out = out_path or files.ask_save_pdf(self.owner, f"Spara {KINDS[kind].lower()}",
                                                    files.safe_file_name(suggested))
            if out is not None:
                self._run(kind, meeting, title, make_job(out))

        if not problems:
            choose_file_and_run()
            return
        dialog = ProblemsDialog(title, problems, self.owner)
        self._show(dialog, on_accept=choose_file_and_run)

    def _show(self, dialog: QDialog, on_accept: Callable[[], None] | None = None,
              on_finish: Callable[[int], None] | None = None) -> None:
        self.dialog = dialog

        def finished(result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()
            if on_finish is not None:
                on_finish(result)
            if result and on_accept is not None:
                on_accept()

        dialog.finished.connect(finished)
        dialog.open()

    def _run(self, kind: str, meeting: Sammantrade, title: str, job) -> None:
        def succeeded(outcome: PrintOutcome) -> None:
            self.task = None
            self.outcome = outcome
            self.message.emit(f"{SAVED[kind]} i {outcome.path}.", False)
            self.done.emit(outcome)
            self._finished_dialog(outcome)

        def failed(exc: BaseException, tb: str) -> None:
            self.task = None
            if isinstance(exc, Cancelled):
                self.message.emit(f"{KINDS[kind]}: utskriften avbröts; ingen fil sparades.", False)
            elif isinstance(exc, HandlingarError | ValidationError | OSError | JobEnvironmentError):
                self.message.emit(f"{KINDS[kind]} kunde inte skapas: {exc}", True)
            else:
                log.error("Utskrift misslyckades:\n%s", tb)
                self.message.emit(f"{KINDS[kind]} kunde inte skapas (oväntat fel: {exc}). "
                                  "Detaljer finns i loggen.", True)

        self.message.emit(f"Skapar {KINDS[kind].lower()} …", False)
        self.task = jobs.run(self.owner, self.session, job, progress=f"Skapar {title} …",
                             on_done=succeeded, on_error=failed)

    def _finished_dialog(self, outcome: PrintOutcome) -> None:
        meeting = self.meetings.get_meeting(outcome.meeting_id)
        dialog = FinishedDialog(outcome, meeting, self.owner)

        def finish(result: int) -> None:
            if result:
                self.opened.append(outcome.path)
                if not files.open_in_viewer(outcome.path):
                    self.message.emit(f"Ingen PDF-läsare kunde öppna {outcome.path}.", True)

        self._show(dialog, on_finish=finish)

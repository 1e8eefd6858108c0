"""Markera som kallad…: mark a meeting kallat, which stores the kallelse and the
handlingar as sent (a revised kallelse with tilläggshandlingar after later changes),
and open any version sent (docs/domain/documents.md, "Sent versions and revised
kallelser"). The storing runs as a job (progress, Avbryt); the stored bytes are opened
through a temporary copy in the system's PDF viewer."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.jobs import JobCancelled, JobEnvironmentError
from app.meetings import HandlingarError, Sammantrade
from app.meetings.kallelser import IntegritetsFel, Skickat
from app.meetings.model import SkickadKallelse
from app.session import Session
from app.validation import ValidationError
from ui import jobs
from ui.models import RIGHT, Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.tasks import Task
from ui.widgets import dialogs, files
from ui.widgets.buttons import NO_SELECTION, enable_or_explain
from ui.widgets.status import ERROR_STYLE, StatusLine
from ui.widgets.text import plural

log = logging.getLogger(__name__)

VERSION_COLUMNS = [
    Column("Version", lambda k: k.version, RIGHT, width=7),
    Column("Skickad", lambda k: k.skickad_text, width=21),
    Column("Slag", lambda k: k.titel, width=18,
           tooltip=lambda k: "\n".join(k.andringar) if k.andringar else "Den första kallelsen"),
    Column("Kallelse", lambda k: plural(k.kallelse_sidor, "sida", "sidor"), width=9),
    Column("Handlingar", lambda k: f"{k.handlingar_titel}, {plural(k.handlingar_sidor, 'sida', 'sidor')}",
           stretch=True),
    Column("PDF/A", lambda k: k.pdfa_niva or "nej", width=6),
]


class KallelserDialog(QDialog):
    """The meeting's kallelse: what the check finds, what changed since the last version
    sent, the button that marks it kallat (stores the next version) and the versions sent."""

    def __init__(self, session: Session, meeting: Sammantrade, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.service = session.kallelser
        self.meeting = meeting
        self.task: Task | None = None
        self.opened: list[Path] = []
        self.setWindowTitle(f"Kallelse – {meeting.organ_namn} {meeting.datum}")
        self.setMinimumSize(720, 480)

        self.state = QLabel()
        self.state.setObjectName("kallelse_lage")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check = QLabel()
        self.check.setObjectName("kallelse_kontroll")
        self.check.setWordWrap(True)
        self.send_button = QPushButton("Markera som kallad")
        self.send_button.setObjectName("markera_kallad")
        self.send_button.setToolTip("Sparar kallelsen och handlingarna så som de ser ut nu, som skickade; "
                                    "de kan inte ändras efteråt")
        self.send_button.clicked.connect(lambda _=False: self.send())
        send_row = QHBoxLayout()
        send_row.addWidget(self.send_button)
        send_row.addStretch(1)

        self.model = RecordTableModel(VERSION_COLUMNS, parent=self)
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName("skickade_kallelser")
        self.view.set_column_widths()
        self.open_kallelse_button = QPushButton("Öppna kallelsen")
        self.open_kallelse_button.setObjectName("oppna_skickad_kallelse")
        self.open_kallelse_button.clicked.connect(lambda _=False: self.open_selected(handlingar=False))
        self.open_handlingar_button = QPushButton("Öppna handlingarna")
        self.open_handlingar_button.setObjectName("oppna_skickade_handlingar")
        self.open_handlingar_button.clicked.connect(lambda _=False: self.open_selected(handlingar=True))
        self.view.edit_requested.connect(lambda _k: self.open_selected(handlingar=False))
        self.view.current_changed.connect(lambda _k: self._update_buttons())
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_kallelse_button)
        open_row.addWidget(self.open_handlingar_button)
        open_row.addStretch(1)
        box = QGroupBox("Skickade versioner")
        box_column = QVBoxLayout(box)
        box_column.addWidget(self.view, 1)
        box_column.addLayout(open_row)

        self.status = StatusLine("kallelse_status")
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.state)
        column.addWidget(self.check)
        column.addLayout(send_row)
        column.addWidget(box, 1)
        column.addWidget(self.status)
        column.addWidget(buttons)
        self.reload()

    # -- showing ------------------------------------------------------------------------
    def reload(self) -> None:
        mid = self.meeting.id
        self.meeting = self.session.meetings.get_meeting(mid)
        versions = self.service.versions(mid)
        revision = self.service.revision(mid)
        if revision is None:
            state = "Kallelsen har inte skickats. ”Markera som kallad” sparar kallelsen och handlingarna " \
                    "så som de ser ut nu, och sammanträdet blir kallat."
        else:
            last = versions[-1]
            state = f"Senast skickad: {last.titel.lower()}, version {last.version}, {last.skickad_text}."
            if revision.changed:
                state += "\nÄndrat sedan dess:\n" + "\n".join(f"• {line}" for line in revision.lines)
                state += (f"\nNästa version blir en reviderad kallelse (version {revision.version + 1}) med "
                          "tilläggshandlingar för de nya och ändrade ärendena.")
            else:
                state += "\nInget har ändrats sedan dess."
        self.state.setText(state)
        problems = self.service.check_before_send(mid)
        errors = [p for p in problems if p.severity == "fel"]
        lines = [f"{'Fel' if p.severity == 'fel' else 'Varning'}: {p.message}"
                 for p in sorted(problems, key=lambda p: p.severity != "fel")]
        self.check.setText("\n".join(lines))
        self.check.setStyleSheet(ERROR_STYLE if errors else "")
        self.check.setVisible(bool(lines))
        self.send_button.setText("Markera som kallad" if revision is None
                                 else f"Skicka reviderad kallelse (version {revision.version + 1})")
        enable_or_explain(self.send_button, "Rätta felen som står ovan först." if errors else
                          "Kallelsen sparas redan." if self.task is not None else "")
        keep = self.view.current_id()
        self.model.set_records(versions)
        if not self.view.select_id(keep) and versions:
            self.view.select_id(versions[-1].id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.view.current_record() is not None
        for button in (self.open_kallelse_button, self.open_handlingar_button):
            enable_or_explain(button, "" if chosen else NO_SELECTION)

    # -- sending ------------------------------------------------------------------------
    def send(self) -> Task | None:
        if self.task is not None or not self.send_button.isEnabled():
            return None
        m = self.meeting
        text = (f"Markera {m.organ_namn} {m.datum} som kallat?\n\nKallelsen och handlingarna sparas så "
                "som de ser ut nu, som skickade. De kan inte ändras eller tas bort efteråt; senare "
                "ändringar blir en reviderad kallelse.")
        if not dialogs.confirm(self, "Markera som kallad", text, ok_text="Markera som kallad"):
            return None
        meeting_id = m.id

        def job(services, progress) -> Skickat:
            return services.kallelser.send(meeting_id, progress=progress.report,
                                           cancelled=progress.is_cancelled)

        enable_or_explain(self.send_button, "Kallelsen sparas redan.")
        self.status.info("Sparar kallelsen och handlingarna …")
        self.task = jobs.run(self, self.session, job, progress="Sparar kallelsen och handlingarna …",
                             on_done=self._sent, on_error=self._failed)
        return self.task

    def _sent(self, sent: Skickat) -> None:
        self.task = None
        k = sent.kallelse
        self.reload()
        self.view.select_id(k.id)
        text = (f"Sammanträdet är markerat som kallat. {k.titel} version {k.version} är sparad "
                f"{k.skickad_text} (kallelsen {plural(k.kallelse_sidor, 'sida', 'sidor')}, "
                f"{k.handlingar_titel.lower()} {plural(k.handlingar_sidor, 'sida', 'sidor')}).")
        self.status.info("\n".join([text, *sent.warnings]))

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.task = None
        self.reload()
        if isinstance(exc, JobCancelled):
            self.status.info("Avbrutet; ingenting sparades och sammanträdet är inte markerat som kallat.")
        elif isinstance(exc, ValidationError | HandlingarError | JobEnvironmentError | OSError):
            self.status.error(f"Sammanträdet markerades inte som kallat: {exc}")
        else:
            log.error("Kallelsen kunde inte sparas:\n%s", tb)
            self.status.error(f"Sammanträdet markerades inte som kallat (oväntat fel: {exc}). "
                              "Detaljer finns i loggen.")

    # -- opening a sent version -----------------------------------------------------------
    def open_selected(self, handlingar: bool) -> Path | None:
        k: SkickadKallelse | None = self.view.current_record()
        if k is None:
            return None
        try:
            data = self.service.stored_pdf(k.id, handlingar=handlingar)
        except IntegritetsFel as exc:
            self.status.error(str(exc))
            return None
        title = k.handlingar_titel if handlingar else k.titel
        path = files.viewer_copy(f"{title} {self.meeting.organ_namn} {self.meeting.datum} version "
                                 f"{k.version}.pdf", data)
        self.opened.append(path)
        if not files.open_in_viewer(path):
            self.status.error(f"Ingen PDF-läsare kunde öppna {path}.")
        else:
            self.status.info(f"{title} version {k.version} är öppnad ({path}).")
        return path

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        if self.task is not None:
            self.status.info("Vänta tills kallelsen är sparad (eller tryck Avbryt i förloppsrutan).")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            event.ignore()
            return
        super().closeEvent(event)

"""The report on ej verkställda beslut at a chosen date: the figures on screen, and the
report as PDF, as Excel, or as an ärende (with the statistics as bilaga) for a meeting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.changes import Changes
from app.numbers import format_number
from app.registers.ej_verkstallda import LAG_KORT, EvbRapport
from app.session import Session
from ui import jobs
from ui.excel_import.export import add_export_action, ask_save_path
from ui.models import RIGHT, Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.tasks import Task
from ui.widgets.buttons import enable_or_explain
from ui.widgets.fields import DateField


def quarter_end(today: date) -> date:
    """The last day of the latest quarter that has ended (the usual report date)."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    return date.fromordinal(start.toordinal() - 1)


class EvbReportDialog(QDialog):
    done_text = Signal(str)

    def __init__(self, session: Session, namnd_id: int, parent: QWidget | None = None,
                 on: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Rapport om ej verkställda gynnande beslut")
        self.resize(820, 620)
        self.session, self.namnd_id = session, namnd_id
        self.service = session.registers.evb
        self.task: Task | None = None
        self.rapport: EvbRapport | None = None
        self._day = on or quarter_end(clock.today())
        self.datum = DateField(self._day)
        self.summary = QLabel()
        self.summary.setObjectName("sammanfattning")
        self.summary.setWordWrap(True)
        self.types = RecordTableModel([Column("Beslut om", lambda t: t[0], stretch=True),
                                       Column("Antal", lambda t: t[1], align=RIGHT, width=8)], parent=self)
        self.rows = RecordTableModel([
            Column("Beslut om", lambda r: r.insats, stretch=True),
            Column("Lag", lambda r: LAG_KORT[r.lag], width=16),
            Column("Beslutsdatum", lambda r: r.beslutsdatum, width=12),
            Column("Antal dagar", lambda r: r.dagar, align=RIGHT, width=10),
            Column("Kön", lambda r: r.kon, width=5),
            Column("Orsak", lambda r: r.orsak, width=6),
        ], parent=self)
        self.types_view = RecordTableView(self.types, sortable=False)
        self.rows_view = RecordTableView(self.rows)
        for view in (self.types_view, self.rows_view):
            view.set_column_widths()
        add_export_action(self.types_view, "Typ av bistånd", "Ej verkställda per typ.xlsx")
        add_export_action(self.rows_view, "Ej verkställda beslut", "Ej verkställda beslut.xlsx")
        self.types_view.setMaximumHeight(150)

        top = QHBoxLayout()
        top.addWidget(QLabel("&Rapportdatum:", buddy=self.datum))
        top.addWidget(self.datum)
        top.addStretch(1)
        self.pdf_button = QPushButton("Skriv ut (PDF)…")
        self.excel_button = QPushButton("Exportera till Excel…")
        self.meeting = QComboBox()
        for m in session.reporting.upcoming(namnd_id):
            self.meeting.addItem(f"{m.organ_namn} {m.datum}", m.id)
        self.arende_button = QPushButton("Lägg på dagordningen")
        enable_or_explain(self.arende_button, "" if self.meeting.count() else
                          "Det finns inget kommande sammanträde att lägga rapporten på.")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.excel_button.clicked.connect(lambda: self.save_excel())
        self.arende_button.clicked.connect(lambda: self.to_meeting())
        actions = QHBoxLayout()
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.excel_button)
        actions.addStretch(1)
        actions.addWidget(QLabel("Sammanträde:"))
        actions.addWidget(self.meeting)
        actions.addWidget(self.arende_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Vilken typ av bistånd som inte verkställts inom tre månader:"))
        layout.addWidget(self.types_view)
        layout.addWidget(QLabel("Beslut som inte verkställts inom tre månader, dagar till rapportdatum:"))
        layout.addWidget(self.rows_view, 1)
        layout.addLayout(actions)
        layout.addWidget(close)
        # A typed date counts once the field is left or Enter pressed, a picked one at once.
        self.datum.editingFinished.connect(self._date_entered)
        self.refresh()

    def _date_entered(self) -> None:
        # Leaving the field unchanged (as when the dialog closes) computes nothing again.
        shown = self._day
        if self.day() != shown:
            self.refresh()

    def day(self) -> date:
        """The report date; while the typed text cannot be read (the field says why in
        red), the last date that could."""
        typed = self.datum.quiet_value()
        if typed is not None:
            self._day = typed
        return self._day

    def refresh(self) -> None:
        self.rapport = self.service.rapport(self.namnd_id, self.day())
        r = self.rapport
        n = format_number
        self.summary.setText(
            f"<b>{r.rubrik}</b><br>Antal beslut som inte verkställts inom tre månader: "
            f"<b>{n(r.antal)}</b>, varav kvinnor {n(r.kvinnor)} och män {n(r.man)}. "
            f"Tackat nej till erbjudande: {n(r.tackat_nej)}.")
        self.types.set_records(r.per_insats())
        self.rows.set_records(r.rader)

    def _run(self, title: str, job, done, changes: Changes | None = None) -> Task:
        def failed(exc: BaseException, _tb: str) -> None:
            QMessageBox.warning(self, self.windowTitle(), f"{title} misslyckades: {exc}")

        self.task = jobs.run(self, self.session, job, progress=title, on_done=done, on_error=failed,
                             changes=changes)
        return self.task

    @staticmethod
    def _with_db(work):
        """A job that runs ``work(db)`` on the worker's own connection."""
        return lambda services, _progress: work(services.db)

    def save_pdf(self, path: Path | None = None) -> Task | None:
        from app.registers.pdf.evb import render_evb_rapport

        path = path or ask_save_path_pdf(self, f"Ej verkställda beslut {self.day().isoformat()}.pdf")
        if path is None:
            return None
        nid, rapport = self.namnd_id, self.rapport

        def work(db) -> Path:
            path.write_bytes(render_evb_rapport(db, nid, rapport))
            return path

        return self._run("Sparar PDF", self._with_db(work),
                         lambda p: self.done_text.emit(f"Rapporten sparades som {p.name}."))

    def save_excel(self, path: Path | None = None) -> Task | None:
        from app.registers.excel import export_evb_rapport

        path = path or ask_save_path(self, f"Ej verkställda beslut {self.day().isoformat()}.xlsx")
        if path is None:
            return None
        namnd = self.session.db.execute("SELECT namn FROM namnd WHERE id = ?", [self.namnd_id]).fetchone()[0]
        rapport = self.rapport

        def job(_services, _progress) -> Path:
            export_evb_rapport(rapport, path, namnd)
            return path

        return self._run("Sparar Excel", job,
                         lambda p: self.done_text.emit(f"Rapporten sparades som {p.name}."))

    def to_meeting(self) -> Task | None:
        from app.registers.reporting import evb_to_meeting

        meeting_id, day = self.meeting.currentData(), self.day()
        if meeting_id is None:
            return None
        label = self.meeting.currentText()
        return self._run("Skapar ärendet", self._with_db(lambda db: evb_to_meeting(db, meeting_id, day)),
                         lambda _id: self.done_text.emit(f"Rapporten lades som ärende vid {label}."),
                         Changes.of("meetings", "arenden", meeting_ids=[meeting_id]))


def ask_save_path_pdf(parent: QWidget, suggested: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, "Spara rapport", str(Path.home() / suggested),
                                          "PDF (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


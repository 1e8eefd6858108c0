"""Putting a month's budgetuppföljning on a coming meeting's agenda, in one step."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWidget

from app.budget.uppfoljning import Budgetuppfoljning
from app.changes import Changes
from app.meetings import MeetingService
from ui.budget.common import Context, FormDialog
from ui.budget.files import run_job


def open_meetings(ctx: Context) -> list:
    """The nämnd's meetings that can still take ärenden, soonest first."""
    svc = MeetingService(ctx.ek.db)
    organ_ids = [r[0] for r in ctx.ek.db.execute("SELECT id FROM organ WHERE namnd_id = ?", [ctx.namnd_id])]
    meetings = [m for oid in organ_ids for m in svc.meetings(oid) if m.status in ("planerat", "kallat")]
    return sorted(meetings, key=lambda m: m.datum)


class MeetingDialog(FormDialog):
    """Which meeting; the ärende is then made on a worker (it prints the PDF bilaga)."""

    def __init__(self, parent: QWidget, u: Budgetuppfoljning, meetings: list):
        super().__init__("Lägg på sammanträde", lambda: self.meeting.currentData(), parent)
        self.meeting = QComboBox()
        self.meeting.setObjectName("sammantrade")
        for m in meetings:
            self.meeting.addItem(f"{m.organ_namn} {m.datum}", m.id)
        note = QLabel(f"”{u.rubrik}” läggs som ett ärende med förslag till beslut, analysen som "
                      "beskrivning och uppföljningen som PDF-bilaga. Finns ärendet redan uppdateras det.")
        note.setWordWrap(True)
        self.form.addRow("Sammanträde:", self.meeting)
        self.form.addRow(note)


def put_on_meeting(parent: QWidget, ctx: Context, u: Budgetuppfoljning, *, meeting_id: int | None = None,
                   on_done=None):
    """Ask for the meeting (unless given) and make the ärende in the background."""
    from app.budget.arende import uppfoljning_till_sammantrade

    label = ""
    if meeting_id is None:
        meetings = open_meetings(ctx)
        if not meetings:
            QMessageBox.information(parent, "Lägg på sammanträde", "Nämnden har inget planerat eller "
                                    "kallat sammanträde. Lägg in sammanträdet först.")
            return None
        dialog = MeetingDialog(parent, u, meetings)
        if not dialog.exec():
            return None
        meeting_id, label = dialog.result_value, dialog.meeting.currentText()
    ar, manad, rubrik = u.ar, u.manad, u.rubrik

    def done(arende_id) -> None:
        if on_done is not None:
            on_done(arende_id)
        else:
            QMessageBox.information(parent, "Lägg på sammanträde",
                                    f"”{rubrik}” finns nu på föredragningslistan för {label}.")

    return run_job(parent, ctx, "Lägg på sammanträde",
                   lambda db: uppfoljning_till_sammantrade(db, meeting_id, ar, manad), done,
                   Changes.of("meetings", "arenden", "bilagor", meeting_ids=[meeting_id]))

"""Put the plan (or the follow-up shown) on a meeting's agenda as a bilaga: choose
the sammanträde and whether it becomes a new ärende or a bilaga to an existing one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from app.meetings import ArendeService
from app.plan.agenda import meetings_for_plan
from app.plan.model import Plan
from ui.widgets.buttons import enable_or_explain


class AgendaDialog(QDialog):
    """Collects the choice; the editor does the work on a worker thread."""

    def __init__(self, db, plan: Plan, followup_label: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Lägg på dagordningen")
        self.setMinimumWidth(520)
        self.db = db
        self.what = QComboBox()
        self.what.setObjectName("vad")
        self.what.addItem(f"Planen: {plan.titel}", "plan")
        if followup_label:
            self.what.addItem(f"Uppföljningen {followup_label}", "uppfoljning")
        self.meeting = QComboBox()
        self.meeting.setObjectName("sammantrade")
        for m in meetings_for_plan(db, plan.id):
            self.meeting.addItem(f"{m.datum} {m.organ_namn} ({m.status})", m.id)
        self.arende = QComboBox()
        self.arende.setObjectName("arende")
        self.meeting.currentIndexChanged.connect(self._load_arenden)
        self._load_arenden()
        form = QFormLayout()
        form.addRow("Vad:", self.what)
        form.addRow("Sammanträde:", self.meeting)
        form.addRow("Som bilaga till:", self.arende)
        note = QLabel("PDF:en skapas nu och sparas som bilaga i databasen; den följer med i kallelsen "
                      "med handlingar.")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Lägg till", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        enable_or_explain(self.ok, "" if self.meeting.count() else
                          "Lägg upp ett sammanträde för nämnden under Sammanträden först")
        layout = QVBoxLayout(self)
        if self.meeting.count() == 0:
            layout.addWidget(QLabel("Nämnden har inget sammanträde som kan ta emot nya ärenden. "
                                    "Lägg upp sammanträdet först."))
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def _load_arenden(self) -> None:
        self.arende.clear()
        self.arende.addItem("Ett nytt ärende på dagordningen", None)
        meeting_id = self.meeting.currentData()
        if meeting_id is not None:
            for a in ArendeService(self.db).arenden(meeting_id):
                self.arende.addItem(f"{a.nummer}. {a.rubrik}", a.id)

    def choice(self) -> tuple[str, int, int | None]:
        return self.what.currentData(), self.meeting.currentData(), self.arende.currentData()

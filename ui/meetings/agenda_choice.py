"""Which meeting, and a new ärende or a bilaga to an existing one: the choice before
another feature puts its PDF on a meeting's agenda (app/meetings/agenda_documents.py).
The plan and the report ask it the same way; the caller makes the PDF and attaches it
on a worker."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.meetings import ArendeService
from ui.widgets.buttons import enable_or_explain

NO_MEETING = "Lägg upp ett sammanträde för nämnden under Sammanträden först"


class AgendaChoiceDialog(QDialog):
    """``meetings`` the nämnd's meetings that take new ärenden; ``lead`` rows shown above
    them (a label and its field, or a widget across the form); ``note`` says what
    happens on OK."""

    def __init__(self, db, meetings, note: str, lead: list[tuple[str, QWidget] | QWidget],
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("Lägg på dagordningen")
        self.setMinimumWidth(500)
        self.db = db
        self.meeting = QComboBox()
        self.meeting.setObjectName("sammantrade")
        for m in meetings:
            self.meeting.addItem(f"{m.datum} {m.organ_namn} ({m.status})", m.id)
        self.arende = QComboBox()
        self.arende.setObjectName("arende")
        self.meeting.currentIndexChanged.connect(lambda _i: self._load_arenden())
        self._load_arenden()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for row in lead:
            if isinstance(row, tuple):
                form.addRow(*row)
            else:
                form.addRow(row)
        form.addRow("Sammanträde:", self.meeting)
        form.addRow("Som bilaga till:", self.arende)
        explained = QLabel(note)
        explained.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Lägg till", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        enable_or_explain(self.ok, "" if self.meeting.count() else NO_MEETING)
        layout = QVBoxLayout(self)
        if self.meeting.count() == 0:
            missing = QLabel("Nämnden har inget sammanträde som kan ta emot nya ärenden. Lägg upp "
                             "sammanträdet under Sammanträden först.")
            missing.setWordWrap(True)
            layout.addWidget(missing)
        layout.addLayout(form)
        layout.addWidget(explained)
        layout.addWidget(self.buttons)

    def _load_arenden(self) -> None:
        self.arende.clear()
        self.arende.addItem("Ett nytt ärende på dagordningen", None)
        meeting_id = self.meeting.currentData()
        if meeting_id is not None:
            for a in ArendeService(self.db).arenden(meeting_id):
                self.arende.addItem(f"{a.nummer}. {a.rubrik}", a.id)

    def choice(self) -> tuple[int, int | None]:
        return self.meeting.currentData(), self.arende.currentData()

"""Reporting register entries at a meeting: choose the meeting, see how many entries
are waiting, and fill its "Redovisning av delegationsbeslut" and "Redovisning av
meddelanden" ärenden."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.session import Session
from app.validation import ValidationError
from ui.registers.common import RegisterTab
from ui.widgets.buttons import enable_or_explain
from ui.widgets.status import error_label


class ReportAtMeetingDialog(QDialog):
    """``filled(status text)`` after the ärenden were written."""

    filled = Signal(str)

    def __init__(self, session: Session, namnd_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Anmäl vid sammanträde")
        self.setMinimumWidth(480)
        self.service = session.reporting
        self.namnd_id = namnd_id
        self.meeting = QComboBox()
        for m in self.service.upcoming(namnd_id):
            self.meeting.addItem(f"{m.organ_namn} {m.datum} ({m.status})", m.id)
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.error = error_label("fel_anmalan")
        form = QFormLayout()
        form.addRow("&Sammanträde:", self.meeting)
        form.addRow(self.waiting)
        explanation = QLabel("Beslut och meddelanden som ännu inte anmälts och som är daterade senast "
                             "sammanträdesdagen knyts till sammanträdet. Listorna skrivs in i ärendena "
                             "”Redovisning av delegationsbeslut” och ”Redovisning av meddelanden” och "
                             "kommer med i handlingarna. Tills protokollet är justerat kan posterna "
                             "flyttas.")
        explanation.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Anmäl och skriv listorna", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.meeting.currentIndexChanged.connect(self._update)
        if self.meeting.count() == 0:
            self.waiting.setText("Nämnden har inga kommande sammanträden. Lägg in ett sammanträde först.")
            enable_or_explain(self.ok, "Lägg in ett kommande sammanträde under Sammanträden först")
        self._update()

    def _update(self) -> None:
        mid = self.meeting.currentData()
        if mid is None:
            return
        waiting_b, waiting_m = self.service.waiting(mid)
        tied_b, tied_m = self.service.tied(mid)
        self.waiting.setText(f"Väntar på anmälan: {waiting_b} delegationsbeslut och {waiting_m} meddelanden. "
                             f"Redan knutna till sammanträdet: {tied_b} och {tied_m}.")

    def accept(self) -> None:
        mid = self.meeting.currentData()
        if mid is None:
            return
        edited = self.service.hand_edited(mid)
        overwrite = self.ask_overwrite(edited) if edited else False
        if overwrite is None:
            return
        try:
            result = self.service.fill(mid, overwrite=overwrite)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        text = (f"{result.delegationsbeslut} delegationsbeslut och {result.meddelanden} meddelanden "
                f"anmäls vid sammanträdet {self.meeting.currentText()}.")
        if result.kept:
            names = " och ".join(f"”{t}”" for t in result.kept)
            text += (f" Texten i {names} är ändrad för hand och skrevs inte om; nya poster syns inte där "
                     "förrän listan skrivs om.")
        self.filled.emit(text)
        super().accept()

    def ask_overwrite(self, titles: list[str]) -> bool | None:
        """The lists of ``titles`` were edited by hand: True to write them anew, False to
        keep the edits (the entries are tied to the meeting all the same), None to stop.
        Keeping is the default button: losing typed text is the worse mistake."""
        names = "\n".join(f"• {t}" for t in titles)
        box = QMessageBox(QMessageBox.Icon.Question, "Listorna är ändrade för hand",
                          f"Texten i de här ärendena har ändrats sedan listorna skrevs:\n\n{names}\n\n"
                          "Om listorna skrivs om försvinner ändringarna. Behåller du dem kommer nya "
                          "poster inte med i texten.", parent=self)
        overwrite = box.addButton("Skriv om listorna", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Behåll ändringarna", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        if clicked is overwrite:
            return True
        if clicked is keep:
            return False
        return None


class ReportedAtMeetingTab(RegisterTab):
    """A register whose entries are reported at a meeting (delegationsbeslut,
    meddelanden): both tabs offer the same "Anmäl vid sammanträde" dialog."""

    def report_at_meeting(self) -> ReportAtMeetingDialog | None:
        if self.namnd_id() is None:
            return None
        dialog = ReportAtMeetingDialog(self.session, self.namnd_id(), self)
        self.dialog = dialog
        dialog.filled.connect(lambda text: (self.reload(), self.changed.emit(text)))
        dialog.open()
        return dialog

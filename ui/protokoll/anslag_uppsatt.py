""""Registrera uppsatt…": the day the anslag went up on the anslagstavla, which the
appeal period counts from (KL 8 kap 12 §, 13 kap 5 §; docs/domain/justering.md,
"Registering the day the anslag went up").

The dialog asks which anslag (a meeting with paragraphs justerade omedelbart has one per
justering), the day (today by default) and who put it up (the meeting's secretary by
default), and shows what follows from the day as it is typed. OK registers it on a
worker (``ProtokollService.mark_anslaget`` lays out and keeps the anslag that went up):
a refusal is shown under the field and nothing is stored; on success the dialog closes
with the :class:`ui.protokoll.jobs.Outcome` as its ``result_record``.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from app import clock
from app.changes import Changes
from app.jobs import JobEnvironmentError
from app.protokoll import anslag_uppsatt
from app.protokoll.justering import IntegritetsFel
from app.protokoll.model import Justering
from app.session import Session
from app.validation import FieldError, ValidationError
from ui import jobs
from ui.protokoll.jobs import anslag_uppsatt_job
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField

log = logging.getLogger(__name__)

#: Why "Registrera uppsatt…" is off (ui/widgets/buttons.py: enable_or_explain).
NOTHING_JUSTERAT = "Inget i protokollet är justerat än: anslaget sätts upp efter justeringen."


def why_not_registrable(justeringar: list[Justering]) -> str:
    """'' while an anslag is still to be registered as posted, else why not."""
    if not justeringar:
        return NOTHING_JUSTERAT
    if anslag_uppsatt.ej_uppsatta(justeringar):
        return ""
    days = sorted({j.anslag_uppsatt.isoformat() for j in justeringar if j.anslag_uppsatt})
    if len(justeringar) == 1:
        return f"Anslaget är redan registrerat som uppsatt {days[0]}; det registreras en gång."
    return f"Alla anslag är redan registrerade som uppsatta ({', '.join(days)}); de registreras en gång."


class AnslagUppsattDialog(RecordDialog):
    """Which anslag, the day it went up and by whom; OK registers it on a worker."""

    def __init__(self, session: Session, meeting_id: int, parent: QWidget | None = None):
        super().__init__("Registrera anslaget som uppsatt", parent)
        self.setObjectName("anslag_uppsatt_dialog")
        self.session, self.meeting_id = session, meeting_id
        svc = session.protokoll
        self.waiting = anslag_uppsatt.ej_uppsatta(svc.justeringar(meeting_id))
        labels = {p.arende_id: p.label for p in svc.paragrafer.paragrafer(meeting_id)}
        self.task = None
        self.save_button.setText("OK")
        self.save_button.setObjectName("registrera_uppsatt_ok")
        intro = QLabel("Registrera dagen då anslaget om justeringen sattes upp på anslagstavlan. "
                       "Överklagandetiden räknas från den dagen, och registreringen kan inte ändras "
                       "efteråt.")
        intro.setWordWrap(True)
        self.form_layout.addRow(intro)
        self.justering = QComboBox()
        self.justering.setObjectName("uppsatt_justering")
        for j in self.waiting:
            self.justering.addItem(anslag_uppsatt.benamning(j, labels), j.id)
        self.datum = DateField(clock.today())
        self.datum.setObjectName("uppsatt_datum")
        self.av = QLineEdit(svc.sekreterare_namn(meeting_id))
        self.av.setObjectName("uppsatt_av")
        self.foljd = QLabel()
        self.foljd.setObjectName("uppsatt_foljd")
        self.foljd.setWordWrap(True)
        self.form.add("justering_id", "&Anslag för:", self.justering)
        self.form.add("anslag_uppsatt", "&Uppsatt:", self.datum)
        self.form.add("gjord_av", "Uppsatt &av:", self.av)
        self.form_layout.addRow(self.foljd)
        self.finish_layout()
        self.datum.textChanged.connect(lambda _text: self.show_foljd())
        self.justering.currentIndexChanged.connect(lambda _i: self.show_foljd())
        self.show_foljd()

    # -- what follows from the day ------------------------------------------------------------------
    def chosen(self) -> Justering | None:
        return next((j for j in self.waiting if j.id == self.justering.currentData()), None)

    def show_foljd(self) -> None:
        j, day = self.chosen(), self.datum.quiet_value()
        lines = [] if j is None or day is None else anslag_uppsatt.forhandsbesked(j, day, clock.today())
        self.foljd.setText("\n".join(lines))

    # -- OK: register on a worker ------------------------------------------------------------------
    def build(self) -> tuple[int, date, str]:
        j = self.chosen()
        errors = []
        if j is None:
            errors.append(FieldError("justering_id", "Inget anslag väntar på att registreras som uppsatt."))
        try:
            day = self.datum.value()
        except ValueError as exc:
            errors.append(FieldError("anslag_uppsatt", str(exc)))
            day = None
        if day is None and not errors:
            errors.append(FieldError("anslag_uppsatt", "Ange dagen då anslaget sattes upp."))
        if errors:
            raise ValidationError(errors)
        assert j is not None and day is not None
        return j.id, day, " ".join(self.av.text().split())

    def accept(self) -> None:
        if self.task is not None:
            return
        self.form.clear()
        try:
            justering_id, day, av = self.build()
        except ValidationError as exc:
            self.form.show(exc)
            self.fit_height()
            return
        self._busy(True)
        # Laying out and keeping the anslag that went up takes longer than a click should.
        self.task = jobs.run(
            self, self.session, anslag_uppsatt_job(justering_id, day, av, clock.today()),
            progress="Registrerar anslaget som uppsatt …", cancellable=False,
            on_done=self._registered, on_error=self._refused,
            changes=Changes.of("protokoll", "meetings", meeting_ids=[self.meeting_id]))

    def reject(self) -> None:
        if self.task is None:  # the registration is one transaction: it finishes once begun
            super().reject()

    def _busy(self, busy: bool) -> None:
        for button in self.buttons.buttons():
            button.setEnabled(not busy)

    def _registered(self, outcome) -> None:
        self.task = None
        self._busy(False)
        self.result_record = outcome
        self.saved.emit(outcome)
        QDialog.accept(self)  # not RecordDialog.accept: the service was called on the worker

    def _refused(self, exc: BaseException, tb: str) -> None:
        self.task = None
        self._busy(False)
        if isinstance(exc, ValidationError):
            self.form.show(exc)
        elif isinstance(exc, JobEnvironmentError | IntegritetsFel | OSError):
            self.form.show(ValidationError([FieldError("", f"Anslaget registrerades inte: {exc}")]))
        else:
            log.error("Registreringen av anslaget misslyckades:\n%s", tb)
            said = f"Anslaget registrerades inte (oväntat fel: {exc}). Detaljer finns i loggen."
            self.form.show(ValidationError([FieldError("", said)]))
        self.fit_height()

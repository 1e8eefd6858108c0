"""Ej verkställda gynnande beslut: the anonymous register, and the report at a chosen
date as PDF, Excel or an ärende for a meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from app import clock
from app.numbers import format_number
from app.registers.ej_verkstallda import (
    KON,
    LAG_KORT,
    ORSAKER,
    EjVerkstalldaService,
    EjVerkstalltBeslut,
    EvbFilter,
)
from app.registers.excel import EjVerkstalldaImport
from app.session import Session
from ui.models import Column
from ui.registers.common import RegisterTab, combo
from ui.registers.evb_report import EvbReportDialog
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField

STATUS = (("Alla", None), ("Ej verkställda", "oppna"), ("Verkställda eller avslutade", "avslutade"))
LAG_LABELS = (("Socialtjänstlagen (SoL)", "SoL"),
              ("Lagen om stöd och service till vissa funktionshindrade (LSS)", "LSS"))
NO_NAMES = ("Registret är anonymt: skriv inga namn eller personnummer. Kön och datum räcker för "
            "rapporten.")


def status_text(b: EjVerkstalltBeslut, today: date) -> str:
    if b.verkstallt:
        return f"Verkställt {b.verkstallt}"
    if b.avslutat:
        return f"Avslutat {b.avslutat}"
    return f"Väntar, {format_number(b.dagar(today))} dagar"


class EvbDialog(RecordDialog):
    def __init__(self, service: EjVerkstalldaService, namnd_id: int, beslut: EjVerkstalltBeslut | None,
                 parent: QWidget | None = None):
        super().__init__("Ändra beslut" if beslut and beslut.id else "Nytt ej verkställt beslut", parent)
        self.setMinimumWidth(560)
        self.service = service
        self.original = beslut or EjVerkstalltBeslut(namnd_id=namnd_id)
        b = self.original
        note = QLabel(NO_NAMES)
        note.setWordWrap(True)
        self.form_layout.addRow(note)
        self.insats = QComboBox()
        self.insats.setEditable(True)
        self.insats.addItems(["", *service.insatser(namnd_id)])
        self.insats.setCurrentText(b.insats)
        self.insats.lineEdit().setPlaceholderText("t.ex. Äldreboende – demens")
        self.form.add("insats", "&Insats", self.insats)
        self.lag = self.form.add("lag", "&Lag", combo(list(LAG_LABELS), b.lag))
        self.beslutsdatum = self.form.add("beslutsdatum", "&Beslutsdatum", DateField(b.beslutsdatum))
        self.avbrott = self.form.add("avbrott", "A&vbrott",
                                     DateField(b.avbrott, "om verkställigheten avbröts"))
        kon = [("", "")] + [(f"{k} – {v}", k) for k, v in KON.items()]
        self.kon = self.form.add("kon", "&Kön", combo(kon, b.kon))
        self.orsak = self.form.add("orsak", "&Orsak", combo(
            [("", None)] + [(f"{k} – {v}", k) for k, v in ORSAKER.items()], b.orsak))
        self.orsak_text = self.form.add("orsak_text", "Orsak, &text", QLineEdit(b.orsak_text))
        self.erbjudanden = QSpinBox()
        self.erbjudanden.setRange(0, 99)
        self.erbjudanden.setValue(b.erbjudanden)
        self.form.add("erbjudanden", "&Erbjudanden", self.erbjudanden)
        self.tackat_nej = QSpinBox()
        self.tackat_nej.setRange(0, 99)
        self.tackat_nej.setValue(b.tackat_nej)
        self.form.add("tackat_nej", "&Tackat nej", self.tackat_nej)
        self.verkstallt = self.form.add("verkstallt", "&Verkställt", DateField(b.verkstallt))
        self.avslutat = self.form.add("avslutat", "Av&slutat",
                                      DateField(b.avslutat, "avslutat utan verkställighet"))
        self.finish_layout()

    def build(self) -> EjVerkstalltBeslut:
        return replace(
            self.original, insats=self.insats.currentText(), lag=self.lag.currentData(),
            beslutsdatum=self.beslutsdatum.iso(), avbrott=self.avbrott.iso(), kon=self.kon.currentData(),
            orsak=self.orsak.currentData(), orsak_text=self.orsak_text.text(),
            erbjudanden=self.erbjudanden.value(), tackat_nej=self.tackat_nej.value(),
            verkstallt=self.verkstallt.iso(), avslutat=self.avslutat.iso())

    def store(self, record: EjVerkstalltBeslut) -> EjVerkstalltBeslut:
        return self.service.save(record)


class EvbTab(RegisterTab):
    noun_one = "beslut"
    noun_many = "beslut"
    new_text = "Nytt beslut…"
    export_kind = "evb"

    def __init__(self, session: Session, namnd_id, parent=None):
        self.service = session.registers.evb
        super().__init__(session, namnd_id, parent)
        self.search.setPlaceholderText("Sök i insats eller orsak …")

    def add_filters(self, layout) -> None:
        self.status = combo(list(STATUS), "oppna")
        self.lag = combo([("Alla", None), ("SoL", "SoL"), ("LSS", "LSS")])
        for text, widget in (("S&tatus:", self.status), ("&Lag:", self.lag)):
            layout.addWidget(QLabel(text, buddy=widget))
            layout.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.reload())

    def extra_buttons(self) -> list[QWidget]:
        self.report_button = QPushButton("Rapport…")
        self.report_button.clicked.connect(self.open_report)
        return [self.report_button]

    def columns(self) -> list[Column]:
        today = clock.today()
        return [
            Column("Beslutsdatum", lambda b: b.beslutsdatum, sort_field="beslutsdatum", width=12),
            Column("Insats", lambda b: b.insats, sort_field="insats", stretch=True),
            Column("Lag", lambda b: LAG_KORT[b.lag], sort_field="lag", width=16),
            Column("Kön", lambda b: b.kon, sort_field="kon", width=5),
            Column("Orsak", lambda b: b.orsak, sort_field="orsak", width=6, tooltip=lambda b: b.orsak_label),
            Column("Tackat nej", lambda b: b.tackat_nej, width=9),
            Column("Avbrott", lambda b: b.avbrott or "", width=11),
            Column("Status", lambda b: status_text(b, today), sort_field="verkstallt", width=24),
        ]

    def filter(self) -> EvbFilter:
        return EvbFilter(self.namnd_id(), self.search.text(), self.status.currentData(),
                         self.lag.currentData())

    def load_ids(self, sort, descending, limit=None) -> list[int]:
        return self.service.ids(self.filter(), sort or "beslutsdatum", descending, limit=limit)

    def load_records(self, ids):
        return self.service.beslut(ids)

    def make_dialog(self, record):
        full = self.service.get(record.id) if record else None
        return EvbDialog(self.service, self.namnd_id(), full, self)

    def delete_ids(self, ids) -> None:
        self.service.delete(ids)

    def describe(self, record) -> str:
        return f"beslutet om {record.insats} från {record.beslutsdatum}"

    def import_target(self):
        return EjVerkstalldaImport(self.namnd_id())

    def export_selection(self):
        return self.filter()

    def open_report(self) -> EvbReportDialog | None:
        if self.namnd_id() is None:
            return None
        dialog = EvbReportDialog(self.session, self.namnd_id(), self)
        self.dialog = dialog
        dialog.done_text.connect(self.changed.emit)
        dialog.open()
        return dialog


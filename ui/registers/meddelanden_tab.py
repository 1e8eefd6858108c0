"""Meddelanden: incoming letters and decisions reported to the nämnd."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from app.registers.excel import MeddelandeImport
from app.registers.meddelanden import Meddelande, MeddelandeFilter, MeddelandeService
from ui.models import Column
from ui.registers.common import anmalan_combo
from ui.registers.meeting_dialog import ReportedAtMeetingTab
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField


class MeddelandeDialog(RecordDialog):
    def __init__(self, service: MeddelandeService, namnd_id: int, meddelande: Meddelande | None,
                 parent: QWidget | None = None):
        super().__init__("Ändra meddelande" if meddelande and meddelande.id else "Nytt meddelande", parent)
        self.setMinimumWidth(560)
        self.service = service
        self.original = meddelande or Meddelande(namnd_id=namnd_id)
        m = self.original
        if m.granskas:
            # Saving the entry is the user's confirmation; the mark then goes.
            self.review_note = QLabel(f"<b>Behöver granskas:</b> {html.escape(m.granskas)} Rätta eller "
                                      "bekräfta meddelandet och spara.")
            self.review_note.setWordWrap(True)
            self.form_layout.addRow(self.review_note)
        self.dnr = self.form.add("dnr", "D&nr", QLineEdit(m.dnr))
        self.dnr.setPlaceholderText("t.ex. VON 2022/44-73")
        self.rubrik = self.form.add("rubrik", "&Rubrik", QLineEdit(m.rubrik))
        self.inkom = self.form.add("inkom", "&Inkom", DateField(m.inkom))
        self.avsandare = self.form.add("avsandare", "&Avsändare", QLineEdit(m.avsandare))
        self.finish_layout()

    def build(self) -> Meddelande:
        return replace(self.original, dnr=self.dnr.text(), rubrik=self.rubrik.text(), inkom=self.inkom.iso(),
                       avsandare=self.avsandare.text())

    def store(self, record: Meddelande) -> Meddelande:
        return self.service.save(record)


class MeddelandenTab(ReportedAtMeetingTab):
    noun_one = "meddelande"
    noun_many = "meddelanden"
    new_text = "Nytt meddelande…"
    export_kind = "meddelanden"
    report_kind = "meddelanden"

    def __init__(self, session, namnd_id, parent=None):
        self.service = session.registers.meddelanden
        self.reporting = session.reporting
        self._labels: dict[int, str] = {}
        super().__init__(session, namnd_id, parent)
        self.search.setPlaceholderText("Sök i rubrik, Dnr, avsändare …")

    def add_filters(self, layout) -> None:
        super().add_filters(layout)
        self.anmalan = anmalan_combo()
        layout.addWidget(QLabel("Anm&älan:", buddy=self.anmalan))
        layout.addWidget(self.anmalan)
        self.anmalan.currentIndexChanged.connect(lambda _i: self.reload())
        # Rows an import stored with a meeting it could not find (the text is kept as
        # "Anmäld vid"); saving the entry in its form clears the mark.
        self.granskas = QCheckBox("Behöver &granskas")
        self.granskas.setToolTip("Visa bara meddelanden som importerades med en varning och ännu inte "
                                 "har öppnats och sparats")
        self.granskas.toggled.connect(lambda _on: self.reload())
        layout.addWidget(self.granskas)

    def extra_buttons(self) -> list[QWidget]:
        self.report_button = QPushButton("Anmäl vid sammanträde…")
        self.report_button.clicked.connect(self.report_at_meeting)
        return [self.report_button]

    def columns(self) -> list[Column]:
        return [
            Column("Inkom", lambda m: m.inkom or "", sort_field="inkom", width=11),
            Column("Dnr", lambda m: m.dnr, sort_field="dnr", width=17),
            Column("Rubrik", lambda m: m.rubrik, sort_field="rubrik", stretch=True,
                   tooltip=lambda m: m.rubrik),
            Column("Avsändare", lambda m: m.avsandare, sort_field="avsandare", width=26),
            Column("Anmäld vid",
                   lambda m: (self._labels.get(m.anmald_sammantrade_id, "") or m.anmald_vid or "")
                   + (" !" if m.granskas else ""),
                   sort_field="anmald", width=27,
                   tooltip=lambda m: (f"Behöver granskas: {m.granskas}" if m.granskas
                                      else self.anmald_tooltip(m))),
        ]

    def filter(self) -> MeddelandeFilter:
        return MeddelandeFilter(self.namnd_id(), self.search.text(), self.fran.quiet_value(),
                                self.till.quiet_value(), self.anmalan.currentData(),
                                granskas=self.granskas.isChecked())

    def before_reload(self) -> None:
        nid = self.namnd_id()
        self._labels = self.reporting.namnd_labels(nid) if nid else {}

    def load_ids(self, sort, descending, limit=None) -> list[int]:
        return self.service.ids(self.filter(), sort or "inkom", descending if sort else True, limit=limit)

    def load_records(self, ids):
        return self.service.meddelanden(ids)

    def make_dialog(self, record):
        full = self.service.get(record.id) if record else None
        return MeddelandeDialog(self.service, self.namnd_id(), full, self)

    def delete_ids(self, ids) -> None:
        self.service.delete(ids)

    def fetch(self, entry_id: int):
        """One whole meddelande (for Redigera → Ångra, ui/registers/undo_steps.py)."""
        return self.service.get(entry_id)

    def store(self, record):
        return self.service.save(record)

    def describe(self, record) -> str:
        return f"meddelandet ”{record.entry_text()}”"

    def import_target(self):
        return MeddelandeImport(self.namnd_id())

    def export_selection(self):
        return self.filter()

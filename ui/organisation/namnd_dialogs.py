"""Dialogs for a nämnd, one of its organ, and one of its förvaltningar."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app import clock
from app.organisation import (
    ORGAN_TYPER,
    Forvaltning,
    Namnd,
    Organ,
    OrganisationService,
    format_paragraf,
)
from ui.widgets.dialogs import RecordDialog

PARAGRAF_FORMAT_FORSLAG = ("§ {nr}", "§ {kod}.{år}.{nr}", "§ {kod} {nr}/{år}")


class NamndDialog(RecordDialog):
    def __init__(self, service: OrganisationService, namnd: Namnd | None, parent: QWidget | None = None):
        super().__init__("Ändra nämnd" if namnd and namnd.id else "Ny nämnd", parent)
        self.service = service
        self.original = namnd or Namnd()
        self.namn = self.form.add("namn", "&Namn", QLineEdit(self.original.namn))
        self.namn.setPlaceholderText("t.ex. Vård- och omsorgsnämnden")
        self.kortnamn = self.form.add("kortnamn", "&Kortnamn", QLineEdit(self.original.kortnamn))
        self.kortnamn.setPlaceholderText("t.ex. VON")
        self.kortnamn.setMaxLength(12)
        if self.original.id is None:
            note = QLabel("Nämnden får samtidigt ett organ med samma namn, för dess sammanträden "
                          "och protokoll.")
            note.setWordWrap(True)
            self.form_layout.addRow(note)
        self.finish_layout()

    def build(self) -> Namnd:
        return replace(self.original, namn=self.namn.text(), kortnamn=self.kortnamn.text())

    def store(self, record: Namnd) -> Namnd:
        return self.service.save_namnd(record)


class OrganDialog(RecordDialog):
    """An organ; the paragraph number format shows a live example of the first §."""

    def __init__(self, service: OrganisationService, organ: Organ, parent: QWidget | None = None):
        super().__init__("Ändra organ" if organ.id else "Nytt organ", parent)
        self.service = service
        self.original = organ
        self.namn = self.form.add("namn", "&Namn", QLineEdit(organ.namn))
        self.namn.setPlaceholderText("t.ex. Vård- och omsorgsnämndens arbetsutskott")
        self.typ = QComboBox()
        self.typ.addItems(list(ORGAN_TYPER))
        self.typ.setCurrentText(organ.typ)
        self.form.add("typ", "&Typ", self.typ)
        self.kortnamn = self.form.add("kortnamn", "&Kortnamn", QLineEdit(organ.kortnamn))
        self.kortnamn.setPlaceholderText("t.ex. VONAU (blir {kod} i paragrafnumret)")
        self.format = QComboBox()
        self.format.setEditable(True)
        self.format.addItems(list(PARAGRAF_FORMAT_FORSLAG))
        self.format.setCurrentText(organ.paragraf_format)
        self.format.setToolTip("{nr} = löpnummer under året, {år} = årtal, {kod} = organets kortnamn")
        self.form.add("paragraf_format", "&Paragrafformat", self.format)
        self.start = QSpinBox()
        self.start.setRange(1, 99999)
        self.start.setValue(organ.paragraf_startnummer)
        self.start.setToolTip("Numret på årets första paragraf, t.ex. när numreringen "
                              "fortsätter från ett annat system mitt i året.")
        self.form.add("paragraf_startnummer", "&Första paragrafnummer", self.start)
        self.example = QLabel()
        self.example.setObjectName("paragraf_exempel")
        self.example.setWordWrap(True)
        self.form_layout.addRow("Exempel", self.example)
        self.format.currentTextChanged.connect(self.update_example)
        self.kortnamn.textChanged.connect(self.update_example)
        self.start.valueChanged.connect(self.update_example)
        self.update_example()
        self.finish_layout()

    def update_example(self) -> None:
        year = clock.today().year
        fmt, kod, first = self.format.currentText(), self.kortnamn.text().strip(), self.start.value()
        labels = [format_paragraf(fmt, nr, year, kod) for nr in (first, first + 1)]
        self.example.setText(f"{labels[0]}, {labels[1]} …\nså numreras årets första paragrafer {year}")

    def build(self) -> Organ:
        return replace(self.original, namn=self.namn.text(), typ=self.typ.currentText(),
                       kortnamn=self.kortnamn.text(), paragraf_format=self.format.currentText(),
                       paragraf_startnummer=self.start.value())

    def store(self, record: Organ) -> Organ:
        return self.service.save_organ(record)


class ForvaltningDialog(RecordDialog):
    def __init__(self, service: OrganisationService, forvaltning: Forvaltning,
                 parent: QWidget | None = None):
        super().__init__("Ändra förvaltning" if forvaltning.id else "Ny förvaltning", parent)
        self.service = service
        self.original = forvaltning
        self.namn = self.form.add("namn", "&Namn", QLineEdit(forvaltning.namn))
        self.namn.setPlaceholderText("t.ex. Socialförvaltningen")
        self.kortnamn = self.form.add("kortnamn", "&Kortnamn", QLineEdit(forvaltning.kortnamn))
        self.kortnamn.setPlaceholderText("t.ex. SOF")
        self.finish_layout()

    def build(self) -> Forvaltning:
        return replace(self.original, namn=self.namn.text(), kortnamn=self.kortnamn.text())

    def store(self, record: Forvaltning) -> Forvaltning:
        return self.service.save_forvaltning(record)

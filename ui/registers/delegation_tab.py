"""Delegationsbeslut: the register with its categories, the form for one entry in any
of the five shapes, and reporting the entries at a meeting."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.registers.delegation import FORMER, BeslutFilter, Delegationsbeslut, DelegationService, Kategori
from app.registers.excel import DelegationsbeslutImport
from app.validation import ValidationError
from db.textsort import swedish_sorted
from ui.models import Column
from ui.registers.common import anmalan_combo, combo
from ui.registers.meeting_dialog import ReportedAtMeetingTab
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField

NO_CATEGORY = "(ingen kategori)"
#: Which fields each shape uses.
SHAPE_FIELDS = {
    "beslut": {"datum", "delegat", "punkt", "dnr", "beskrivning"},
    "protokoll": {"datum", "delegat", "paragrafer"},
    "period": {"datum", "datum_till", "delegat"},
    "antal": {"datum", "delegat", "punkt", "antal"},
    "text": {"datum", "delegat", "punkt", "beskrivning"},
}


class BeslutDialog(RecordDialog):
    def __init__(self, service: DelegationService, namnd_id: int, beslut: Delegationsbeslut | None,
                 people: list[tuple[str, int]], parent: QWidget | None = None):
        title = "Ändra delegationsbeslut" if beslut and beslut.id else "Nytt delegationsbeslut"
        super().__init__(title, parent)
        self.setMinimumWidth(560)
        self.service = service
        self.original = beslut or Delegationsbeslut(namnd_id=namnd_id)
        b = self.original
        if b.granskas:
            # Saving the entry is the user's confirmation; the mark then goes.
            self.review_note = QLabel(f"<b>Behöver granskas:</b> {html.escape(b.granskas)} Rätta eller "
                                      "bekräfta beslutet och spara.")
            self.review_note.setWordWrap(True)
            self.form_layout.addRow(self.review_note)
        kategorier = service.kategorier(namnd_id)
        self.kategori = combo([(NO_CATEGORY, None)] + [(k.namn, k.id) for k in kategorier], b.kategori_id)
        self.form.add("kategori_id", "&Kategori", self.kategori)
        self.forms = combo([(label, key) for key, label in FORMER.items()], b.form)
        self.form.add("form", "&Form", self.forms)
        self.datum = self.form.add("datum", "&Datum", DateField(b.datum))
        self.datum_till = self.form.add("datum_till", "&Till och med", DateField(b.datum_till))
        self.delegat = QComboBox()
        self.delegat.setEditable(True)
        self.delegat.addItem("", None)
        roles = swedish_sorted({p.delegat for o in service.ordningar(namnd_id)[:1]
                                for p in service.get_ordning(o.id).punkter})
        for name, pid in people:
            self.delegat.addItem(name, pid)
        for role in roles:
            self.delegat.addItem(role, None)
        self.delegat.setCurrentText(b.delegat_namn)
        self.delegat.lineEdit().setPlaceholderText("Person eller roll, t.ex. Förvaltningschef")
        self.form.add("delegat", "D&elegat", self.delegat, also=("delegat_person_id",))
        self.punkt = QComboBox()
        self.punkt.setEditable(True)
        self.punkt.addItem("")
        current = service.ordning_i_kraft(namnd_id, b.datum or clock.today())
        for p in current.punkter if current else []:
            self.punkt.addItem(f"{p.nummer}", p.nummer)
            self.punkt.setItemData(self.punkt.count() - 1, f"{p.arendetyp} ({p.delegat})", 3)
        self.punkt.setCurrentText(b.punkt)
        self.form.add("punkt", "&Punkt i delegationsordningen", self.punkt, also=("punkt_id",))
        self.dnr = self.form.add("dnr", "D&nr", QLineEdit(b.dnr))
        self.beskrivning = self.form.add("beskrivning", "&Beskrivning", QLineEdit(b.beskrivning))
        self.paragrafer = self.form.add("paragrafer", "P&aragrafer", QLineEdit(b.paragrafer))
        self.paragrafer.setPlaceholderText("t.ex. § 15-19")
        self.antal = QSpinBox()
        self.antal.setRange(0, 10_000_000)
        self.antal.setValue(b.antal or 0)
        self.form.add("antal", "A&ntal", self.antal)
        self.forms.currentIndexChanged.connect(self._shape_changed)
        self.kategori.currentIndexChanged.connect(self._category_changed)
        self._kategorier = {k.id: k for k in kategorier}
        self._shape_changed()
        self.finish_layout()

    def _category_changed(self) -> None:
        # A new entry takes the category's usual shape ("Anställningsavtal" is a count).
        k = self._kategorier.get(self.kategori.currentData())
        if k is not None and self.original.id is None:
            self.forms.setCurrentIndex(self.forms.findData(k.standardform))

    def _shape_changed(self) -> None:
        used = SHAPE_FIELDS[self.forms.currentData()]
        unused = f"Formen ”{self.forms.currentText()}” använder inte fältet. Byt Form om det behövs."
        for name, widget in (("datum_till", self.datum_till), ("delegat", self.delegat),
                             ("punkt", self.punkt), ("dnr", self.dnr), ("beskrivning", self.beskrivning),
                             ("paragrafer", self.paragrafer), ("antal", self.antal)):
            enable_or_explain(widget, "" if name in used else unused)

    def build(self) -> Delegationsbeslut:
        form = self.forms.currentData()
        used = SHAPE_FIELDS[form]
        text = self.delegat.currentText().strip()
        index = self.delegat.findText(text)
        person_id = self.delegat.itemData(index) if index >= 0 else None
        return replace(
            self.original, form=form, kategori_id=self.kategori.currentData(), datum=self.datum.iso(),
            datum_till=self.datum_till.iso() if "datum_till" in used else None,
            delegat_person_id=person_id, delegat="" if person_id else text,
            punkt=self.punkt.currentText().strip() if "punkt" in used else "",
            dnr=self.dnr.text() if "dnr" in used else "",
            beskrivning=self.beskrivning.text() if "beskrivning" in used else "",
            paragrafer=self.paragrafer.text() if "paragrafer" in used else "",
            antal=self.antal.value() if "antal" in used else None)

    def store(self, record: Delegationsbeslut) -> Delegationsbeslut:
        return self.service.save_beslut(record)


class KategoriDialog(QDialog):
    """The nämnd's categories in print order: add, rename, move, remove."""

    def __init__(self, service: DelegationService, namnd_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Kategorier för delegationsbeslut")
        self.service, self.namnd_id = service, namnd_id
        self.list = QListWidget()
        buttons = QVBoxLayout()
        self.actions = {}
        for key, text in (("ny", "Ny…"), ("byt", "Byt namn…"), ("upp", "Flytta upp"), ("ned", "Flytta ned"),
                          ("bort", "Ta bort")):
            button = QPushButton(text)
            buttons.addWidget(button)
            self.actions[key] = button
        buttons.addStretch(1)
        # clicked(bool) must not reach the optional name as False.
        self.actions["ny"].clicked.connect(lambda _=False: self.add())
        self.actions["byt"].clicked.connect(lambda _=False: self.rename())
        self.actions["upp"].clicked.connect(lambda: self.move(-1))
        self.actions["ned"].clicked.connect(lambda: self.move(1))
        self.actions["bort"].clicked.connect(self.remove)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for k in self.service.kategorier(self.namnd_id):
            item = QListWidgetItem(f"{k.ordning}. {k.namn}")
            item.setData(256, k.id)
            self.list.addItem(item)
            if k.id == select:
                self.list.setCurrentItem(item)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(256) if item else None

    def _try(self, action) -> bool:
        try:
            action()
            return True
        except ValidationError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False

    def add(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "Ny kategori", "Namn:")
            if not ok:
                return
        saved = []
        if self._try(lambda: saved.append(self.service.save_kategori(Kategori(self.namnd_id, name)))):
            self.reload(saved[0].id)

    def rename(self, name: str | None = None) -> None:
        kid = self.current_id()
        if kid is None:
            return
        current = next(k for k in self.service.kategorier(self.namnd_id) if k.id == kid)
        if name is None:
            name, ok = QInputDialog.getText(self, "Byt namn", "Namn:", text=current.namn)
            if not ok:
                return
        if self._try(lambda: self.service.save_kategori(replace(current, namn=name))):
            self.reload(kid)

    def move(self, steps: int) -> None:
        kid = self.current_id()
        if kid is not None:
            self.service.move_kategori(kid, steps)
            self.reload(kid)

    def remove(self) -> None:
        kid = self.current_id()
        if kid is None:
            return
        used = self.service.count(BeslutFilter(self.namnd_id, kategori_id=kid))
        if used and QMessageBox.question(
                self, "Ta bort kategori", f"{used} beslut har kategorin. De blir utan kategori (”Övrigt”). "
                "Ta bort kategorin ändå?") != QMessageBox.StandardButton.Yes:
            return
        self.service.delete_kategori(kid)
        self.reload()


class DelegationTab(ReportedAtMeetingTab):
    noun_one = "delegationsbeslut"
    noun_many = "delegationsbeslut"
    new_text = "Nytt beslut…"
    export_kind = "delegationsbeslut"
    report_kind = "delegationsbeslut"

    def __init__(self, session, namnd_id, parent=None):
        self.service = session.registers.delegation
        self.reporting = session.reporting
        self._labels: dict[int, str] = {}
        super().__init__(session, namnd_id, parent)
        self.search.setPlaceholderText("Sök i beskrivning, Dnr, delegat, punkt …")

    def add_filters(self, layout) -> None:
        super().add_filters(layout)
        self.kategori = QComboBox()
        self.anmalan = anmalan_combo()
        for label, widget in (("&Kategori:", self.kategori), ("Anm&älan:", self.anmalan)):
            layout.addWidget(QLabel(label, buddy=widget))
            layout.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.reload())
        # Rows an import stored with a reference it could not resolve (a Punkt not in the
        # ordning, an unknown delegat); saving the entry in its form clears the mark.
        self.granskas = QCheckBox("Behöver &granskas")
        self.granskas.setToolTip("Visa bara beslut som importerades med en varning och ännu inte har "
                                 "öppnats och sparats")
        self.granskas.toggled.connect(lambda _on: self.reload())
        layout.addWidget(self.granskas)

    def extra_buttons(self) -> list[QWidget]:
        self.kategori_button = QPushButton("Kategorier…")
        self.kategori_button.clicked.connect(self.edit_categories)
        self.report_button = QPushButton("Anmäl vid sammanträde…")
        self.report_button.clicked.connect(self.report_at_meeting)
        return [self.kategori_button, self.report_button]

    def columns(self) -> list[Column]:
        return [
            Column("Datum", lambda b: b.datum or "", sort_field="datum", width=11),
            Column("Kategori", lambda b: b.kategori_namn, sort_field="kategori", width=18),
            Column("Beslut", lambda b: b.entry_text(), sort_field="beskrivning", stretch=True,
                   tooltip=lambda b: b.entry_text()),
            Column("Delegat", lambda b: b.delegat_namn, sort_field="delegat", width=20),
            Column("Punkt", lambda b: b.punkt + (" !" if b.granskas else ""), sort_field="punkt", width=7,
                   tooltip=lambda b: f"Behöver granskas: {b.granskas}" if b.granskas else ""),
            Column("Anmäld vid",
                   lambda b: self._labels.get(b.anmald_sammantrade_id, "") or b.anmald_vid or "",
                   sort_field="anmald",
                   width=27, tooltip=self.anmald_tooltip),
        ]

    def filter(self) -> BeslutFilter:
        return BeslutFilter(self.namnd_id(), self.search.text(), self.fran.quiet_value(),
                            self.till.quiet_value(), self.kategori.currentData(), self.anmalan.currentData(),
                            granskas=self.granskas.isChecked())

    def before_reload(self) -> None:
        nid = self.namnd_id()
        keep = self.kategori.currentData()
        self.kategori.blockSignals(True)
        self.kategori.clear()
        self.kategori.addItem("Alla", None)
        for k in self.service.kategorier(nid) if nid else []:
            self.kategori.addItem(k.namn, k.id)
        self.kategori.addItem(NO_CATEGORY, 0)
        self.kategori.setCurrentIndex(max(0, self.kategori.findData(keep)))
        self.kategori.blockSignals(False)
        self._labels = self.reporting.namnd_labels(nid) if nid else {}

    def load_ids(self, sort, descending, limit=None) -> list[int]:
        return self.service.beslut_ids(self.filter(), sort or "datum", descending if sort else True,
                                       limit=limit)

    def load_records(self, ids):
        return self.service.beslut(ids)

    def make_dialog(self, record):
        people = [(p.namn, p.id) for p in self.session.organisation.personer()
                  if p.ar_tjansteman]
        full = self.service.get_beslut(record.id) if record else None
        return BeslutDialog(self.service, self.namnd_id(), full, people, self)

    def delete_ids(self, ids) -> None:
        self.service.delete_beslut(ids)

    def fetch(self, entry_id: int):
        """One whole delegationsbeslut (for Redigera → Ångra, ui/registers/undo_steps.py)."""
        return self.service.get_beslut(entry_id)

    def store(self, record):
        return self.service.save_beslut(record)

    def describe(self, record) -> str:
        return f"beslutet ”{record.entry_text()}”"

    def import_target(self):
        return DelegationsbeslutImport(self.namnd_id())

    def export_selection(self):
        return self.filter()

    def edit_categories(self) -> KategoriDialog | None:
        if self.namnd_id() is None:
            return None
        dialog = KategoriDialog(self.service, self.namnd_id(), self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self.reload())
        dialog.open()
        return dialog

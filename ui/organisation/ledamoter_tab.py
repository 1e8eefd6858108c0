"""Ledamöter och ersättare: the seats (uppdrag) of one organ on a chosen day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.organisation import ROLLER, OrganisationService, Person, Uppdrag, mandatperiod
from app.validation import ValidationError
from ui.models import CENTER, RIGHT, Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.organisation.avsluta_dialog import AvslutaDialog
from ui.widgets import dialogs
from ui.widgets.buttons import ButtonRow
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField
from ui.widgets.status import StatusLine
from ui.widgets.text import plural, swedish_list

_ROLL_ORDER = {r: i for i, r in enumerate(ROLLER)}


def _role_key(u: Uppdrag):
    return (_ROLL_ORDER.get(u.roll, 9), u.ordning or 10**6)


UPPDRAG_COLUMNS = [
    Column("Roll", lambda u: u.roll, width=20, sort_key=_role_key),
    Column("Namn", lambda u: u.person_namn, width=30),
    Column("Parti", lambda u: u.parti, width=7),
    Column("Från", lambda u: u.fran, CENTER, width=12),
    Column("Till", lambda u: u.till, CENTER, width=12),
    Column("Ordning", lambda u: u.ordning, RIGHT, width=8,
           tooltip=lambda u: "Ersättarnas inkallelseordning" if u.ordning else ""),
    Column("Avslutat", lambda u: f"avslutat {u.avslutad}" if u.avslutad else "", width=19,
           tooltip=lambda u: f"Personen lämnade uppdraget; sista dag {u.avslutad}" if u.avslutad else ""),
]


def person_label(p: Person) -> str:
    label = f"{p.efternamn}, {p.fornamn}"
    if p.parti:
        label += f" ({p.parti})"
    elif p.ar_tjansteman:
        label += f" ({p.titel or 'tjänsteman'})"
    return label


class UppdragDialog(RecordDialog):
    def __init__(self, service: OrganisationService, uppdrag: Uppdrag, organ_namn: str,
                 parent: QWidget | None = None):
        super().__init__("Ändra uppdrag" if uppdrag.id else "Nytt uppdrag", parent)
        self.service = service
        self.original = uppdrag
        self.form_layout.addRow("Organ", QLabel(organ_namn))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.lineEdit().setPlaceholderText("Skriv för att söka…")
        for p in service.personer():
            # Förtroendevalda hold seats; a tjänsteman is listed only if already chosen.
            if not p.ar_tjansteman or p.id == uppdrag.person_id:
                self.person.addItem(person_label(p), p.id)
        completer = self.person.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person.setCurrentIndex(self.person.findData(uppdrag.person_id))
        self.form.add("person_id", "&Person", self.person)
        self.roll = QComboBox()
        self.roll.addItems(list(ROLLER))
        self.roll.setCurrentText(uppdrag.roll)
        self.form.add("roll", "&Roll", self.roll)
        self.fran = self.form.add("fran", "&Från", DateField(uppdrag.fran))
        self.till = self.form.add("till", "&Till", DateField(uppdrag.till))
        self.ordning = QSpinBox()
        self.ordning.setRange(0, 999)
        self.ordning.setSpecialValueText("–")
        self.ordning.setValue(uppdrag.ordning or 0)
        self.ordning.setToolTip("Ersättarnas ordning när de kallas in (1 = först).")
        self.form.add("ordning", "&Ordning", self.ordning)
        self.roll.currentTextChanged.connect(self._roll_changed)
        self._roll_changed(self.roll.currentText())
        self.finish_layout()

    def _roll_changed(self, roll: str) -> None:
        self.ordning.setEnabled(roll == "ersättare")

    def selected_person_id(self) -> int:
        # The typed text must name a listed person; the last picked item does not count.
        index = self.person.findText(self.person.currentText().strip())
        return self.person.itemData(index) if index >= 0 else 0

    def build(self) -> Uppdrag:
        roll = self.roll.currentText()
        ordning = self.ordning.value() if roll == "ersättare" and self.ordning.value() else None
        return replace(self.original, person_id=self.selected_person_id(), roll=roll,
                       fran=self.fran.iso() or "", till=self.till.iso() or "", ordning=ordning)

    def store(self, record: Uppdrag) -> Uppdrag:
        return self.service.save_uppdrag(record)


class LedamoterTab(QWidget):
    def __init__(self, service: OrganisationService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.dialog: RecordDialog | None = None

        self.organ = QComboBox()
        self.organ.setObjectName("val_organ")
        self.organ.setMinimumContentsLength(30)
        self._day = clock.today()
        self.day = DateField(self._day)
        self.day.setObjectName("val_datum")
        self.summary = QLabel()
        self.summary.setObjectName("sammanfattning")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Organ:", buddy=self.organ))
        top.addWidget(self.organ)
        top.addSpacing(12)
        top.addWidget(QLabel("&Datum:", buddy=self.day))
        top.addWidget(self.day)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)

        self.model = RecordTableModel(UPPDRAG_COLUMNS, parent=self)
        self.view = RecordTableView(self.model)
        self.view.setObjectName("uppdrag")
        self.buttons = ButtonRow("Nytt uppdrag…", self.new_uppdrag, self.edit_uppdrag,
                                 self.delete_uppdrag)
        # Ending a seat instead of deleting it (app/avslut.py); reopens an ended one.
        self.end_button = QPushButton("Avsluta…")
        self.end_button.setObjectName("avsluta_uppdrag")
        self.end_button.clicked.connect(lambda _=False: self.end_or_reopen_uppdrag())
        self.buttons.layout().insertWidget(2, self.end_button)
        self.status = StatusLine("ledamoter_meddelande")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.status)

        self.organ.currentIndexChanged.connect(lambda _i: self.reload())
        # A typed day counts once the field is left or Enter pressed, a picked one at once.
        self.day.editingFinished.connect(self._day_entered)
        self.view.current_changed.connect(lambda rec: self.buttons.set_has_selection(rec is not None))
        self.view.current_changed.connect(self._end_state)
        self.view.edit_requested.connect(self.edit_uppdrag)
        self.view.delete_requested.connect(self.delete_uppdrag)
        self.reload_organ()
        self.view.set_column_widths()

    def reload_organ(self) -> None:
        """Fill the organ choice (all nämnder's organ), keeping the chosen one."""
        keep = self.organ.currentData()
        self.organ.blockSignals(True)
        self.organ.clear()
        for namnd in self.service.namnder():
            for organ in self.service.organ(namnd.id):
                ended = organ.avslutad or namnd.avslutad
                # Ended organs stay listed for their history, marked as such.
                self.organ.addItem(f"{organ.namn} (avslutat {ended})" if ended else organ.namn, organ.id)
        self.organ.setCurrentIndex(max(0, self.organ.findData(keep)))
        self.organ.setEnabled(self.organ.count() > 0)
        self.organ.blockSignals(False)
        self.reload()

    def organ_id(self) -> int | None:
        return self.organ.currentData()

    def _day_entered(self) -> None:
        # Leaving the field unchanged (as when the window closes) reads nothing again.
        shown = self._day
        if self.chosen_day() != shown:
            self.reload()

    def chosen_day(self) -> date:
        """The day typed or picked; while the text cannot be read (the field says why in
        red), the last day that could."""
        typed = self.day.quiet_value()
        if typed is not None:
            self._day = typed
        return self._day

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.view.current_id()
        organ_id = self.organ_id()
        has_organ = organ_id is not None
        day = self.chosen_day()
        listed = self.service.uppdrag(organ_id, on_date=day, include_ended=True) if has_organ else []
        self.model.set_records(listed)
        self.view.select_id(keep)
        self._end_state(self.view.current_record())
        if not has_organ:
            self.buttons.new.setEnabled(False)
            self.summary.setText("Lägg först in en nämnd under ”Nämnder och organ”.")
            return
        in_use = any(o.id == organ_id for o in self.service.organ(active_on=clock.today()))
        self.buttons.new.setEnabled(in_use)
        self.buttons.new.setToolTip("" if in_use else "Organet är avslutat; återöppna det under ”Nämnder "
                                    "och organ” för att lägga till uppdrag.")
        # Seats ended before the day are listed (marked) but do not count.
        rows = [u for u in listed if u.active_on(day)]
        counts = {roll: sum(1 for u in rows if u.roll == roll) for roll in ROLLER}
        ledamoter = len(rows) - counts["ersättare"]
        if not rows:
            self.summary.setText(f"Inga ledamöter eller ersättare {self.chosen_day().isoformat()}.")
            return
        parts = [plural(ledamoter, "ledamot", "ledamöter"),
                 plural(counts["ersättare"], "ersättare", "ersättare")]
        text = swedish_list(parts)
        if not counts["ordförande"]:
            text += " – ingen ordförande detta datum"
        self.summary.setText(text)

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        return dialogs.open_dialog(self, dialog, self._saved)

    def _saved(self, uppdrag: Uppdrag) -> None:
        # Show the saved seat even if it starts after the chosen day.
        if not (uppdrag.fran <= self.chosen_day().isoformat() <= uppdrag.till):
            self.day.setText(uppdrag.fran)
        self.reload(uppdrag.id)

    def new_uppdrag(self) -> RecordDialog | None:
        organ_id = self.organ_id()
        if organ_id is None:
            return None
        fran, till = mandatperiod(self.chosen_day())
        ordning = max((u.ordning or 0 for u in self.model.records if u.roll == "ersättare"), default=0)
        uppdrag = Uppdrag(organ_id=organ_id, roll="ledamot", fran=fran.isoformat(),
                          till=till.isoformat(), ordning=ordning + 1)
        return self._open(UppdragDialog(self.service, uppdrag, self.organ.currentText(), self))

    def edit_uppdrag(self, uppdrag: Uppdrag | None = None) -> RecordDialog | None:
        uppdrag = uppdrag or self.view.current_record()
        if uppdrag is None:
            return None
        return self._open(UppdragDialog(self.service, uppdrag, self.organ.currentText(), self))

    def delete_uppdrag(self, uppdrag: Uppdrag | None = None) -> bool:
        uppdrag = uppdrag or self.view.current_record()
        if uppdrag is None:
            return False
        text = (f"Ta bort uppdraget för {uppdrag.person_namn} som {uppdrag.roll} i "
                f"{uppdrag.organ_namn} ({uppdrag.fran} – {uppdrag.till})?\n\n"
                "Bara uppdraget tas bort; personen finns kvar i personregistret och i de protokoll där "
                "hen finns med. Om personen har lämnat uppdraget: avsluta det hellre, så syns det i "
                "listan med sin sista dag. Borttagningen går inte att ångra.")
        if not dialogs.confirm(self, "Ta bort uppdrag", text):
            return False
        self.service.delete_uppdrag(uppdrag.id)
        self.reload()
        return True

    # -- ending --------------------------------------------------------------------------------
    def _end_state(self, uppdrag: Uppdrag | None) -> None:
        self.end_button.setEnabled(uppdrag is not None)
        self.end_button.setText("Återöppna…" if uppdrag is not None and uppdrag.avslutad else "Avsluta…")

    def end_or_reopen_uppdrag(self, uppdrag: Uppdrag | None = None) -> RecordDialog | None:
        uppdrag = uppdrag or self.view.current_record()
        if uppdrag is None:
            return None
        self.status.clear_message()
        if uppdrag.avslutad:
            text = (f"Återöppna uppdraget för {uppdrag.person_namn} som {uppdrag.roll} i "
                    f"{uppdrag.organ_namn}, avslutat {uppdrag.avslutad}?\n\n"
                    f"Det gäller då till {uppdrag.till}.")
            if dialogs.confirm(self, "Återöppna uppdrag", text, ok_text="Återöppna"):
                try:
                    self.service.reopen_uppdrag(uppdrag.id)
                except ValidationError as exc:
                    self.status.error(str(exc))
                self.reload(uppdrag.id)
            return None
        explanation = (f"{uppdrag.person_namn} lämnar uppdraget som {uppdrag.roll} i {uppdrag.organ_namn} "
                       "efter den dag du väljer. Uppdraget finns kvar i listan, märkt som avslutat, och "
                       "personen finns kvar i personregistret och i protokollen. Från dagen efter räknas "
                       "personen inte längre till organet (kallelser, närvaro i nya protokoll).")

        def ended(u: Uppdrag) -> None:
            self.reload(u.id)
            self.status.info(f"Uppdraget för {u.person_namn} är avslutat {u.avslutad}.")

        dialog = AvslutaDialog("Avsluta uppdrag", explanation,
                               lambda day: self.service.avsluta_uppdrag(uppdrag.id, day), self)
        return dialogs.open_dialog(self, dialog, ended)

"""Nämnder och organ: the nämnder, and for the selected one its organ and förvaltningar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app import clock
from app.organisation import ORGAN_TYPER, Forvaltning, Namnd, Organ, OrganisationService
from app.validation import ValidationError
from ui.models import RIGHT, Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.organisation.avsluta_dialog import AvslutaDialog
from ui.organisation.namnd_dialogs import ForvaltningDialog, NamndDialog, OrganDialog
from ui.widgets import dialogs
from ui.widgets.buttons import ButtonRow
from ui.widgets.dialogs import RecordDialog
from ui.widgets.status import StatusLine
from ui.widgets.text import plural, swedish_list

_TYP_ORDER = {t: i for i, t in enumerate(ORGAN_TYPER)}

def _avslutad(record) -> str:
    return f"avslutad {record.avslutad}" if record.avslutad else ""


NAMND_COLUMNS = [
    Column("Namn", lambda n: n.namn, stretch=True, tooltip=lambda n: n.namn),
    Column("Kortnamn", lambda n: n.kortnamn, width=9),
    Column("Avslutad", _avslutad, width=19),
]
ORGAN_COLUMNS = [
    Column("Namn", lambda o: o.namn, stretch=True, tooltip=lambda o: o.namn),
    Column("Typ", lambda o: o.typ, width=13, sort_key=lambda o: _TYP_ORDER.get(o.typ, 9)),
    Column("Kortnamn", lambda o: o.kortnamn, width=10),
    Column("Paragrafformat", lambda o: o.paragraf_format, width=17),
    Column("Första §", lambda o: o.paragraf_label(o.paragraf_startnummer, clock.today().year),
           width=17, sort_key=lambda o: o.paragraf_startnummer,
           tooltip=lambda o: f"Årets första paragraf med nummer {o.paragraf_startnummer}"),
    Column("Startnr", lambda o: o.paragraf_startnummer, RIGHT, width=8),
    Column("Avslutat", lambda o: f"avslutat {o.avslutad}" if o.avslutad else "", width=19),
]
FORVALTNING_COLUMNS = [
    Column("Namn", lambda f: f.namn, stretch=True, tooltip=lambda f: f.namn),
    Column("Kortnamn", lambda f: f.kortnamn, width=9),
]


def _table_box(title: str, view: RecordTableView, buttons: ButtonRow) -> QGroupBox:
    box = QGroupBox(title)
    column = QVBoxLayout(box)
    column.addWidget(view)
    column.addWidget(buttons)
    return box


class NamnderTab(QWidget):
    def __init__(self, service: OrganisationService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.dialog: RecordDialog | None = None

        self.namnd_model = RecordTableModel(NAMND_COLUMNS, parent=self)
        self.namnd_view = RecordTableView(self.namnd_model)
        self.namnd_view.setObjectName("namnder")
        self.namnd_buttons = ButtonRow("Ny nämnd…", self.new_namnd, self.edit_namnd, self.delete_namnd)
        self.organ_model = RecordTableModel(ORGAN_COLUMNS, parent=self)
        self.organ_view = RecordTableView(self.organ_model)
        self.organ_view.setObjectName("organ")
        self.organ_buttons = ButtonRow("Nytt organ…", self.new_organ, self.edit_organ, self.delete_organ)
        self.forv_model = RecordTableModel(FORVALTNING_COLUMNS, parent=self)
        self.forv_view = RecordTableView(self.forv_model)
        self.forv_view.setObjectName("forvaltningar")
        self.forv_buttons = ButtonRow("Ny förvaltning…", self.new_forvaltning,
                                      self.edit_forvaltning, self.delete_forvaltning)
        # Ending instead of deleting (app/avslut.py); the button reopens an ended one.
        self.namnd_end = self._end_button(self.namnd_buttons, "avsluta_namnd", self.end_or_reopen_namnd)
        self.organ_end = self._end_button(self.organ_buttons, "avsluta_organ", self.end_or_reopen_organ)
        self.status = StatusLine("namnder_meddelande")

        self.organ_box = _table_box("Organ", self.organ_view, self.organ_buttons)
        self.forv_box = _table_box("Förvaltningar", self.forv_view, self.forv_buttons)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.hint)
        right_column.addWidget(self.organ_box, 3)
        right_column.addWidget(self.forv_box, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(_table_box("Nämnder", self.namnd_view, self.namnd_buttons))
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(self.status)

        for view, buttons, edit, delete in (
            (self.namnd_view, self.namnd_buttons, self.edit_namnd, self.delete_namnd),
            (self.organ_view, self.organ_buttons, self.edit_organ, self.delete_organ),
            (self.forv_view, self.forv_buttons, self.edit_forvaltning, self.delete_forvaltning),
        ):
            view.current_changed.connect(lambda rec, b=buttons: b.set_has_selection(rec is not None))
            view.edit_requested.connect(lambda rec, e=edit: e(rec))
            view.delete_requested.connect(lambda rec, d=delete: d(rec))
        self.namnd_view.current_changed.connect(lambda rec: self._end_state(self.namnd_end, rec, "nämnden"))
        self.organ_view.current_changed.connect(lambda rec: self._end_state(self.organ_end, rec, "organet"))
        self.namnd_view.current_changed.connect(self._namnd_changed)
        self.reload()
        for view in (self.namnd_view, self.organ_view, self.forv_view):
            view.set_column_widths()

    # -- loading ----------------------------------------------------------------------------
    def reload(self, namnd_id: int | None = None) -> None:
        """Read everything again, keeping (or moving to) the selected nämnd."""
        keep = namnd_id if namnd_id is not None else self.namnd_view.current_id()
        self.namnd_model.set_records(self.service.namnder())
        # Selecting emits current_changed, which loads the organ and förvaltningar.
        if not self.namnd_view.select_id(keep) and self.namnd_model.rowCount():
            self.namnd_view.select_row(0)

    def current_namnd(self) -> Namnd | None:
        return self.namnd_view.current_record()

    def _namnd_changed(self, namnd: Namnd | None) -> None:
        self.reload_organ()
        self.reload_forvaltningar()
        has = namnd is not None
        self.organ_box.setEnabled(has)
        self.forv_box.setEnabled(has)
        self.organ_box.setTitle(f"Organ i {namnd.namn}" if has else "Organ")
        self.forv_box.setTitle(f"Förvaltningar under {namnd.namn}" if has else "Förvaltningar")
        if not self.namnd_model.rowCount():
            self.hint.setText("Lägg först in en nämnd med ”Ny nämnd…”. Den får automatiskt ett "
                              "organ för sina sammanträden; lägg sedan till arbetsutskott och "
                              "förvaltningar.")
        elif not has:
            self.hint.setText("Välj en nämnd i listan för att se dess organ och förvaltningar.")
        self.hint.setVisible(not has)

    def reload_organ(self, select: int | None = None) -> None:
        namnd = self.current_namnd()
        keep = select if select is not None else self.organ_view.current_id()
        self.organ_model.set_records(self.service.organ(namnd.id) if namnd else [])
        self.organ_view.select_id(keep)

    def reload_forvaltningar(self, select: int | None = None) -> None:
        namnd = self.current_namnd()
        keep = select if select is not None else self.forv_view.current_id()
        self.forv_model.set_records(self.service.forvaltningar(namnd.id) if namnd else [])
        self.forv_view.select_id(keep)

    def _open(self, dialog: RecordDialog, on_saved) -> RecordDialog:
        return dialogs.open_dialog(self, dialog, on_saved)

    # -- nämnder ----------------------------------------------------------------------------
    def new_namnd(self) -> RecordDialog:
        return self._open(NamndDialog(self.service, None, self), lambda n: self.reload(n.id))

    def edit_namnd(self, namnd: Namnd | None = None) -> RecordDialog | None:
        namnd = namnd or self.current_namnd()
        if namnd is None:
            return None
        return self._open(NamndDialog(self.service, namnd, self), lambda n: self.reload(n.id))

    def delete_namnd(self, namnd: Namnd | None = None) -> bool:
        namnd = namnd or self.current_namnd()
        if namnd is None:
            return False
        holders = self.service.namnd_holders(namnd.id)
        if holders:
            # Public records refer to it (docs/domain/justering.md): offer ending it.
            text = (f"{namnd.namn} kan inte tas bort: {swedish_list(holders)}.\n\nDet är allmänna "
                    "handlingar som ska finnas kvar. Avsluta nämnden i stället: den finns kvar med sina "
                    "organ, protokoll, register och planer men erbjuds inte längre för nya sammanträden "
                    "eller registerposter.")
            if dialogs.confirm(self, "Nämnden kan inte tas bort", text, ok_text="Avsluta nämnden…"):
                self.end_namnd(namnd)
            return False
        usage = self.service.namnd_usage(namnd.id)
        names = {"organ": ("organ", "organ"), "förvaltningar": ("förvaltning", "förvaltningar"),
                 "uppdrag": ("uppdrag som ledamot eller ersättare", "uppdrag som ledamot eller ersättare"),
                 "sammanträden": ("sammanträde med sina ärenden", "sammanträden med sina ärenden"),
                 "delegationsbeslut": ("delegationsbeslut", "delegationsbeslut"),
                 "meddelanden": ("meddelande", "meddelanden"),
                 "ej verkställda beslut": ("ej verkställt beslut", "ej verkställda beslut"),
                 "verksamhetsplaner": ("verksamhetsplan (utkast)", "verksamhetsplaner (utkast)"),
                 "budgetar": ("budget eller budgetuppföljning", "budgetar och budgetuppföljningar")}
        parts = [plural(n, *names[key]) for key, n in usage.items() if n]
        text = f"Ta bort {namnd.namn} ({namnd.kortnamn})?\n\n"
        if parts:
            text += f"Det tar också bort nämndens {swedish_list(parts)}. "
        text += ("Kvar blir personerna i personregistret (med sina uppdrag i andra nämnder) och "
                 "kommunens uppgifter.\n\nDet går inte att ångra. Om nämnden har upphört: avsluta den "
                 "hellre, så finns allt kvar.")
        if not dialogs.confirm(self, "Ta bort nämnd", text):
            return False
        if not self._try(lambda: self.service.delete_namnd(namnd.id)):
            return False
        self.reload()
        self.status.info(f"{namnd.namn} har tagits bort.")
        return True

    def end_or_reopen_namnd(self, namnd: Namnd | None = None) -> RecordDialog | None:
        namnd = namnd or self.current_namnd()
        if namnd is None:
            return None
        if namnd.avslutad:
            text = (f"Återöppna {namnd.namn}, avslutad {namnd.avslutad}?\n\nDen erbjuds då åter för nya "
                    "sammanträden och registerposter.")
            if dialogs.confirm(self, "Återöppna nämnd", text, ok_text="Återöppna"):
                self._try(lambda: self.service.reopen_namnd(namnd.id))
                self.reload(namnd.id)
                self.status.info(f"{namnd.namn} är återöppnad.")
            return None
        return self.end_namnd(namnd)

    def end_namnd(self, namnd: Namnd) -> RecordDialog:
        explanation = (f"{namnd.namn} avslutas efter den dag du väljer. Allt finns kvar: organen med "
                       "sina protokoll och ledamöter, förvaltningarna, registren, verksamhetsplanerna och "
                       "budgetarna syns i listor och historik, märkta som avslutade. Nämnden och dess "
                       "organ erbjuds inte längre för nya sammanträden, registerposter eller uppdrag. "
                       "Den kan återöppnas.")

        def ended(n: Namnd) -> None:
            self.reload(n.id)
            self.status.info(f"{n.namn} är avslutad {n.avslutad}; allt om den finns kvar.")

        return self._open(AvslutaDialog("Avsluta nämnd", explanation,
                                        lambda day: self.service.avsluta_namnd(namnd.id, day), self), ended)

    # -- ending and refusals -------------------------------------------------------------------
    def _end_button(self, buttons: ButtonRow, name: str, slot) -> QPushButton:
        button = QPushButton("Avsluta…")
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        # After Ändra…, before Ta bort…: ending is the usual way out.
        buttons.layout().insertWidget(2, button)
        button.setEnabled(False)
        return button

    @staticmethod
    def _end_state(button: QPushButton, record, what: str) -> None:
        button.setEnabled(record is not None)
        ended = record is not None and record.avslutad
        button.setText("Återöppna…" if ended else "Avsluta…")
        button.setToolTip(f"Ta {what} i bruk igen" if ended else
                          f"Avsluta {what}: allt finns kvar, men {what} används inte för nytt arbete")

    def _try(self, action) -> bool:
        """Run a service call; a refusal is shown in the status line, not as a crash."""
        try:
            action()
        except ValidationError as exc:
            self.status.error(str(exc))
            return False
        return True

    # -- organ --------------------------------------------------------------------------------
    def new_organ(self) -> RecordDialog | None:
        namnd = self.current_namnd()
        if namnd is None:
            return None
        organ = Organ(namnd_id=namnd.id, typ="arbetsutskott", kortnamn=f"{namnd.kortnamn}AU",
                      namn=f"{_genitive(namnd.namn)} arbetsutskott")
        return self._open(OrganDialog(self.service, organ, self), lambda o: self.reload_organ(o.id))

    def edit_organ(self, organ: Organ | None = None) -> RecordDialog | None:
        organ = organ or self.organ_view.current_record()
        if organ is None:
            return None
        return self._open(OrganDialog(self.service, organ, self), lambda o: self.reload_organ(o.id))

    def delete_organ(self, organ: Organ | None = None) -> bool:
        organ = organ or self.organ_view.current_record()
        if organ is None:
            return False
        holders = self.service.organ_holders(organ.id)
        if holders:
            text = (f"{organ.namn} kan inte tas bort: {swedish_list(holders)}.\n\nProtokollen är allmänna "
                    "handlingar som ska finnas kvar. Avsluta organet i stället: det finns kvar med sina "
                    "sammanträden och ledamöter men erbjuds inte för nya sammanträden eller uppdrag.")
            if dialogs.confirm(self, "Organet kan inte tas bort", text, ok_text="Avsluta organet…"):
                self.end_organ(organ)
            return False
        usage = self.service.organ_usage(organ.id)
        parts = ["inställningar och dagordningsmall"]
        if usage["uppdrag"]:
            parts.append(plural(usage["uppdrag"], "uppdrag", "uppdrag") + " som ledamot eller ersättare")
        if usage["sammanträden"]:
            parts.append(plural(usage["sammanträden"], "sammanträde", "sammanträden") + " med sina ärenden")
        text = (f"Ta bort organet {organ.namn}?\n\nDet tar också bort organets {swedish_list(parts)}. "
                "Kvar blir nämnden, dess andra organ och personerna i personregistret.\n\n"
                "Det går inte att ångra.")
        if not dialogs.confirm(self, "Ta bort organ", text):
            return False
        if not self._try(lambda: self.service.delete_organ(organ.id)):
            return False
        self.reload_organ()
        self.status.info(f"Organet {organ.namn} har tagits bort.")
        return True

    def end_or_reopen_organ(self, organ: Organ | None = None) -> RecordDialog | None:
        organ = organ or self.organ_view.current_record()
        if organ is None:
            return None
        if organ.avslutad:
            text = (f"Återöppna {organ.namn}, avslutat {organ.avslutad}?\n\nDet erbjuds då åter för nya "
                    "sammanträden och uppdrag.")
            if dialogs.confirm(self, "Återöppna organ", text, ok_text="Återöppna"):
                self._try(lambda: self.service.reopen_organ(organ.id))
                self.reload_organ(organ.id)
                self.status.info(f"{organ.namn} är återöppnat.")
            return None
        return self.end_organ(organ)

    def end_organ(self, organ: Organ) -> RecordDialog:
        explanation = (f"{organ.namn} avslutas efter den dag du väljer. Dess sammanträden, protokoll och "
                       "ledamöter finns kvar och syns i listor och historik, märkta som avslutade; organet "
                       "erbjuds inte längre för nya sammanträden eller uppdrag. Det kan återöppnas.")

        def ended(o: Organ) -> None:
            self.reload_organ(o.id)
            self.status.info(f"{o.namn} är avslutat {o.avslutad}; protokollen finns kvar.")

        return self._open(AvslutaDialog("Avsluta organ", explanation,
                                        lambda day: self.service.avsluta_organ(organ.id, day), self), ended)

    # -- förvaltningar ---------------------------------------------------------------------
    def new_forvaltning(self) -> RecordDialog | None:
        namnd = self.current_namnd()
        if namnd is None:
            return None
        return self._open(ForvaltningDialog(self.service, Forvaltning(namnd_id=namnd.id), self),
                          lambda f: self.reload_forvaltningar(f.id))

    def edit_forvaltning(self, forvaltning: Forvaltning | None = None) -> RecordDialog | None:
        forvaltning = forvaltning or self.forv_view.current_record()
        if forvaltning is None:
            return None
        return self._open(ForvaltningDialog(self.service, forvaltning, self),
                          lambda f: self.reload_forvaltningar(f.id))

    def delete_forvaltning(self, forvaltning: Forvaltning | None = None) -> bool:
        forvaltning = forvaltning or self.forv_view.current_record()
        if forvaltning is None:
            return False
        n = self.service.forvaltning_usage(forvaltning.id)["personer"]
        text = f"Ta bort förvaltningen {forvaltning.namn} ({forvaltning.kortnamn})?\n\n"
        if n:
            text += (f"{plural(n, 'tjänsteman hör', 'tjänstemän hör')} till den; de finns kvar i "
                     "personregistret men utan förvaltning. ")
        text += "Det går inte att ångra."
        if not dialogs.confirm(self, "Ta bort förvaltning", text):
            return False
        if not self._try(lambda: self.service.delete_forvaltning(forvaltning.id)):
            return False
        self.reload_forvaltningar()
        return True


def _genitive(namn: str) -> str:
    """”Vård- och omsorgsnämnden” → ”Vård- och omsorgsnämndens”."""
    return namn if namn.endswith("s") else namn + "s"

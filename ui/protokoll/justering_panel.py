"""Justering: the protokoll's own first-page fields (ordförande when someone else
chairs, ajournering, its first § number), justerare from the present members, place and
date, the deadlines that follow with warnings, Markera justerat, where the anslag stands
(registered as posted: "Anslaget uppsatt DATUM, tas ned DATUM"),
omedelbar justering, rättelser after justering and the digital justering
(ui/protokoll/signering.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.protokoll import ProtokollService, anslag_uppsatt
from app.protokoll.model import LOCKED_STATUSES, Justering, Protokoll
from app.validation import ValidationError
from ui.protokoll.reasons import NO_MEETING, PROTOKOLL_JUSTERAT
from ui.protokoll.signering import AnslagSigneringPanel, ProtokollSigneringPanel, UtdragSigneringPanel
from ui.widgets.buttons import enable_or_explain
from ui.widgets.fields import DateField
from ui.widgets.flow import FlowLayout
from ui.widgets.forms import FieldForm
from ui.widgets.scroll import scroll_inside
from ui.widgets.status import StatusLine


class JusteringPanel(QWidget):
    """``justera_requested(arende_ids or None)`` asks the area to run the justering on a
    worker; ``original_requested`` to save the PDF as justerat;
    ``changed`` after the fields were saved; ``numbering_changed`` when the first §
    number changed (the paragraphs' numbers follow); ``chair_changed`` when another
    ordförande was chosen (who has the casting vote follows)."""

    justera_requested = Signal(object)
    original_requested = Signal()
    changed = Signal()
    numbering_changed = Signal()
    chair_changed = Signal()

    def __init__(self, svc: ProtokollService, parent: QWidget | None = None, *, session=None):
        super().__init__(parent)
        self.setObjectName("justering_panel")
        self.svc = svc
        # Digital justering runs its signing on a worker, which needs the session.
        self.signering = ProtokollSigneringPanel(session) if session is not None else None
        self.signera_anslag = AnslagSigneringPanel(session) if session is not None else None
        self.signera_utdrag = UtdragSigneringPanel(session) if session is not None else None
        self.meeting_id: int | None = None
        self.head: Protokoll | None = None
        self._loading = False
        self.locked = False
        self.state = QLabel()
        self.state.setObjectName("justering_status")
        self.state.setWordWrap(True)
        # The stored PDF's SHA-256, selectable so that it can be copied and compared with
        # the one printed in the anslag (docs/domain/justering.md, "Checking a stored document").
        self.checksum = QLabel()
        self.checksum.setObjectName("justering_sha256")
        self.checksum.setWordWrap(True)
        self.checksum.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.original_button = QPushButton("Spara original…")
        self.original_button.setObjectName("spara_original")
        self.original_button.setToolTip("Sparar protokollet precis som det justerades, utan senare "
                                        "rättelser: filen vars kontrollsumma (SHA-256) står på anslaget")
        self.justerare1 = QComboBox()
        self.justerare1.setObjectName("justerare1")
        self.justerare2 = QComboBox()
        self.justerare2.setObjectName("justerare2")
        self.plats = QLineEdit()
        self.plats.setObjectName("justering_plats")
        self.datum = DateField()
        self.datum.setObjectName("justering_datum")
        self.tid = QLineEdit()
        self.tid.setObjectName("justering_tid")
        self.tid.setPlaceholderText("TT:MM")
        self.anslag = DateField(placeholder="standard: justeringsdagen")
        self.anslag.setObjectName("anslag_datum")
        self.anslag.setMaximumWidth(220)
        self.ordforande = QComboBox()
        self.ordforande.setObjectName("protokoll_ordforande")
        self.ordforande.setToolTip("Välj en annan ledamot när ordföranden inte leder sammanträdet")
        self.ajournering = QLineEdit()
        self.ajournering.setObjectName("ajournering")
        self.ajournering.setPlaceholderText("t.ex. Ajournering 15:30–15:45")
        self.startnummer = QLineEdit()
        self.startnummer.setObjectName("startnummer")
        self.startnummer.setPlaceholderText("tomt: fortsätter organets nummerserie")
        head_box = QGroupBox("Protokollet")
        head_layout = QFormLayout(head_box)
        self.head_form = FieldForm(head_layout)
        self.head_form.add("ordforande_id", "&Ordförande:", self.ordforande)
        self.head_form.add("ajournering", "Ajourner&ing:", self.ajournering)
        self.head_form.add("startnummer", "&Första §:", self.startnummer)
        box = QGroupBox("Justering")
        layout = QFormLayout(box)
        self.form = FieldForm(layout)
        self.form.add("justerare", "Just&erare:", self.justerare1)
        layout.addRow("Andra justerare:", self.justerare2)
        self.form.add("justering_plats", "&Plats:", self.plats)
        self.form.add("justering_datum", "&Datum:", self.datum)
        self.form.add("justering_tid", "&Tid:", self.tid)
        self.form.add("anslag_datum", "Ansla&g sätts upp:", self.anslag)
        self.form.add_general_row()
        self.frister = QLabel()
        self.frister.setObjectName("frister")
        self.frister.setWordWrap(True)
        self.frister.setTextFormat(self.frister.textFormat().RichText)
        frist_box = QGroupBox("Frister")
        QVBoxLayout(frist_box).addWidget(self.frister)
        self.justera_button = QPushButton("Markera justerat…")
        self.justera_button.setObjectName("markera_justerat")
        self.omedelbart_button = QPushButton("Justera omedelbart…")
        self.omedelbart_button.setObjectName("justera_omedelbart")
        self.omedelbart_button.setToolTip("Paragrafer markerade ”Justeras omedelbart” justeras och låses nu")
        self.rattelse_button = QPushButton("Lägg till rättelse…")
        self.rattelse_button.setObjectName("lagg_till_rattelse")
        self.rattelser = QListWidget()
        self.rattelser.setObjectName("rattelser")
        self.rattelser.setMaximumHeight(110)
        self.status = StatusLine("justering_meddelande")
        self.utskick = QListWidget()
        self.utskick.setObjectName("utskick")
        self._utskick: list = []  # the rows of the list
        self.utskick.setMaximumHeight(110)
        self.utskick.setToolTip("Protokollsutdrag som har skapats: till vem, vilka paragrafer, när")
        buttons = FlowLayout()  # one under the other in a narrow panel
        buttons.add_widgets(self.justera_button, self.omedelbart_button)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        # The fields keep their height and the panel scrolls in a low window.
        scroll_inside(self, body)
        column.addWidget(self.state)
        column.addWidget(self.checksum)
        column.addWidget(self.original_button, 0, Qt.AlignmentFlag.AlignLeft)
        if self.signering is not None:
            column.addWidget(self.signering)
        if self.signera_anslag is not None:
            column.addWidget(self.signera_anslag)
        column.addWidget(head_box)
        column.addWidget(box)
        column.addWidget(frist_box)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addWidget(QLabel("Rättelser efter justering:"))
        column.addWidget(self.rattelser)
        column.addWidget(self.rattelse_button)
        column.addWidget(QLabel("Skickade protokollsutdrag:"))
        column.addWidget(self.utskick)
        if self.signera_utdrag is not None:
            column.addWidget(self.signera_utdrag)
            self.utskick.currentRowChanged.connect(lambda _row: self._show_utdrag_signing())
        column.addStretch(1)
        for combo in (self.justerare1, self.justerare2, self.ordforande):
            combo.currentIndexChanged.connect(lambda _i: self.save())
        for edit in (self.plats, self.datum, self.tid, self.anslag, self.ajournering, self.startnummer):
            edit.editingFinished.connect(self.save)
        self.justera_button.clicked.connect(lambda _=False: self.justera_requested.emit(None))
        self.omedelbart_button.clicked.connect(lambda _=False: self._omedelbart())
        self.rattelse_button.clicked.connect(lambda _=False: self.ask_rattelse())
        self.original_button.clicked.connect(lambda _=False: self.original_requested.emit())

    def load(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.form.clear()
        self.head_form.clear()
        self.status.info("")
        if meeting_id is None:
            enable_or_explain(self, NO_MEETING)
            self.checksum.hide()
            self.original_button.hide()
            for panel in (self.signering, self.signera_anslag, self.signera_utdrag):
                if panel is not None:
                    panel.load(None)
            return
        enable_or_explain(self, "")
        self.head = head = self.svc.get(meeting_id)
        self.locked = head.status in LOCKED_STATUSES
        people = self.svc.narvaro.narvaro(meeting_id)
        serving = {t.ersattare_id for t in self.svc.narvaro.tjanstgoringar(meeting_id)}
        eligible = [n for n in people if n.narvarande and (n.grupp == "ledamot" or n.id in serving)
                    and n.roll != "ordförande"]
        self._loading = True
        try:
            for combo, pos in ((self.justerare1, 0), (self.justerare2, 1)):
                combo.clear()
                combo.addItem("(ingen vald)" if pos == 0 else "(ingen)", None)
                for n in eligible:
                    combo.addItem(n.namn_parti, n.id)
                value = head.justerare[pos] if len(head.justerare) > pos else None
                combo.setCurrentIndex(max(0, combo.findData(value)))
            self.ordforande.clear()
            self.ordforande.addItem("(enligt närvarolistan)", None)
            for n in people:
                if n.grupp == "ledamot" and n.person_id is not None:
                    self.ordforande.addItem(f"{n.namn_parti} – {n.roll}" if n.roll else n.namn_parti,
                                            n.person_id)
            self.ordforande.setCurrentIndex(max(0, self.ordforande.findData(head.ordforande_id)))
            self.ajournering.setText(head.ajournering)
            self.startnummer.setText("" if head.startnummer is None else str(head.startnummer))
            self.plats.setText(head.justering_plats)
            self.datum.setText(head.justering_datum or "")
            self.tid.setText(head.justering_tid)
            self.anslag.setText(head.anslag_datum or "")
        finally:
            self._loading = False
        for w in (self.justerare1, self.justerare2, self.plats, self.datum, self.tid, self.anslag,
                  self.ordforande, self.ajournering, self.startnummer,
                  self.justera_button, self.omedelbart_button):
            enable_or_explain(w, PROTOKOLL_JUSTERAT if self.locked else "")
        enable_or_explain(self.rattelse_button, "" if self.svc.justeringar(meeting_id) else
                          "Rättelser görs i ett justerat protokoll; inget är justerat än.")
        justeringar = self.svc.justeringar(meeting_id)
        done = next((j for j in justeringar if j.slag == "protokoll"), None)
        if done:
            self.state.setText(f"✔ Protokollet är justerat {done.datum.isoformat()} av "
                               f"{', '.join(done.justerat_av)}. Innehållet är låst; ändringar görs "
                               f"som rättelser. {self._anslag_state(done)}"
                               + self._omedelbara_state(justeringar))
            self.state.setStyleSheet("background: #e6f4ea; border: 1px solid #34a853; padding: 4px;")
            # Two lines of 32 in a fixed-width font: the whole hash fits the narrow panel.
            self.checksum.setText("Kontrollsumma (SHA-256) för det justerade protokollet, som på anslaget:"
                                  f"<br><tt>{done.sha256[:32]}<br>{done.sha256[32:]}</tt>")
            self.original_button.setText(f"Spara original (justerat {done.datum.isoformat()})…")
        else:
            self.state.setText("Protokollet är inte justerat." + self._omedelbara_state(justeringar))
            self.state.setStyleSheet("")
        self.checksum.setVisible(done is not None)
        self.original_button.setVisible(done is not None)
        if self.signering is not None:
            self.signering.load(done)
        if self.signera_anslag is not None:
            self.signera_anslag.load(done)
        self.rattelser.clear()
        for r in self.svc.rattelser(meeting_id):
            where = r.paragraf or "Protokollet"
            self.rattelser.addItem(f"{r.datum.isoformat()} {where}: {r.text} ({r.gjord_av})")
        self.show_utskick()
        self.show_frister()

    @staticmethod
    def _anslag_state(justering: Justering) -> str:
        """Where the anslag stands: registered as posted (the appeal period counts from
        that day) or not yet (app/protokoll/anslag_uppsatt.py)."""
        posted = anslag_uppsatt.uppsatt_text(justering)
        return f"{posted}." if posted else "Anslaget är inte registrerat som uppsatt (”Registrera uppsatt…”)."

    def _omedelbara_state(self, justeringar: list[Justering]) -> str:
        """A line per justering of paragraphs justerade omedelbart: each has its own anslag."""
        own = [j for j in justeringar if j.slag == "omedelbar"]
        if not own:
            return ""
        labels = {p.arende_id: p.label for p in self.svc.paragrafer.paragrafer(self.meeting_id)}
        return "".join(f"\n{anslag_uppsatt.benamning(j, labels)}: {self._anslag_state(j)}" for j in own)

    def show_utskick(self) -> None:
        row = self.utskick.currentRow()
        chosen = self._utskick[row].id if 0 <= row < len(self._utskick) else None
        self.utskick.blockSignals(True)  # the chosen utdrag stays chosen when the list is read again
        try:
            self.utskick.clear()
            self._utskick = self.svc.utskick(self.meeting_id)
            for u in self._utskick:
                self.utskick.addItem(f"{u.datum.isoformat()} {u.mottagare}: {u.paragrafer} "
                                     f"(bestyrkt av {u.bestyrkt_av})")
            ids = [u.id for u in self._utskick]
            self.utskick.setCurrentRow(ids.index(chosen) if chosen in ids else -1)
        finally:
            self.utskick.blockSignals(False)
        self._show_utdrag_signing()

    def _show_utdrag_signing(self) -> None:
        """The utdrag chosen in the list, to sign digitally (none chosen: hidden)."""
        if self.signera_utdrag is None:
            return
        row = self.utskick.currentRow()
        self.signera_utdrag.load(self._utskick[row] if 0 <= row < len(self._utskick) else None)

    def show_frister(self) -> None:
        f = self.svc.frister(self.meeting_id, today=clock.today())
        rows = [("Justering senast", f.justering_senast, f"{f.justering_dagar} dagar efter sammanträdet")]
        if f.justerat:
            rows.append(("Justeras", f.justerat, ""))
        if f.tillkannagivande_senast:
            rows.append(("Tillkännages senast", f.tillkannagivande_senast, "andra dagen efter justeringen"))
        if f.anslag:
            rows.append(("Anslag sätts upp", f.anslag, ""))
        if f.overklagande_sista_dag:
            rows.append(("Sista dag att överklaga", f.overklagande_sista_dag, "tre veckor från anslaget"))
        if f.anslag_nedtas:
            rows.append(("Anslaget tas ned", f.anslag_nedtas, ""))
        # Two columns, the reason under its label: three would not fit the narrow panel
        # of a 1024-pixel window without a sideways scroll bar.
        html = "<table>" + "".join(
            f"<tr><td>{label}:{f'<br><small>{why}</small>' if why else ''}&nbsp;</td>"
            f"<td style='white-space:nowrap'><b>{day.isoformat()}</b></td></tr>"
            for label, day, why in rows) + "</table>"
        html += "".join(f"<p style='color:#b3261e'>⚠ {w}</p>" for w in f.varningar)
        self.frister.setText(html)

    def save(self) -> bool:
        if self._loading or self.meeting_id is None or self.locked:
            return True
        head = self.svc.get(self.meeting_id)
        before, chair_before = head.startnummer, head.ordforande_id
        head.justerare = [x for x in (self.justerare1.currentData(), self.justerare2.currentData()) if x]
        head.justering_plats, head.justering_tid = self.plats.text(), self.tid.text()
        head.justering_datum = self.datum.iso()
        head.anslag_datum = self.anslag.iso()
        head.ordforande_id = self.ordforande.currentData()
        head.ajournering = self.ajournering.text()
        typed = self.startnummer.text().strip()
        # Not a number: handed on as typed, so the service's message says what is wrong.
        head.startnummer = (int(typed) if typed.isdigit() else typed) if typed else None
        self.form.clear()
        self.head_form.clear()
        try:
            self.head = self.svc.save(head)
        except ValidationError as exc:
            self._show_errors(exc)
            return False
        self.show_frister()
        self.changed.emit()
        if self.head.startnummer != before:
            self.numbering_changed.emit()
        if self.head.ordforande_id != chair_before:
            self.chair_changed.emit()
        return True

    def _show_errors(self, exc: ValidationError) -> None:
        """Each message under its field, in whichever of the two boxes it is."""
        own = [e for e in exc.errors if e.field in self.head_form.widgets]
        rest = [e for e in exc.errors if e.field not in self.head_form.widgets]
        if own:
            self.head_form.show(ValidationError(own))
        if rest:
            self.form.show(ValidationError(rest))

    def message(self, field: str) -> str:
        """The error shown for ``field`` ('' when none), in either box."""
        form = self.head_form if field in self.head_form.widgets else self.form
        return form.message(field)

    def _omedelbart(self) -> None:
        ids = [p.arende_id for p in self.svc.paragrafer.paragrafer(self.meeting_id)
               if p.justeras_omedelbart and not p.justerad and p.nummer is not None]
        if not ids:
            self.status.error("Ingen paragraf är markerad ”Justeras omedelbart” (och ännu inte justerad).")
            return
        self.justera_requested.emit(ids)

    def ask_rattelse(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, "Rättelse efter justering", "Vad rättas? Rättelsen dateras i dag och syns i protokollet.")
        if ok and text.strip():
            self.add_rattelse(text)

    def add_rattelse(self, text: str, arende_id: int | None = None) -> bool:
        try:
            who = self.svc.sekreterare_namn(self.meeting_id) or "Sekreteraren"
            self.svc.add_rattelse(self.meeting_id, text, who, clock.today(), arende_id, today=clock.today())
        except ValidationError as exc:
            self.status.error(str(exc))
            return False
        self.load(self.meeting_id)
        return True

"""The editor of one ärende: its agenda fields, the tjänsteskrivelse texts (rich text),
signers, beslutsunderlag and distribution lists, and its bilagor.

Nothing typed is lost: changes are saved automatically a moment after the user stops
typing, with Spara (Ctrl+S), and before another ärende or meeting is shown. When the
ärende cannot be saved (e.g. the title was emptied) the errors are shown under the
fields and the user is asked before anything is thrown away.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.meetings import ARENDETYPER, Arende
from app.meetings.model import BESKRIVNING_RUBRIKER, FORSLAG_RUBRIK
from app.organisation import OrganisationService, Person
from app.protokoll.sekretess import Sekretess, SekretessService
from app.session import Session
from app.validation import ValidationError
from ui.meetings.bilagor_panel import BilagorPanel
from ui.meetings.common import LOCKED
from ui.meetings.lists import SignerEditor, StringListEditor
from ui.widgets.buttons import enable_or_explain
from ui.widgets.fields import DateField
from ui.widgets.flow import FlowLayout
from ui.widgets.forms import FieldForm
from ui.widgets.richtext_edit import RichTextEdit
from ui.widgets.scroll import scroll_inside
from ui.widgets.status import StatusLine

AUTOSAVE_MS = 1500
TYP_LABELS = {"beslut": "Beslutsärende", "information": "Informationsärende", "standard": "Standardpunkt"}
_TABS = ("arende", "texter", "listor", "bilagor")

#: Why the editor's controls are off when nothing is chosen.
NO_ARENDE = "Välj ett ärende i dagordningen först."
#: Why the ground is off while the ärende is not marked.
NO_SEKRETESS = "Kryssa i Sekretess först; grunden anges för ett ärende som omfattas av sekretess."


def ask_discard(parent: QWidget, rubrik: str, errors: str) -> bool:
    """The ärende cannot be saved: throw the changes away (True) or keep editing (False).
    Keeping on editing is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Ärendet kan inte sparas",
                      f"Ändringarna i ”{rubrik}” kan inte sparas:\n\n{errors}\n\n"
                      "Rätta uppgifterna, eller kasta ändringarna.",
                      QMessageBox.StandardButton.NoButton, parent)
    discard = box.addButton("Kasta ändringarna", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Fortsätt redigera", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def _heading_row(chooser: QComboBox) -> QWidget:
    """A heading chooser at its natural width, in bold like the heading it picks."""
    font = chooser.font()
    font.setBold(True)
    chooser.setFont(font)
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 6, 0, 0)
    line.addWidget(chooser)
    line.addStretch(1)
    return row


def _form(parent: QWidget) -> tuple[QFormLayout, FieldForm]:
    layout = QFormLayout(parent)
    return layout, FieldForm(layout)


class ArendeEditor(QWidget):
    """``saved(Arende)`` after every successful save; ``print_requested(Arende)`` for
    Skapa tjänsteskrivelse."""

    saved = Signal(object)
    print_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("arende_editor")
        self.session = session
        self.service = session.arenden
        self.organisation: OrganisationService = session.organisation
        self.original: Arende | None = None
        self.dirty = False
        self._loading = False
        self._namnd_id: int | None = None
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(lambda: self.save(quiet=True))

        self.heading = QLabel()
        self.heading.setObjectName("arende_rubrik")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.locked = False
        self.lock_note = QLabel()
        self.lock_note.setObjectName("arende_last")
        self.lock_note.setWordWrap(True)
        self.lock_note.hide()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_basics(), "&Ärende")
        self.tabs.addTab(self._build_texts(), "&Förslag och beskrivning")
        self.tabs.addTab(self._build_lists(), "&Underskrifter och listor")
        self.bilagor = BilagorPanel(session, session.bilagor)
        self.tabs.addTab(self.bilagor, "&Bilagor")
        self.bilagor.count_changed.connect(
            lambda n: self.tabs.setTabText(3, f"&Bilagor ({n})" if n else "&Bilagor"))

        self.status = StatusLine("arende_status")
        self.save_button = QPushButton("&Spara")
        self.save_button.setObjectName("spara_arende")
        self.save_button.setToolTip("Spara ärendet (Ctrl+S). Ändringar sparas också automatiskt.")
        self.save_button.clicked.connect(lambda _=False: self.save())
        self.revert_button = QPushButton("Ån&gra ändringar")
        self.revert_button.setToolTip("Visa ärendet som det senast sparades")
        self.revert_button.clicked.connect(lambda _=False: self.revert())
        self.print_button = QPushButton("Skapa &tjänsteskrivelse…")
        self.print_button.setObjectName("skapa_tjansteskrivelse")
        self.print_button.clicked.connect(lambda _=False: self._print())
        # The status line above the buttons, which wrap in a narrow editor.
        bottom = FlowLayout()
        bottom.add_stretch()
        bottom.add_widgets(self.revert_button, self.save_button, self.print_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.lock_note)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.status)
        column.addLayout(bottom)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self._connect_changes()
        self.load(None)

    # -- building ---------------------------------------------------------------------------
    def _build_basics(self) -> QWidget:
        page = QWidget()
        layout, self.form = _form(page)
        self.rubrik = self.form.add("rubrik", "&Rubrik", QLineEdit())
        self.dnr = self.form.add("dnr", "&Dnr", QLineEdit())
        self.dnr.setPlaceholderText("t.ex. VON 2022/29 – skrivs som i diariet")
        self.typ = QComboBox()
        for typ in ARENDETYPER:
            self.typ.addItem(TYP_LABELS[typ], typ)
        self.form.add("typ", "T&yp", self.typ)
        self.extra = QCheckBox("Extra ärende (anmält vid sammanträdet)")
        self.form.add("extra", "", self.extra)
        self.form.add("sekretess_grund", "", self._build_sekretess(), also=("sekretess",))
        self.foredragande = QComboBox()
        self.foredragande.setEditable(True)
        self.foredragande.lineEdit().setPlaceholderText("Den som föredrar ärendet")
        self.form.add("foredragande", "F&öredragande", self.foredragande)
        self.forvaltning = QComboBox()
        self.form.add("forvaltning_id", "Förva&ltning", self.forvaltning)
        self.handlaggare = QComboBox()
        self.form.add("handlaggare_id", "Ha&ndläggare", self.handlaggare, also=("handlaggare",))
        self.datum = self.form.add("datum", "T&jänsteskrivelsens datum", DateField())
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        self.origin.setObjectName("arende_ursprung")
        layout.addRow(self.origin)
        self.form.add_general_row()
        return page

    def _build_sekretess(self) -> QWidget:
        """Sekretess (OSL) for the whole ärende: its paragraf takes it as its default, and
        copies for others show only the number, the public rubrik and the ground."""
        self.sekretess = QCheckBox("Sekretess")
        self.sekretess.setObjectName("sekretess")
        self.sekretess.setToolTip("Ärendet omfattas av sekretess: webbkopian och utdrag till andra visar "
                                  "bara numret, den offentliga rubriken och sekretessgrunden.")
        self.sekretess_grund = QLineEdit()
        self.sekretess_grund.setObjectName("sekretess_grund")
        self.sekretess_grund.setPlaceholderText("t.ex. OSL 26 kap. 1 §")
        self.sekretess_grund.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("OSL 26 kap. 1 § 2 st.") + 16)
        grund_label = QLabel("Sekretessgrund:")
        grund_label.setBuddy(self.sekretess_grund)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.sekretess)
        line.addWidget(grund_label)
        line.addWidget(self.sekretess_grund, 1)
        # An error on the ground puts the cursor in the ground.
        row.setFocusProxy(self.sekretess_grund)
        self._sekretess_stored: Sekretess | None = None
        return row

    def _build_texts(self) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.text_form = FieldForm(column, "fel_allmant_texter")
        # The heading choosers stand where the PDF prints the headings.
        self.forslag_kalla = QComboBox()
        self.forslag_kalla.setToolTip("Rubriken i tjänsteskrivelsen")
        for key, heading in FORSLAG_RUBRIK.items():
            self.forslag_kalla.addItem(heading, key)
        self.forslag = RichTextEdit("forslag_till_beslut", min_lines=4)
        self.text_form.add("forslag_till_beslut", _heading_row(self.forslag_kalla), self.forslag, 2)
        self.text_form.add_heading_field("forslag_kalla", self.forslag_kalla)
        self.beskrivning_rubrik = QComboBox()
        self.beskrivning_rubrik.setToolTip("Rubriken i tjänsteskrivelsen")
        self.beskrivning_rubrik.addItems(list(BESKRIVNING_RUBRIKER))
        self.beskrivning = RichTextEdit("beskrivning", min_lines=10)
        self.text_form.add("beskrivning", _heading_row(self.beskrivning_rubrik), self.beskrivning, 5)
        self.text_form.add_heading_field("beskrivning_rubrik", self.beskrivning_rubrik)
        self.ekonomi = RichTextEdit("ekonomiska_konsekvenser", min_lines=3)
        self.text_form.add("ekonomiska_konsekvenser", "Ekonomiska konsekvenser", self.ekonomi, 1)
        self.text_form.add_general_row()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _build_lists(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.signers = SignerEditor(self.service.signer)
        self.underlag = StringListEditor("beslutsunderlag", "Lägg till en rad i beslutsunderlaget")
        self.skickas = StringListEditor("skickas_till", "Lägg till en mottagare av beslutet")
        self.list_errors = StatusLine("listor_fel")
        for title, widget, tip in (
                ("Undertecknare", self.signers, "Namn och titel skrivs under tjänsteskrivelsen."),
                ("Beslutsunderlag", self.underlag, "Bilagorna läggs till automatiskt efter dessa rader."),
                ("Beslut skickas till", self.skickas, "En mottagare per rad, t.ex. Förvaltningsledning.")):
            box = QGroupBox(title)
            box.setToolTip(tip)
            inner = QVBoxLayout(box)
            hint = QLabel(tip)
            hint.setWordWrap(True)
            inner.addWidget(hint)
            inner.addWidget(widget)
            column.addWidget(box, 1)
        column.addWidget(self.list_errors)
        # Three lists do not fit under each other in a low window: the page scrolls.
        holder = QWidget()
        scroll_inside(holder, page)
        return holder

    def _connect_changes(self) -> None:
        for edit in (self.rubrik, self.dnr, self.datum):
            edit.textEdited.connect(self._changed)
        self.foredragande.editTextChanged.connect(self._changed)
        for combo in (self.typ, self.forvaltning, self.handlaggare, self.forslag_kalla,
                      self.beskrivning_rubrik):
            combo.currentIndexChanged.connect(self._changed)
        self.extra.toggled.connect(self._changed)
        self.sekretess.toggled.connect(self._sekretess_toggled)
        self.sekretess_grund.textEdited.connect(self._changed)
        for widget in (self.forslag, self.beskrivning, self.ekonomi, self.signers, self.underlag,
                       self.skickas):
            widget.changed.connect(self._changed)
        self.rubrik.textEdited.connect(lambda text: self.heading.setText(self._heading_text(text)))

    # -- choices from the registers ------------------------------------------------------------
    def refresh_choices(self, namnd_id: int | None) -> None:
        """People and förvaltningar to choose from (call when the registers may have
        changed, e.g. when the area is shown again)."""
        loading, self._loading = self._loading, True
        try:
            self._namnd_id = namnd_id
            tjansteman = self.organisation.personer(self.organisation.person_ids(tjansteman=True))
            self._people: dict[int, Person] = {p.id: p for p in tjansteman}
            keep = self.foredragande.currentText()
            self.foredragande.clear()
            self.foredragande.addItems([""] + [p.namn for p in tjansteman])
            self.foredragande.setCurrentText(keep)
            self.signers.set_people(tjansteman)
            self._fill_combo(self.handlaggare, [(p.id, f"{p.namn}, {p.titel}" if p.titel else p.namn)
                                                for p in tjansteman])
            forv = self.organisation.forvaltningar(namnd_id) if namnd_id else []
            self._fill_combo(self.forvaltning, [(f.id, f"{f.namn} ({f.kortnamn})") for f in forv])
        finally:
            self._loading = loading

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[int, str]]) -> None:
        keep = combo.currentData()
        combo.clear()
        combo.addItem("(ingen)", None)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(keep)))

    @staticmethod
    def _select(combo: QComboBox, value, missing_text: str = "") -> None:
        index = combo.findData(value)
        if index < 0 and value is not None:
            # Chosen once but no longer in the register: keep it selectable as it was.
            combo.addItem(missing_text or f"(nr {value}, finns inte längre)", value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))

    # -- loading --------------------------------------------------------------------------------
    def _heading_text(self, rubrik: str) -> str:
        if self.original is None:
            return ""
        return f"Ärende {self.original.nummer}: {rubrik}"

    def load(self, arende: Arende | None) -> None:
        """Show ``arende`` (None: nothing). Call :meth:`leave` first."""
        self.autosave.stop()
        self._loading = True
        try:
            self.original = arende
            a = arende or Arende()
            self.form.clear()
            self.text_form.clear()
            self.list_errors.info("")
            self.rubrik.setText(a.rubrik)
            self.dnr.setText(a.dnr)
            self.typ.setCurrentIndex(max(0, self.typ.findData(a.typ)))
            self.extra.setChecked(a.extra)
            self.foredragande.setCurrentText(a.foredragande)
            self._select(self.forvaltning, a.forvaltning_id)
            self._select(self.handlaggare, a.handlaggare_id, a.handlaggare)
            self.datum.setText(a.datum or "")
            self.forslag_kalla.setCurrentIndex(max(0, self.forslag_kalla.findData(a.forslag_kalla)))
            self.beskrivning_rubrik.setCurrentText(a.beskrivning_rubrik)
            self.forslag.set_stored(a.forslag_till_beslut)
            self.beskrivning.set_stored(a.beskrivning)
            self.ekonomi.set_stored(a.ekonomiska_konsekvenser)
            self.signers.set_signers(a.undertecknare)
            self.underlag.set_values(a.beslutsunderlag)
            self.skickas.set_values(a.skickas_till)
            self._sekretess_stored = self._stored_sekretess(arende)
            self.sekretess.setChecked(self._sekretess_stored is not None)
            self.sekretess_grund.setText(self._sekretess_stored.grund if self._sekretess_stored else "")
            self.origin.setText(self._origin_text(a))
            self.origin.setVisible(bool(self.origin.text()))
        finally:
            self._loading = False
        self.bilagor.set_arende(arende.id if arende else None)
        self._show_sekretess_state()
        self.heading.setText(self._heading_text(a.rubrik))
        self.dirty = False
        self.status.info("")
        for widget in (self.tabs, self.print_button):
            enable_or_explain(widget, "" if arende is not None else NO_ARENDE)
        self._show_state()

    @staticmethod
    def _origin_text(a: Arende) -> str:
        parts = []
        if a.mallplacering:
            parts.append("Standardpunkt från dagordningsmallen "
                         f"({'inleder' if a.mallplacering == 'före' else 'avslutar'} dagordningen).")
        if a.kopierad_fran:
            parts.append("Kopierat från ett tidigare sammanträde; bilagorna följde med.")
        return " ".join(parts)

    def set_locked(self, locked: bool, reason: str = "") -> None:
        """Read only: the meeting's protokoll is justerat (the database refuses changes
        to what it printed). Everything can still be read, bilagor opened and printed."""
        self.locked = locked
        for edit in (self.rubrik, self.dnr, self.datum):
            edit.setReadOnly(locked)
        for widget in (self.typ, self.extra, self.foredragande, self.forvaltning, self.handlaggare,
                       self.forslag_kalla, self.beskrivning_rubrik, self.sekretess):
            enable_or_explain(widget, (reason or LOCKED) if locked else "")
        self._show_sekretess_state()
        for widget in (self.forslag, self.beskrivning, self.ekonomi, self.signers, self.underlag,
                       self.skickas, self.bilagor):
            widget.set_read_only(locked)
        self.lock_note.setText(reason)
        self.lock_note.setVisible(locked and bool(reason))
        self._show_state()

    def set_number(self, nummer: int) -> None:
        """The ärende moved on the agenda (its number changed; nothing else did)."""
        if self.original is not None:
            self.original.position = nummer
            self.heading.setText(self._heading_text(self.rubrik.text()))

    # -- editing and saving ---------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading or self.original is None or self.locked:
            return
        self.dirty = True
        self.autosave.start()
        self._show_state()

    def _stored_sekretess(self, arende: Arende | None) -> Sekretess | None:
        if arende is None or arende.id is None:
            return None
        return SekretessService(self.session.db).arende(arende.id)

    def _show_sekretess_state(self) -> None:
        why = ((self.lock_note.text() or LOCKED) if self.locked else
               "" if self.sekretess.isChecked() else NO_SEKRETESS)
        enable_or_explain(self.sekretess_grund, why)

    def _sekretess_toggled(self, on: bool) -> None:
        """Marked: the ground is asked for next (saved once typed); unmarked: saved as usual."""
        self._show_sekretess_state()
        if self._loading or self.original is None or self.locked:
            return
        if on and not self.sekretess_grund.text().strip():
            self.dirty = True
            self._show_state()
            self.sekretess_grund.setFocus()
            self.status.hint("Skriv sekretessgrunden, t.ex. ”OSL 26 kap. 1 §”; ärendet sparas sedan.")
            return
        self._changed()

    def _sekretess_changed(self) -> bool:
        stored = self._sekretess_stored
        if not self.sekretess.isChecked():
            return stored is not None
        return stored is None or stored.grund != self.sekretess_grund.text()

    def _show_state(self) -> None:
        why = ("" if self.dirty else NO_ARENDE if self.original is None else
               LOCKED if self.locked else "Inget är ändrat sedan ärendet sparades.")
        for button in (self.save_button, self.revert_button):
            enable_or_explain(button, why)
        if self.original is None:
            self.status.hint("Välj ett ärende i listan, eller lägg till ett nytt.")
        elif self.dirty:
            self.status.hint("Ändrat – sparas automatiskt.")

    def build(self) -> Arende:
        a = self.original
        handlaggare_id = self.handlaggare.currentData()
        handlaggare = a.handlaggare
        if handlaggare_id != a.handlaggare_id:
            handlaggare = self.service.handlaggare_text(handlaggare_id) if handlaggare_id else ""
        return replace(
            a, rubrik=self.rubrik.text(), dnr=self.dnr.text(), typ=self.typ.currentData(),
            extra=self.extra.isChecked(), foredragande=self.foredragande.currentText(),
            forvaltning_id=self.forvaltning.currentData(), handlaggare_id=handlaggare_id,
            handlaggare=handlaggare, datum=self.datum.iso(),
            forslag_kalla=self.forslag_kalla.currentData(), forslag_till_beslut=self.forslag.stored(),
            beskrivning_rubrik=self.beskrivning_rubrik.currentText(), beskrivning=self.beskrivning.stored(),
            ekonomiska_konsekvenser=self.ekonomi.stored(), undertecknare=self.signers.signers(),
            beslutsunderlag=self.underlag.values(), skickas_till=self.skickas.values())

    def save(self, *, quiet: bool = False) -> bool:
        """Save if changed. On errors they are shown under the fields (and the tab with
        the first one is brought forward unless ``quiet``, the automatic save)."""
        self.autosave.stop()
        if self.original is None or not self.dirty:
            return True
        if self.session.closed:  # the main window is switching to another file
            return False
        try:
            # The marking and the rest of the ärende are saved together or not at all.
            with self.session.db.atomic():
                sekretess = self._sekretess_stored
                if self._sekretess_changed():
                    sekretess = SekretessService(self.session.db).mark_arende(
                        self.original.id, self.sekretess.isChecked(), self.sekretess_grund.text())
                saved = self.service.save(self.build())
        except ValidationError as exc:
            self._show_errors(exc, quiet)
            return False
        except sqlite3.IntegrityError as exc:
            # A rule in the database (e.g. a justerad paragraf) refused it; its message
            # is Swedish.
            self.status.error(f"Inte sparat: {exc}")
            return False
        self.original = saved
        self._sekretess_stored = sekretess
        if sekretess is not None and sekretess.grund != self.sekretess_grund.text():
            self.sekretess_grund.setText(sekretess.grund)  # as stored, spaces tidied
        self.dirty = False
        self.form.clear()
        self.text_form.clear()
        self.list_errors.info("")
        self._show_state()
        self.status.info(f"Sparat {clock.now():%H:%M:%S}.")
        self.saved.emit(saved)
        return True

    def _show_errors(self, exc: ValidationError, quiet: bool) -> None:
        focused = QApplication.focusWidget()
        texts = [e for e in exc.errors if e.field in self.text_form.widgets]
        lists = [e.message for e in exc.errors if e.field == "undertecknare"]
        basics = [e for e in exc.errors if e not in texts and e.field != "undertecknare"]
        self.form.show(ValidationError(basics))
        self.text_form.show(ValidationError(texts), focus=False)
        if lists:
            self.list_errors.error("\n".join(lists))
        self.status.error("Inte sparat: " + " ".join(e.message for e in exc.errors))
        if quiet:
            # The automatic save must not pull the cursor away from where the user types.
            if focused is not None:
                focused.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        first = exc.errors[0]
        self.tabs.setCurrentIndex(1 if first in texts else 2 if first.field == "undertecknare" else 0)

    def revert(self) -> None:
        if self.original is not None:
            self.load(self.service.get(self.original.id))

    def leave(self) -> bool:
        """Before another ärende is shown: save; if that fails ask whether to throw the
        changes away. False: stay on this ärende."""
        if self.save():
            return True
        if ask_discard(self, self.rubrik.text() or "(utan rubrik)", self.status.text()):
            self.dirty = False
            return True
        return False

    def _print(self) -> None:
        if self.original is not None and self.save():
            self.print_requested.emit(self.original)

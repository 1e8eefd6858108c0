"""The current paragraph: beslut and the rest of its text, yrkanden, omröstning,
reservationer, jäv and more. Typed text is saved a moment after the last key (and
always before another paragraph is shown), so nothing is lost when moving on."""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.protokoll import ProtokollService
from app.protokoll.model import UTFALL, Beslutande, Narvaro, Paragraf, Rost
from app.validation import ValidationError
from ui import undo
from ui.protokoll.anforanden import AnforandePanel
from ui.protokoll.reasons import PARAGRAF_JUSTERAD, PROTOKOLL_JUSTERAT
from ui.protokoll.votes import VotePanel
from ui.widgets.buttons import enable_or_explain
from ui.widgets.flow import FlowLayout
from ui.widgets.richtext_edit import RichTextEdit
from ui.widgets.status import StatusLine

AUTOSAVE_MS = 800
UTFALL_TEXT = {"beslut": "Beslut", "bordlagt": "Bordläggs", "återremitterat": "Återremitteras",
               "utgår": "Utgår (ingen paragraf)"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ParagrafEditor(QWidget):
    """``saved(arende_id)`` after a save that changed what the § list or the närvaro
    panel show (utfall, jäv); ``message(text, is_error)`` for the area's status line."""

    saved = Signal(int)
    message = Signal(str, bool)

    def __init__(self, svc: ProtokollService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paragraf_editor")
        self.svc = svc
        self.paragraf: Paragraf | None = None
        self.people: list[Narvaro] = []
        self.beslutande: Beslutande | None = None
        self.organ_namn = ""
        self.read_only = False
        self.dirty = False
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(lambda: self.save(quiet=True))

        self.title = QLabel()
        self.title.setObjectName("paragraf_rubrik")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.lock = QLabel()
        self.lock.setObjectName("paragraf_last")
        self.lock.setWordWrap(True)
        self.lock.setStyleSheet("background: #fff4ce; border: 1px solid #c8a600; padding: 4px;")
        self.errors = StatusLine("paragraf_fel")

        self.utfall = QComboBox()
        self.utfall.setObjectName("utfall")
        for u in UTFALL:
            self.utfall.addItem(UTFALL_TEXT[u], u)
        self.omedelbart = QCheckBox("Justeras omedelbart")
        self.omedelbart.setObjectName("justeras_omedelbart")
        # Sekretess (OSL): copies for others then show only the §, the public rubrik
        # and the ground.
        self.sekretess = QCheckBox("Sekretess")
        self.sekretess.setObjectName("sekretess")
        self.sekretess.setToolTip("Paragrafen omfattas av sekretess: webbkopian och utdrag till andra visar "
                                  "bara paragrafnumret, den offentliga rubriken och sekretessgrunden.")
        self.sekretess_grund = QLineEdit()
        self.sekretess_grund.setObjectName("sekretess_grund")
        self.sekretess_grund.setPlaceholderText("t.ex. OSL 26 kap. 1 §")
        # Wide enough for a usual ground; the row wraps in a narrow editor.
        self.sekretess_grund.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("OSL 26 kap. 1 § 2 st.") + 16)
        self.beslut = RichTextEdit("beslut", min_lines=5)
        self.beskrivning = RichTextEdit("beskrivning", min_lines=4)
        self.underlag = QPlainTextEdit()
        self.underlag.setObjectName("beslutsunderlag")
        self.underlag.setPlaceholderText("En handling per rad")
        self.underlag.setTabChangesFocus(True)
        self.underlag.setFixedHeight(max(self.fontMetrics().lineSpacing() * 4 + 12,
                                      self.underlag.minimumSizeHint().height()))
        self.propositionsordning = RichTextEdit("propositionsordning", min_lines=2)
        self.yrkanden = AnforandePanel("yrkande", "yrkanden", "Yrkande, t.ex. ”bifall till förslaget”")
        self.votes = VotePanel()
        self.reservationer = AnforandePanel("reservation", "reservationer", "Skriftlig motivering (valfri)")
        self.yttranden = AnforandePanel("särskilt yttrande", "sarskilda_yttranden", "Yttrandets text")
        self.anteckningar = AnforandePanel("protokollsanteckning", "protokollsanteckningar",
                                           "Anteckningens text")
        self.jav = QListWidget()
        self.jav.setObjectName("jav")
        self.jav.setToolTip("Kryssa för den som är jävig; hen deltar inte i beslutet i denna paragraf.")
        self.jav.setMaximumHeight(110)
        self.skickas = QPlainTextEdit()
        self.skickas.setObjectName("skickas_till")
        self.skickas.setPlaceholderText("En mottagare per rad")
        self.skickas.setTabChangesFocus(True)
        self.skickas.setFixedHeight(max(self.fontMetrics().lineSpacing() * 4 + 12,
                                      self.skickas.minimumSizeHint().height()))

        body = QWidget()
        column = QVBoxLayout(body)
        # Wraps in a narrow editor rather than making it scroll sideways.
        top = FlowLayout()
        utfall_label = QLabel("Utfa&ll:")
        utfall_label.setBuddy(self.utfall)
        grund_label = QLabel("Sekretessgrund:")
        grund_label.setBuddy(self.sekretess_grund)
        top.add_widgets(utfall_label, self.utfall, self.omedelbart, self.sekretess, grund_label,
                        self.sekretess_grund)
        column.addLayout(top)

        def section(caption: str, widget: QWidget) -> None:
            label = QLabel(caption)
            label.setWordWrap(True)  # a long caption wraps in a narrow editor
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
            label.setBuddy(widget)
            column.addWidget(label)
            column.addWidget(widget)

        section("Beslut (Alt+B)", self.beslut)  # the area's Alt+B shortcut
        section("Beskrivning av ärendet", self.beskrivning)
        section("Beslutsunderlag", self.underlag)
        section("&Yrkanden", self.yrkanden)
        section("Propositionsordning", self.propositionsordning)
        votes_box = QGroupBox("Omr&östningar")
        QVBoxLayout(votes_box).addWidget(self.votes)
        column.addWidget(votes_box)
        section("&Reservationer (bara den som deltog i beslutet)", self.reservationer)
        section("Särskilda yttranden", self.yttranden)
        section("Protokollsanteckningar", self.anteckningar)
        section("J&äv (lämnar paragrafen)", self.jav)
        section("Beslutet skickas till", self.skickas)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.title)
        outer.addWidget(self.lock)
        outer.addWidget(self.errors)
        outer.addWidget(self.scroll, 1)

        for rich in (self.beslut, self.beskrivning, self.propositionsordning):
            rich.changed.connect(self._edited)
        for plain in (self.underlag, self.skickas):
            plain.textChanged.connect(self._edited)
        for panel in (self.yrkanden, self.votes, self.reservationer, self.yttranden, self.anteckningar):
            panel.changed.connect(self._edited)
        self.votes.vote_set.connect(self._vote_step)
        self.votes.store_votes = self._votes_written
        self.utfall.currentIndexChanged.connect(lambda _i: self._edited(structural=True))
        self.omedelbart.toggled.connect(lambda _b: self._edited())
        self.sekretess.toggled.connect(self._sekretess_toggled)
        self.sekretess_grund.textEdited.connect(lambda _t: self._edited())
        self.jav.itemChanged.connect(lambda _i: self._edited(structural=True))
        self.show_paragraf(None)

    # -- loading -------------------------------------------------------------------------------
    def set_context(self, people: list[Narvaro], organ_namn: str) -> None:
        self.people, self.organ_namn = people, organ_namn

    def show_paragraf(self, p: Paragraf | None, beslutande: Beslutande | None = None,
                      locked_meeting: bool = False) -> None:
        self.timer.stop()
        self.paragraf, self.beslutande = p, beslutande
        self.dirty = False
        self.errors.info("")
        enable_or_explain(self.scroll, "" if p is not None else "Välj en paragraf i listan först.")
        if p is None:
            self.title.setText("Ingen paragraf vald")
            self.lock.hide()
            return
        self.read_only = locked_meeting or p.justerad
        self._loading = True
        try:
            label = (p.label + " (preliminär)" if p.preliminar else p.label) if p.label else "Utgår"
            self.title.setText(f"{label}  {p.rubrik}" + (f"\nDnr {p.dnr}" if p.dnr else ""))
            self.lock.setText("Paragrafen är justerad och kan inte ändras. Rättelser görs under "
                              "Justering (”Lägg till rättelse…”)." if self.read_only else "")
            self.lock.setVisible(self.read_only)
            self.utfall.setCurrentIndex(max(0, self.utfall.findData(p.utfall)))
            self.omedelbart.setChecked(p.justeras_omedelbart)
            self.sekretess.setChecked(p.sekretess)
            self.sekretess_grund.setText(p.sekretess_grund)
            self.sekretess_grund.setEnabled(p.sekretess and not self.read_only)
            self.beslut.set_stored(p.beslut)
            self.beskrivning.set_stored(p.beskrivning)
            self.propositionsordning.set_stored(p.propositionsordning)
            self.underlag.setPlainText("\n".join(p.beslutsunderlag))
            self.skickas.setPlainText("\n".join(p.skickas_till))
            self._fill_choices()
            self.yrkanden.load(p.yrkanden, self.read_only)
            self.reservationer.load(p.reservationer, self.read_only)
            self.yttranden.load(p.sarskilda_yttranden, self.read_only)
            self.anteckningar.load(p.protokollsanteckningar, self.read_only)
            self.votes.load([replace(v, roster=list(v.roster)) for v in p.voteringar], beslutande,
                            self.organ_namn, self.read_only)
            self._fill_jav()
            for w in (self.beslut.edit, self.beskrivning.edit, self.propositionsordning.edit, self.underlag,
                      self.skickas):
                w.setReadOnly(self.read_only)
            self.sekretess_grund.setReadOnly(self.read_only)
            for w in (self.utfall, self.omedelbart, self.sekretess, self.jav):
                enable_or_explain(w, (PROTOKOLL_JUSTERAT if locked_meeting else PARAGRAF_JUSTERAD)
                                  if self.read_only else "")
            for rich in (self.beslut, self.beskrivning, self.propositionsordning):
                rich.set_read_only(self.read_only)  # its formatting buttons too
        finally:
            self._loading = False

    def _fill_choices(self) -> None:
        present = [(n.id, n.namn_parti) for n in self.people if n.grupp != "övrig" and n.narvarande]
        deltagare = self.beslutande.deltagare if self.beslutande else ()
        taking_part = [(d.narvaro_id, d.namn_parti) for d in deltagare]
        self.yrkanden.set_choices(taking_part or present)
        self.reservationer.set_choices(taking_part)
        self.yttranden.set_choices(present)
        self.anteckningar.set_choices(present)

    def _fill_jav(self) -> None:
        self.jav.blockSignals(True)
        try:
            self.jav.clear()
            chosen = set(self.paragraf.jav) if self.paragraf else set()
            candidates = {d.narvaro_id for d in self.beslutande.deltagare} if self.beslutande else set()
            for n in self.people:
                if n.id in candidates or n.id in chosen:
                    item = QListWidgetItem(n.namn_parti, self.jav)
                    item.setData(Qt.ItemDataRole.UserRole, n.id)
                    item.setCheckState(Qt.CheckState.Checked if n.id in chosen else Qt.CheckState.Unchecked)
        finally:
            self.jav.blockSignals(False)

    # -- editing and saving ------------------------------------------------------------------------
    def _edited(self, structural: bool = False) -> None:
        if self._loading or self.paragraf is None or self.read_only:
            return
        self.dirty = True
        if structural:
            self.save(quiet=True)
        else:
            self.timer.start()

    def _sekretess_toggled(self, on: bool) -> None:
        """Marked: the ground is asked for next (saved once typed); unmarked: saved at once."""
        self.sekretess_grund.setEnabled(on and not self.read_only)
        if self._loading or self.read_only:
            return
        if on and not self.sekretess_grund.text().strip():
            self.dirty = True
            self.sekretess_grund.setFocus()
            self.errors.hint("Skriv sekretessgrunden, t.ex. ”OSL 26 kap. 1 §”; paragrafen sparas sedan.")
            return
        self._edited(structural=True)

    def collect(self) -> Paragraf:
        p = self.paragraf
        p.utfall = self.utfall.currentData()
        p.justeras_omedelbart = self.omedelbart.isChecked()
        p.sekretess = self.sekretess.isChecked()
        p.sekretess_grund = self.sekretess_grund.text() if p.sekretess else ""
        p.beslut = self.beslut.stored()
        p.beskrivning = self.beskrivning.stored()
        p.propositionsordning = self.propositionsordning.stored()
        p.beslutsunderlag = _lines(self.underlag.toPlainText())
        p.skickas_till = _lines(self.skickas.toPlainText())
        p.yrkanden = list(self.yrkanden.items)
        p.reservationer = list(self.reservationer.items)
        p.sarskilda_yttranden = list(self.yttranden.items)
        p.protokollsanteckningar = list(self.anteckningar.items)
        p.voteringar = self.votes.voteringar()
        p.jav = [self.jav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.jav.count())
                 if self.jav.item(i).checkState() == Qt.CheckState.Checked]
        return p

    def save(self, quiet: bool = False) -> bool:
        """Store the paragraph if changed. False (and the reason shown) when refused;
        the typed text stays in the editor."""
        self.timer.stop()
        if self.paragraf is None or not self.dirty or self.read_only:
            return True
        try:
            stored = self.svc.paragrafer.save(self.collect())
        except ValidationError as exc:
            text = "; ".join(e.message for e in exc.errors)
            self.errors.error(f"Paragrafen är inte sparad: {text}")
            self.message.emit(f"{self.paragraf.label}: {text}", True)
            return False
        self.dirty = False
        self.errors.info("")
        self.paragraf = stored
        if not quiet:
            self.message.emit(f"{stored.label or stored.rubrik} är sparad.", False)
        self.saved.emit(stored.arende_id)
        return True

    def _vote_step(self, index: int, narvaro_id: int, before, after, name: str) -> None:
        """A vote set by the user as a step of Redigera → Ångra (ui/undo.py). The step
        stores the vote through the paragraph service, so a justerat paragraph refuses
        the undo; the editor then shows it if that paragraph is still shown."""
        history = undo.of_window(self)
        if history is None or self.paragraf is None:
            return
        arende_id = self.paragraf.arende_id
        history.record(f"röst för {name}",
                       lambda: self._store_roster(arende_id, index, [(narvaro_id, after)]),
                       lambda: self._store_roster(arende_id, index, [(narvaro_id, before)]), ("protokoll",))

    def _votes_written(self, index: int, changes: list[tuple[int, str | None, str | None]],
                       what: str) -> bool:
        """Votes typed, pasted or cleared in the table: the paragraph is stored at once
        and the whole write is one step of Redigera → Ångra. False when the paragraph
        was refused (the table then shows the votes as they were)."""
        if self.paragraf is None or self.read_only or not self.save(quiet=True):
            return False
        history = undo.of_window(self)
        if history is not None:
            arende_id = self.paragraf.arende_id
            afters = [(n, after) for n, _before, after in changes]
            befores = [(n, before) for n, before, _after in changes]
            history.record(what, lambda: self._store_roster(arende_id, index, afters),
                           lambda: self._store_roster(arende_id, index, befores), ("protokoll",))
        return True

    def _store_roster(self, arende_id: int, index: int, votes: list[tuple[int, str | None]]) -> None:
        """Store ``votes`` ([(narvaro_id, rost or None)]) in the paragraph's omröstning
        ``index`` through the service, and show them when that paragraph is shown."""
        p = self.svc.paragrafer.get(arende_id)
        if not 0 <= index < len(p.voteringar):
            # The omröstning was not stored yet (the editor saves after a pause).
            if self.paragraf is not None and self.paragraf.arende_id == arende_id:
                self.save(quiet=True)
            p = self.svc.paragrafer.get(arende_id)
        v = p.voteringar[index]
        changed = {narvaro_id for narvaro_id, _rost in votes}
        v.roster = [r for r in v.roster if r.narvaro_id not in changed]
        v.roster += [Rost(narvaro_id, rost) for narvaro_id, rost in votes if rost is not None]
        self.svc.paragrafer.save(p)
        if shiboken6.isValid(self) and self.paragraf is not None and self.paragraf.arende_id == arende_id:
            for narvaro_id, rost in votes:
                self.votes.show_vote(index, narvaro_id, rost)

    def update_beslutande(self, beslutande: Beslutande | None) -> None:
        """After jäv or närvaro changed: the vote table and the choices follow."""
        self.beslutande = beslutande
        self._loading = True
        try:
            self._fill_choices()
            self._fill_jav()
            self.votes.set_beslutande(beslutande)
        finally:
            self._loading = False

    def focus_beslut(self) -> None:
        self.scroll.ensureWidgetVisible(self.beslut)
        self.beslut.edit.setFocus()

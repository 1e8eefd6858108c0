"""Närvaro, always at hand beside the paragraph: who is present, arrivals and
departures at a §, tjänstgörande ersättare (for whom, from which §), and a warning
when the nämnd is not beslutför at some paragraph."""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.protokoll import ProtokollService
from app.protokoll.model import Narvaro, Paragraf, Tjanstgoring
from app.validation import ValidationError
from ui import undo
from ui.models import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.protokoll.reasons import PROTOKOLL_JUSTERAT as LOCKED
from ui.widgets.buttons import enable_or_explain
from ui.widgets.scroll import scroll_inside
from ui.widgets.status import StatusLine

GRUPP_TEXT = {"ledamot": "Ledamot", "ersättare": "Ersättare", "övrig": "Övrig"}
ABSENT = QColor("#777777")


class NarvaroModel(RecordTableModel):
    """The närvaro rows; absentees greyed. ``labels``: arende_id → "§ 5" for the spans,
    ``serving``: narvaro id → text about whom the ersättare serves for."""

    def __init__(self, parent=None):
        self.labels: dict[int, str] = {}
        self.serving: dict[int, str] = {}
        # Whom an ersättare serves for is said in the Närvaro column, which takes the
        # rest of the row: beside the paragraph the panel is narrow, and a fourth column
        # would be out of sight behind a sideways scroll bar on a laptop.
        super().__init__([
            Column("Namn", lambda n: n.namn_parti, width=16, tooltip=lambda n: n.namn_parti),
            Column("Roll", lambda n: n.roll or GRUPP_TEXT[n.grupp], width=10),
            Column("Närvaro", self._presence_and_serving, stretch=True, tooltip=self._presence_and_serving),
        ], parent=parent)

    def _presence_and_serving(self, n: Narvaro) -> str:
        serving = self.serving.get(n.id, "")
        return f"{self._presence(n)}, {serving}" if serving else self._presence(n)

    def _presence(self, n: Narvaro) -> str:
        if not n.narvarande:
            return "Frånvarande"
        fran = self.labels.get(n.fran_arende_id) if n.fran_arende_id else None
        till = self.labels.get(n.till_arende_id) if n.till_arende_id else None
        if fran and till:
            return f"{fran}–{till}" if fran != till else fran
        if fran:
            return f"från {fran}"
        if till:
            return f"till och med {till}"
        return "Närvarande"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            n = self.record(index.row())
            return ABSENT if n is not None and not n.narvarande else None
        return super().data(index, role)


class NarvaroPanel(QWidget):
    """``changed`` after a save (who takes part may differ at every §)."""

    changed = Signal()

    def __init__(self, svc: ProtokollService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("narvaro_panel")
        self.svc = svc
        self.meeting_id: int | None = None
        self.read_only = False
        self.paragrafer: list[Paragraf] = []
        self.tjanstgoringar: list[Tjanstgoring] = []
        self._loading = False
        self.beslutfor = QLabel()
        self.beslutfor.setObjectName("beslutfor")
        self.beslutfor.setWordWrap(True)
        self.model = NarvaroModel(self)
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName("narvarolista")
        self.view.set_column_widths()
        self.status = StatusLine("narvaro_fel")

        self.present = QCheckBox("Närvarande")
        self.present.setObjectName("narvarande")
        self.fran = QComboBox()
        self.fran.setObjectName("narvaro_fran")
        self.till = QComboBox()
        self.till.setObjectName("narvaro_till")
        person_box = QGroupBox("Vald person")
        form = QFormLayout(person_box)
        form.addRow(self.present)
        form.addRow("Kommer vid:", self.fran)
        form.addRow("Lämnar efter:", self.till)

        self.for_whom = QComboBox()
        self.for_whom.setObjectName("tjanstgor_for")
        self.t_fran = QComboBox()
        self.t_fran.setObjectName("tjanstgor_fran")
        self.t_till = QComboBox()
        self.t_till.setObjectName("tjanstgor_till")
        self.serve_button = QPushButton("Spara tjänstgöring")
        self.serve_button.setObjectName("spara_tjanstgoring")
        self.unserve_button = QPushButton("Ta bort tjänstgöring")
        self.unserve_button.setObjectName("ta_bort_tjanstgoring")
        self.serve_box = QGroupBox("Ersättaren tjänstgör")
        serve = QFormLayout(self.serve_box)
        serve.addRow("För ledamot:", self.for_whom)
        serve.addRow("Från:", self.t_fran)
        serve.addRow("Till och med:", self.t_till)
        buttons = QHBoxLayout()
        buttons.addWidget(self.serve_button)
        buttons.addWidget(self.unserve_button)
        serve.addRow(buttons)

        # Room for eight people in the list; in a low window the panel scrolls to the
        # forms under it rather than squeezing the list to two rows.
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 9)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        scroll_inside(self, body)
        column.addWidget(self.beslutfor)
        column.addWidget(self.view, 1)
        column.addWidget(self.status)
        column.addWidget(person_box)
        column.addWidget(self.serve_box)

        self.view.current_changed.connect(self._show_person)
        self.present.toggled.connect(lambda _b: self._save_person())
        self.fran.currentIndexChanged.connect(lambda _i: self._save_person())
        self.till.currentIndexChanged.connect(lambda _i: self._save_person())
        self.serve_button.clicked.connect(lambda _=False: self.save_tjanstgoring())
        self.unserve_button.clicked.connect(lambda _=False: self._remove_tjanstgoring())

    # -- loading ---------------------------------------------------------------------------------
    def load(self, meeting_id: int | None, paragrafer: list[Paragraf], read_only: bool) -> None:
        self.meeting_id, self.paragrafer, self.read_only = meeting_id, paragrafer, read_only
        self.model.labels = {p.arende_id: p.label or f"punkt {p.position}" for p in paragrafer}
        self._loading = True
        try:
            for combo, first in ((self.fran, "Från början"), (self.till, "Till slutet"),
                                 (self.t_fran, "Från början"), (self.t_till, "Till slutet")):
                combo.clear()
                combo.addItem(first, None)
                for p in paragrafer:
                    if p.nummer is not None:
                        combo.addItem(f"{p.label} {p.rubrik[:40]}", p.arende_id)
        finally:
            self._loading = False
        self.reload()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.view.current_id()
        if self.meeting_id is None:
            self.model.set_records([])
            self.beslutfor.setText("")
            return
        people = self.svc.narvaro.narvaro(self.meeting_id)
        by_id = {n.id: n for n in people}
        self.tjanstgoringar = self.svc.narvaro.tjanstgoringar(self.meeting_id)
        serving: dict[int, list[str]] = {}
        for t in self.tjanstgoringar:
            span = self._span(t.fran_arende_id, t.till_arende_id)
            who = by_id.get(t.for_id)
            serving.setdefault(t.ersattare_id, []).append(f"för {who.namn_parti if who else '?'}{span}")
            serving.setdefault(t.for_id, []).append(
                f"ersätts av {by_id[t.ersattare_id].namn_parti}{span}" if t.ersattare_id in by_id else "")
        self.model.serving = {k: "; ".join(x for x in v if x) for k, v in serving.items()}
        self.model.set_records(people)
        self.view.select_id(keep)
        self._show_beslutfor()

    def _span(self, fran: int | None, till: int | None) -> str:
        labels = self.model.labels
        if fran is None and till is None:
            return ""
        return f" ({labels.get(fran, 'början')}–{labels.get(till, 'slutet')})"

    def _show_beslutfor(self) -> None:
        if not self.model.rowCount():
            # Not begun: no one is recorded yet, which says nothing about beslutförhet.
            self.beslutfor.setText("Närvaron hämtas från ledamöterna och ersättarna när protokollet "
                                   "påbörjas.")
            self.beslutfor.setStyleSheet("")
            return
        beslutande = self.svc.narvaro.beslutande(self.meeting_id)
        numbered = [p for p in self.paragrafer if p.nummer is not None]
        bad = [p.label for p in numbered
               if p.arende_id in beslutande and not beslutande[p.arende_id].beslutfor]
        seats = self.svc.narvaro.platser(self.meeting_id)
        first = beslutande.get(numbered[0].arende_id) if numbered else None
        counts = f"{first.antal} av {seats} ledamöter tjänstgör" if first else f"{seats} ledamöter"
        if bad:
            # "§" and its number never wrap apart (a no-break space).
            bad = [label.replace(" ", "\u00a0") for label in bad]
            self.beslutfor.setText(f"⚠ Inte beslutför vid {', '.join(bad)}: färre än hälften av "
                                   f"ledamöterna deltar ({counts} vid första paragrafen).")
            self.beslutfor.setStyleSheet("color: #b3261e; font-weight: bold;")
        else:
            self.beslutfor.setText(f"Beslutför vid alla paragrafer ({counts} vid första paragrafen).")
            self.beslutfor.setStyleSheet("")

    def _show_person(self, n: Narvaro | None) -> None:
        self._loading = True
        try:
            locked = LOCKED if self.read_only else ""
            for w in (self.present, self.fran, self.till):
                enable_or_explain(w, locked or ("" if n is not None else "Välj en person i listan först."))
            is_ersattare = n is not None and n.grupp == "ersättare"
            self.serve_box.setVisible(is_ersattare)
            if n is None:
                return
            self.present.setChecked(n.narvarande)
            self.fran.setCurrentIndex(max(0, self.fran.findData(n.fran_arende_id)))
            self.till.setCurrentIndex(max(0, self.till.findData(n.till_arende_id)))
            if is_ersattare:
                self.for_whom.clear()
                for m in self.model.records:
                    if m.grupp == "ledamot":
                        self.for_whom.addItem(m.namn_parti + ("" if m.narvarande else " (frånvarande)"), m.id)
                t = next((t for t in self.tjanstgoringar if t.ersattare_id == n.id), None)
                absent = next((i for i in range(self.for_whom.count())
                               if self.for_whom.itemText(i).endswith("(frånvarande)")), 0)
                self.for_whom.setCurrentIndex(self.for_whom.findData(t.for_id) if t else absent)
                self.t_fran.setCurrentIndex(max(0, self.t_fran.findData(t.fran_arende_id if t else None)))
                self.t_till.setCurrentIndex(max(0, self.t_till.findData(t.till_arende_id if t else None)))
                enable_or_explain(self.unserve_button, locked or (
                    "" if t is not None else "Ersättaren har ingen sparad tjänstgöring att ta bort."))
                for w in (self.serve_button, self.for_whom, self.t_fran, self.t_till):
                    enable_or_explain(w, locked)
        finally:
            self._loading = False

    # -- saving ------------------------------------------------------------------------------------
    def _save_person(self) -> None:
        n = self.view.current_record()
        if self._loading or n is None or self.read_only:
            return
        before = replace(self.svc.narvaro.get(n.id))
        n.narvarande = self.present.isChecked()
        n.fran_arende_id = self.fran.currentData() if n.narvarande else None
        n.till_arende_id = self.till.currentData() if n.narvarande else None
        after = replace(n)
        meeting_id = self.meeting_id
        history = undo.of_window(self)
        try:
            if history is None:
                self.svc.narvaro.save(after)
            else:
                # A step of Redigera → Ångra: the service saves the earlier närvaro again.
                history.perform(f"ändring av närvaro för {n.namn_parti}",
                                lambda: self.svc.narvaro.save(replace(after)),
                                lambda: self.svc.narvaro.save(replace(before)), ("protokoll",),
                                after=lambda: self._show_again(meeting_id, n.id))
        except ValidationError as exc:
            self.status.error(str(exc))
            return
        self.status.info("")
        self.reload(n.id)
        self.changed.emit()

    def _show_again(self, meeting_id: int | None, narvaro_id: int) -> None:
        """After an undo or redo: show the närvaro if this meeting is still shown."""
        if shiboken6.isValid(self) and self.meeting_id == meeting_id:
            self.reload(narvaro_id)
            self._show_person(self.view.current_record())
            self.changed.emit()

    def save_tjanstgoring(self) -> bool:
        n = self.view.current_record()
        if n is None or self.read_only or self.for_whom.currentData() is None:
            return False
        t = next((t for t in self.tjanstgoringar if t.ersattare_id == n.id), None)
        t = t or Tjanstgoring(self.meeting_id, n.id, self.for_whom.currentData())
        t.for_id = self.for_whom.currentData()
        t.fran_arende_id, t.till_arende_id = self.t_fran.currentData(), self.t_till.currentData()
        try:
            if not n.narvarande:
                n.narvarande = True
                self.svc.narvaro.save(n)
            self.svc.narvaro.save_tjanstgoring(t)
        except ValidationError as exc:
            self.status.error(str(exc))
            return False
        self.status.info(f"{n.namn_parti} tjänstgör för {self.for_whom.currentText()}.")
        self.reload(n.id)
        self._show_person(self.view.current_record())
        self.changed.emit()
        return True

    def _remove_tjanstgoring(self) -> None:
        n = self.view.current_record()
        t = next((t for t in self.tjanstgoringar if n is not None and t.ersattare_id == n.id), None)
        if t is None or self.read_only:
            return
        self.svc.narvaro.delete_tjanstgoring(t.id)
        self.reload(n.id)
        self._show_person(self.view.current_record())
        self.changed.emit()

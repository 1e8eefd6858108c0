"""The plan itself (title, period, status, adoption) and its rich-text sections
(Inledning, the förvaltningar, Fortsatt process, Uppföljning …)."""

from __future__ import annotations

from copy import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.plan.adoption import AdoptingParagraph, adopting_paragraph
from app.plan.model import PLACERINGAR, Avsnitt, Plan
from app.plan.service import PlanService
from app.validation import ValidationError
from ui.models.table import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.plan.adoption_picker import AdoptionPicker
from ui.plan.frozen import lock_inputs
from ui.widgets import keys
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import confirm
from ui.widgets.fields import DateField
from ui.widgets.flow import FlowLayout
from ui.widgets.forms import FieldForm
from ui.widgets.guard import LeaveGuard, save_or_discard
from ui.widgets.richtext_edit import RichTextEdit
from ui.widgets.scroll import scroll_inside


class PlanForm(QGroupBox):
    saved = Signal(object)

    def __init__(self, plans: PlanService, plan: Plan, parent=None):
        super().__init__("Planen", parent)
        self.plans, self.plan = plans, plan
        self.frozen_reason = ""  # the plan is antagen: why nothing here changes (set_frozen)
        layout = QFormLayout(self)
        self.form = FieldForm(layout)
        self.titel = QLineEdit()
        self.titel.setObjectName("titel")
        self.form.add("titel", "Titel:", self.titel)
        self.namnd = QLabel()
        layout.addRow("Nämnd:", self.namnd)
        self.period = QLabel()
        layout.addRow("Period:", self.period)
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.status.addItem("Utkast", "utkast")
        self.status.addItem("Antagen", "antagen")
        self.form.add("status", "Status:", self.status)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.har_datum = QCheckBox("Antagen den")
        self.datum = DateField()
        self.datum.setObjectName("antagen_datum")
        self.har_datum.toggled.connect(lambda _on: self._offer_adoption_fields())
        row.addWidget(self.har_datum)
        row.addWidget(self.datum)
        row.addStretch(1)
        self.form.add("antagen_datum", "Antagande:", holder)
        self.paragraf = QLineEdit()
        self.paragraf.setObjectName("antagen_paragraf")
        self.paragraf.setPlaceholderText("t.ex. § 59 eller § VON.2022.55")
        self.form.add("antagen_paragraf", "Paragraf i protokollet:", self.paragraf)
        # The adopting paragraph when the protokoll is kept in the program; date and §
        # then come from it and the typed fields are locked.
        self.linked: AdoptingParagraph | None = None
        self.picker: AdoptionPicker | None = None
        link_row = QWidget()
        links = QHBoxLayout(link_row)
        links.setContentsMargins(0, 0, 0, 0)
        self.link_text = QLabel()
        self.link_text.setObjectName("kopplad_paragraf")
        self.link_text.setWordWrap(True)
        self.pick_button = QPushButton("Välj paragraf i protokoll…")
        self.pick_button.setObjectName("valj_paragraf")
        self.pick_button.clicked.connect(self.choose_paragraph)
        self.unlink_button = QPushButton("Ta bort kopplingen")
        self.unlink_button.setObjectName("ta_bort_koppling")
        self.unlink_button.clicked.connect(lambda: self.link_to(None))
        links.addWidget(self.link_text, 1)
        links.addWidget(self.pick_button)
        links.addWidget(self.unlink_button)
        layout.addRow("Protokollet:", link_row)
        self.line = QLabel()
        self.line.setStyleSheet("color: #555;")
        layout.addRow("", self.line)
        self.form.add_general_row()
        self.save_button = QPushButton("Spara planen")
        self.save_button.setObjectName("spara_plan")
        self.save_button.clicked.connect(self.save)
        keys.save_key(self, self.save_button)
        layout.addRow("", self.save_button)
        self.show_plan(plan)

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.titel.setText(plan.titel)
        self.namnd.setText(f"{plan.namnd_namn} ({plan.namnd_kortnamn})")
        self.period.setText(f"{plan.period} ({plan.antal_ar} år)")
        self.status.setCurrentIndex(self.status.findData(plan.status))
        self.har_datum.setChecked(bool(plan.antagen_datum))
        self.datum.setText(plan.antagen_datum or clock.today_iso())
        self.paragraf.setText(plan.antagen_paragraf)
        self.line.setText(plan.adoption_line())
        self._show_link(adopting_paragraph(self.plans.db, plan.antagen_paragraf_id))
        self.loaded = self.entered()

    def entered(self) -> tuple:
        """What the form holds now, to see a change since the plan was shown or saved."""
        return (self.titel.text(), self.status.currentData(), self.har_datum.isChecked(),
                self.datum.text() if self.har_datum.isChecked() else "", self.paragraf.text(),
                self.linked.arende_id if self.linked else None)

    def leave(self) -> bool:
        """Before another plan is shown or the database closes: Spara, Släng or Avbryt
        when the plan's own fields were changed. False: stay."""
        if self.entered() == self.loaded:
            return True
        return save_or_discard(
            self, "Planen är inte sparad",
            f"Planens uppgifter (titel, status, antagande) för ”{self.plan.titel}” har ändrats men inte "
            "sparats.\n\nSpara dem, släng ändringen eller avbryt och stanna kvar?",
            self.save, self._show_stored)

    def _show_stored(self) -> None:
        self.form.clear()
        self.show_plan(self.plan)

    def _show_link(self, paragraph: AdoptingParagraph | None) -> None:
        self.linked = paragraph
        if paragraph is None:
            self.link_text.setText("Ingen koppling – datum och paragraf skrivs för hand.")
        else:
            self.link_text.setText(f"Kopplad till {paragraph.label} {paragraph.rubrik} "
                                   f"(sammanträdet {paragraph.datum})")
        self._offer_adoption_fields()

    def set_frozen(self, reason: str) -> None:
        """The plan is antagen (``reason`` says so): shown, not changed."""
        self.frozen_reason = reason
        lock_inputs(self, reason)
        self._offer_adoption_fields()

    def _offer_adoption_fields(self) -> None:
        """Date and § are typed by hand only without a linked paragraph, the date only
        when ticked; in an adopted plan nothing is offered, and each control says why."""
        frozen = self.frozen_reason
        linked = "Datum och paragraf kommer från den kopplade paragrafen." if self.linked is not None else ""
        enable_or_explain(self.har_datum, frozen or linked)
        if not frozen:
            enable_or_explain(self.paragraf, linked)  # an adopted plan's stays read-only, selectable
        enable_or_explain(self.datum, frozen or linked or (
            "" if self.har_datum.isChecked() else "Kryssa i ”Antagen den” för att ange datumet."))
        enable_or_explain(self.pick_button, frozen)
        enable_or_explain(self.unlink_button, frozen or (
            "" if self.linked is not None else "Planen är inte kopplad till någon paragraf i ett protokoll."))

    def choose_paragraph(self) -> None:
        self.picker = AdoptionPicker(self.plans.db, self.plan.namnd_id,
                                     self.linked.arende_id if self.linked else None, self)
        self.picker.accepted.connect(lambda: self.link_to(self.picker.chosen()))
        self.picker.open()

    def link_to(self, paragraph: AdoptingParagraph | None) -> None:
        """Fill date and § from the chosen paragraph (saved with "Spara planen")."""
        if paragraph is not None:
            self.status.setCurrentIndex(self.status.findData("antagen"))
            self.har_datum.setChecked(True)
            self.datum.setText(paragraph.datum)
            self.paragraf.setText(paragraph.label)
        self._show_link(paragraph)

    def save(self) -> bool:
        plan = copy(self.plan)
        plan.titel = self.titel.text()
        plan.status = self.status.currentData()
        plan.antagen_datum = self.datum.iso() if self.har_datum.isChecked() else None
        plan.antagen_paragraf = self.paragraf.text()
        plan.antagen_paragraf_id = self.linked.arende_id if self.linked else None
        try:
            saved = self.plans.save_plan(plan)
        except ValidationError as exc:
            self.form.show(exc)
            return False
        self.form.clear()
        self.show_plan(saved)
        self.saved.emit(saved)
        return True


class SectionsPanel(QGroupBox):
    """The introductory and closing texts, each with its place in the printed plan."""

    def __init__(self, plans: PlanService, plan: Plan, parent=None):
        super().__init__("Avsnitt (text i planen)", parent)
        self.plans, self.plan = plans, plan
        self.frozen = False  # an adopted plan's texts: read, not changed (set_frozen)
        self.current: Avsnitt | None = None
        self._guard = LeaveGuard(self)
        self._loaded: tuple = ()  # the form as last loaded or saved, to see a change
        self.model = RecordTableModel([
            Column("Placering", lambda a: PLACERINGAR[a.placering]),
            Column("Rubrik", lambda a: ("    " if a.niva == 2 else "") + (a.rubrik or "(utan rubrik)")
                   + (" – att granska" if a.att_granska else "")),
        ])
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName("avsnitt")
        buttons = FlowLayout()
        self.buttons = {}
        for key, text, slot in [("nytt", "Nytt avsnitt", self.new), ("upp", "Upp", lambda: self.move(-1)),
                                ("ned", "Ned", lambda: self.move(1)), ("ta_bort", "Ta bort…", self.delete)]:
            button = QPushButton(text)
            button.setObjectName(f"avsnitt_{key}")
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view)
        column.addLayout(buttons)

        editor = QWidget()
        form_layout = QFormLayout(editor)
        form_layout.setContentsMargins(0, 0, 0, 0)
        self.form = FieldForm(form_layout)
        self.placering = QComboBox()
        self.placering.setObjectName("placering")
        for key, label in PLACERINGAR.items():
            self.placering.addItem(label, key)
        self.form.add("placering", "Placering:", self.placering)
        self.rubrik = QLineEdit()
        self.rubrik.setObjectName("rubrik")
        self.form.add("rubrik", "Rubrik:", self.rubrik)
        self.niva = QComboBox()
        self.niva.addItem("Rubrik", 1)
        self.niva.addItem("Underrubrik", 2)
        self.form.add("niva", "Nivå:", self.niva)
        self.form.add_general_row()
        # A text copied from the previous period's plan until it is changed or reviewed.
        self.review_note = QLabel("Kopierad från förra perioden: läs texten och ändra det som inte längre "
                                  "stämmer.")
        self.review_note.setObjectName("avsnitt_att_granska")
        self.review_note.setWordWrap(True)
        self.reviewed = QPushButton("Markera som granskad")
        self.reviewed.setObjectName("avsnitt_granskad")
        self.reviewed.setToolTip("Texten stämmer för den nya perioden som den står")
        self.reviewed.clicked.connect(lambda _=False: self.mark_reviewed())
        self.text = RichTextEdit(object_name="avsnitt_text")
        self.text.setMinimumHeight(200)
        self.save_button = QPushButton("Spara avsnittet")
        self.save_button.setObjectName("spara_avsnitt")
        self.save_button.clicked.connect(self.save)
        keys.save_key(self, self.save_button)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(editor)
        right_column.addWidget(self.review_note)
        right_column.addWidget(self.reviewed, 0, Qt.AlignmentFlag.AlignLeft)
        right_column.addWidget(QLabel("Text:"))
        right_column.addWidget(self.text, 1)
        right_column.addWidget(self.save_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.view.current_changed.connect(self._show)
        self.reload()
        self._enable(False)

    def reload(self, select_id=None) -> None:
        with self._guard.quiet():
            self.model.set_records(self.plans.avsnitt(self.plan.id))
            if select_id is not None:
                self.view.select_id(select_id)

    def set_frozen(self, reason: str) -> None:
        self.frozen = True
        lock_inputs(self, reason)

    def _enable(self, on: bool) -> None:
        to_review = on and not self.frozen and self.current is not None and self.current.att_granska
        self.review_note.setVisible(bool(to_review))
        self.reviewed.setVisible(bool(to_review))
        if self.frozen:
            return  # locked once by set_frozen; the texts stay readable
        why = "" if on else "Välj ett avsnitt i listan, eller lägg till ett med ”Nytt avsnitt”."
        for w in (self.placering, self.rubrik, self.niva, self.text, self.save_button):
            enable_or_explain(w, why)
        saved = self.current is not None and self.current.id is not None
        for key in ("upp", "ned", "ta_bort"):
            enable_or_explain(self.buttons[key], why or ("" if saved else "Spara avsnittet först."))

    def _show(self, record) -> None:
        if self._guard.busy:
            return
        shown = self.current
        if shown is not None and (record is None or record.id != shown.id):
            # A changed avsnitt is saved or thrown away first, or it stays selected.
            if not self._guard.leave_or_revert(self.leave, lambda: self.view.select_id(shown.id), later=True):
                return
            with self._guard.quiet():  # saving read the list again
                self.view.select_id(record.id if record is not None else None)
        if record is None:
            self.current = None
            self._enable(False)
            return
        self._load(copy(record))

    def _load(self, a: Avsnitt) -> None:
        self.current = a
        self.form.clear()
        self.placering.setCurrentIndex(self.placering.findData(a.placering))
        self.rubrik.setText(a.rubrik)
        self.niva.setCurrentIndex(self.niva.findData(a.niva))
        self.text.set_stored(a.text)
        self._loaded = self._entered()
        self._enable(True)

    def _entered(self) -> tuple:
        return (self.placering.currentData(), self.rubrik.text(), self.niva.currentData(), self.text.stored())

    def leave(self) -> bool:
        """Before another avsnitt or plan is shown or the database closes: Spara, Släng
        or Avbryt when the avsnitt shown was changed. False: stay on it."""
        if self.frozen or self.current is None or self._entered() == self._loaded:
            return True
        return save_or_discard(
            self, "Avsnittet är inte sparat",
            f"Avsnittet ”{self.rubrik.text() or 'utan rubrik'}” i planen har ändrats men inte sparats.\n\n"
            "Spara det, släng ändringen eller avbryt och stanna kvar på avsnittet?",
            self.save, self._forget_changes)

    def _forget_changes(self) -> None:
        self._loaded = self._entered()

    def new(self) -> None:
        if not self.leave():
            return
        with self._guard.quiet():
            self.view.clearSelection()
        self._load(Avsnitt(plan_id=self.plan.id))
        self.rubrik.setFocus()

    def save(self) -> bool:
        if self.current is None:
            return False
        a = self.current
        a.placering, a.rubrik = self.placering.currentData(), self.rubrik.text()
        a.niva, a.text = self.niva.currentData(), self.text.stored()
        try:
            saved = self.plans.save_avsnitt(a)
        except ValidationError as exc:
            self.form.show(exc)
            return False
        self.reload(saved.id)
        self._load(copy(saved))
        return True

    def mark_reviewed(self) -> None:
        if self.current is None or self.current.id is None:
            return
        self.plans.mark_avsnitt_reviewed(self.current.id)
        self.current.att_granska = False
        self.reload(self.current.id)
        self._enable(True)

    def move(self, delta: int) -> None:
        if self.current is not None and self.current.id is not None:
            self.plans.move_avsnitt(self.current.id, delta)
            self.reload(self.current.id)

    def delete(self) -> None:
        if self.current is None or self.current.id is None:
            return
        if confirm(self, "Ta bort avsnitt", f"Ta bort avsnittet ”{self.current.rubrik or 'utan rubrik'}”?"):
            self.plans.delete_avsnitt(self.current.id)
            self.current = None
            self.reload()
            self._enable(False)


class PlanInfoTab(QWidget):
    def __init__(self, plans: PlanService, plan: Plan, parent=None):
        super().__init__(parent)
        self.form = PlanForm(plans, plan)
        self.sections = SectionsPanel(plans, plan)
        # The plan's form and its texts are taller than a laptop's window: the tab scrolls.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.form)
        layout.addWidget(self.sections, 1)
        scroll_inside(self, body)

    def set_frozen(self, reason: str) -> None:
        """The plan is adopted: its title, adoption and texts are shown, not changed."""
        self.form.set_frozen(reason)
        self.sections.set_frozen(reason)

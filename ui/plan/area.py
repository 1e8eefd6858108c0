"""The Verksamhetsplan area: the list of plans, and the selected plan open for editing.
New plan, copy to the next period, delete, and import of a plan from Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.plan.copyforward import CopyResult, copy_forward, refuse_existing_period
from app.plan.frozen import adopted_message
from app.plan.model import Plan
from app.plan.service import default_title
from app.session import Session
from app.validation import ValidationError
from ui.changes import follow
from ui.main_window import AREAS, Area
from ui.models.table import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.plan.editor import PlanEditor, documents_folder, notify, run_plan_import
from ui.tasks import Task
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import confirm
from ui.widgets.first_step import NAMND_FIRST, FirstStep
from ui.widgets.forms import FieldForm
from ui.widgets.guard import swap_editor
from ui.widgets.text import swedish_list


class NewPlanDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Ny verksamhetsplan")
        self.setMinimumWidth(480)
        self.plans = session.plan
        self.created: Plan | None = None
        layout = QFormLayout()
        self.form = FieldForm(layout)
        self.namnd = QComboBox()
        self.namnd.setObjectName("namnd")
        for n in session.organisation.namnder():
            self.namnd.addItem(n.namn, n.id)
        self.form.add("namnd_id", "Nämnd:", self.namnd)
        self.forsta = QSpinBox()
        self.forsta.setObjectName("forsta_ar")
        self.forsta.setRange(1990, 2200)
        self.forsta.setValue(clock.today().year + 1)
        self.form.add("forsta_ar", "Första år:", self.forsta)
        self.antal = QSpinBox()
        self.antal.setObjectName("antal_ar")
        self.antal.setRange(1, 6)
        self.antal.setValue(3)
        self.form.add("antal_ar", "Antal år:", self.antal)
        self.titel = QLineEdit()
        self.titel.setObjectName("titel")
        self.form.add("titel", "Titel:", self.titel)
        self.form.add_general_row()
        for signal in (self.namnd.currentIndexChanged, self.forsta.valueChanged, self.antal.valueChanged):
            signal.connect(self._suggest_title)
        self._suggest_title()
        buttons = QDialogButtonBox()
        buttons.addButton("Skapa", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(buttons)

    def _suggest_title(self) -> None:
        self.titel.setText(default_title(self.namnd.currentText() or "Nämnden", self.forsta.value(),
                                         self.antal.value()))

    def accept(self) -> None:
        try:
            self.created = self.plans.save_plan(Plan(namnd_id=self.namnd.currentData() or 0,
                                                     titel=self.titel.text(), forsta_ar=self.forsta.value(),
                                                     antal_ar=self.antal.value()))
        except ValidationError as exc:
            self.form.show(exc)
            return
        super().accept()


class CopyDialog(QDialog):
    """Copy a plan forward: what to bring along, then what happened."""

    def __init__(self, session: Session, plan: Plan, parent=None):
        super().__init__(parent)
        self.session, self.plan = session, plan
        self.result_copy: CopyResult | None = None
        self.setWindowTitle("Kopiera till nästa period")
        self.setMinimumWidth(520)
        text = QLabel(f"En ny plan för {plan.forsta_ar + 1}–{plan.forsta_ar + plan.antal_ar} skapas som "
                      f"utkast från ”{plan.titel}”. Mål och mått följer med, åren flyttas fram och relativa "
                      "målvärden (t.ex. >2022) flyttas ett år.")
        text.setWordWrap(True)
        self.outcomes = QCheckBox(f"Använd utfallen {plan.forsta_ar} som nya ingångsvärden, med sin period "
                                  f"(t.ex. ”2 ({plan.forsta_ar})”)")
        self.outcomes.setObjectName("utfall_som_ingangsvarden")
        self.outcomes.setChecked(True)
        self.activities = QCheckBox("Kopiera handlingsplanens aktiviteter")
        self.activities.setObjectName("kopiera_aktiviteter")
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("Kopiera", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.setObjectName("kopiera")
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # A period the nämnd already has a plan for is said at once, and copying is refused.
        self.error = QLabel()
        self.error.setObjectName("kopiera_fel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout = QVBoxLayout(self)
        for w in (text, self.outcomes, self.activities, self.error, buttons):
            layout.addWidget(w)
        try:
            refuse_existing_period(session.db, plan, 1)
        except ValidationError as exc:
            self._refused(exc)

    def _refused(self, exc: ValidationError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        enable_or_explain(self.copy_button, str(exc))

    def accept(self) -> None:
        try:
            self.result_copy = copy_forward(self.session.db, self.plan.id,
                                            with_activities=self.activities.isChecked(),
                                            outcomes_as_baseline=self.outcomes.isChecked())
        except ValidationError as exc:
            self._refused(exc)
            return
        super().accept()


class PlanArea(QSplitter):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verksamhetsplan")
        self.session = session
        self.plans = session.plan
        self.dialog: QDialog | None = None
        self.task: Task | None = None
        self.editor: PlanEditor | None = None
        self.last_message = ""
        self._reloading = False
        # The narrow list keeps Nämnd, Period and Status readable (a laptop's screen showed
        # "antag…" behind a scroll bar); the title shows when the pane is widened.
        self.model = RecordTableModel([
            Column("Nämnd", lambda p: p.namnd_kortnamn, width=10),  # its sort arrow too
            Column("Period", lambda p: p.period, width=9),
            Column("Status", lambda p: p.status if p.version == 1 else f"{p.status}, version {p.version}",
                   stretch=True),
            Column("Titel", lambda p: p.titel, width=40, optional=True),
        ])
        self.view = RecordTableView(self.model)
        self.view.set_column_widths()
        self.view.setObjectName("planer")
        self.buttons = {}
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<b>Verksamhetsplaner</b>"))
        column.addWidget(self.view, 1)
        for key, text, slot in [("ny", "Ny plan…", self.new_plan),
                                ("kopiera", "Kopiera till nästa period…", self.copy_plan),
                                ("importera_ny", "Importera plan från Excel…", lambda: self.import_new()),
                                ("ta_bort", "Ta bort plan…", self.delete_plan)]:
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(lambda _=False, s=slot: s())
            column.addWidget(button)
            self.buttons[key] = button
        self.stack = QStackedWidget()
        self.empty = QWidget()
        empty_column = QVBoxLayout(self.empty)
        # On a new database: a plan belongs to a nämnd, which is added under Organisation.
        self.first_step = FirstStep("plan_forsta_steg")
        empty_column.addWidget(self.first_step)
        hint = QLabel("Välj en plan i listan, skapa en ny eller kopiera förra årets plan till nästa period.")
        hint.setWordWrap(True)
        empty_column.addWidget(hint)
        empty_column.addStretch(1)
        self.stack.addWidget(self.empty)
        self.addWidget(left)
        self.addWidget(self.stack)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        # The list as narrow as its buttons allow: the plan's nine tabs need the room.
        self.setSizes([200, 1200])
        self.view.current_changed.connect(self._open)
        # A nämnd added under Organisation makes Ny plan… possible.
        follow(session, self, ["organisation"], lambda _changes: self._enable())
        self.reload()
        plans = self.model.records
        if plans:
            self.view.select_id(plans[0].id)

    def reload(self, select_id=None) -> None:
        current = select_id if select_id is not None else self.view.current_id()
        # Refreshing the list must not close and reopen the plan being edited.
        self._reloading = True
        try:
            self.model.set_records(self.plans.plans())
            if current is not None:
                self.view.select_id(current)
        finally:
            self._reloading = False
        for column in range(3):
            self.view.resizeColumnToContents(column)
        self._open(self.view.current_record())

    def _enable(self) -> None:
        selected = self.view.current_record() is not None
        for key in ("kopiera", "ta_bort"):
            self.buttons[key].setEnabled(selected)
            self.buttons[key].setToolTip("" if selected else "Välj först en plan i listan")
        has_namnd = bool(self.session.organisation.namnder())
        self.buttons["ny"].setEnabled(has_namnd)
        self.buttons["ny"].setToolTip("" if has_namnd else NAMND_FIRST)
        if has_namnd:
            self.first_step.hide()
        else:
            self.first_step.show_step(f"{NAMND_FIRST}: verksamhetsplanen hör till en nämnd.",
                                      "Gå till Nämnder och organ", "organisation", "namnder")

    def _open(self, plan: Plan | None) -> None:
        if self._reloading:
            return
        self._enable()
        if self.editor is not None and plan is not None and self.editor.plan.id == plan.id:
            return
        if self.editor is not None and not self.editor.leave():
            # The bedömning or avsnitt being written stays: its plan is selected again once the
            # list has finished changing its row.
            QTimer.singleShot(0, self, self._select_open_plan)
            return
        self.editor = swap_editor(self.stack, self.editor, self.empty, None if plan is None else
                                  lambda: PlanEditor(self.session, self.plans.get_plan(plan.id)))
        if self.editor is not None:
            self.editor.plan_changed.connect(lambda p: self.reload(p.id))
            self.editor.revised.connect(self._revised)

    def _select_open_plan(self) -> None:
        self._reloading = True
        try:
            self.view.select_id(self.editor.plan.id if self.editor is not None else None)
        finally:
            self._reloading = False
        self._enable()

    def leave(self) -> bool:
        """Before the window closes or another database is opened: a changed bedömning
        in Uppföljning or avsnitt in Plan och text is saved or thrown away as the user
        says (False: stay)."""
        return self.editor is None or self.editor.leave()

    def _revised(self, revision) -> None:
        """Show the new version, an utkast, with what happened."""
        self.reload(revision.plan.id)
        notify(self, "Revidera planen", revision.message())

    def new_plan(self) -> None:
        dialog = NewPlanDialog(self.session, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reload(dialog.created.id))
        dialog.open()

    def copy_plan(self) -> None:
        plan = self.view.current_record()
        if plan is None:
            return
        dialog = CopyDialog(self.session, plan, self)
        self.dialog = dialog

        def copied() -> None:
            result = dialog.result_copy
            self.reload(result.plan.id)
            notify(self, "Kopiera till nästa period", "\n".join(result.notes))

        dialog.accepted.connect(copied)
        dialog.open()

    def delete_plan(self) -> None:
        plan = self.view.current_record()
        if plan is None:
            return
        if plan.adopted:  # a decision is kept (the service and the database refuse too)
            notify(self, "Ta bort plan", adopted_message(plan, deleting=True), warning=True)
            return
        usage = [f"{n} {label}" for label, n in self.plans.plan_usage(plan.id).items() if n]
        text = f"Ta bort ”{plan.titel}”?"
        if usage:
            text += f"\n\nMed planen tas {swedish_list(usage)} bort."
        if confirm(self, "Ta bort plan", text):
            self.plans.delete_plan(plan.id)
            self.reload()
            records = self.model.records
            self.view.select_id(records[0].id if records else None)

    def import_new(self, path: Path | None = None) -> Task | None:
        """Import a plan from Excel: the plan the file came from is updated when it is in
        this database, otherwise a new plan is created."""
        from PySide6.QtWidgets import QFileDialog

        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Importera plan från Excel",
                                                    str(documents_folder()),
                                                    "Excel-arbetsbok (*.xlsx)")
            if not chosen:
                return None
            path = Path(chosen)

        def done(result) -> None:
            if self.editor is not None:
                self.editor.reload_all()
            self.reload(result.plan_id)
            notify(self, "Importera plan från Excel", result.summary())

        def failed(exc: BaseException, _tb: str) -> None:
            notify(self, "Importera plan från Excel", str(exc), warning=True)

        self.task = run_plan_import(self, self.session, path, "Importera plan från Excel", done, failed)
        return self.task


AREAS.append(Area("verksamhetsplan", "Verksamhetsplan", PlanArea))

"""The plan's goal tree with an editor for the selected level beside it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.plan.goals import GoalService
from app.plan.model import KfMal, Malomrade, Matt, Namndmal, Plan
from ui import undo
from ui.plan.frozen import lock_inputs
from ui.plan.goal_forms import GoalForm, KfMalForm, MalomradeForm, MattForm, NamndmalForm
from ui.plan.goal_model import OVRIGA, GoalTreeModel, KindRole, ObjectRole
from ui.widgets.buttons import NO_SELECTION, enable_or_explain
from ui.widgets.dialogs import confirm
from ui.widgets.flow import FlowLayout
from ui.widgets.grid import ExcelTreeView
from ui.widgets.guard import LeaveGuard
from ui.widgets.status import ERROR_STYLE
from ui.widgets.text import swedish_list

NAMES = {"malomrade": "målområdet", "kf_mal": "KF-målet", "namndmal": "nämndmålet", "matt": "måttet"}


class GoalsTab(QWidget):
    def __init__(self, goals: GoalService, plan: Plan, forvaltningar: list[str], parent=None):
        super().__init__(parent)
        self.goals, self.plan = goals, plan
        self.frozen = False  # an adopted plan: shown, not changed (set_frozen)
        self.frozen_reason = ""
        self.model = GoalTreeModel(goals, plan, self)
        self.model.history = lambda: undo.of_window(self)  # målvärden typed are undoable steps
        # Values typed over, pasted from Excel, cleared and copied as in a spreadsheet
        # (ui/widgets/grid.py); refusals are told under the tree.
        self.view = ExcelTreeView(tell=lambda text: self.message.setText(text))
        self.view.setObjectName("maltrad")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 380)
        self.view.setColumnWidth(1, 70)
        for column in range(2, self.model.columnCount()):
            self.view.setColumnWidth(column, 95)
        self.view.expandAll()

        self.forms = {
            "malomrade": MalomradeForm(goals), "kf_mal": KfMalForm(goals),
            "namndmal": NamndmalForm(goals, forvaltningar), "matt": MattForm(goals, plan.years),
        }
        self.stack = QStackedWidget()
        self.empty = QLabel("Välj ett mål i trädet för att ändra det, eller lägg till ett nytt.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack.addWidget(self.empty)
        for form in self.forms.values():
            self.stack.addWidget(form)
            form.saved.connect(self._saved)

        self.message = QLabel()
        self.message.setObjectName("meddelande")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.model.error.connect(self.message.setText)
        self.model.error.connect(lambda _text: self.view.refused())

        # Seven buttons wrap onto a second line beside a narrow tree rather than being cut.
        buttons = FlowLayout()
        self.buttons = {}
        for key, text, slot in [
            ("ny_malomrade", "Nytt målområde", self.new_malomrade), ("ny_kf", "Nytt KF-mål", self.new_kf),
            ("ny_namndmal", "Nytt nämndmål", self.new_namndmal), ("ny_matt", "Nytt mått", self.new_matt),
            ("upp", "Flytta upp", lambda: self.move(-1)), ("ned", "Flytta ned", lambda: self.move(+1)),
            ("ta_bort", "Ta bort…", self.delete),
        ]:
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.view, 1)
        column.addWidget(self.message)
        self.hint = QLabel("Ingångsvärden och målvärden skrivs direkt i trädet som i Excel (skriv över "
                           "cellen, Enter, Tab, Delete, Ctrl+C/Ctrl+V; Ctrl+Tab lämnar trädet), precis "
                           "som de ska stå i planen: <12, ≥ 50 %, >2022, 2 (2022), Nytt mål.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        column.addWidget(self.hint)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 380])
        self.stack.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._guard = LeaveGuard(self)
        self._shown_key = None  # (kind, id) of the object in the form beside the tree
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.dataChanged.connect(self._values_typed)
        self._update_buttons()

    def set_frozen(self, reason: str) -> None:
        """The plan is adopted (``reason`` says so): goals and values are shown but not changed."""
        self.frozen = self.model.frozen = True
        self.frozen_reason = reason
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hint.hide()  # nothing is typed into an adopted plan's tree
        for form in self.forms.values():
            lock_inputs(form, reason)
        self._update_buttons()

    # -- selection -----------------------------------------------------------------------
    def current(self) -> tuple[str | None, object | None]:
        index = self.view.currentIndex()
        if not index.isValid():
            return None, None
        index = index.siblingAtColumn(0)
        return index.data(KindRole), index.data(ObjectRole)

    def _current_changed(self, current, previous) -> None:
        if self._guard.busy:
            return
        self.message.clear()
        key = self._key_at(current)
        if key is not None and key == self._shown_key:
            self._update_buttons()  # another cell of the row shown: its form stays as it is
            return
        back = self._key_at(previous)
        # A changed form is saved or thrown away first, or its row is selected again.
        if not self._guard.leave_or_revert(self.leave, lambda: self._select_key(back), later=True):
            return
        if key is not None and self._current_key() != key:
            with self._guard.quiet():  # saving read the tree again: the clicked row once more
                self.select(key)
        self._show_current()

    def _key_at(self, index):
        if not index.isValid():
            return None
        index = index.siblingAtColumn(0)
        kind = index.data(KindRole)
        return (kind, getattr(index.data(ObjectRole), "id", None)) if kind else None

    def _select_key(self, key) -> None:
        if key is None:
            self.view.selectionModel().clearCurrentIndex()
        else:
            self.select(key)

    def _show_current(self) -> None:
        kind, obj = self.current()
        if kind in self.forms and obj is not None:
            self._show_form(kind, obj)
        else:
            self.stack.setCurrentWidget(self.empty)
            self._shown_key = None
        self._update_buttons()

    def _show_form(self, kind: str, obj, *, new: bool = False) -> None:
        form = self.forms[kind]
        form.show_object(obj, self.model.tree)
        form.title.setText(f"<b>{'Ny: ' if new else ''}{form.base_title}</b>")
        self.stack.setCurrentWidget(form)
        self._shown_key = (kind, getattr(obj, "id", None))

    def shown_form(self) -> GoalForm | None:
        form = self.stack.currentWidget()
        return form if isinstance(form, GoalForm) else None

    def leave(self) -> bool:
        """Before another goal is shown, a new one started or the plan left: a changed
        form is saved or thrown away as the user says (False: stay on it)."""
        form = self.shown_form()
        return form is None or self.frozen or form.leave()

    def _values_typed(self, top_left, _bottom_right, _roles=()) -> None:
        """A value typed in the tree for the mått whose form is shown: the form shows it."""
        form = self.shown_form()
        if isinstance(form, MattForm) and self.model.node(top_left).kind == "matt":
            form.take_values(self.model.node(top_left).obj)

    def _update_buttons(self) -> None:
        kind, _obj = self.current()
        frozen = self.frozen_reason if self.frozen else ""
        enable_or_explain(self.buttons["ny_kf"], frozen or (
            "" if self._area_of_selection() is not None else "Välj först ett målområde i trädet."))
        enable_or_explain(self.buttons["ny_matt"], frozen or (
            "" if kind in ("namndmal", "matt") else "Välj först ett nämndmål i trädet."))
        movable = kind in ("malomrade", "kf_mal", "namndmal", "matt")
        for key in ("upp", "ned", "ta_bort"):
            enable_or_explain(self.buttons[key], frozen or ("" if movable else NO_SELECTION))
        for key in ("ny_malomrade", "ny_namndmal"):
            enable_or_explain(self.buttons[key], frozen)

    def select(self, key) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.view.expand(index)
            # The goal's own cell, not its whole row: Delete then clears nothing by surprise.
            flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.view.selectionModel().setCurrentIndex(index, flag)
            self.view.scrollTo(index)

    def reload(self, key=None) -> None:
        """Read the tree again and show ``key`` (or the row shown) with its form as
        stored; the callers have asked about a changed form first (:meth:`leave`)."""
        key = key or self._current_key()
        with self._guard.quiet():
            self.model.reload()
            self.view.expandAll()
            if key is not None:
                self.select(key)
        self._show_current()

    def _current_key(self):
        kind, obj = self.current()
        return (kind, getattr(obj, "id", None)) if kind else None

    def _saved(self, key) -> None:
        self.reload(key)

    def _area_of_selection(self) -> int | None:
        kind, obj = self.current()
        if kind == "malomrade":
            return obj.id
        if kind == "kf_mal":
            return obj.malomrade_id
        if kind in ("namndmal",):
            return obj.malomrade_id
        if kind == "matt":
            return self.goals.get_namndmal(obj.namndmal_id).malomrade_id
        return None

    # -- new items -----------------------------------------------------------------------
    def new_malomrade(self) -> None:
        if not self.leave():
            return
        self._show_form("malomrade", Malomrade(plan_id=self.plan.id), new=True)
        self.forms["malomrade"].namn.setFocus()

    def new_kf(self) -> None:
        area = self._area_of_selection()
        if area is not None and not self.leave():
            return
        if area is None:
            self.message.setText("Välj först målområdet som KF-målet hör till.")
            return
        self._show_form("kf_mal", KfMal(malomrade_id=area), new=True)
        self.forms["kf_mal"].text.setFocus()

    def new_namndmal(self) -> None:
        if not self.leave():
            return
        kind, obj = self.current()
        goal = Namndmal(plan_id=self.plan.id)
        if kind == "malomrade":
            goal.malomrade_id = obj.id
        elif kind == "kf_mal":
            goal.malomrade_id, goal.kf_mal_id = obj.malomrade_id, obj.id
        elif kind == "namndmal":
            goal.malomrade_id, goal.kf_mal_id = obj.malomrade_id, obj.kf_mal_id
        elif kind == "matt":
            parent = self.goals.get_namndmal(obj.namndmal_id)
            goal.malomrade_id, goal.kf_mal_id = parent.malomrade_id, parent.kf_mal_id
        self._show_form("namndmal", goal, new=True)
        self.forms["namndmal"].text.setFocus()

    def new_matt(self) -> None:
        kind, obj = self.current()
        goal_id = obj.id if kind == "namndmal" else getattr(obj, "namndmal_id", None)
        if goal_id is None:
            self.message.setText("Välj först nämndmålet som måttet hör till.")
            return
        if not self.leave():
            return
        self._show_form("matt", Matt(namndmal_id=goal_id), new=True)
        self.forms["matt"].text.setFocus()

    # -- moving and deleting -------------------------------------------------------------
    def move(self, delta: int) -> None:
        kind, obj = self.current()
        if kind in NAMES and self.leave() and self.goals.move(kind, obj.id, delta):
            self.reload((kind, obj.id))

    def delete(self) -> None:
        kind, obj = self.current()
        if kind not in NAMES or not self.leave():
            return
        usage = {k: v for k, v in self.goals.usage(kind, obj.id).items() if v}
        if kind == "namndmal":
            usage.pop("nämndmål", None)  # the goal itself
        parts = [f"{n} {label}" for label, n in usage.items()]
        text = f"Ta bort {NAMES[kind]} ”{getattr(obj, 'text', None) or getattr(obj, 'namn', '')}”?"
        if parts:
            text += f"\n\nMed det tas även {swedish_list(parts)} bort."
        if confirm(self, "Ta bort", text):
            self.goals.delete(kind, obj.id)
            self.reload(("root", None))
            self.stack.setCurrentWidget(self.empty)


__all__ = ["OVRIGA", "GoalsTab"]

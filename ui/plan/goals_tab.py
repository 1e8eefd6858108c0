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
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.plan.goals import GoalService
from app.plan.model import KfMal, Malomrade, Matt, Namndmal, Plan
from ui import undo
from ui.plan.frozen import lock_inputs
from ui.plan.goal_forms import KfMalForm, MalomradeForm, MattForm, NamndmalForm
from ui.plan.goal_model import OVRIGA, GoalTreeModel, KindRole, ObjectRole
from ui.widgets.dialogs import confirm
from ui.widgets.flow import FlowLayout
from ui.widgets.status import ERROR_STYLE
from ui.widgets.text import swedish_list

NAMES = {"malomrade": "målområdet", "kf_mal": "KF-målet", "namndmal": "nämndmålet", "matt": "måttet"}


class GoalsTab(QWidget):
    def __init__(self, goals: GoalService, plan: Plan, forvaltningar: list[str], parent=None):
        super().__init__(parent)
        self.goals, self.plan = goals, plan
        self.frozen = False  # an adopted plan: shown, not changed (set_frozen)
        self.model = GoalTreeModel(goals, plan, self)
        self.model.history = lambda: undo.of_window(self)  # målvärden typed are undoable steps
        self.view = QTreeView()
        self.view.setObjectName("maltrad")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
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
        self.hint = QLabel("Ingångsvärden och målvärden kan skrivas direkt i trädet (dubbelklicka), precis "
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
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self._update_buttons()

    def set_frozen(self) -> None:
        """The plan is adopted: goals and values are shown but not changed."""
        self.frozen = self.model.frozen = True
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hint.hide()  # nothing is typed into an adopted plan's tree
        for form in self.forms.values():
            lock_inputs(form)
        self._update_buttons()

    # -- selection -----------------------------------------------------------------------
    def current(self) -> tuple[str | None, object | None]:
        index = self.view.currentIndex()
        if not index.isValid():
            return None, None
        index = index.siblingAtColumn(0)
        return index.data(KindRole), index.data(ObjectRole)

    def _current_changed(self, current, _previous) -> None:
        self.message.clear()
        kind, obj = self.current()
        if kind in self.forms and obj is not None:
            self._show_form(kind, obj)
        else:
            self.stack.setCurrentWidget(self.empty)
        self._update_buttons()

    def _show_form(self, kind: str, obj, *, new: bool = False) -> None:
        form = self.forms[kind]
        form.show_object(obj, self.model.tree)
        form.title.setText(f"<b>{'Ny: ' if new else ''}{form.base_title}</b>")
        self.stack.setCurrentWidget(form)

    def _update_buttons(self) -> None:
        kind, _obj = self.current()
        self.buttons["ny_kf"].setEnabled(self._area_of_selection() is not None)
        self.buttons["ny_matt"].setEnabled(kind in ("namndmal", "matt"))
        movable = kind in ("malomrade", "kf_mal", "namndmal", "matt")
        for key in ("upp", "ned", "ta_bort"):
            self.buttons[key].setEnabled(movable)
        if self.frozen:
            for button in self.buttons.values():
                button.setEnabled(False)

    def select(self, key) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.view.expand(index)
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index)

    def reload(self, key=None) -> None:
        key = key or self._current_key()
        self.model.reload()
        self.view.expandAll()
        if key is not None:
            self.select(key)
        self._update_buttons()

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
        self._show_form("malomrade", Malomrade(plan_id=self.plan.id), new=True)
        self.forms["malomrade"].namn.setFocus()

    def new_kf(self) -> None:
        area = self._area_of_selection()
        if area is None:
            self.message.setText("Välj först målområdet som KF-målet hör till.")
            return
        self._show_form("kf_mal", KfMal(malomrade_id=area), new=True)
        self.forms["kf_mal"].text.setFocus()

    def new_namndmal(self) -> None:
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
        self._show_form("matt", Matt(namndmal_id=goal_id), new=True)
        self.forms["matt"].text.setFocus()

    # -- moving and deleting -------------------------------------------------------------
    def move(self, delta: int) -> None:
        kind, obj = self.current()
        if kind in NAMES and self.goals.move(kind, obj.id, delta):
            self.reload((kind, obj.id))

    def delete(self) -> None:
        kind, obj = self.current()
        if kind not in NAMES:
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

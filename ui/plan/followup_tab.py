"""Uppföljning of a plan at one occasion: every goal with its assessment symbol and the
program's proposal; for the selected goal its mått with outcomes, the assessment,
comment and Agenda 2030 tags, and its activities with their status."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import AKTIVITET_STATUSAR, BEDOMNINGAR, Plan
from app.validation import ValidationError
from ui.plan.followup_models import ActivityModel, FollowupTreeModel, OutcomeModel, RowRole
from ui.plan.goal_forms import AgendaPicker
from ui.plan.occasions import OccasionsDialog
from ui.plan.symbols import SymbolDelegate, symbol_icon, symbol_pixmap
from ui.widgets import keys
from ui.widgets.buttons import enable_or_explain
from ui.widgets.flow import FlowLayout, labelled
from ui.widgets.grid import ExcelTableView
from ui.widgets.guard import LeaveGuard, save_or_discard, select_data
from ui.widgets.scroll import scroll_inside
from ui.widgets.status import ERROR_STYLE

#: Above the outcome table: typed over as in Excel (ui/widgets/grid.py).
OUTCOME_CAPTION = "Mått och utfall (skriv i kolumnen Utfall):"


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems(AKTIVITET_STATUSAR)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or AKTIVITET_STATUSAR[0])

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class Summary(QWidget):
    """"● 10  ◐ 4  ◔ 7  ○ 1 · Aktiviteter 60 % (3 av 5)" with the real symbols."""

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.labels = {}
        for b in BEDOMNINGAR:
            icon = QLabel()
            icon.setPixmap(symbol_pixmap(b, 16))
            icon.setToolTip(b)
            text = QLabel()
            text.setObjectName(f"antal_{b.replace(' ', '_')}")
            text.setToolTip(b)
            row.addWidget(icon)
            row.addWidget(text)
            row.addSpacing(8)
            self.labels[b] = text
        self.share = QLabel()
        self.share.setObjectName("andel_aktiviteter")
        row.addWidget(self.share)
        row.addStretch(1)

    def show_report(self, report) -> None:
        for b, label in self.labels.items():
            label.setText(str(report.counts.get(b, 0)) if report else "")
        self.share.setText(f"Genomförda aktiviteter: {report.share.text()}" if report else "")


class GoalPanel(QWidget):
    """The selected goal: outcomes, assessment, comment, tags, activities."""

    def __init__(self, follow: FollowupService, goals: GoalService, parent=None):
        super().__init__(parent)
        self.follow, self.goals = follow, goals
        self.row = None
        self.kind = None
        self.on_saved = lambda: None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName("mal_rubrik")
        # Every goal gets the same room above the choices (two lines of title, four of
        # proposal, the outcome table kept even when a KF-mål hides it), so selecting a
        # goal never moves the control the user is about to click.
        lines = self.fontMetrics().lineSpacing()
        self.title.setFixedHeight(lines * 2 + 4)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        #: What the shown row was when loaded: the choice, comment and Agenda 2030 tags.
        self.loaded: tuple[str | None, str, str] | None = None
        self.outcomes = OutcomeModel(follow, self)
        # Typed over, pasted from Excel and cleared as in a spreadsheet (ui/widgets/grid.py).
        self.outcome_view = ExcelTableView(tell=lambda text: self.message.setText(text))
        self.outcome_view.setObjectName("utfall")
        self.outcome_view.setModel(self.outcomes)
        self.outcomes.error.connect(lambda _text: self.outcome_view.refused())
        self.outcome_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outcome_view.verticalHeader().hide()
        self.outcome_view.setFixedHeight(150)
        self.proposal = QLabel()
        self.proposal.setObjectName("forslag")
        self.proposal.setWordWrap(True)
        self.proposal.setFixedHeight(lines * 4 + 4)
        self.proposal.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.use_proposal = QPushButton("Använd förslaget")
        self.use_proposal.setObjectName("anvand_forslag")
        self.use_proposal.clicked.connect(self._use_proposal)

        choice = QGroupBox("Bedömning")
        choice_row = FlowLayout(choice, margins=6)
        self.group = QButtonGroup(self)
        self.radios = {}
        for b in (*BEDOMNINGAR, None):
            radio = QRadioButton(b or "Ingen bedömning")
            radio.setObjectName(f"bedomning_{(b or 'ingen').replace(' ', '_')}")
            if b:
                radio.setIcon(symbol_icon(b, 18))
            self.group.addButton(radio)
            self.radios[b] = radio
            choice_row.addWidget(radio)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("kommentar")
        self.comment.setPlaceholderText("Kommentar: genomförda och planerade åtgärder (en punkt per rad).")
        self.comment.setFixedHeight(80)
        self.agenda = AgendaPicker()
        self.agenda.setFixedHeight(90)
        self.activities = ActivityModel(follow, self)
        self.activity_view = QTableView()
        self.activity_view.setObjectName("aktiviteter")
        self.activity_view.setModel(self.activities)
        self.activity_view.setItemDelegateForColumn(3, StatusDelegate(self.activity_view))
        self.activity_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.activity_view.verticalHeader().hide()
        self.activity_view.setFixedHeight(150)
        for hidden_for_kf in (self.outcome_view, self.activity_view):
            policy = hidden_for_kf.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            hidden_for_kf.setSizePolicy(policy)
        self.message = QLabel()
        self.message.setObjectName("meddelande")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.save_button = QPushButton("Spara bedömningen")
        self.save_button.setObjectName("spara_bedomning")
        self.save_button.clicked.connect(self.save)
        keys.save_key(self, self.save_button)
        for model in (self.outcomes, self.activities):
            model.error.connect(self.message.setText)
            model.changed.connect(lambda: self.on_saved())

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        self.outcome_label = QLabel(OUTCOME_CAPTION)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.outcome_view)
        proposal_row = QHBoxLayout()
        proposal_row.addWidget(self.proposal, 1)
        proposal_row.addWidget(self.use_proposal)
        layout.addLayout(proposal_row)
        layout.addWidget(choice)
        layout.addWidget(self.comment)
        layout.addWidget(QLabel("Agenda 2030 (globala mål):"))
        layout.addWidget(self.agenda)
        self.activity_label = QLabel("Handlingsplanens aktiviteter:")
        layout.addWidget(self.activity_label)
        layout.addWidget(self.activity_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_row(None, None, 0, 0, 12)

    def show_row(self, kind, row, tillfalle_id: int, year: int, month: int) -> None:
        self.kind, self.row = kind, row
        self.loaded = None
        self.message.clear()
        goal = row if kind == "goal" else None
        self.outcomes.set_rows(tillfalle_id, year, goal)
        self.activities.set_rows(month, goal)
        for w in (self.outcome_view, self.activity_view):
            w.setVisible(kind == "goal")
        # The captions keep their line: a KF-mål says why its tables are empty.
        captions = {"goal": OUTCOME_CAPTION,
                    "kf": "KF-målet bedöms utifrån nämndmålen under det."}
        self.outcome_label.setText(captions.get(kind, ""))
        self.activity_label.setText("Handlingsplanens aktiviteter:" if kind == "goal" else "")
        why = "" if row is not None else "Välj ett mål i listan först."
        for w in (self.comment, self.agenda, self.save_button, *self.radios.values()):
            enable_or_explain(w, why)
        if row is None:
            self.title.setText("Välj ett mål i listan.")
            self.proposal.clear()
            enable_or_explain(self.use_proposal, why)
            return
        label = row.kf.label if kind == "kf" else row.goal.label
        self.title.setText(f"<b>{'KF-mål: ' if kind == 'kf' else ''}{label}</b>")
        self.title.setToolTip(label)
        self.radios[row.bedomning.bedomning].setChecked(True)
        self.comment.setPlainText(row.bedomning.kommentar)
        self.agenda.set_value((row.kf if kind == "kf" else row.goal).agenda2030)
        proposal = row.proposal
        if proposal.bedomning:
            self.proposal.setText(f"Programmets förslag: <b>{proposal.bedomning}</b><br>"
                                  + "<br>".join(proposal.reasons))
        else:
            self.proposal.setText("Inget förslag: " + "; ".join(proposal.reasons))
        self.proposal.setToolTip(self.proposal.text())
        enable_or_explain(self.use_proposal, "" if proposal.bedomning else
                          "Programmet har inget förslag till bedömning för målet.")
        self.loaded = self.entered()

    def entered(self) -> tuple[str | None, str, str]:
        return self.chosen(), self.comment.toPlainText(), self.agenda.value()

    @property
    def dirty(self) -> bool:
        """The shown bedömning, comment or tags were changed and not saved."""
        return self.row is not None and self.loaded is not None and self.entered() != self.loaded

    def restore(self, entered: tuple[str | None, str, str]) -> None:
        """Put back what was entered (after the row was read again)."""
        chosen, comment, tags = entered
        self.radios[chosen].setChecked(True)
        self.comment.setPlainText(comment)
        self.agenda.set_value(tags)

    def leave(self) -> bool:
        """Before another goal or occasion is shown: Spara, Släng or Avbryt when the
        bedömning was changed. False: stay on this goal."""
        if not self.dirty:
            return True
        return save_or_discard(
            self, "Bedömningen är inte sparad",
            f"Bedömningen av ”{self.title.toolTip()}” har ändrats men inte sparats.\n\n"
            "Spara den, släng ändringen eller avbryt och stanna kvar på målet?",
            self.save, self._forget_changes)

    def _forget_changes(self) -> None:
        self.loaded = self.entered()  # nothing left to keep when the row is read again

    def _use_proposal(self) -> None:
        if self.row is not None and self.row.proposal.bedomning:
            self.radios[self.row.proposal.bedomning].setChecked(True)

    def chosen(self) -> str | None:
        return next((b for b, r in self.radios.items() if r.isChecked()), None)

    def save(self) -> bool:
        if self.row is None:
            return False
        b = self.row.bedomning
        b.bedomning, b.kommentar = self.chosen(), self.comment.toPlainText()
        goal = self.row.kf if self.kind == "kf" else self.row.goal
        try:
            self.follow.save_bedomning(b)
            # The tags belong to the follow-up, so they are saved on an adopted plan too.
            goal.agenda2030 = self.goals.set_agenda2030("kf_mal" if self.kind == "kf" else "namndmal",
                                                        goal.id, self.agenda.value())
        except ValidationError as exc:
            self.message.setText(str(exc))
            return False
        self.loaded = self.entered()
        self.on_saved()
        return True


class FollowupTab(QWidget):
    def __init__(self, follow: FollowupService, goals: GoalService, plan: Plan, parent=None):
        super().__init__(parent)
        self.follow, self.goals, self.plan = follow, goals, plan
        self.dialog = None
        self.occasion = QComboBox()
        self.occasion.setObjectName("tillfalle")
        manage = QPushButton("Tillfällen…")
        manage.setObjectName("hantera_tillfallen")
        manage.clicked.connect(self.manage_occasions)
        self.accept_button = QPushButton("Använd alla förslag")
        self.accept_button.setObjectName("anvand_alla_forslag")
        self.accept_button.setToolTip("Sätt programmets förslag som bedömning på mål som ännu saknar "
                                      "bedömning.")
        self.accept_button.clicked.connect(self.accept_proposals)
        self.summary = Summary()
        top = FlowLayout()
        top.add_widgets(labelled("Uppföljningstillfälle:", self.occasion), manage, self.accept_button,
                        self.summary)
        self._guard = LeaveGuard(self)
        self._shown_occasion = None

        self.model = FollowupTreeModel(self)
        self.view = QTreeView()
        self.view.setObjectName("uppfoljning_trad")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        delegate = SymbolDelegate(self.view)
        self.view.setItemDelegateForColumn(1, delegate)
        self.view.setItemDelegateForColumn(2, delegate)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Room for the goal's text beside the columns in a 1024-pixel window.
        for column, width in ((1, 125), (2, 125), (3, 80), (4, 110)):
            self.view.setColumnWidth(column, width)
        self.panel = GoalPanel(follow, goals)
        self.panel.on_saved = self.refresh
        # The goal's panel is taller than a laptop's window: it scrolls under the tree.
        panel_pane = QWidget()
        panel_pane.setObjectName("malpanel")
        scroll_inside(panel_pane, self.panel)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.view)
        splitter.addWidget(panel_pane)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentChanged.connect(self._selected)
        self.occasion.currentIndexChanged.connect(lambda _i: self._occasion_changed())
        self.load_occasions()

    def load_occasions(self, select_id=None) -> None:
        current = select_id if select_id is not None else self.occasion.currentData()
        self.occasion.blockSignals(True)
        self.occasion.clear()
        occasions = self.follow.tillfallen(self.plan.id)
        for t in occasions:
            self.occasion.addItem(t.label, t.id)
        index = self.occasion.findData(current)
        if index < 0:
            # Start where work usually is: the delår of the plan's first year.
            index = next((i for i, t in enumerate(occasions) if t.slag == "delår"), 0)
        self.occasion.setCurrentIndex(index)
        self.occasion.blockSignals(False)
        self._shown_occasion = self.occasion.currentData()
        self.refresh()

    def _occasion_changed(self) -> None:
        if self._guard.busy:
            return
        if not self._guard.leave_or_revert(self.panel.leave,
                                           lambda: select_data(self.occasion, self._shown_occasion)):
            return
        self._shown_occasion = self.occasion.currentData()
        self.refresh()

    def leave(self) -> bool:
        """A changed bedömning is saved or thrown away as the user says (False: stay)."""
        return self.panel.leave()

    def select_occasion(self, label: str) -> None:
        self.occasion.setCurrentIndex(self.occasion.findText(label))

    def tillfalle_id(self) -> int | None:
        return self.occasion.currentData()

    def refresh(self) -> None:
        key = self._current_key()
        # Reading again (after an outcome was typed, proposals accepted) keeps a choice
        # the user has made but not yet saved.
        kept = self.panel.entered() if self.panel.dirty else None
        t_id = self.tillfalle_id()
        report = self.follow.report(t_id) if t_id is not None else None
        # The tree is read again whole (symbols and proposals change): where it was
        # scrolled to is put back, so typing an utfall does not move the view.
        scrolled = self.view.verticalScrollBar().value(), self.view.horizontalScrollBar().value()
        self.model.set_report(report)
        self.summary.show_report(report)
        self.view.expandAll()
        with self._guard.quiet():
            if key is not None:
                self._select_key(key)
        self.view.verticalScrollBar().setValue(scrolled[0])
        self.view.horizontalScrollBar().setValue(scrolled[1])
        self._show(self.view.currentIndex())
        if kept is not None and self._current_key() == key:
            self.panel.restore(kept)

    def _select_key(self, key) -> None:
        index = self.model.index_of(*key)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().setCurrentIndex(index, flags)

    def _current_key(self):
        row = self.panel.row
        if row is None:
            return None
        return ("kf", row.kf.id) if self.panel.kind == "kf" else ("goal", row.goal.id)

    def _key_at(self, index):
        node = self.model.node(index.siblingAtColumn(0)) if index.isValid() else None
        if node is None or node.kind not in ("kf", "goal"):
            return None
        row = index.siblingAtColumn(0).data(RowRole)
        return ("kf", row.kf.id) if node.kind == "kf" else ("goal", row.goal.id)

    def _selected(self, index, _previous) -> None:
        if self._guard.busy:
            return
        shown = self._current_key()
        wanted = self._key_at(index)
        if wanted == shown and shown is not None:
            return
        held = QPersistentModelIndex(index)
        # A changed bedömning is saved or thrown away first, or the goal stays selected.
        if not self._guard.leave_or_revert(
                self.panel.leave, lambda: self._select_key(shown) if shown else self.view.clearSelection(),
                later=True):
            return
        if not held.isValid():
            # Saving read the tree again (refresh): ``index`` points into the tree that
            # was replaced, so the clicked goal is found again by its key.
            if wanted is not None:
                with self._guard.quiet():
                    self._select_key(wanted)
            index = self.view.currentIndex() if wanted is not None else QModelIndex()
        self._show(index)

    def _show(self, index) -> None:
        node = self.model.node(index.siblingAtColumn(0)) if index.isValid() else None
        report = self.model.report
        if node is None or node.kind not in ("kf", "goal") or report is None:
            self.panel.show_row(None, None, 0, 0, 12)
            return
        t = report.tillfalle
        self.panel.show_row(node.kind, index.siblingAtColumn(0).data(RowRole), t.id, t.ar, t.manad)

    def accept_proposals(self) -> None:
        if self.tillfalle_id() is not None:
            count = self.follow.accept_proposals(self.tillfalle_id())
            self.refresh()
            self.panel.message.setText(f"{count} förslag sattes som bedömning." if count else
                                       "Inga nya förslag att använda.")

    def manage_occasions(self) -> None:
        self.dialog = OccasionsDialog(self.follow, self.plan, self)
        self.dialog.finished.connect(lambda _r: self.load_occasions())
        self.dialog.open()

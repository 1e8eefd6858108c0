"""Editors beside the goal tree, one per level: målområde, KF-mål, nämndmål, mått.
Each shows the selected item, saves through the services and shows Swedish errors
under the fields they concern."""

from __future__ import annotations

from copy import copy, deepcopy

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.plan.goals import GoalService
from app.plan.model import AGENDA2030, UPPFOLJNING_KF, GoalTree, agenda_label, agenda_numbers, agenda_text
from app.plan.values import parse_value
from app.validation import ValidationError
from ui import undo
from ui.widgets.forms import FieldForm
from ui.widgets.guard import save_or_discard
from ui.widgets.richtext_edit import RichTextEdit


class AgendaPicker(QListWidget):
    """The 17 global goals as check boxes; value as the stored "03,11"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("agenda2030")
        for nr in AGENDA2030:
            item = QListWidgetItem(agenda_label(nr))
            item.setData(Qt.ItemDataRole.UserRole, nr)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(130)

    def set_value(self, text: str) -> None:
        chosen = set(agenda_numbers(text))
        for i in range(self.count()):
            item = self.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen \
                else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def value(self) -> str:
        return agenda_text(self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                           if self.item(i).checkState() == Qt.CheckState.Checked)


def top_caption(form: FieldForm, widget: QWidget) -> None:
    """FieldForm sizes a caption to the widget's size hint, which for a multi-line box is
    far taller than the box: let the caption follow the row and sit at its top."""
    caption = form.layout.labelForField(widget.parentWidget())
    if caption is not None:
        caption.setMinimumHeight(0)
        caption.setMaximumHeight(16777215)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)


def _text_box(name: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _line(name: str, placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setPlaceholderText(placeholder)
    return line


class GoalForm(QScrollArea):
    """Base: a form with error lines, a title and a Spara button (Ctrl+S)."""

    saved = Signal(object)  # the tree key (kind, id) of what was saved
    kind = ""

    def __init__(self, title: str, goals: GoalService, parent=None):
        super().__init__(parent)
        self.goals = goals
        self.obj = None
        self.loaded: dict[str, object] = {}  # the fields as shown or saved (entered())
        self.base_title = title
        self.setWidgetResizable(True)
        body = QWidget()
        outer = QVBoxLayout(body)
        self.title = QLabel(f"<b>{title}</b>")
        outer.addWidget(self.title)
        layout = QFormLayout()
        outer.addLayout(layout)
        self.form = FieldForm(layout)
        self.build_fields()
        for widget in set(self.form.widgets.values()):
            if isinstance(widget, QPlainTextEdit | RichTextEdit | AgendaPicker):
                top_caption(self.form, widget)
        self.form.add_general_row()
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Spara")
        self.save_button.setObjectName(f"spara_{self.kind}")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.setWidget(body)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def build_fields(self) -> None:
        raise NotImplementedError

    def show_object(self, obj, tree: GoalTree | None = None) -> None:
        self.obj = copy(obj)
        self.form.clear()
        self.fill(self.obj, tree)
        self.loaded = self.entered()

    def entered(self) -> dict[str, object]:
        """What the fields hold now, to see a change since the object was shown."""
        return {name: _value_of(widget) for name, widget in self.form.widgets.items()}

    @property
    def dirty(self) -> bool:
        return self.obj is not None and self.entered() != self.loaded

    def what(self) -> str:
        """”Nämndmålet ”Fler brukare …”” for the question before leaving."""
        text = " ".join(str(getattr(self.obj, "text", None) or getattr(self.obj, "namn", "") or "").split())
        short = text if len(text) <= 50 else text[:49] + "…"
        name = self.base_title.split(" (")[0]
        return f"{name} ”{short}”" if short else f"{name} (nytt)"

    def leave(self) -> bool:
        """Before another goal is shown, a new one started, the tab's tree read again or
        the plan left: Spara, Släng or Avbryt when the fields were changed. False: stay."""
        if not self.dirty or not self.isEnabled():
            return True
        return save_or_discard(
            self, "Målet är inte sparat",
            f"{self.what()} har ändrats men inte sparats.\n\n"
            "Spara ändringen, släng den eller avbryt och stanna kvar?",
            self.save, self._forget_changes)

    def _forget_changes(self) -> None:
        self.loaded = self.entered()  # nothing left to keep when another object is shown

    def fill(self, obj, tree: GoalTree | None) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        if self.obj is None:
            return False
        try:
            saved = self.store()
        except ValidationError as exc:
            self.form.show(exc)
            return False
        self.form.clear()
        self.loaded = self.entered()
        self.saved.emit((self.kind, saved.id))
        return True

    def store(self):
        raise NotImplementedError


class MalomradeForm(GoalForm):
    kind = "malomrade"

    def __init__(self, goals, parent=None):
        super().__init__("Målområde (kommunmål)", goals, parent)

    def build_fields(self) -> None:
        self.namn = self.form.add("namn", "Målområde:", _line("namn", "t.ex. Trygg och värdig ålderdom"))
        self.beskrivning = self.form.add("beskrivning", "Beskrivning:", _text_box("beskrivning", 50))
        self.betyder = RichTextEdit(object_name="betyder")
        self.betyder.setMinimumHeight(160)
        self.form.add("betyder", "I kommunen betyder det:", self.betyder)

    def fill(self, obj, tree) -> None:
        self.namn.setText(obj.namn)
        self.beskrivning.setPlainText(obj.beskrivning)
        self.betyder.set_stored(obj.betyder)

    def store(self):
        self.obj.namn = self.namn.text()
        self.obj.beskrivning = self.beskrivning.toPlainText()
        self.obj.betyder = self.betyder.stored()
        return self.goals.save_malomrade(self.obj)


class KfMalForm(GoalForm):
    kind = "kf_mal"

    def __init__(self, goals, parent=None):
        super().__init__("KF-mål (kommunfullmäktiges mål)", goals, parent)

    def build_fields(self) -> None:
        self.text = self.form.add("text", "KF-mål:", _text_box("kf_text", 90))
        self.uppfoljning = QComboBox()
        self.uppfoljning.setObjectName("uppfoljning")
        labels = {"D/B": "D/B – delårsrapport och bokslut", "B": "B – bokslut", "D": "D – delårsrapport",
                  "": "(ej angivet)"}
        for value in UPPFOLJNING_KF:
            self.uppfoljning.addItem(labels[value], value)
        self.form.add("uppfoljning", "Följs upp i:", self.uppfoljning)
        self.ansvariga = self.form.add("ansvariga", "Ansvariga nämnder:",
                                       _line("ansvariga", "t.ex. KS, KFN, VON"))
        self.agenda = self.form.add("agenda2030", "Agenda 2030:", AgendaPicker())

    def fill(self, obj, tree) -> None:
        self.text.setPlainText(obj.text)
        self.uppfoljning.setCurrentIndex(max(0, self.uppfoljning.findData(obj.uppfoljning)))
        self.ansvariga.setText(obj.ansvariga)
        self.agenda.set_value(obj.agenda2030)

    def store(self):
        self.obj.text = self.text.toPlainText()
        self.obj.uppfoljning = self.uppfoljning.currentData()
        self.obj.ansvariga = self.ansvariga.text()
        self.obj.agenda2030 = self.agenda.value()
        return self.goals.save_kf_mal(self.obj)


class NamndmalForm(GoalForm):
    kind = "namndmal"

    def __init__(self, goals, forvaltningar: list[str], parent=None):
        self._forvaltningar = forvaltningar
        super().__init__("Nämndmål", goals, parent)

    def build_fields(self) -> None:
        self.placering = QComboBox()
        self.placering.setObjectName("placering")
        self.form.add("placering", "Hör till:", self.placering, also=("kf_mal_id", "malomrade_id"))
        self.text = self.form.add("text", "Nämndmål:", _text_box("namndmal_text", 80))
        self.ansvarig = QComboBox()
        self.ansvarig.setObjectName("ansvarig")
        self.ansvarig.setEditable(True)
        self.ansvarig.addItems(["", *self._forvaltningar])
        self.form.add("ansvarig", "Ansvarig förvaltning:", self.ansvarig)
        self.syfte = self.form.add("syfte", "Vad och syfte (varför):", _line("syfte"))
        self.agenda = self.form.add("agenda2030", "Agenda 2030:", AgendaPicker())

    def fill(self, obj, tree) -> None:
        self.placering.clear()
        self._places = []
        for omrade in tree.malomraden if tree else []:
            self._place(f"{omrade.namn} (utan KF-mål)", omrade.id, None)
            for kf in omrade.kf_mal:
                short = kf.text if len(kf.text) < 70 else kf.text[:68] + "…"
                self._place(f"    KF-mål: {short}", omrade.id, kf.id)
        self._place("Övriga nämndmål", None, None)
        wanted = (obj.malomrade_id, obj.kf_mal_id)
        self.placering.setCurrentIndex(self._places.index(wanted) if wanted in self._places else 0)
        self.text.setPlainText(obj.text)
        self.ansvarig.setCurrentText(obj.ansvarig)
        self.syfte.setText(obj.syfte)
        self.agenda.set_value(obj.agenda2030)

    def _place(self, label: str, malomrade_id: int | None, kf_mal_id: int | None) -> None:
        # Kept in a Python list: a tuple stored as item data does not survive Qt's variant.
        self._places.append((malomrade_id, kf_mal_id))
        self.placering.addItem(label)

    def store(self):
        self.obj.malomrade_id, self.obj.kf_mal_id = self._places[self.placering.currentIndex()]
        self.obj.text = self.text.toPlainText()
        self.obj.ansvarig = self.ansvarig.currentText()
        self.obj.syfte = self.syfte.text()
        self.obj.agenda2030 = self.agenda.value()
        return self.goals.save_namndmal(self.obj)


class ValueField(QWidget):
    """A value typed as text with the program's reading of it underneath."""

    def __init__(self, name: str, placeholder: str = ""):
        super().__init__()
        self.line = _line(name, placeholder)
        self.hint = QLabel()
        self.hint.setObjectName(f"tolkning_{name}")
        self.hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.hint)
        self.line.textChanged.connect(self._explain)

    def _explain(self, text: str) -> None:
        self.hint.setText(f"Tolkas som: {parse_value(text).describe()}" if text.strip() else "")

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:
        self.line.setText(text)
        self._explain(text)


class MattForm(GoalForm):
    kind = "matt"

    def __init__(self, goals, years: list[int], parent=None):
        self.years = years
        super().__init__("Mått / indikator", goals, parent)

    def build_fields(self) -> None:
        self.text = self.form.add("text", "Mått:", _text_box("matt_text", 60))
        self.datakalla = self.form.add("datakalla", "Datakälla:", _line("datakalla", "t.ex. Egen mätning"))
        self.kolada = self.form.add("kolada_id", "Kolada-id:", _line("kolada_id", "t.ex. U21477"))
        self.ingang = ValueField("ingangsvarde", "t.ex. 48 (jan-nov 2022) eller Nytt mål.")
        self.form.add("ingangsvarde", "Ingångsvärde:", self.ingang)
        self.targets: dict[int, ValueField] = {}
        for year in self.years:
            field = ValueField(f"malvarde_{year}", "t.ex. ≥ 50 %, <12, >2022")
            self.targets[year] = field
            self.form.add(f"malvarde_{year}", f"Målvärde {year}:", field)

    def fill(self, obj, tree) -> None:
        self.text.setPlainText(obj.text)
        self.datakalla.setText(obj.datakalla)
        self.kolada.setText(obj.kolada_id)
        self.ingang.setText(obj.ingangsvarde)
        for year, field in self.targets.items():
            field.setText(obj.malvarden.get(year, ""))

    def store(self):
        self.obj.text = self.text.toPlainText()
        self.obj.datakalla = self.datakalla.text()
        self.obj.kolada_id = self.kolada.text()
        self.obj.ingangsvarde = self.ingang.text()
        self.obj.malvarden = {year: field.text() for year, field in self.targets.items()}
        before = self.goals.get_matt(self.obj.id) if self.obj.id is not None else None
        saved = self.goals.save_matt(self.obj)
        history = undo.of_window(self)
        if before is not None and history is not None:
            after = self.goals.get_matt(saved.id)
            if after != before:
                # A step of Redigera → Ångra: the målvärden (and the mått's other fields)
                # as they were, stored again through the goal service.
                history.record(f"ändring av målvärden för ”{_short(after.text)}”",
                               lambda: self._store_again(after), lambda: self._store_again(before), ("plan",))
        return saved

    def take_values(self, m) -> None:
        """The mått's values were typed in the tree: show them in the fields the user has
        not changed here (a later Spara then stores them, not what was shown before)."""
        if self.obj is None or self.obj.id != m.id:
            return
        fields = {"ingangsvarde": (self.ingang, m.ingangsvarde)}
        for year, target in self.targets.items():
            fields[f"malvarde_{year}"] = (target, m.malvarden.get(year, ""))
        for name, (field, value) in fields.items():
            if field.text() == self.loaded.get(name):
                field.setText(value)
                self.loaded[name] = value
        self.obj.ingangsvarde, self.obj.malvarden = m.ingangsvarde, dict(m.malvarden)

    def _store_again(self, m) -> None:
        stored = self.goals.save_matt(deepcopy(m))
        if shiboken6.isValid(self):
            if self.obj is not None and self.obj.id == stored.id:
                self.show_object(self.goals.get_matt(stored.id))
            self.saved.emit((self.kind, stored.id))


def _value_of(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit | ValueField):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, RichTextEdit):
        return widget.stored()
    if isinstance(widget, AgendaPicker):
        return widget.value()
    return None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""What the economy tabs share: the chosen nämnd with its settings, button rows (their
message line is :class:`ui.widgets.status.StatusLine`), and a small form dialog that
stays open on validation errors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.budget.belopp import Teckenkonvention
from app.budget.verksamheter import Ekonomiinstallning, Verksamhet, dela_benamning
from app.validation import ValidationError
from ui.widgets.flow import FlowLayout, labelled
from ui.widgets.status import ERROR_STYLE


class Context(QObject):
    """The economy services and the nämnd the area shows. ``changed`` fires when the
    nämnd or its settings change, so every tab reads again."""

    changed = Signal()
    #: Something was saved in one tab that others show (the year view, the charts).
    data_changed = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.ek = session.ekonomi
        self.namnd_id: int | None = None
        self.installning: Ekonomiinstallning | None = None

    def set_namnd(self, namnd_id: int | None) -> None:
        self.namnd_id = namnd_id
        self.installning = self.ek.verksamheter.installning(namnd_id) if namnd_id else None
        self.changed.emit()

    def save_installning(self, inst: Ekonomiinstallning) -> None:
        self.ek.verksamheter.save_installning(inst)
        self.installning = self.ek.verksamheter.installning(inst.namnd_id)
        self.changed.emit()

    def forvaltningar(self):
        """The nämnd's förvaltningar (for investment objects and projects)."""
        if self.namnd_id is None:
            return []
        from app.organisation import OrganisationService

        return OrganisationService(self.ek.db).forvaltningar(self.namnd_id)

    @property
    def konvention(self) -> Teckenkonvention:
        return self.installning.teckenkonvention if self.installning else Teckenkonvention.KOSTNADER_NEGATIVA

    @property
    def enhet(self) -> str:
        return self.installning.enhet if self.installning else "tkr"


def period_key(ar: int, manad: int) -> str:
    """Combo-box data for a month. Qt compares Python objects in findData by identity,
    so periods are kept as text (”2022-01”), which compares by value."""
    return f"{ar}-{manad:02d}"


def period_of(key: str | None) -> tuple[int, int] | None:
    if not key:
        return None
    ar, manad = key.split("-")
    return int(ar), int(manad)


def button(text: str, slot: Callable[[], None], object_name: str = "") -> QPushButton:
    b = QPushButton(text)
    if object_name:
        b.setObjectName(object_name)
    b.clicked.connect(lambda _=False: slot())
    return b


def flow_row(*widgets: QWidget | tuple[str, QWidget] | None) -> FlowLayout:
    """A tab's top row that wraps in a narrow window: widgets, ("Caption:", widget)
    pairs kept together, and None where the rest goes to the right end."""
    layout = FlowLayout()
    for w in widgets:
        if w is None:
            layout.add_stretch()
        elif isinstance(w, tuple):
            layout.addWidget(labelled(*w))
        else:
            layout.addWidget(w)
    return layout


def row(*widgets, stretch_at_end: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        if isinstance(w, QWidget):
            layout.addWidget(w)
        elif w is None:
            layout.addStretch(1)
        else:
            layout.addLayout(w)
    if stretch_at_end:
        layout.addStretch(1)
    return layout


class FormDialog(QDialog):
    """A form whose ``save`` callback may raise ValidationError: the messages are shown
    in the dialog and it stays open, so nothing typed is lost."""

    def __init__(self, title: str, save: Callable[[], object], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.result_value = None
        self.form = QFormLayout()
        self.errors = QLabel()
        self.errors.setObjectName("fel")
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setWordWrap(True)
        self.errors.hide()
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def try_save(self) -> None:
        try:
            self.result_value = self._save()
        except (ValidationError, ValueError) as exc:
            self.errors.setText(str(exc))
            self.errors.show()
            return
        self.accept()


def choose_verksamhet(parent, ctx: Context, choices: list[Verksamhet], prompt: str) -> Verksamhet | None:
    """Ask for one of ``choices`` or a new "kod namn"; a new one is saved for the nämnd.

    None when the user cancels; a ValidationError from saving a new one is the caller's
    to show."""
    from PySide6.QtWidgets import QInputDialog

    label, ok = QInputDialog.getItem(parent, "Lägg till verksamhet", prompt,
                                     [v.benamning for v in choices], 0, True)
    if not ok or not label.strip():
        return None
    chosen = next((v for v in choices if v.benamning == label), None)
    if chosen is None:
        kod, namn = dela_benamning(label)
        chosen = ctx.ek.verksamheter.save(Verksamhet(namnd_id=ctx.namnd_id, kod=kod, namn=namn))
    return chosen

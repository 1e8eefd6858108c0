"""The Ekonomi area: the nämnd to work on, its economy settings, and one tab per
table the nämnd receives (internbudget, investeringar, budgetuppföljning, the year,
nyckeltal) plus the verksamheter they are reported on."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.budget.belopp import TECKEN_LABELS, Teckenkonvention
from app.budget.verksamheter import Ekonomiinstallning
from app.session import Session
from db.textsort import swedish_key
from ui import undo
from ui.budget.ar_tab import ArTab
from ui.budget.common import Context, FormDialog, button, row
from ui.budget.grid import GridView
from ui.budget.internbudget_tab import InternbudgetTab
from ui.budget.investering_tab import InvesteringTab
from ui.budget.nyckeltal_tab import NyckeltalTab
from ui.budget.uppfoljning_tab import UppfoljningTab
from ui.budget.verksamheter_tab import VerksamheterTab
from ui.changes import follow
from ui.main_window import AREAS, Area
from ui.widgets.first_step import NAMND_FIRST, FirstStep


class SettingsDialog(FormDialog):
    """How the nämnd prints amounts: sign convention, unit and the budget document's name."""

    def __init__(self, ctx: Context, parent=None):
        super().__init__("Ekonomiinställningar", self._save, parent)
        self.ctx = ctx
        inst = ctx.installning
        self.group = QButtonGroup(self)
        box = QVBoxLayout()
        for konvention in Teckenkonvention:
            radio = QRadioButton(TECKEN_LABELS[konvention])
            radio.setObjectName(f"tecken_{konvention.value}")
            radio.setChecked(konvention is inst.teckenkonvention)
            self.group.addButton(radio)
            radio.setProperty("konvention", konvention.value)
            box.addWidget(radio)
        example = QLabel("Oxelösund skriver kostnader negativa (-57 066); Mellerud skriver intäkter "
                         "negativa (Intäkter -71 602) och kostnader positiva. Avvikelser är positiva "
                         "när utfallet är bättre än budget i båda fallen.")
        example.setWordWrap(True)
        box.addWidget(example)
        holder = QWidget()
        holder.setLayout(box)
        self.form.addRow("Teckenkonvention:", holder)
        self.enhet = QComboBox()
        self.enhet.setObjectName("enhet")
        self.enhet.addItem("tkr (tusental kronor)", "tkr")
        self.enhet.addItem("kr", "kr")
        self.enhet.setCurrentIndex(self.enhet.findData(inst.enhet))
        self.form.addRow("Belopp visas i:", self.enhet)
        self.budgetdokument = QLineEdit(inst.budgetdokument)
        self.budgetdokument.setObjectName("budgetdokument")
        self.budgetdokument.setPlaceholderText("Budget")
        self.budgetdokument.setToolTip("Budgetdokumentets namn i kolumnrubriken för årets budget: "
                                       "”Budget 2023”, eller ”M & B 2023” för Mål och budget.")
        self.form.addRow("Budgetdokument:", self.budgetdokument)

    def _save(self):
        checked = self.group.checkedButton()
        inst = Ekonomiinstallning(self.ctx.namnd_id, Teckenkonvention(checked.property("konvention")),
                                  self.enhet.currentData(), self.budgetdokument.text())
        self.ctx.save_installning(inst)
        return inst


class EkonomiArea(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ekonomi")
        self.session = session
        self.ctx = Context(session, self)
        self.namnd = QComboBox()
        self.namnd.setObjectName("ekonomi_namnd")
        self.namnd.setMinimumWidth(260)
        self.namnd.currentIndexChanged.connect(lambda _i: self.ctx.set_namnd(self.namnd.currentData()))
        self.settings_label = QLabel()
        self.settings_label.setObjectName("ekonomi_installning")
        self.no_namnd = FirstStep("ekonomi_forsta_steg")
        self.no_namnd.show_step(f"{NAMND_FIRST}: ekonomin hör till en nämnd.", "Gå till Nämnder och organ",
                                "organisation", "namnder")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.internbudget = InternbudgetTab(self.ctx)
        self.investeringar = InvesteringTab(self.ctx)
        self.uppfoljning = UppfoljningTab(self.ctx)
        self.aret = ArTab(self.ctx)
        self.nyckeltal = NyckeltalTab(self.ctx)
        self.verksamheter = VerksamheterTab(self.ctx)
        for tab, title in ((self.internbudget, "&Internbudget"), (self.investeringar, "Inv&esteringar"),
                           (self.uppfoljning, "&Budgetuppföljning"), (self.aret, "&Året"),
                           (self.nyckeltal, "&Nyckeltal"), (self.verksamheter, "Ve&rksamheter")):
            self.tabs.addTab(tab, title)
        layout = QVBoxLayout(self)
        layout.addLayout(row(QLabel("Nämnd:"), self.namnd, self.settings_label,
                             button("Inställningar…", self.edit_settings, "ekonomi_installningar")))
        layout.addWidget(self.no_namnd)
        layout.addWidget(self.tabs, 1)
        # Every figure typed or pasted is a step Redigera → Ångra takes back (ui/undo.py).
        for view in self.tabs.findChildren(GridView):
            view.model().history = lambda: undo.of_window(self)
            view.model().transaction = session.ekonomi.db.atomic  # a paste: one transaction
        self.ctx.changed.connect(self._show_settings)
        self.reload_namnder()
        follow(session, self, ["organisation"], self._organisation_changed)

    def leave(self) -> bool:
        """Before the window closes or another database opens: the texts typed under the
        grids are saved, as the figures are (False: one could not be, stay)."""
        return (self.internbudget.store_texts() and self.uppfoljning.store_texts()
                and self.nyckeltal.store_texts())

    def reload_namnder(self) -> None:
        current = self.namnd.currentData()
        namnder = sorted(self.session.organisation.namnder(), key=lambda n: swedish_key(n.namn))
        self.namnd.blockSignals(True)
        self.namnd.clear()
        for n in namnder:
            self.namnd.addItem(n.namn, n.id)
        ids = [n.id for n in namnder]
        if ids:
            self.namnd.setCurrentIndex(ids.index(current) if current in ids else 0)
        self.namnd.blockSignals(False)
        self.no_namnd.setVisible(not ids)
        self.tabs.setVisible(bool(ids))
        self.ctx.set_namnd(self.namnd.currentData())

    def _organisation_changed(self, _changes) -> None:
        # Nämnder may have been added in the Organisation area meanwhile.
        if [self.namnd.itemData(i) for i in range(self.namnd.count())] != [
                n.id for n in sorted(self.session.organisation.namnder(), key=lambda n: swedish_key(n.namn))]:
            self.reload_namnder()

    def _show_settings(self) -> None:
        inst = self.ctx.installning
        if inst is None:
            self.settings_label.clear()
            return
        tecken = ("kostnader negativa" if inst.teckenkonvention is Teckenkonvention.KOSTNADER_NEGATIVA
                  else "intäkter negativa")
        self.settings_label.setText(f"Belopp i {inst.enhet}, {tecken}")

    def edit_settings(self) -> None:
        if self.ctx.namnd_id is not None:
            SettingsDialog(self.ctx, self).exec()


AREAS.append(Area("ekonomi", "Ekonomi", EkonomiArea))

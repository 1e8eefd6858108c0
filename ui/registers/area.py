"""The Register area: the nämnd whose registers are shown, and one tab per register
(delegationsbeslut, meddelanden, ej verkställda beslut, delegationsordning)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.session import Session
from ui.changes import follow
from ui.main_window import AREAS, Area
from ui.registers.delegation_tab import DelegationTab
from ui.registers.evb_tab import EvbTab
from ui.registers.meddelanden_tab import MeddelandenTab
from ui.registers.ordning_tab import OrdningTab
from ui.widgets.first_step import NAMND_FIRST, FirstStep


class RegisterArea(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register")
        self.session = session
        self.namnd = QComboBox()
        self.namnd.setObjectName("register_namnd")
        self.namnd.setMinimumWidth(260)
        self.status = QLabel()
        self.status.setObjectName("register_status")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Nämnd:", buddy=self.namnd))
        top.addWidget(self.namnd)
        top.addWidget(self.status, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        current = self.namnd.currentData
        self.delegation = DelegationTab(session, current)
        self.meddelanden = MeddelandenTab(session, current)
        self.evb = EvbTab(session, current)
        self.ordning = OrdningTab(session, current)
        for tab, title in ((self.delegation, "&Delegationsbeslut"), (self.meddelanden, "&Meddelanden"),
                           (self.evb, "&Ej verkställda beslut"), (self.ordning, "Delegations&ordning")):
            self.tabs.addTab(tab, title)
            tab.changed.connect(self.status.setText)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.first_step = FirstStep("register_forsta_steg")
        layout.addWidget(self.first_step)
        layout.addWidget(self.tabs, 1)
        self.reload_namnder()
        self.namnd.currentIndexChanged.connect(lambda _i: self.reload_tabs())
        self.tabs.currentChanged.connect(lambda _i: self.reload_current())
        self.reload_tabs()
        follow(session, self, ["organisation"], self._organisation_changed)

    def reload_namnder(self) -> None:
        keep = self.namnd.currentData()
        self.namnd.blockSignals(True)
        self.namnd.clear()
        for n in self.session.organisation.namnder():
            # An ended nämnd keeps its registers (listed, marked); new entries are refused.
            self.namnd.addItem(f"{n.namn} (avslutad {n.avslutad})" if n.avslutad else n.namn, n.id)
        self.namnd.setCurrentIndex(max(0, self.namnd.findData(keep)))
        self.namnd.blockSignals(False)
        # On a new database: the registers belong to a nämnd, added under Organisation.
        if self.namnd.count() == 0:
            self.first_step.show_step(f"{NAMND_FIRST}: registren hör till en nämnd.",
                                      "Gå till Nämnder och organ", "organisation", "namnder")
        else:
            self.first_step.hide()

    def reload_current(self) -> None:
        # Another area may have added a meeting, a person or a nämnd meanwhile.
        self.tabs.currentWidget().reload()

    def reload_tabs(self) -> None:
        # Only the tab in view reads now; the others read when they are shown.
        self.reload_current()

    def _organisation_changed(self, _changes) -> None:
        # A nämnd added, renamed or removed in the Organisation area.
        self.reload_namnder()
        self.reload_tabs()


AREAS.append(Area("register", "Register", RegisterArea))

"""The Organisation area in the main window: one tab per part of the organisation."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from app.session import Session
from ui.main_window import AREAS, Area
from ui.organisation.kommun_tab import KommunTab
from ui.organisation.ledamoter_tab import LedamoterTab
from ui.organisation.namnder_tab import NamnderTab
from ui.organisation.personer_tab import PersonerTab


class OrganisationArea(QTabWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("organisation")
        self.setDocumentMode(True)
        service = session.organisation
        self.kommun = KommunTab(service)
        self.namnder = NamnderTab(service)
        self.personer = PersonerTab(service)
        self.ledamoter = LedamoterTab(service)
        self.addTab(self.kommun, "&Kommun")
        self.addTab(self.namnder, "&Nämnder och organ")
        self.addTab(self.personer, "&Personer")
        self.addTab(self.ledamoter, "&Ledamöter och ersättare")
        self.currentChanged.connect(self._tab_shown)

    def leave(self) -> bool:
        """The kommun form is the one place here edited outside a dialog (the dialogs are
        modal, so they are closed before the window can be)."""
        if self.kommun.leave():
            return True
        self.setCurrentWidget(self.kommun)
        return False

    def _tab_shown(self, index: int) -> None:
        # Another tab may have changed what this one lists (a new nämnd gives a new organ
        # to choose, a new förvaltning a new choice for tjänstemän): read again.
        tab = self.widget(index)
        if tab is self.kommun:
            self.kommun.show_first_step()
        elif tab is self.namnder:
            self.namnder.reload()
        elif tab is self.personer:
            self.personer.reload()
        elif tab is self.ledamoter:
            self.ledamoter.reload_organ()


AREAS.append(Area("organisation", "Organisation", OrganisationArea))

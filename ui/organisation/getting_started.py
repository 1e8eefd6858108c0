"""Kom igång: the short guided start of a new database, shown under Organisation → Kommun
until the organisation the other areas need is in place. Four steps in the order they
depend on each other (kommun → nämnd → organ → ledamöter); each says whether it is done
and its button goes to the tab where it is done. What the areas need first is in
docs/ARCHITECTURE.md (Laptop screens and the first steps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from app.excel_import import ImportFileError
from app.organisation import OrganisationService
from ui.widgets import dialogs
from ui.widgets.first_step import go_to
from ui.widgets.status import StatusLine


@dataclass(frozen=True)
class Step:
    key: str
    text: str
    tab: str  # the Organisation area's attribute holding the tab where it is done
    done: Callable[[OrganisationService], bool]


def _has_organ(service: OrganisationService) -> bool:
    return any(service.organ(n.id) for n in service.namnder())


STEPS = (
    Step("kommun", "Skriv kommunens namn och adress och tryck Spara (de står i sidfoten på "
         "kallelser och protokoll).", "kommun", lambda s: s.kommun() is not None),
    Step("namnd", "Lägg till nämnden under Nämnder och organ.", "namnder", lambda s: bool(s.namnder())),
    Step("organ", "Nämnden får ett organ med samma namn; lägg till arbetsutskottet om nämnden har ett.",
         "namnder", _has_organ),
    Step("ledamoter", "Lägg in ledamöter och ersättare: personerna under Personer, deras uppdrag under "
         "Ledamöter och ersättare.", "ledamoter", lambda s: bool(s.uppdrag())),
)


class GettingStarted(QGroupBox):
    """The steps with a mark each (✓ klart, or the step's number) and a "Gå dit" button
    for the first step not yet done; ``refresh`` reads what exists and hides the box when
    every step is done."""

    def __init__(self, service: OrganisationService, parent: QWidget | None = None):
        super().__init__("Kom igång – fyra steg för en ny databas", parent)
        self.setObjectName("kom_igang")
        self.service = service
        grid = QGridLayout(self)
        self.marks: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, step in enumerate(STEPS):
            mark = QLabel()
            mark.setObjectName(f"kom_igang_{step.key}_klart")
            text = QLabel(step.text)
            text.setWordWrap(True)
            button = QPushButton("Gå dit")
            button.setObjectName(f"kom_igang_{step.key}")
            button.clicked.connect(lambda _=False, s=step: self._go(s))
            grid.addWidget(mark, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(button, row, 2)
            self.marks[step.key], self.buttons[step.key] = mark, button
        # The whole organisation at once, from a file exported from another database or
        # filled in after the same template (app/organisation_excel/).
        shortcut = QLabel("Finns organisationen redan i en Excel-fil (exporterad från Nämndkansli)? "
                          "Då kan allt läsas in på en gång.")
        shortcut.setWordWrap(True)
        self.import_button = QPushButton("Importera organisationen från Excel…")
        self.import_button.setObjectName("kom_igang_importera")
        self.import_button.clicked.connect(self.import_from_excel)
        self.import_status = StatusLine("kom_igang_import_status")
        grid.addWidget(shortcut, len(STEPS), 1)
        grid.addWidget(self.import_button, len(STEPS), 2)
        grid.addWidget(self.import_status, len(STEPS) + 1, 1, 1, 2)
        #: what the Kommun tab does after an import (shows the kommun read from the file)
        self.imported: Callable[[], None] | None = None
        grid.setColumnStretch(1, 1)
        self.hide()  # until refresh, once it is in its tab (shown alone it would be a window)

    def refresh(self) -> None:
        done = {step.key: step.done(self.service) for step in STEPS}
        next_step = next((step.key for step in STEPS if not done[step.key]), None)
        for number, step in enumerate(STEPS, start=1):
            self.marks[step.key].setText("✓ klart" if done[step.key] else f"{number}.")
            # Only the next step's button: the order is the order things depend on.
            self.buttons[step.key].setEnabled(step.key == next_step)
            self.buttons[step.key].setToolTip(
                "" if step.key == next_step else "Klart" if done[step.key] else "Gör stegen ovanför först")
        self.setVisible(next_step is not None)

    def import_from_excel(self) -> None:
        from app.organisation_excel import ChangesExisting, import_organisation

        path, _filter = QFileDialog.getOpenFileName(self, "Importera organisationen", "",
                                                    "Excel-arbetsbok (*.xlsx)")
        if not path:
            return
        try:
            try:
                plan, _count = import_organisation(self.service.db, path)
            except ChangesExisting as changes:
                if not dialogs.confirm(self, "Importera organisationen",
                                       f"{changes}\n\nÄndra det som finns till det filen säger?", "Ändra"):
                    self.import_status.hint("Ingenting importerades.")
                    return
                plan, _count = import_organisation(self.service.db, path, replace=True)
        except (ImportFileError, ValueError) as exc:
            self.import_status.error(f"Ingenting importerades.\n{exc}")
            return
        from app.organisation_excel import summary

        self.import_status.info(f"Organisationen importerades från {Path(path).name}: {summary(plan)}.")
        self.refresh()
        if self.imported is not None:
            self.imported()

    def _go(self, step: Step) -> None:
        target = go_to(self, "organisation", step.tab)
        if step.key == "kommun" and target is not None:
            target.kommun.fields["namn"].setFocus()

"""The Rapporter area: the nämnd's delårsrapporter, bokslut and verksamhetsberättelser,
and the selected report open for writing beside its outline (ui/rapport/editor.py).
New report, copy to the next period and delete are under the list."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from app.rapport.copyforward import CopiedRapport
from app.rapport.model import Rapport
from app.rapport.service import RapportService, adopted_message
from app.session import Session
from ui.changes import follow
from ui.main_window import AREAS, Area
from ui.models.table import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.rapport.editor import RapportEditor, notify
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import confirm, open_dialog
from ui.widgets.first_step import NAMND_FIRST, FirstStep
from ui.widgets.guard import swap_editor

CHOOSE_RAPPORT = "Välj först en rapport i listan"


class RapportArea(QSplitter):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rapporter")
        self.session = session
        self.service = RapportService(session.db)
        self.dialog: QWidget | None = None
        self.editor: RapportEditor | None = None
        self.last_message = ""
        self._reloading = False
        self.namnd = QComboBox()
        self.namnd.setObjectName("rapport_namnd")
        self.model = RecordTableModel([
            Column("Period", lambda r: r.period_text(), width=12, stretch=True),
            Column("Slag", lambda r: r.slag, width=10),
            Column("Status", lambda r: r.status, width=7),
            Column("Titel", lambda r: r.titel, width=30, optional=True),
        ])
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName("rapportlista")
        self.view.set_column_widths()
        self.buttons: dict[str, QPushButton] = {}
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("Nämnd:", buddy=self.namnd))
        column.addWidget(self.namnd)
        column.addWidget(QLabel("<b>Rapporter</b>"))
        column.addWidget(self.view, 1)
        for key, text, slot in [("ny", "Ny rapport…", self.new_rapport),
                                ("kopiera", "Kopiera till nästa period…", self.copy_rapport),
                                ("ta_bort", "Ta bort rapport…", self.delete_rapport)]:
            button = QPushButton(text)
            button.setObjectName(f"rapport_{key}")
            button.clicked.connect(lambda _=False, s=slot: s())
            column.addWidget(button)
            self.buttons[key] = button
        self.stack = QStackedWidget()
        self.empty = QWidget()
        empty_column = QVBoxLayout(self.empty)
        # On a new database: a report belongs to a nämnd, which is added under Organisation.
        self.first_step = FirstStep("rapport_forsta_steg")
        empty_column.addWidget(self.first_step)
        hint = QLabel("Välj en rapport i listan, skapa en ny med ”Ny rapport…” eller kopiera förra "
                      "periodens rapport till nästa period.")
        hint.setWordWrap(True)
        empty_column.addWidget(hint)
        empty_column.addStretch(1)
        self.stack.addWidget(self.empty)
        self.addWidget(left)
        self.addWidget(self.stack)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.setSizes([230, 1100])
        self.view.current_changed.connect(self._open)
        self.namnd.currentIndexChanged.connect(lambda _i: self._namnd_chosen())
        # A nämnd added or renamed under Organisation.
        follow(session, self, ["organisation"], lambda _changes: self.reload_namnder())
        self.reload_namnder()

    # -- the list --------------------------------------------------------------------------
    def reload_namnder(self) -> None:
        keep = self.namnd.currentData()
        self.namnd.blockSignals(True)
        self.namnd.clear()
        for n in self.session.organisation.namnder():
            self.namnd.addItem(n.namn, n.id)
        self.namnd.setCurrentIndex(max(0, self.namnd.findData(keep)))
        self.namnd.blockSignals(False)
        if self.namnd.count() == 0:
            self.first_step.show_step(f"{NAMND_FIRST}: rapporterna hör till en nämnd.",
                                      "Gå till Nämnder och organ", "organisation", "namnder")
        else:
            self.first_step.hide()
        if self.namnd.currentData() != keep or self.editor is None:
            self.reload(select_first=True)
        else:
            self.reload()

    def _namnd_chosen(self) -> None:
        if self.editor is not None and not self.editor.leave():
            # The chapter being written stays, and with it its nämnd.
            self.namnd.blockSignals(True)
            self.namnd.setCurrentIndex(self.namnd.findData(self.editor.rapport.namnd_id))
            self.namnd.blockSignals(False)
            return
        self.reload(select_first=True)

    def reload(self, select_id: int | None = None, *, select_first: bool = False) -> None:
        current = select_id if select_id is not None else self.view.current_id()
        namnd_id = self.namnd.currentData()
        self._reloading = True
        try:
            self.model.set_records(self.service.rapporter(namnd_id) if namnd_id is not None else [])
            records = self.model.records
            if select_first and select_id is None:
                current = records[0].id if records else None
            self.view.select_id(current)
        finally:
            self._reloading = False
        self._open(self.view.current_record())

    def _enable(self, selected: Rapport | None = None) -> None:
        # The record the view reports; while it changes its row, the one it is going to.
        selected = selected if selected is not None else self.view.current_record()
        enable_or_explain(self.buttons["ny"], "" if self.namnd.count() else NAMND_FIRST)
        enable_or_explain(self.buttons["kopiera"], "" if selected is not None else CHOOSE_RAPPORT)
        reason = CHOOSE_RAPPORT if selected is None else adopted_message(selected, deleting=True) \
            if selected.adopted else ""
        enable_or_explain(self.buttons["ta_bort"], reason)

    def _open(self, r: Rapport | None) -> None:
        if self._reloading:
            return
        self._enable(r)
        if self.editor is not None and r is not None and self.editor.rapport.id == r.id:
            if self.editor.rapport != r:  # its title or status changed
                self.editor.rapport = r
                self.editor.show_status()
            return
        if self.editor is not None and not self.editor.leave():
            # The chapter being written stays: its report is selected again once the list
            # has finished changing its row.
            QTimer.singleShot(0, self, self._select_open_rapport)
            return
        self.editor = swap_editor(self.stack, self.editor, self.empty,
                                  None if r is None else lambda: RapportEditor(self.session, r))

    def _select_open_rapport(self) -> None:
        self._reloading = True
        try:
            self.view.select_id(self.editor.rapport.id if self.editor is not None else None)
        finally:
            self._reloading = False
        self._enable()

    def leave(self) -> bool:
        """Before the window closes or another database is opened: a changed chapter is
        saved or thrown away as the user says (False: stay)."""
        return self.editor is None or self.editor.leave()

    # -- new, copy, delete -----------------------------------------------------------------
    def new_rapport(self) -> None:
        from ui.rapport.dialogs import NewRapportDialog

        namnd_id = self.namnd.currentData()
        if namnd_id is None or (self.editor is not None and not self.editor.leave()):
            return
        dialog = NewRapportDialog(self.service, namnd_id, self.namnd.currentText(), self)
        open_dialog(self, dialog, lambda r: self.reload(r.id))

    def copy_rapport(self) -> None:
        from ui.rapport.dialogs import CopyRapportDialog

        r = self.view.current_record()
        if r is None or (self.editor is not None and not self.editor.leave()):
            return

        def copied(result: CopiedRapport) -> None:
            self.reload(result.rapport.id)
            notify(self, "Kopiera till nästa period", result.message())

        open_dialog(self, CopyRapportDialog(self.session.db, r, self), copied)

    def delete_rapport(self) -> None:
        r = self.view.current_record()
        if r is None:
            return
        if r.adopted:  # a decision is kept (the service and the database refuse too)
            notify(self, "Ta bort rapport", adopted_message(r, deleting=True), warning=True)
            return
        if confirm(self, "Ta bort rapport", f"Ta bort ”{r.titel}” för perioden {r.period_text()} med alla "
                   "kapitel och texter?"):
            if self.editor is not None:  # its texts go with it; nothing to ask about
                self.editor.current = None
            self.service.delete(r.id)
            self.reload(select_first=True)


AREAS.append(Area("rapporter", "Rapporter", RapportArea))

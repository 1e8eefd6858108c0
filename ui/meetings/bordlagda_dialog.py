"""Bordlagda and återremitterade ärenden of the organ's earlier meetings, offered for
this meeting's agenda (they stay open until taken up again)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.meetings import Arende, Sammantrade
from app.protokoll.paragrafer import OppetArende, ParagrafService
from app.validation import ValidationError
from ui.models import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.widgets.buttons import enable_or_explain
from ui.widgets.status import StatusLine

UTFALL_TEXT = {"bordlagt": "Bordlagt", "återremitterat": "Återremitterat"}


@dataclass(frozen=True)
class _Row:
    """One offered ärende; ``id`` (the ärende's) is what the table selects by."""

    oppet: OppetArende

    @property
    def id(self) -> int:
        return self.oppet.arende_id


COLUMNS = [
    Column("Ärende", lambda r: r.oppet.rubrik, stretch=True, tooltip=lambda r: r.oppet.rubrik),
    Column("Dnr", lambda r: r.oppet.dnr or "", width=11),
    Column("Sammanträde", lambda r: f"{r.oppet.datum} {r.oppet.label}".strip(), width=16),
    Column("Utfall", lambda r: UTFALL_TEXT.get(r.oppet.utfall, r.oppet.utfall), width=14),
]


def button_text(count: int) -> str:
    return f"Bordlagda ärenden ({count})…"


class BordlagdaDialog(QDialog):
    """Choose one or more open ärenden; each chosen one is copied to the end of the
    meeting's agenda (before the closing standard points) with ``take_up``."""

    def __init__(self, paragrafer: ParagrafService, meeting: Sammantrade, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Bordlagda och återremitterade ärenden")
        self.setMinimumSize(680, 360)
        self.paragrafer, self.meeting = paragrafer, meeting
        self.added: list[Arende] = []
        intro = QLabel(f"Ärenden som bordlagts eller återremitterats vid tidigare sammanträden med "
                       f"{meeting.organ_namn} och inte tagits upp igen. Markera de ärenden som ska "
                       f"tas upp på dagordningen för {meeting.datum} (Ctrl-klick för flera).")
        intro.setWordWrap(True)
        self.model = RecordTableModel(COLUMNS, parent=self)
        self.view = RecordTableView(self.model)
        self.view.setObjectName("bordlagda")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.error = StatusLine("bordlagda_fel")
        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton("Lägg till på dagordningen",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for w in (intro, self.view, self.error, self.buttons):
            column.addWidget(w, 1 if w is self.view else 0)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.view.edit_requested.connect(lambda _rec: self.accept())
        self.model.set_records([_Row(o) for o in paragrafer.open_arenden(meeting.id)])
        self.view.set_column_widths()
        if self.model.rowCount():
            self.view.select_row(0)
        self._update()

    def chosen(self) -> list[OppetArende]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.record(r).oppet for r in rows]

    def choose(self, arende_ids: list[int]) -> None:
        """Select exactly these ärenden (for the keyboard-less caller: tests)."""
        self.view.clearSelection()
        mode = self.view.selectionMode()
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for arende_id in arende_ids:
            row = self.model.row_for_id(arende_id)
            if row >= 0:
                self.view.selectRow(row)
        self.view.setSelectionMode(mode)

    def _update(self) -> None:
        n = len(self.view.selectionModel().selectedRows())
        enable_or_explain(self.add_button, "" if n > 0 else "Markera ett eller flera ärenden i listan först.")

    def describe(self) -> str:
        if len(self.added) == 1:
            a = self.added[0]
            return f"Ärende {a.nummer} ”{a.rubrik}” har tagits upp på dagordningen."
        return f"{len(self.added)} ärenden har tagits upp på dagordningen."

    def accept(self) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        for o in chosen:
            try:
                self.added.append(self.paragrafer.take_up(o.arende_id, self.meeting.id))
            except ValidationError as exc:
                self.error.error(f"”{o.rubrik}” kunde inte tas upp: {exc}")
                self.model.set_records([_Row(x) for x in self.paragrafer.open_arenden(self.meeting.id)])
                return
        super().accept()

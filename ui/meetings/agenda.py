"""The agenda of one meeting: its ärenden in order, numbered from that order, moved by
drag and drop or Ctrl+Upp/Ned (the new order is saved at once), added, removed and
copied to another meeting; beside it the editor of the selected ärende. Once the
kallelse has been sent, the ärenden added or changed since the last sent version are
marked (column "Ändrat", and a line above the list naming the changes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.meetings import Arende, Sammantrade
from app.meetings.model import Revision
from app.protokoll.model import LOCKED_STATUSES
from app.session import Session
from app.validation import ValidationError
from ui.meetings import common as mcommon
from ui.meetings.agenda_undo import AgendaSteps
from ui.meetings.arende_editor import ArendeEditor
from ui.meetings.bordlagda_dialog import BordlagdaDialog, button_text
from ui.meetings.meeting_dialogs import CopyArendeDialog, NewArendeDialog
from ui.models import CENTER, RIGHT, Column, RecordTableModel
from ui.widgets import dialogs
from ui.widgets.buttons import NO_SELECTION, enable_or_explain
from ui.widgets.guard import LeaveGuard
from ui.widgets.status import StatusLine
from ui.widgets.text import plural

MIME = "application/x-namndkansli-arende"
#: The line naming what changed since the kallelse was sent (the brown of "due soon").
CHANGED_COLOR = "#8a5300"
#: At most this many changes are named in the line above the agenda.
NOTE_LINES = 4
TYP_SHORT = {"beslut": "Beslut", "information": "Information", "standard": "Standard"}
_ROOT = QModelIndex()


class AgendaModel(RecordTableModel):
    """The ärenden of a meeting in agenda order. ``reordered(ids)`` fires after rows
    moved (the panel saves the order); numbers always run 1…n from the order."""

    reordered = Signal(list)

    def __init__(self, parent=None):
        super().__init__([
            Column("Nr", lambda a: a.nummer, RIGHT, width=3),
            Column("Rubrik", lambda a: a.rubrik, stretch=True, tooltip=lambda a: a.rubrik),
            Column("Dnr", lambda a: a.dnr, width=11, tooltip=lambda a: a.dnr),
            Column("Typ", lambda a: TYP_SHORT.get(a.typ, a.typ), width=11),
            # Left out of a narrow list, so that the rubrik stays readable.
            Column("Extra", lambda a: "Extra" if a.extra else "", CENTER, width=5, optional=True,
                   tooltip=lambda a: "Extra ärende, anmält vid sammanträdet" if a.extra else ""),
            Column("Bil.", lambda a: self.bilaga_counts.get(a.id) or "", RIGHT, width=4, optional=True,
                   tooltip=lambda a: f"{self.bilaga_counts.get(a.id, 0)} bilagor"),
            Column("Ändrat", self._changed_text, width=7, tooltip=self._changed_tip, optional=True),
        ], parent=parent)
        self.bilaga_counts: dict[int, int] = {}
        #: What changed since the kallelse was last sent (None: never sent).
        self.revision: Revision | None = None
        self.locked = False  # a justerat meeting: the order cannot change

    def _changed_text(self, a: Arende) -> str:
        change = self.revision.of(a.id) if self.revision is not None else None
        return {"nytt": "Nytt", "ändrat": "Ändrat"}.get(change.slag, "") if change else ""

    def _changed_tip(self, a: Arende) -> str:
        change = self.revision.of(a.id) if self.revision is not None else None
        if change is None or self.revision is None:
            return ""
        return f"{change.text}\n(sedan kallelsen version {self.revision.version}, skickad " \
               f"{self.revision.skickad_dag})"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and index.column() == self.column_of("Ändrat"):
            return QColor(CHANGED_COLOR)
        return super().data(index, role)

    def set_revision(self, revision: Revision | None) -> None:
        self.revision = revision
        if self.rowCount():
            column = self.column_of("Ändrat")
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    def set_arenden(self, arenden: list[Arende], bilaga_counts: dict[int, int]) -> None:
        self.bilaga_counts = dict(bilaga_counts)
        self.set_records(arenden)

    def replace_record(self, arende: Arende) -> None:
        row = self.row_for_id(arende.id)
        if row < 0:
            return
        self._records[row] = arende
        self._natural = list(self._records)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_bilaga_count(self, arende_id: int, count: int) -> None:
        self.bilaga_counts[arende_id] = count
        row = self.row_for_id(arende_id)
        if row >= 0:
            column = self.column_of("Bil.")
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def ids(self) -> list[int]:
        return [a.id for a in self._records]

    # -- moving -----------------------------------------------------------------------------
    def moveRows(self, source_parent, source_row: int, count: int, dest_parent, dest_child: int) -> bool:
        """Move ``count`` rows to before ``dest_child`` (Qt's convention)."""
        n = len(self._records)
        if source_parent.isValid() or dest_parent.isValid() or count < 1 \
                or not 0 <= source_row <= source_row + count - 1 < n or not 0 <= dest_child <= n \
                or source_row <= dest_child <= source_row + count:
            return False
        if not self.beginMoveRows(_ROOT, source_row, source_row + count - 1, _ROOT, dest_child):
            return False
        moving = self._records[source_row:source_row + count]
        rest = self._records[:source_row] + self._records[source_row + count:]
        at = dest_child if dest_child < source_row else dest_child - count
        self._records = rest[:at] + moving + rest[at:]
        self._natural = list(self._records)
        for number, a in enumerate(self._records, start=1):
            a.position = number
        self.endMoveRows()
        self.dataChanged.emit(self.index(0, 0), self.index(n - 1, 0))
        self.reordered.emit(self.ids())
        return True

    def move_row(self, row: int, target: int) -> bool:
        """Move ``row`` so that it ends up at ``target``."""
        if row == target:
            return False
        return self.moveRows(_ROOT, row, 1, _ROOT, target + 1 if target > row else target)

    # -- drag and drop -------------------------------------------------------------------------
    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME, QByteArray(",".join(str(self._records[r].id) for r in rows).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent) -> bool:
        """Move the dragged ärende to the drop position. Returns False so that the view
        does not also remove the source row (the move is already complete)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME) or self.locked:
            return False
        try:
            ids = [int(x) for x in bytes(data.data(MIME).data()).decode().split(",") if x]
        except ValueError:
            return False
        if len(ids) != 1 or self.row_for_id(ids[0]) < 0:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._records)
        source = self.row_for_id(ids[0])
        if row not in (source, source + 1):
            self.moveRows(_ROOT, source, 1, _ROOT, row)
        return False


class AgendaView(mcommon.OrderedTableView):
    def __init__(self, model: AgendaModel, parent: QWidget | None = None):
        super().__init__(model, parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)


class AgendaPanel(QWidget):
    """The agenda list with its buttons. Its ``editor`` (the selected ärende) is placed
    by the area beside it. ``changed`` fires when the meeting's ärenden change in a way the meeting list shows
    (count); ``print_requested(kind, record)`` asks the area to print."""

    changed = Signal()
    print_requested = Signal(str, object)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dagordning")
        self.session = session
        self.meetings = session.meetings
        self.arenden = session.arenden
        self.bilagor = session.bilagor
        self.paragrafer = session.protokoll.paragrafer
        self.kallelser = session.kallelser
        self.meeting: Sammantrade | None = None
        self.locked = False
        self.dialog = None
        self._guard = LeaveGuard(self)
        self._shown_id: int | None = None
        #: Moves, additions and removals as steps of Redigera → Ångra (ui/undo.py).
        self.steps = AgendaSteps(self)
        self._moving: int | None = None

        self.model = AgendaModel(self)
        self.view = AgendaView(self.model)
        self.view.setObjectName("arenden")
        self.view.set_column_widths()
        self.editor = ArendeEditor(session)
        self.status = StatusLine("dagordning_status")
        self.revision_note = QLabel()
        self.revision_note.setObjectName("andrat_sedan_kallelsen")
        self.revision_note.setWordWrap(True)
        self.revision_note.setStyleSheet(f"color: {CHANGED_COLOR};")
        self.revision_note.hide()

        def button(text: str, tip: str, slot: Callable[[], object], name: str) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False: slot())
            return b

        self.new_button = button("Nytt ärende…", "Lägg till ett ärende före de avslutande "
                                 "standardpunkterna", self.new_arende, "nytt_arende")
        self.delete_button = button("Ta bort…", "Ta bort ärendet (Delete)", self.delete_current,
                                    "ta_bort_arende")
        self.up_button = mcommon.move_button(-1, "Flytta upp (Ctrl+Upp eller dra med musen)",
                                             lambda: self.move_current(-1), "arende_upp")
        self.down_button = mcommon.move_button(+1, "Flytta ned (Ctrl+Ned eller dra med musen)",
                                               lambda: self.move_current(+1), "arende_ned")
        self.copy_button = button("Kopiera till…", "Kopiera ärendet till ett annat sammanträde, "
                                  "t.ex. från arbetsutskottet till nämnden", self.copy_current, "kopiera")
        # Shown only when the organ has open ärenden from earlier meetings.
        self.bordlagda_button = button(button_text(0), "Bordlagda och återremitterade ärenden från "
                                       "tidigare sammanträden som ännu inte tagits upp igen",
                                       self.take_up_bordlagda, "bordlagda_arenden")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.new_button, self.delete_button, self.up_button, self.down_button, self.copy_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.bordlagda_button)
        self.box = QGroupBox("Dagordning")
        box_column = QVBoxLayout(self.box)
        box_column.addWidget(self.revision_note)
        box_column.addWidget(self.view, 1)
        box_column.addLayout(buttons)
        box_column.addWidget(self.status)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.box, 1)

        self.view.current_changed.connect(self._current_changed)
        self.view.delete_requested.connect(lambda _rec: self.delete_current())
        self.view.edit_requested.connect(lambda _rec: self.editor.rubrik.setFocus())
        self.view.move_requested.connect(self.move_current)
        self.model.reordered.connect(self._save_order)
        self.editor.saved.connect(self._arende_saved)
        self.editor.print_requested.connect(lambda a: self.print_requested.emit("tjänsteskrivelse", a))
        self.editor.bilagor.count_changed.connect(self._bilaga_count_changed)
        self.set_meeting(None)

    # -- loading ----------------------------------------------------------------------------
    def set_meeting(self, meeting: Sammantrade | None) -> None:
        """Show ``meeting``'s agenda. Call :meth:`leave` first."""
        self.meeting = meeting
        self.status.info("")
        self.locked = meeting is not None and meeting.status in LOCKED_STATUSES
        self.model.locked = self.locked
        self.view.setDragEnabled(not self.locked)
        reason = (f"Protokollet är {meeting.status}: ärendena kan läsas, skrivas ut och kopieras men "
                  "inte ändras.") if self.locked else ""
        self.editor.set_locked(self.locked, reason)
        enable_or_explain(self.box, "" if meeting is not None else "Välj ett sammanträde i listan först.")
        if meeting is not None:
            self.box.setTitle(f"Dagordning {meeting.organ_namn} {meeting.datum}")
            self.editor.refresh_choices(self.meetings.organisation.get_organ(meeting.organ_id).namnd_id)
        else:
            self.box.setTitle("Dagordning")
        self.reload()
        if meeting is not None and self.view.current_record() is None and self.model.rowCount():
            self.view.select_row(0)

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.view.current_id()
        if self.meeting is None:
            self.model.set_arenden([], {})
        else:
            counts = {a: len(b) for a, b in self.bilagor.for_meeting(self.meeting.id).items()}
            self.model.set_arenden(self.arenden.arenden(self.meeting.id), counts)
        self._update_revision()
        self._update_bordlagda()
        with self._guard.quiet():
            self.view.select_id(keep)
        self._show(self.view.current_record())

    def current(self) -> Arende | None:
        return self.view.current_record()

    def _current_changed(self, arende: Arende | None) -> None:
        if self._guard.busy:
            return
        new_id = arende.id if arende else None
        if new_id == self._shown_id:
            return
        # Keep editing the ärende that could not be saved: select it again.
        if not self._guard.leave_or_revert(self.editor.leave, lambda: self.view.select_id(self._shown_id),
                                           later=True):
            return
        self._show(arende)

    def _show(self, arende: Arende | None) -> None:
        fresh = self.arenden.get(arende.id) if arende else None
        self._shown_id = fresh.id if fresh else None
        self.editor.load(fresh)
        self._update_buttons()

    def leave(self) -> bool:
        return self.editor.leave()

    def _update_buttons(self) -> None:
        row = self.view.currentIndex().row() if self.current() is not None else -1
        locked = mcommon.LOCKED if self.locked else ""
        enable_or_explain(self.copy_button, NO_SELECTION if row < 0 else "")
        enable_or_explain(self.new_button, locked)
        up, down, delete = mcommon.row_reasons(row, self.model.rowCount(), locked)
        for button, reason in ((self.up_button, up), (self.down_button, down), (self.delete_button, delete)):
            enable_or_explain(button, reason)

    # -- order --------------------------------------------------------------------------------
    def move_current(self, step: int) -> None:
        row = self.view.currentIndex().row() if self.current() is not None else -1
        target = row + step
        if row < 0 or not 0 <= target < self.model.rowCount() or self.locked:
            return
        moving = self.current()
        self._moving = moving.id  # names the step "flytt av ärende N" (_save_order)
        try:
            self.model.move_row(row, target)
        finally:
            self._moving = None
        with self._guard.quiet():
            self.view.select_id(moving.id)
        self._update_buttons()

    def _save_order(self, ids: list[int]) -> None:
        before = self.arenden.arenden(self.meeting.id)
        try:
            self.arenden.reorder(self.meeting.id, ids)
        except (ValidationError, sqlite3.IntegrityError) as exc:
            self.status.error(str(exc))
            self.reload()
            return
        self.steps.moved(self.meeting.id, before, ids, self._moving)
        shown = self.editor.original
        if shown is not None:
            self.editor.set_number(self.model.row_for_id(shown.id) + 1)
        self.status.info("Ny ordning sparad; numren har räknats om.")
        self._update_buttons()

    # -- add, delete, copy -----------------------------------------------------------------------
    def new_arende(self):
        if self.meeting is None or self.locked or not self.editor.leave():
            return None
        dialog = NewArendeDialog(self.arenden, self.meeting.id, self)
        return dialogs.open_dialog(self, dialog, self._added)

    def _added(self, arende: Arende) -> None:
        self.steps.added(arende)
        self.reload(arende.id)
        self.status.info(f"Ärende {arende.nummer} ”{arende.rubrik}” har lagts till.")
        self.changed.emit()

    def delete_current(self) -> bool:
        a = self.current()
        if a is None or self.locked:
            return False
        n = self.model.bilaga_counts.get(a.id, 0)
        text = f"Ta bort ärende {a.nummer} ”{a.rubrik}” från dagordningen?\n\n"
        if n:
            text += f"Ärendets {plural(n, 'bilaga', 'bilagor')} tas också bort. "
        text += "Ärendena efter det får nya nummer. Redigera → Ångra lägger tillbaka ärendet"
        text += (", men inte bilagorna." if n else ".")
        if not dialogs.confirm(self, "Ta bort ärende", text):
            return False
        self.editor.dirty = False  # the ärende goes away with its unsaved changes
        row = self.view.currentIndex().row()
        try:
            self.steps.remove(a)
        except ValidationError as exc:
            self.status.error(str(exc))
            return False
        self.reload()
        if self.model.rowCount():
            self.view.select_row(min(row, self.model.rowCount() - 1))
        self.status.info(f"Ärendet ”{a.rubrik}” har tagits bort.")
        self.changed.emit()
        return True

    def copy_current(self) -> CopyArendeDialog | None:
        a = self.current()
        if a is None or not self.editor.save():
            return None
        dialog = CopyArendeDialog(self.meetings, self.arenden.get(a.id), self.meeting, self)

        def copied(_arende: Arende) -> None:
            self.status.info(dialog.describe())
            self.changed.emit()

        return dialogs.open_dialog(self, dialog, copied)

    def _update_bordlagda(self) -> None:
        count = 0
        if self.meeting is not None and not self.locked:
            count = len(self.paragrafer.open_arenden(self.meeting.id))
        self.bordlagda_button.setText(button_text(count))
        self.bordlagda_button.setVisible(count > 0)

    def take_up_bordlagda(self) -> BordlagdaDialog | None:
        if self.meeting is None or self.locked or not self.editor.leave():
            return None
        dialog = BordlagdaDialog(self.paragrafer, self.meeting, self)

        def closed(_result: int) -> None:
            # Some may have been taken up even when a later one failed and the user cancelled.
            if dialog.added:
                self.reload(dialog.added[-1].id)
                self.status.info(dialog.describe())
                self.changed.emit()

        return dialogs.open_dialog(self, dialog, on_closed=closed)

    # -- from the editor --------------------------------------------------------------------------
    def _arende_saved(self, arende: Arende) -> None:
        self.model.replace_record(arende)
        self._update_revision()

    def _bilaga_count_changed(self, count: int) -> None:
        if self.editor.original is not None:
            self.model.set_bilaga_count(self.editor.original.id, count)
        self._update_revision()

    # -- changes since the kallelse was sent ----------------------------------------------------
    def _update_revision(self) -> None:
        revision = self.kallelser.revision(self.meeting.id) if self.meeting is not None else None
        self.model.set_revision(revision)
        if revision is None:
            self.revision_note.hide()
            return
        sent = f"Kallelsen skickades {revision.skickad_dag} (version {revision.version})."
        if revision.changed:
            lines = revision.lines
            if len(lines) > NOTE_LINES:  # the list keeps its room; the column marks every ärende
                lines = [*lines[:NOTE_LINES - 1], f"och {len(lines) - NOTE_LINES + 1} ändringar till"]
            text = (f"{sent} Ändrat sedan dess: {'; '.join(lines)}. Skriv ut igen för en reviderad "
                    "kallelse med tilläggshandlingar; ”Markera som kallad…” sparar den som nästa version.")
        else:
            text = f"{sent} Inget har ändrats sedan dess."
        self.revision_note.setText(text)
        self.revision_note.show()

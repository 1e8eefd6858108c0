"""The Sammanträden area: pick an organ and a year, see its meetings with status and
kallelse deadline, and work on the selected meeting's agenda and documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.dates import long_date
from app.meetings import MeetingService, Sammantrade
from app.protokoll.model import LOCKED_STATUSES
from app.session import Session
from app.validation import ValidationError
from ui.changes import follow
from ui.main_window import AREAS, Area, area_widget
from ui.meetings.agenda import AgendaPanel
from ui.meetings.kallelser_dialog import KallelserDialog
from ui.meetings.meeting_dialogs import MeetingDialog, SettingsDialog
from ui.meetings.printing import Printer
from ui.meetings.template_dialog import TemplateDialog
from ui.models import RIGHT, Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.widgets import dialogs, keys
from ui.widgets.buttons import ButtonRow, enable_or_explain
from ui.widgets.first_step import ORGANISATION_FIRST, FirstStep
from ui.widgets.flow import FlowLayout
from ui.widgets.guard import LeaveGuard, select_data
from ui.widgets.status import StatusLine
from ui.widgets.text import plural

LATE = QColor("#b3261e")
SOON = QColor("#8a5300")
SOON_DAYS = 3


@dataclass
class MeetingRow:
    """A meeting as listed: the kallelse column says when it must go out (or went)."""

    meeting: Sammantrade
    kallelse: str
    kallelse_tip: str
    late: bool = False
    soon: bool = False

    @property
    def id(self) -> int:
        return self.meeting.id


def meeting_row(service: MeetingService, m: Sammantrade, today: date) -> MeetingRow:
    if m.status == "planerat":
        deadline = service.kallelse_deadline(m.id)
        days = (deadline - today).days
        required = service.settings(m.organ_id).kallelse_dagar
        tip = f"Kallelsen ska skickas senast {deadline.isoformat()}, {required} dagar före sammanträdet."
        if days < 0:
            return MeetingRow(m, f"Sen! Senast {deadline.isoformat()}", tip + " Den tiden har passerat.",
                              late=True)
        if days == 0:
            return MeetingRow(m, "Senast i dag", tip, soon=True)
        if days <= SOON_DAYS:
            return MeetingRow(m, f"Senast {deadline.isoformat()} (om {plural(days, 'dag', 'dagar')})",
                              tip, soon=True)
        return MeetingRow(m, f"Senast {deadline.isoformat()}", tip)
    if not m.kallelse_skickad:
        # Called or held, but the day the kallelse went out was never recorded.
        return MeetingRow(m, "Skickad (datum okänt)", "Datumet då kallelsen skickades är inte registrerat.")
    check = service.check_deadline(m.id)
    return MeetingRow(m, f"Skickad {m.kallelse_skickad}" + (" (för sent)" if check.late else ""),
                      check.message, late=check.late)


def _time(m: Sammantrade) -> str:
    return f"{m.starttid}–{m.sluttid}" if m.starttid and m.sluttid else m.starttid


MEETING_COLUMNS = [
    Column("Datum", lambda r: r.meeting.datum, width=11,
           tooltip=lambda r: f"{long_date(r.meeting.datum)}, kl. {_time(r.meeting) or '–'}"),
    Column("Status", lambda r: r.meeting.status, width=9),
    Column("Ärenden", lambda r: r.meeting.antal_arenden, RIGHT, width=7),
    Column("Kallelse", lambda r: r.kallelse, stretch=True, tooltip=lambda r: r.kallelse_tip),
]


class MeetingModel(RecordTableModel):
    """Meetings with late kallelser in red and those due within a few days in brown."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row = self.record(index.row())
            if row is not None and index.column() == self.column_of("Kallelse"):
                return LATE if row.late else SOON if row.soon else None
            return None
        return super().data(index, role)


class MeetingsArea(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sammantraden")
        self.session = session
        self.meetings = session.meetings
        self.bilagor = session.bilagor
        self.dialog = None
        self._guard = LeaveGuard(self)
        self._shown_organ: int | None = None
        self._shown_year: int | None = None

        self.organ = QComboBox()
        self.organ.setObjectName("organ_val")
        # As wide as a usual organ's name, not the longest one's: the row must fit.
        self.organ.setMinimumContentsLength(22)
        self.organ.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year = QComboBox()
        self.year.setObjectName("ar_val")
        # The organ's settings share one menu button: the top row must fit a small screen.
        self.settings_button = QPushButton("Organets inställningar")
        self.settings_button.setObjectName("organ_installningar")
        menu = QMenu(self.settings_button)
        self.template_action = menu.addAction("&Dagordningsmall…", self.edit_template)
        self.template_action.setToolTip("Standardpunkterna som varje nytt sammanträde börjar med")
        self.settings_action = menu.addAction("&Kallelseinställningar…", self.edit_settings)
        self.settings_action.setToolTip("Hur många dagar före kallelsen ska skickas, nämndsekreterare, "
                                        "standardplats och -tid")
        menu.setToolTipsVisible(True)
        self.settings_button.setMenu(menu)
        # The row wraps in a narrow window rather than squashing the buttons' texts.
        top = FlowLayout()
        organ_label = QLabel("&Organ:")
        organ_label.setBuddy(self.organ)
        year_label = QLabel("&År:")
        year_label.setBuddy(self.year)
        for w in (organ_label, self.organ, year_label, self.year, self.settings_button):
            top.addWidget(w)
        top.add_stretch()
        self.kallelse_button = QPushButton("Skapa &kallelse…")
        self.kallelse_button.setObjectName("skapa_kallelse")
        self.kallelse_button.setToolTip("Kallelsen med ärendelistan, som egen PDF")
        keys.print_key(self.kallelse_button)
        self.handlingar_button = QPushButton("Skapa handl&ingar…")
        self.handlingar_button.setObjectName("skapa_handlingar")
        self.handlingar_button.setToolTip("Kallelsen, tjänsteskrivelserna och bilagorna i en PDF med "
                                          "sidnummer och bokmärken")
        self.kallad_button = QPushButton("&Markera som kallad…")
        self.kallad_button.setObjectName("markera_kallad_dialog")
        self.kallad_button.setToolTip("Spara kallelsen och handlingarna så som de skickas, och se de "
                                      "versioner som redan skickats")
        top.addWidget(self.kallelse_button)
        top.addWidget(self.handlingar_button)
        top.addWidget(self.kallad_button)
        self.protokoll_button = QPushButton("Skriv &protokoll")
        self.protokoll_button.setObjectName("skriv_protokoll")
        self.protokoll_button.setToolTip("Öppna sammanträdets protokoll i området Protokoll")
        top.addWidget(self.protokoll_button)

        self.model = MeetingModel(MEETING_COLUMNS, parent=self)
        self.view = RecordTableView(self.model, sortable=False)
        self.view.setObjectName("sammantradeslista")
        self.view.set_column_widths()
        self.meeting_buttons = ButtonRow("Nytt sammanträde…", self.new_meeting, self.edit_meeting,
                                         self.delete_meeting)
        self.list_box = QGroupBox("Sammanträden")
        list_column = QVBoxLayout(self.list_box)
        list_column.addWidget(self.view, 1)
        list_column.addWidget(self.meeting_buttons)

        self.header = QLabel()
        self.header.setObjectName("sammantrade_rubrik")
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.header.setFont(font)
        self.subheader = QLabel()
        self.subheader.setObjectName("sammantrade_status")
        self.subheader.setWordWrap(True)
        self.status = StatusLine("sammantraden_status")
        self.agenda = AgendaPanel(session)

        # Meetings above the selected meeting's agenda on the left, the ärende on the right.
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.list_box)
        left.addWidget(self.agenda)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        left.setChildrenCollapsible(False)
        left.setSizes([190, 560])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.agenda.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        # The agenda a little wider than the editor: its rubriker stay readable beside
        # the other columns in a laptop's window.
        splitter.setSizes([540, 480])
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.header)
        # On a new database: there is no organ yet, and where to add one.
        self.first_step = FirstStep("forsta_steg")
        column.addWidget(self.first_step)
        column.addWidget(self.subheader)
        column.addWidget(self.status)
        column.addWidget(splitter, 1)

        self.printer = Printer(session, self)
        self.printer.message.connect(lambda text, bad: (self.status.error if bad else self.status.info)(text))
        self.kallelse_button.clicked.connect(lambda _=False: self.print_kallelse())
        self.kallad_button.clicked.connect(lambda _=False: self.open_kallelser())
        self.handlingar_button.clicked.connect(lambda _=False: self.print_handlingar())
        self.protokoll_button.clicked.connect(lambda _=False: self.write_protokoll())
        self.agenda.print_requested.connect(self._print_requested)
        self.agenda.changed.connect(lambda: self.reload_meetings())
        self.organ.currentIndexChanged.connect(self._organ_changed)
        self.year.currentIndexChanged.connect(self._year_changed)
        self.view.current_changed.connect(self._meeting_changed)
        self.view.edit_requested.connect(lambda _rec: self.edit_meeting())
        self.view.delete_requested.connect(lambda _rec: self.delete_meeting())
        if parent is not None:
            # Typed text is saved (or the user asked) before the window closes.
            parent.window().installEventFilter(self)
        self.reload_organs()
        # Changes made elsewhere (another area, a job putting an ärende on a meeting):
        # read again at once while in view, otherwise once when shown next.
        follow(session, self, ["organisation", "meetings", "arenden", "bilagor", "protokoll"],
               lambda _changes: self.refresh())

    # -- organ and year ------------------------------------------------------------------------
    def reload_organs(self) -> None:
        org = self.meetings.organisation
        keep = self.organ.currentData()
        with self._guard.quiet():
            self.organ.clear()
            for namnd in org.namnder():
                for organ in org.organ(namnd.id):
                    # An ended organ (app/avslut.py) stays listed for its meetings, marked.
                    ended = organ.avslutad or namnd.avslutad
                    self.organ.addItem(f"{organ.namn} (avslutat {ended})" if ended else organ.namn, organ.id)
            index = self.organ.findData(keep)
        self.organ.setCurrentIndex(index if index >= 0 else 0 if self.organ.count() else -1)
        if index >= 0:
            self._offer_new_meeting()
            return  # the same organ: nothing else to load
        self._organ_changed()

    def _offer_new_meeting(self) -> None:
        """New meetings only for an organ in use; an ended one keeps its meetings."""
        organ_id = self.organ_id()
        ended = organ_id is not None and not any(
            o.id == organ_id for o in self.meetings.organisation.organ(active_on=clock.today()))
        enable_or_explain(self.meeting_buttons.new,
                          "Organet är avslutat; återöppna det under Organisation för att lägga in nya "
                          "sammanträden." if ended else "" if organ_id is not None else ORGANISATION_FIRST)
        if organ_id is None:
            self.first_step.show_step(f"{ORGANISATION_FIRST}: sammanträdena hör till ett organ, t.ex. "
                                      "nämnden eller dess arbetsutskott.", "Gå till Nämnder och organ",
                                      "organisation", "namnder")
        else:
            self.first_step.hide()

    def organ_id(self) -> int | None:
        return self.organ.currentData()

    def _organ_changed(self, *_args) -> None:
        if self._guard.busy:
            return
        if not self._guard.leave_or_revert(self.agenda.leave,
                                           lambda: select_data(self.organ, self._shown_organ)):
            return
        self._shown_organ = self.organ_id()
        organ_id = self.organ_id()
        has = organ_id is not None
        for w in (self.settings_button, self.list_box):
            enable_or_explain(w, "" if has else ORGANISATION_FIRST)
        self._offer_new_meeting()
        years = set(self.meetings.meeting_years(organ_id)) if has else set()
        this_year = clock.today().year
        chosen = self.meetings.year_to_show(organ_id, clock.today(), ahead=True) if has else this_year
        with self._guard.quiet():
            self.year.clear()
            for y in sorted(years | {this_year}):
                self.year.addItem(str(y), y)
            self.year.setCurrentIndex(self.year.findData(chosen))
        self._shown_year = chosen
        self.reload_meetings()
        self.agenda.editor.refresh_choices(
            self.meetings.organisation.get_organ(organ_id).namnd_id if has else None)

    def _year_changed(self, *_args) -> None:
        if self._guard.busy:
            return
        if not self._guard.leave_or_revert(self.agenda.leave,
                                           lambda: select_data(self.year, self._shown_year)):
            return
        self._shown_year = self.year.currentData()
        self.reload_meetings()

    def set_year(self, year: int) -> None:
        if self.year.findData(year) < 0:
            years = sorted({self.year.itemData(i) for i in range(self.year.count())} | {year})
            with self._guard.quiet():
                self.year.clear()
                for y in years:
                    self.year.addItem(str(y), y)
        self.year.setCurrentIndex(self.year.findData(year))
        self._shown_year = year

    # -- meetings ---------------------------------------------------------------------------------
    def reload_meetings(self, select: int | None = None) -> None:
        """Read the list again, keeping (or moving to) a meeting. The agenda is loaded
        again only when another meeting ends up selected."""
        organ_id, year = self.organ_id(), self.year.currentData()
        keep = select if select is not None else self._shown_meeting
        rows = []
        if organ_id is not None and year is not None:
            today = clock.today()
            rows = [meeting_row(self.meetings, m, today) for m in self.meetings.meetings(organ_id, year)]
        with self._guard.quiet():
            self.model.set_records(rows)
            if not self.view.select_id(keep) and rows:
                # The next meeting to prepare, else the year's last one.
                upcoming = [r for r in rows if r.meeting.datum >= clock.today_iso()]
                self.view.select_id(upcoming[0].id if upcoming else rows[-1].id)
        self.list_box.setTitle(f"Sammanträden {year}" if year else "Sammanträden")
        row = self.view.current_record()
        if (row.id if row else None) != self._shown_meeting:
            self._show_meeting(row)
        else:
            self._show_header(row)
            if row is not None:
                self.agenda.meeting = row.meeting

    @property
    def _shown_meeting(self) -> int | None:
        """The meeting whose agenda is shown."""
        return self.agenda.meeting.id if self.agenda.meeting else None

    def current_meeting(self) -> Sammantrade | None:
        row = self.view.current_record()
        return row.meeting if row else None

    def _meeting_changed(self, row: MeetingRow | None) -> None:
        if self._guard.busy:
            return
        if (row.id if row else None) == self._shown_meeting:
            self._show_header(row)
            return
        if not self._guard.leave_or_revert(self.agenda.leave,
                                           lambda: self.view.select_id(self._shown_meeting), later=True):
            return
        self._show_meeting(row)

    def _show_meeting(self, row: MeetingRow | None) -> None:
        self._show_header(row)
        self.agenda.set_meeting(row.meeting if row else None)

    def _show_header(self, row: MeetingRow | None) -> None:
        why = ("" if row is not None else ORGANISATION_FIRST if self.organ_id() is None else
               "Välj ett sammanträde i listan först." if self.model.rowCount() else
               "Lägg först in ett sammanträde med ”Nytt sammanträde…”.")
        for b in (self.kallelse_button, self.handlingar_button, self.kallad_button, self.protokoll_button):
            enable_or_explain(b, why)
        self.meeting_buttons.set_has_selection(row is not None)
        if row is None:
            self.header.setText("Inget organ ännu" if self.organ_id() is None else
                                "Inget sammanträde valt" if self.model.rowCount() else
                                "Inga sammanträden detta år – lägg in ett med ”Nytt sammanträde…”.")
            self.subheader.setText("")
            return
        m = row.meeting
        locked = m.status in LOCKED_STATUSES
        for b, tip in ((self.meeting_buttons.edit, "Ändra datum, tid, plats och meddelande"),
                       (self.meeting_buttons.delete, "Ta bort sammanträdet med dess ärenden")):
            b.setToolTip(tip)
            enable_or_explain(b, f"Protokollet är {m.status}; sammanträdet kan inte ändras." if locked
                              else "")
        when = long_date(m.datum) + (f", kl. {_time(m)}" if m.starttid else "")
        self.header.setText(f"{m.organ_namn} – {when}" + (f" – {m.plats}" if m.plats else ""))
        self.subheader.setText(f"Status: {m.status}. {row.kallelse_tip}")
        self.subheader.setStyleSheet(f"color: {LATE.name()};" if row.late else "")

    def _default_date(self) -> date:
        year = self.year.currentData() or clock.today().year
        if year == clock.today().year:
            return clock.today()
        rows = self.model.records
        if rows:
            return date.fromisoformat(rows[-1].meeting.datum) + timedelta(days=28)
        return date(year, 1, 15)

    def new_meeting(self):
        organ_id = self.organ_id()
        if organ_id is None or not self.agenda.leave():
            return None
        draft = self.meetings.new_meeting(organ_id, self._default_date())
        dialog = MeetingDialog(self.meetings, draft, self.organ.currentText(), self)
        return dialogs.open_dialog(self, dialog, self._meeting_saved)

    def edit_meeting(self):
        m = self.current_meeting()
        if m is None or m.status in LOCKED_STATUSES:
            return None
        dialog = MeetingDialog(self.meetings, self.meetings.get_meeting(m.id), self.organ.currentText(), self)
        return dialogs.open_dialog(self, dialog, self._meeting_saved)

    def _meeting_saved(self, m: Sammantrade) -> None:
        self.set_year(m.day.year)
        self.reload_meetings(m.id)
        count = plural(m.antal_arenden, "ärende", "ärenden")
        self.status.info(f"Sammanträdet {m.datum} är sparat ({count}).")

    def delete_meeting(self) -> bool:
        m = self.current_meeting()
        if m is None or m.status in LOCKED_STATUSES:
            return False
        if self.session.kallelser.versions(m.id):
            self.status.error(f"Kallelsen till sammanträdet {m.datum} har skickats och sparas som den "
                              "skickades; därför kan sammanträdet inte tas bort.")
            return False
        n_bilagor = sum(len(b) for b in self.bilagor.for_meeting(m.id).values())
        text = (f"Ta bort sammanträdet {m.organ_namn} {m.datum}?\n\nDet tar också bort dess "
                f"{plural(m.antal_arenden, 'ärende', 'ärenden')}")
        text += f" och {plural(n_bilagor, 'bilaga', 'bilagor')}." if n_bilagor else "."
        text += " Kopior i andra sammanträden finns kvar. Det går inte att ångra."
        if not dialogs.confirm(self, "Ta bort sammanträde", text):
            return False
        try:
            # Refused when paragraphs were justerade omedelbart (docs/domain/justering.md).
            self.meetings.delete_meeting(m.id)
        except ValidationError as exc:
            self.status.error(str(exc))
            return False
        self.agenda.editor.dirty = False
        self.agenda.set_meeting(None)
        self.reload_meetings()
        self.status.info(f"Sammanträdet {m.datum} har tagits bort.")
        return True

    # -- organ settings --------------------------------------------------------------------------
    def edit_template(self):
        organ_id = self.organ_id()
        if organ_id is None:
            return None
        dialog = TemplateDialog(self.meetings, organ_id, self.organ.currentText(), self)

        def saved(punkter: list) -> None:
            count = plural(len(punkter), "punkt", "punkter")
            self.status.info(f"Dagordningsmallen har sparats ({count}); den används för nya "
                             "sammanträden.")

        return dialogs.open_dialog(self, dialog, saved)

    def edit_settings(self):
        organ_id = self.organ_id()
        if organ_id is None:
            return None
        dialog = SettingsDialog(self.meetings, self.meetings.settings(organ_id), self.organ.currentText(),
                                self)
        return dialogs.open_dialog(self, dialog, lambda _s: self.reload_meetings())

    # -- printing ----------------------------------------------------------------------------------
    def print_kallelse(self, out_path=None) -> None:
        m = self.current_meeting()
        if m is not None and self.agenda.editor.save():
            self.printer.print_kallelse(m, out_path)

    def print_handlingar(self, out_path=None) -> None:
        m = self.current_meeting()
        if m is not None and self.agenda.editor.save():
            self.printer.print_handlingar(m, out_path)

    def open_kallelser(self) -> KallelserDialog | None:
        """Markera som kallad…: the kallelse as sent and its versions (the agenda saved first)."""
        m = self.current_meeting()
        if m is None or not self.agenda.editor.save():
            return None
        dialog = KallelserDialog(self.session, m, self)
        return dialogs.open_dialog(self, dialog, on_closed=lambda _r: self.reload_meetings(m.id))

    def write_protokoll(self) -> QWidget | None:
        """Go to the Protokoll area with this meeting chosen (the agenda saved first)."""
        m = self.current_meeting()
        window = self.window()
        if m is None or not self.agenda.leave() or not hasattr(window, "stack"):
            return None
        widget = area_widget(window, "protokoll")
        if widget is None:
            return None
        window.nav.setCurrentRow(window.stack.indexOf(widget))
        widget.select_meeting(m.id)
        return widget

    def _print_requested(self, kind: str, arende) -> None:
        m = self.current_meeting()
        if m is not None and kind == "tjänsteskrivelse":
            self.printer.print_tjansteskrivelse(m, arende)

    # -- keeping typed text --------------------------------------------------------------------------
    def hideEvent(self, event) -> None:
        if not self.session.closed:
            self.agenda.editor.save(quiet=True)
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read everything again: other areas may have added organ or people, or changed
        the meeting (the Protokoll area justerar it, which locks its ärenden)."""
        self.reload_organs()
        organ_id = self.organ_id()
        if organ_id is not None:
            self.agenda.editor.refresh_choices(self.meetings.organisation.get_organ(organ_id).namnd_id)
        self.reload_meetings()
        row = self.view.current_record()
        if row is not None and not self.agenda.editor.dirty:
            self.agenda.set_meeting(row.meeting)

    def leave(self) -> bool:
        """Before the main window closes the database: store the ärende being edited,
        or keep the user here if it cannot be stored and they choose to go on editing."""
        return self.session.closed or self.agenda.leave()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and not self.session.closed and not self.agenda.leave():
            event.ignore()
            return True
        return super().eventFilter(watched, event)


AREAS.append(Area("sammantraden", "Sammanträden", MeetingsArea))

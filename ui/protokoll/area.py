"""The Protokoll area: choose an organ, a year and a meeting; write the protokoll with
the agenda's paragraphs on the left, the current paragraph in the middle and närvaro
and justering at hand on the right; print protokoll, utdrag and anslag."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.changes import Changes
from app.dates import long_date
from app.meetings import Sammantrade
from app.protokoll.model import LOCKED_STATUSES, Paragraf
from app.session import Session
from ui import jobs
from ui.changes import follow
from ui.main_window import AREAS, Area
from ui.models import Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.protokoll.anslag_uppsatt import AnslagUppsattDialog, why_not_registrable
from ui.protokoll.jobs import justera_job
from ui.protokoll.justering_panel import JusteringPanel
from ui.protokoll.narvaro_panel import NarvaroPanel
from ui.protokoll.paragraf_editor import ParagrafEditor
from ui.protokoll.printing import ProtokollPrinter
from ui.protokoll.publicering import WebPublisher
from ui.protokoll.reasons import NO_MEETING, NOT_JUSTERAT, NOT_LOCKED, NOT_PUBLISHED, NOT_STARTED
from ui.widgets import keys
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import open_dialog
from ui.widgets.first_step import ORGANISATION_FIRST, FirstStep
from ui.widgets.flow import FlowLayout, labelled
from ui.widgets.guard import LeaveGuard
from ui.widgets.status import StatusLine


@dataclass
class MeetingItem:
    meeting: Sammantrade
    protokoll: str

    @property
    def id(self) -> int:
        return self.meeting.id


@dataclass
class ParaRow:
    p: Paragraf

    @property
    def id(self) -> int:
        return self.p.arende_id


def _state(p: Paragraf) -> str:
    if p.justerad:
        return "Justerad"
    if p.utfall != "beslut":
        return p.utfall.capitalize()
    return "✔ Beslut" if p.beslut.strip() else "–"


MEETING_COLUMNS = [
    Column("Datum", lambda r: r.meeting.datum, width=11),
    Column("Status", lambda r: r.meeting.status, width=10, optional=True),
    Column("Protokoll", lambda r: r.protokoll, stretch=True),
]
PARAGRAF_COLUMNS = [
    Column("§", lambda r: r.p.label or "utgår", width=7,
           tooltip=lambda r: "Preliminärt paragrafnummer: ett tidigare sammanträde i serien är inte "
                             "justerat" if r.p.preliminar else ""),
    Column("Ärende", lambda r: r.p.rubrik, stretch=True, tooltip=lambda r: r.p.rubrik),
    Column("Läge", lambda r: _state(r.p), width=9, optional=True),
]


class ProtokollArea(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("protokoll")
        self.session = session
        self.svc = session.protokoll
        self.meetings = session.meetings
        self.meeting_id: int | None = None
        self.locked = False
        self._guard = LeaveGuard(self)
        self.task = None

        self.organ = QComboBox()
        self.organ.setObjectName("protokoll_organ")
        # As wide as a usual organ's name, not the longest one's: the row must fit.
        self.organ.setMinimumContentsLength(22)
        self.organ.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year = QComboBox()
        self.year.setObjectName("protokoll_ar")
        self.protokoll_button = QPushButton("Skapa proto&koll…")
        self.protokoll_button.setObjectName("skapa_protokoll")
        self.utdrag_button = QPushButton("&Utdrag av paragrafen…")
        self.utdrag_button.setObjectName("skapa_utdrag")
        self.batch_button = QPushButton("Utdrag till alla &mottagare…")
        self.batch_button.setObjectName("skapa_utdrag_alla")
        self.anslag_button = QPushButton("An&slag…")
        self.anslag_button.setObjectName("skapa_anslag")
        self.uppsatt_button = QPushButton("Registrera uppsatt…")
        self.uppsatt_button.setObjectName("registrera_uppsatt")
        self.uppsatt_button.setToolTip("Registrera dagen då anslaget sattes upp på anslagstavlan; "
                                       "överklagandetiden räknas från den")
        self.webb_button = QPushButton("Publicera på webben…")
        self.webb_button.setObjectName("publicera_webben")
        self.webb_button.setToolTip("En tillgänglig webbkopia (HTML) av anslaget, protokollet och kallelsen "
                                    "för kommunens webbplats, utan sekretessparagrafer och personnummer")
        self.start_button = QPushButton("Påbörja protokollet")
        self.start_button.setObjectName("paborja_protokoll")
        self.start_button.setToolTip("Hämtar närvaron från organets ledamöter och ersättare")
        # The row wraps in a narrow window rather than squashing the buttons' texts.
        top = FlowLayout()
        top.add_widgets(labelled("Organ:", self.organ), labelled("År:", self.year))
        top.add_stretch()
        top.add_widgets(self.start_button, self.protokoll_button, self.utdrag_button, self.batch_button,
                        self.anslag_button, self.uppsatt_button, self.webb_button)
        self.header = QLabel()
        self.header.setObjectName("protokoll_rubrik")
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.status = StatusLine("protokoll_status")

        self.meeting_model = RecordTableModel(MEETING_COLUMNS, parent=self)
        self.meeting_view = RecordTableView(self.meeting_model, sortable=False)
        self.meeting_view.setObjectName("protokoll_sammantraden")
        self.meeting_view.set_column_widths()
        self.para_model = RecordTableModel(PARAGRAF_COLUMNS, parent=self)
        self.para_view = RecordTableView(self.para_model, sortable=False)
        self.para_view.setObjectName("paragraflista")
        self.para_view.set_column_widths()
        self.para_view.setToolTip("Ctrl+PgDown: nästa paragraf, Ctrl+PgUp: föregående, Alt+B: beslutet")
        meetings_box = QGroupBox("Sammanträden")
        QVBoxLayout(meetings_box).addWidget(self.meeting_view)
        paras_box = QGroupBox("Paragrafer")
        QVBoxLayout(paras_box).addWidget(self.para_view)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(meetings_box)
        left.addWidget(paras_box)
        left.setSizes([160, 560])
        left.setChildrenCollapsible(False)

        self.editor = ParagrafEditor(self.svc)
        self.narvaro = NarvaroPanel(self.svc)
        self.justering = JusteringPanel(self.svc, session=session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("protokoll_flikar")
        self.tabs.addTab(self.narvaro, "&Närvaro")
        self.tabs.addTab(self.justering, "&Justering")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.tabs)
        # The paragraph being written gets half of what the window gains or loses in
        # width, the lists and the närvaro a quarter each.
        for pane, stretch in enumerate((1, 2, 1)):
            splitter.setStretchFactor(pane, stretch)
        # The närvaro wide enough for its columns in a 1024-pixel window, without a
        # sideways scroll bar; the paragraph's fields wrap into what is left.
        splitter.setSizes([300, 520, 420])
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.header)
        self.first_step = FirstStep("protokoll_forsta_steg")
        column.addWidget(self.first_step)
        column.addWidget(self.status)
        column.addWidget(splitter, 1)

        self.printer = ProtokollPrinter(session, self.svc, self)
        self.printer.message.connect(lambda text, bad: (self.status.error if bad else self.status.info)(text))
        self.printer.done.connect(lambda _o: self.justering.show_utskick())
        self.publisher = WebPublisher(session, self)
        self.publisher.message.connect(
            lambda text, bad: (self.status.error if bad else self.status.info)(text))
        for key, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step(step))
        focus = QShortcut(QKeySequence("Alt+B"), self)
        focus.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.activated.connect(self.editor.focus_beslut)
        keys.save_shortcut(self.editor, self.editor.save)
        keys.save_shortcut(self.justering, self.justering.save)
        keys.print_key(self.protokoll_button)

        self.organ.currentIndexChanged.connect(lambda _i: self._organ_changed())
        self.year.currentIndexChanged.connect(lambda _i: self.reload_meetings())
        self.meeting_view.current_changed.connect(self._meeting_chosen)
        self.para_view.current_changed.connect(self._paragraf_chosen)
        self.editor.saved.connect(self._paragraf_saved)
        self.editor.message.connect(lambda text, bad: (self.status.error if bad else self.status.info)(text))
        self.narvaro.changed.connect(self._narvaro_changed)
        self.justering.changed.connect(self._show_header)
        self.justering.numbering_changed.connect(self._numbering_changed)
        self.justering.chair_changed.connect(self._chair_changed)
        self.justering.justera_requested.connect(self.justera)
        self.justering.original_requested.connect(self.save_original)
        self.start_button.clicked.connect(lambda _=False: self.start_protokoll())
        self.protokoll_button.clicked.connect(lambda _=False: self.print_protokoll())
        self.utdrag_button.clicked.connect(lambda _=False: self.print_utdrag())
        self.batch_button.clicked.connect(lambda _=False: self.print_utdrag_batch())
        self.anslag_button.clicked.connect(lambda _=False: self.print_anslag())
        self.uppsatt_button.clicked.connect(lambda _=False: self.register_uppsatt())
        self.webb_button.clicked.connect(lambda _=False: self.publish_web())
        self.reload_organs()
        # Changes made elsewhere (Sammanträden adds an ärende, a job justerar): read again
        # at once while in view, otherwise once when shown next.
        follow(session, self, ["organisation", "meetings", "arenden", "protokoll"], self.refresh)

    # -- organ, year, meeting --------------------------------------------------------------------
    def reload_organs(self) -> None:
        keep = self.organ.currentData()
        with self._guard.quiet():
            self.organ.clear()
            org = self.meetings.organisation
            for namnd in org.namnder():
                for organ in org.organ(namnd.id):
                    # An ended organ (app/avslut.py) keeps its protokoll: listed, marked.
                    ended = organ.avslutad or namnd.avslutad
                    self.organ.addItem(f"{organ.namn} (avslutat {ended})" if ended else organ.namn, organ.id)
            self.organ.setCurrentIndex(max(0, self.organ.findData(keep)) if self.organ.count() else -1)
        self._organ_changed()

    def _organ_changed(self, year: int | None = None) -> None:
        if self._guard.busy:
            return
        organ_id = self.organ.currentData()
        years = set(self.meetings.meeting_years(organ_id)) if organ_id is not None else set()
        this = clock.today().year
        if year is None and organ_id is not None:
            year = self.meetings.year_to_show(organ_id, clock.today(), ahead=False)
        chosen = year or this
        with self._guard.quiet():
            self.year.clear()
            for y in sorted(years | {this, chosen}):
                self.year.addItem(str(y), y)
            self.year.setCurrentIndex(self.year.findData(chosen))
        self.reload_meetings()

    def reload_meetings(self, select: int | None = None) -> None:
        if self._guard.busy:
            return
        organ_id, year = self.organ.currentData(), self.year.currentData()
        rows = []
        if organ_id is not None and year is not None:
            for m in self.meetings.meetings(organ_id, year):
                if m.status == "anslaget":
                    state = "Anslaget"  # justerat, and the anslag is registered as posted
                elif m.status in LOCKED_STATUSES:
                    state = "Justerat"
                elif self.svc.is_started(m.id):
                    state = "Påbörjat"
                else:
                    state = "Inte påbörjat"
                rows.append(MeetingItem(m, state))
        keep = select or self.meeting_id
        with self._guard.quiet():
            self.meeting_model.set_records(rows)
            if not self.meeting_view.select_id(keep) and rows:
                past = [r for r in rows if r.meeting.datum <= clock.today_iso()]
                self.meeting_view.select_id((past[-1] if past else rows[0]).id)
        self._meeting_chosen(self.meeting_view.current_record())

    def select_meeting(self, meeting_id: int) -> bool:
        """Show ``meeting_id`` (the organ and year are switched to it)."""
        m = self.meetings.get_meeting(meeting_id)
        with self._guard.quiet():
            self.organ.setCurrentIndex(self.organ.findData(m.organ_id))
        self._organ_changed(m.day.year)
        return self.meeting_view.select_id(meeting_id) and self.meeting_id == meeting_id

    def _meeting_chosen(self, row: MeetingItem | None) -> None:
        if self._guard.busy:
            return
        new = row.id if row else None
        if new == self.meeting_id:
            self._show_header()
            return
        if not self._guard.leave_or_revert(lambda: self.editor.save(quiet=True),
                                           lambda: self.meeting_view.select_id(self.meeting_id)):
            return
        self.meeting_id = new
        self.load_meeting()

    def start_protokoll(self) -> None:
        """Begin the protokoll: närvaro from the organ's members on the meeting day. Not
        done on mere selection, since a begun protokoll takes § numbers in the series."""
        if self.meeting_id is not None and not self.svc.is_started(self.meeting_id):
            self.svc.start(self.meeting_id)
            self.reload_meetings(self.meeting_id)
            self.load_meeting()
            self.status.info("Protokollet är påbörjat; närvaron är hämtad från ledamöterna och ersättarna.")

    def load_meeting(self) -> None:
        mid = self.meeting_id
        self.locked = False
        if mid is not None:
            head = self.svc.get(mid)
            self.locked = head.status in LOCKED_STATUSES
            self.editor.set_context(self.svc.narvaro.narvaro(mid), head.organ_namn)
        self.justering.load(mid)
        self.reload_paragrafer()
        self.narvaro.load(mid, [r.p for r in self.para_model.records], self.locked)
        self._show_header()

    def reload_paragrafer(self, select: int | None = None) -> None:
        keep = select or self.para_view.current_id()
        mid = self.meeting_id
        rows = [ParaRow(p) for p in self.svc.paragrafer.paragrafer(mid)] if mid else []
        with self._guard.quiet():
            self.para_model.set_records(rows)
            if not self.para_view.select_id(keep) and rows:
                first = next((r for r in rows if r.p.nummer is not None), rows[0])
                self.para_view.select_id(first.id)
        row = self.para_view.current_record()
        if (row.id if row else None) != (self.editor.paragraf.arende_id if self.editor.paragraf else None) \
                or select is None:
            self._show_paragraf(row)

    def _show_header(self) -> None:
        # The meeting shown, not the view's selection: a mouse press moves the current
        # row (and calls here) before the selection follows it.
        row = self.meeting_model.record(self.meeting_model.row_for_id(self.meeting_id)) \
            if self.meeting_id is not None else None
        for b in (self.protokoll_button, self.utdrag_button, self.batch_button, self.anslag_button,
                  self.uppsatt_button, self.webb_button):
            enable_or_explain(b, "" if row is not None else NO_MEETING)
        self._show_first_step(row is None)
        if row is None:
            self.start_button.hide()
            self.header.setText("Inget sammanträde valt.")
            return
        m = row.meeting
        started = self.svc.is_started(m.id)
        self.start_button.setVisible(not started and not self.locked)
        for w in (self.editor, self.tabs, self.protokoll_button):
            enable_or_explain(w, "" if started or self.locked else NOT_STARTED)
        text = f"Protokoll – {m.organ_namn}, {long_date(m.datum)}" + (f", {m.plats}" if m.plats else "")
        if not started and not self.locked:
            text += "  –  protokollet är inte påbörjat (”Påbörja protokollet”)."
        if self.locked:
            text += "  –  JUSTERAT: protokollet är låst och kan bara läsas. Rättelser under Justering."
        numbers = self.svc.paragrafer.numrering(m.id)
        if numbers.preliminara:
            # The § series before this meeting is not settled (app/protokoll/numrering.py).
            text += "\nParagrafnumren är preliminära tills protokollen före detta är justerade."
            text += "".join(f"\n{gap}" for gap in numbers.luckor)
        self.header.setText(text)
        self.header.setStyleSheet("color: #1e6b34;" if self.locked else "")
        done = self.svc.justeringar(m.id)
        justerat = bool(done)
        for button in (self.utdrag_button, self.batch_button):
            enable_or_explain(button, "" if justerat else NOT_JUSTERAT)
        enable_or_explain(self.webb_button, "" if justerat else NOT_PUBLISHED)
        enable_or_explain(self.anslag_button, "" if self.locked else NOT_LOCKED)
        enable_or_explain(self.uppsatt_button, why_not_registrable(done))

    def _show_first_step(self, nothing_chosen: bool) -> None:
        """On a new database: what has to exist before a protokoll, and where to add it."""
        if self.organ.currentData() is None:
            self.first_step.show_step(f"{ORGANISATION_FIRST}; sedan ett sammanträde under Sammanträden.",
                                      "Gå till Nämnder och organ", "organisation", "namnder")
        elif nothing_chosen and not self.meeting_model.rowCount():
            self.first_step.show_step("Inga sammanträden detta år. Ett protokoll skrivs för ett sammanträde "
                                      "som har lagts in under Sammanträden.", "Gå till Sammanträden",
                                      "sammantraden")
        else:
            self.first_step.hide()

    # -- paragraphs ---------------------------------------------------------------------------------
    def _numbering_changed(self) -> None:
        """The protokoll's first § number changed: every paragraph's number follows."""
        self.editor.save(quiet=True)
        self.reload_paragrafer()

    def _chair_changed(self) -> None:
        p = self.editor.paragraf
        if p is not None:
            self.editor.update_beslutande(self.svc.narvaro.beslutande(self.meeting_id).get(p.arende_id))

    def _paragraf_chosen(self, row: ParaRow | None) -> None:
        if self._guard.busy:
            return
        current = self.editor.paragraf
        if row is not None and current is not None and row.id == current.arende_id:
            return
        if not self._guard.leave_or_revert(lambda: self.editor.save(quiet=True),
                                           lambda: self.para_view.select_id(current.arende_id)):
            return
        self._refresh_row(current.arende_id if current else None)
        self._show_paragraf(row)

    def _show_paragraf(self, row: ParaRow | None) -> None:
        if row is None or self.meeting_id is None:
            self.editor.show_paragraf(None)
            return
        p = self.svc.paragrafer.get(row.id)
        beslutande = self.svc.narvaro.beslutande(self.meeting_id).get(row.id)
        self.editor.show_paragraf(p, beslutande, self.locked)

    def _refresh_row(self, arende_id: int | None) -> None:
        row = self.para_model.row_for_id(arende_id) if arende_id is not None else -1
        if row >= 0:
            self.para_model.records[row].p = self.svc.paragrafer.get(arende_id)
            self.para_model.dataChanged.emit(self.para_model.index(row, 0), self.para_model.index(row, 2))

    def _paragraf_saved(self, arende_id: int) -> None:
        p = self.editor.paragraf
        old = self.para_model.record(self.para_model.row_for_id(arende_id))
        if old is not None and (old.p.utfall != p.utfall or old.p.jav != p.jav):
            self.reload_paragrafer(arende_id)  # numbers move when a § utgår
            self.narvaro.reload()
        self._refresh_row(arende_id)
        self.editor.update_beslutande(self.svc.narvaro.beslutande(self.meeting_id).get(arende_id))

    def step(self, delta: int) -> None:
        row = self.para_view.currentIndex().row() + delta
        if 0 <= row < self.para_model.rowCount():
            self.para_view.select_row(row)
        self.editor.focus_beslut()

    def _narvaro_changed(self) -> None:
        p = self.editor.paragraf
        mid = self.meeting_id
        self.editor.set_context(self.svc.narvaro.narvaro(mid), self.svc.get(mid).organ_namn)
        if p is not None:
            self.editor.update_beslutande(self.svc.narvaro.beslutande(self.meeting_id).get(p.arende_id))
        self.justering.load(self.meeting_id)

    # -- justering and printing ---------------------------------------------------------------------
    def justera(self, arende_ids: list[int] | None = None, confirm: bool = True) -> None:
        if self.meeting_id is None or not self.editor.save(quiet=True) or not self.justering.save():
            return
        head = self.svc.get(self.meeting_id)
        datum = head.justering_datum or clock.today_iso()
        which = "paragraferna markerade ”Justeras omedelbart”" if arende_ids else "protokollet"
        if confirm and QMessageBox.question(
                self, "Markera justerat",
                f"Markera {which} som justerat {datum}?\n\nProtokollet sparas som PDF med kontrollsumma och "
                "innehållet låses. Senare ändringar görs som daterade rättelser.") \
                != QMessageBox.StandardButton.Yes:
            return
        mid = self.meeting_id

        def ok(outcome) -> None:
            self.task = None
            self.status.info(outcome.message)
            self.reload_meetings(mid)
            self.load_meeting()

        def failed(exc: BaseException, _tb: str) -> None:
            self.task = None
            self.status.error(f"Justeringen gjordes inte: {exc}")

        job = justera_job(mid, datum, head.anslag_datum, clock.today(), arende_ids)
        self.task = jobs.run(self, self.session, job, progress="Justerar …", on_done=ok, on_error=failed,
                             changes=Changes.of("protokoll", "meetings", "arenden", meeting_ids=[mid]))

    def print_protokoll(self, out=None) -> None:
        if self.meeting_id is not None and self.editor.save(quiet=True):
            self.printer.print_protokoll(self.meeting_id, out)

    def print_utdrag(self, out=None) -> None:
        p = self.editor.paragraf
        if self.meeting_id is not None and p is not None:
            self.printer.print_utdrag(self.meeting_id, [p.arende_id], out)

    def print_utdrag_batch(self, folder=None) -> None:
        if self.meeting_id is not None:
            self.printer.print_utdrag_batch(self.meeting_id, folder)

    def print_anslag(self, out=None) -> None:
        if self.meeting_id is not None:
            self.printer.print_anslag(self.meeting_id, out)

    def register_uppsatt(self) -> None:
        """The day the anslag went up (app/protokoll/anslag_uppsatt.py); the dialog
        registers it on a worker and closes once it is registered."""
        if self.meeting_id is not None:
            mid = self.meeting_id
            open_dialog(self, AnslagUppsattDialog(self.session, mid, self),
                        on_saved=lambda outcome: self._uppsatt_registered(mid, outcome))

    def _uppsatt_registered(self, mid: int, outcome) -> None:
        if outcome.warnings:  # stays until replaced: a late tillkännagivande must be read
            self.status.hint(" ".join([outcome.message, *(f"⚠ {w}" for w in outcome.warnings)]))
        else:
            self.status.info(outcome.message)
        self.reload_meetings(mid)
        self.load_meeting()

    def publish_web(self, folder=None) -> None:
        """The web copy of what is justerat, into a folder of its own inside ``folder``
        (asked for when None)."""
        if self.meeting_id is not None and self.editor.save(quiet=True):
            head = self.svc.get(self.meeting_id)
            self.publisher.publish(self.meeting_id, head.organ_namn, head.datum, folder)

    def save_original(self, out=None) -> None:
        if self.meeting_id is not None:
            self.printer.save_original(self.meeting_id, out)

    # -- keeping typed text -------------------------------------------------------------------------
    def leave(self) -> bool:
        """Before the main window closes the database: store the § being written."""
        return self.session.closed or self.editor.save(quiet=True)

    def hideEvent(self, event) -> None:
        if not self.session.closed:
            self.editor.save(quiet=True)
        super().hideEvent(event)

    def refresh(self, changes: Changes) -> None:
        """Read again what ``changes`` (made in another area or by a job) touched. The §
        being written is stored first; if it cannot be, it stays as typed."""
        if not self.editor.save(quiet=True):
            return
        if changes.touches("organisation"):
            self.reload_organs()
        elif changes.touches("meetings", "arenden", "protokoll"):
            self.reload_meetings()
        if self.meeting_id is not None and changes.touches_meeting(self.meeting_id):
            self.load_meeting()


AREAS.append(Area("protokoll", "Protokoll", ProtokollArea))

"""Dialogs of the Sammanträden area: a meeting, the organ's kallelse settings, a new
ärende, and copying an ärende to another meeting."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.dates import long_date
from app.meetings import (
    ARENDETYPER,
    STATUSAR,
    Arende,
    ArendeService,
    Kallelseinstallning,
    MeetingService,
    Sammantrade,
)
from app.organisation import OrganisationService
from app.validation import ValidationError
from ui.meetings.arende_editor import TYP_LABELS
from ui.models import RIGHT, Column, RecordTableModel
from ui.models.view import RecordTableView
from ui.widgets.buttons import enable_or_explain
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField
from ui.widgets.status import StatusLine

#: Why Kopiera is off.
NO_MEETING = "Välj sammanträdet att kopiera till i listan."


class _TextBox(QPlainTextEdit):
    """A few lines of plain text whose size hint is that height (the form aligns its
    caption by the hint)."""

    def __init__(self, text: str, lines: int, placeholder: str):
        super().__init__(text)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        # Never under the box's own minimum (its frame and scroll bars).
        self._height = max(self.fontMetrics().lineSpacing() * lines + 14, super().minimumSizeHint().height())
        self.setFixedHeight(self._height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)


def _text_box(text: str, lines: int, placeholder: str) -> QPlainTextEdit:
    return _TextBox(text, lines, placeholder)


def _people_combo(organisation: OrganisationService, selected: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem("(ingen vald)", None)
    for p in organisation.personer(organisation.person_ids(tjansteman=True)):
        combo.addItem(f"{p.namn}, {p.titel}" if p.titel else p.namn, p.id)
    index = combo.findData(selected)
    if index < 0 and selected is not None:
        combo.addItem("(personen finns inte längre)", selected)
        index = combo.count() - 1
    combo.setCurrentIndex(max(0, index))
    return combo


class MeetingDialog(RecordDialog):
    """A new meeting (defaults from the organ's settings, items from its template) or an
    existing one: date, times, place, group meetings, note to members, status."""

    def __init__(self, meetings: MeetingService, meeting: Sammantrade, organ_namn: str,
                 parent: QWidget | None = None):
        new = meeting.id is None
        super().__init__(f"Nytt sammanträde – {organ_namn}" if new else f"Sammanträde – {organ_namn}", parent)
        self.setMinimumWidth(560)
        self.meetings = meetings
        self.original = meeting
        m = meeting
        self.datum = self.form.add("datum", "&Datum", DateField(m.datum or clock.today_iso()))
        self.starttid = self.form.add("starttid", "&Starttid", QLineEdit(m.starttid))
        self.starttid.setPlaceholderText("TT:MM, t.ex. 14:15")
        self.sluttid = self.form.add("sluttid", "S&luttid", QLineEdit(m.sluttid))
        self.sluttid.setPlaceholderText("fylls i vid eller efter sammanträdet")
        self.plats = self.form.add("plats", "&Plats", QLineEdit(m.plats))
        self.plats.setPlaceholderText("t.ex. Samlingssalen, Marnäsliden")
        self.gruppmoten = self.form.add("gruppmoten", "&Gruppmöten", _text_box(
            m.gruppmoten, 4, "Gruppmöten 13:15-14:15:\nS, M, L i sammanträdesrummet våning 2"))
        self.meddelande = self.form.add("meddelande", "&Meddelande till ledamöterna", _text_box(
            m.meddelande, 3, "Om ni kan eller inte kan delta, meddela mig på …"))
        self.sekreterare = self.form.add("sekreterare_id", "&Nämndsekreterare",
                                         _people_combo(meetings.organisation, m.sekreterare_id))
        self.use_template = QCheckBox("Lägg in standardpunkterna från organets dagordningsmall")
        self.status = QComboBox()
        self.kallelse_skickad = DateField(m.kallelse_skickad)
        if new:
            self.use_template.setChecked(True)
            self.form.add("mall", "", self.use_template)
        else:
            # "kallat" is reached through "Markera som kallad…", which stores the kallelse
            # as sent (app/meetings/kallelser.py); here it is only shown when it is so.
            self.status.addItems([s for s in STATUSAR if s != "kallat" or m.status == "kallat"])
            self.status.setCurrentText(m.status)
            self.status.setToolTip("Ett sammanträde blir kallat med ”Markera som kallad…” i Sammanträden, "
                                   "som sparar kallelsen och handlingarna som de skickades.")
            self.form.add("status", "S&tatus", self.status)
            self.form.add("kallelse_skickad", "&Kallelsen skickad", self.kallelse_skickad)
        self.finish_layout()

    def build(self) -> Sammantrade:
        m = replace(self.original, datum=self.datum.iso() or "",
                    starttid=self.starttid.text(), sluttid=self.sluttid.text(), plats=self.plats.text(),
                    gruppmoten=self.gruppmoten.toPlainText(), meddelande=self.meddelande.toPlainText(),
                    sekreterare_id=self.sekreterare.currentData())
        if self.original.id is not None:
            m.status = self.status.currentText()
            m.kallelse_skickad = self.kallelse_skickad.iso()
        return m

    def store(self, m: Sammantrade) -> Sammantrade:
        if m.id is None:
            return self.meetings.create_from(m, use_template=self.use_template.isChecked())
        self.meetings.save_meeting(m)
        return self.meetings.get_meeting(m.id)


class SettingsDialog(RecordDialog):
    """How an organ's meetings are called: the reglemente's deadline, the secretary and
    the defaults of new meetings."""

    def __init__(self, meetings: MeetingService, settings: Kallelseinstallning, organ_namn: str,
                 parent: QWidget | None = None):
        super().__init__(f"Kallelseinställningar – {organ_namn}", parent)
        self.setMinimumWidth(560)
        self.meetings = meetings
        self.original = settings
        s = settings
        self.dagar = QSpinBox()
        self.dagar.setRange(0, 90)
        self.dagar.setValue(s.kallelse_dagar)
        self.dagar.setSuffix(" dagar före sammanträdet")
        self.form.add("kallelse_dagar", "Kallelsen ska skickas senast", self.dagar)
        self.sekreterare = self.form.add("sekreterare_id", "&Nämndsekreterare",
                                         _people_combo(meetings.organisation, s.sekreterare_id))
        self.starttid = self.form.add("starttid", "&Starttid", QLineEdit(s.starttid))
        self.starttid.setPlaceholderText("TT:MM")
        self.plats = self.form.add("plats", "&Plats", QLineEdit(s.plats))
        self.gruppmoten = self.form.add("gruppmoten", "&Gruppmöten", _text_box(s.gruppmoten, 4, ""))
        self.meddelande = self.form.add("meddelande", "&Meddelande till ledamöterna", _text_box(
            s.meddelande, 3, "Tomt: ”Om ni kan eller inte kan delta …” med sekreterarens e-post och telefon"))
        hint = QLabel("Starttid, plats, gruppmöten och meddelande fylls i när ett nytt sammanträde läggs in.")
        hint.setWordWrap(True)
        self.form_layout.addRow(hint)
        self.finish_layout()

    def build(self) -> Kallelseinstallning:
        return replace(self.original, kallelse_dagar=self.dagar.value(),
                       sekreterare_id=self.sekreterare.currentData(), starttid=self.starttid.text(),
                       plats=self.plats.text(), gruppmoten=self.gruppmoten.toPlainText(),
                       meddelande=self.meddelande.toPlainText())

    def store(self, s: Kallelseinstallning) -> Kallelseinstallning:
        return self.meetings.save_settings(s)


class NewArendeDialog(RecordDialog):
    """A new ärende on the agenda; it goes before the standard items that close it."""

    def __init__(self, arenden: ArendeService, meeting_id: int, parent: QWidget | None = None):
        super().__init__("Nytt ärende", parent)
        self.setMinimumWidth(620)
        self.arenden = arenden
        self.meeting_id = meeting_id
        self.rubrik = self.form.add("rubrik", "&Rubrik", QLineEdit())
        self.dnr = self.form.add("dnr", "&Dnr", QLineEdit())
        self.dnr.setPlaceholderText("t.ex. VON 2022/29")
        self.typ = QComboBox()
        for typ in ARENDETYPER:
            self.typ.addItem(TYP_LABELS[typ], typ)
        self.form.add("typ", "&Typ", self.typ)
        self.extra = QCheckBox("Extra ärende (anmält vid sammanträdet)")
        self.form.add("extra", "", self.extra)
        self.finish_layout()

    def build(self) -> Arende:
        return Arende(sammantrade_id=self.meeting_id, rubrik=self.rubrik.text(), dnr=self.dnr.text(),
                      typ=self.typ.currentData(), extra=self.extra.isChecked())

    def store(self, a: Arende) -> Arende:
        return self.arenden.add(a)


def meeting_label(m: Sammantrade) -> str:
    return f"{m.organ_namn} {m.datum}"


COPY_COLUMNS = [
    Column("Organ", lambda m: m.organ_namn, stretch=True, tooltip=lambda m: m.organ_namn),
    Column("Datum", lambda m: m.datum, width=11),
    Column("Status", lambda m: m.status, width=10),
    Column("Ärenden", lambda m: m.antal_arenden, RIGHT, width=8),
]


class CopyArendeDialog(QDialog):
    """Choose the meeting to copy an ärende to. From an arbetsutskott to the nämnd the
    förslag becomes the arbetsutskottets; Dnr, texts, signers and bilagor go along."""

    def __init__(self, meetings: MeetingService, arende: Arende, source: Sammantrade,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Kopiera ärende till ett annat sammanträde")
        self.setMinimumSize(620, 420)
        self.meetings, self.arende, self.source = meetings, arende, source
        self.result_record: Arende | None = None
        intro = QLabel(f"Kopiera ärende {arende.nummer} ”{arende.rubrik}” (Dnr {arende.dnr or 'saknas'}) "
                       f"från {meeting_label(source)} till:")
        intro.setWordWrap(True)
        self.model = RecordTableModel(COPY_COLUMNS, parent=self)
        self.view = RecordTableView(self.model)
        self.view.setObjectName("kopiera_till")
        self.show_all = QCheckBox("Visa även tidigare sammanträden")
        self.show_all.toggled.connect(lambda _on: self.reload())
        note = QLabel("Diarienummer, texter, undertecknare och bilagor följer med. Från arbetsutskottet "
                      "blir förslaget ”Arbetsutskottets förslag till beslut” och tjänsteskrivelsen läggs "
                      "till i beslutsunderlaget.")
        note.setWordWrap(True)
        self.error = StatusLine("kopiera_fel")
        self.buttons = QDialogButtonBox()
        self.copy_button = self.buttons.addButton("Kopiera", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for w in (intro, self.view, self.show_all, note, self.error, self.buttons):
            column.addWidget(w, 1 if w is self.view else 0)
        self.view.current_changed.connect(
            lambda rec: enable_or_explain(self.copy_button, "" if rec is not None else NO_MEETING))
        self.view.edit_requested.connect(lambda _rec: self.accept())
        self.reload()
        self.view.set_column_widths()

    def reload(self) -> None:
        since = None if self.show_all.isChecked() else min(self.source.datum, clock.today_iso())
        candidates = [m for m in self.meetings.meetings()
                      if m.id != self.source.id and (since is None or m.datum >= since)]
        self.model.set_records(candidates)
        # The usual case: from the arbetsutskott to the next meeting of another organ.
        later = [m for m in candidates if m.datum >= self.source.datum]
        other = [m for m in later if m.organ_id != self.source.organ_id]
        preferred = (other or later or candidates or [None])[0]
        self.view.select_id(preferred.id if preferred else None)
        enable_or_explain(self.copy_button, "" if self.view.current_record() is not None else NO_MEETING)

    def select_meeting(self, meeting_id: int) -> bool:
        return self.view.select_id(meeting_id)

    def accept(self) -> None:
        target = self.view.current_record()
        if target is None:
            return
        try:
            self.result_record = self.meetings.arenden.copy_to(self.arende.id, target.id)
        except ValidationError as exc:
            self.error.error(str(exc))
            return
        self.target = target
        super().accept()

    def describe(self) -> str:
        return (f"Ärendet har kopierats till {meeting_label(self.target)} som ärende "
                f"{self.result_record.nummer}. Öppna det sammanträdet för att se kopian.")

    @staticmethod
    def title_for(m: Sammantrade) -> str:
        return f"{m.organ_namn}, {long_date(m.datum, capital=False)}"

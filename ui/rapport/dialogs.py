"""The Rapporter area's dialogs: a new report (kind and period), the report copied to the
next period, a new chapter of the outline, and the meeting a report goes to."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
)

from app import clock
from app.rapport.agenda import meetings_for_rapport
from app.rapport.copyforward import CopiedRapport, copy_forward, next_period
from app.rapport.model import INNEHALL, SLAG, TEXT, Kapitel, Rapport, default_title
from app.rapport.service import RapportService
from ui.meetings.agenda_choice import AgendaChoiceDialog
from ui.widgets.dialogs import RecordDialog
from ui.widgets.fields import DateField

#: The period a new report of each kind usually covers, as (first month, last month).
USUAL_MONTHS = {"delårsrapport": (1, 8), "bokslut": (1, 12), "verksamhetsberättelse": (1, 12)}


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1)


def _period_fields(form, start: str, slut: str) -> tuple[DateField, DateField]:
    first, last = DateField(start), DateField(slut)
    first.setObjectName("period_start")
    last.setObjectName("period_slut")
    form.add("period_start", "Periodens första dag:", first)
    form.add("period_slut", "Periodens sista dag:", last)
    return first, last


def _dates(first: DateField, last: DateField) -> tuple[str, str]:
    """The typed dates as ISO text; what cannot be read is passed on for the service to name."""
    return first.iso() or first.text(), last.iso() or last.text()


class NewRapportDialog(RecordDialog):
    """Kind and period of a new report of the nämnd; the outline comes from its kind's template."""

    def __init__(self, service: RapportService, namnd_id: int, namnd_namn: str, parent=None):
        super().__init__("Ny rapport", parent)
        self.service, self.namnd_id = service, namnd_id
        self.save_button.setText("Skapa")
        self.form.add("namnd_id", "Nämnd:", QLabel(namnd_namn))
        self.slag = QComboBox()
        self.slag.setObjectName("slag")
        for slag in SLAG:
            self.slag.addItem(slag.capitalize(), slag)
        self.form.add("slag", "Slag:", self.slag)
        year = clock.today().year
        self.period_start, self.period_slut = _period_fields(self.form, f"{year}-01-01", f"{year}-08-31")
        self.titel = QLineEdit()
        self.titel.setObjectName("titel")
        self.titel.setPlaceholderText("t.ex. Delårsrapport 2024")
        self.form.add("titel", "Titel:", self.titel)
        self.slag.currentIndexChanged.connect(lambda _i: self._suggest_period())
        self._suggest_period()
        self.finish_layout()

    def _suggest_period(self) -> None:
        slag = self.slag.currentData()
        first, last = USUAL_MONTHS[slag]
        year = (self.period_slut.value() or clock.today()).year
        self.period_start.setText(date(year, first, 1).isoformat())
        self.period_slut.setText(_month_end(year, last).isoformat())
        self.titel.setPlaceholderText(f"tom: {default_title(slag, year)}")

    def build(self) -> Rapport:
        start, slut = _dates(self.period_start, self.period_slut)
        return Rapport(namnd_id=self.namnd_id, slag=self.slag.currentData(), period_start=start,
                       period_slut=slut, titel=self.titel.text().strip())

    def store(self, r: Rapport) -> Rapport:
        return self.service.create(r.namnd_id, r.slag, r.period_start, r.period_slut, r.titel)


class CopyRapportDialog(RecordDialog):
    """The report copied to the next period (the same months a year later, changeable)."""

    def __init__(self, db, r: Rapport, parent=None):
        super().__init__("Kopiera till nästa period", parent)
        self.db, self.source = db, r
        self.save_button.setText("Kopiera")
        start, slut = next_period(r)
        text = QLabel(f"En ny rapport skapas som utkast från ”{r.titel}” med samma disposition och "
                      "texter. Varje kapitel med text markeras ”att granska” tills texten har ändrats "
                      "och sparats eller markerats som granskad.")
        text.setWordWrap(True)
        self.form_layout.addRow(text)
        self.period_start, self.period_slut = _period_fields(self.form, start, slut)
        self.finish_layout()

    def build(self) -> tuple[str, str]:
        return _dates(self.period_start, self.period_slut)

    def store(self, period: tuple[str, str]) -> CopiedRapport:
        return copy_forward(self.db, self.source.id, *period)


class NewChapterDialog(RecordDialog):
    """A chapter added after the one selected: its heading, level and what it holds."""

    def __init__(self, service: RapportService, rapport_id: int, after_id: int | None, parent=None):
        super().__init__("Nytt kapitel", parent)
        self.service, self.rapport_id, self.after_id = service, rapport_id, after_id
        self.save_button.setText("Lägg till")
        self.rubrik = QLineEdit()
        self.rubrik.setObjectName("nytt_kapitel_rubrik")
        self.form.add("rubrik", "Rubrik:", self.rubrik)
        self.niva = QComboBox()
        self.niva.setObjectName("nytt_kapitel_niva")
        self.niva.addItem("Rubrik", 1)
        self.niva.addItem("Underrubrik", 2)
        self.form.add("niva", "Nivå:", self.niva)
        self.innehall = QComboBox()
        self.innehall.setObjectName("nytt_kapitel_innehall")
        for key, label in INNEHALL.items():
            self.innehall.addItem(label, key)
        self.form.add("innehall", "Innehåll:", self.innehall)
        self.finish_layout()

    def build(self) -> Kapitel:
        return Kapitel(rapport_id=self.rapport_id, rubrik=self.rubrik.text(),
                       innehall=self.innehall.currentData() or TEXT, niva=self.niva.currentData())

    def store(self, k: Kapitel) -> Kapitel:
        return self.service.add_kapitel(k.rapport_id, k.rubrik, k.innehall, k.niva, after_id=self.after_id)


class RapportAgendaDialog(AgendaChoiceDialog):
    """Which meeting of the nämnd, and a new ärende or an existing one; the editor then
    makes the PDF and attaches it on a worker."""

    def __init__(self, db, r: Rapport, parent=None):
        super().__init__(db, meetings_for_rapport(db, r.id),
                         f"PDF:en skapas nu och sparas som bilaga i databasen. Ett nytt ärende får förslaget "
                         f"till beslut: ”{r.forslag_till_beslut()}”", [QLabel(f"<b>{r.titel}</b>")], parent)

"""Volymmått and personal key figures: the printed tables, values typed per column;
a count's total is kvinnor + män and computed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.budget.nyckeltal import ENHETER, PERIODER, SLAG, Nyckeltal, Nyckeltalstabell
from app.budget.tabeller import nyckeltal_headers, nyckeltal_rows
from app.validation import ValidationError
from db.textsort import swedish_sorted
from ui.budget.common import Context, FormDialog, button, row
from ui.budget.files import export_xlsx, menu_button
from ui.budget.grid import GridModel, GridView
from ui.widgets.status import StatusLine


class NyckeltalDialog(FormDialog):
    def __init__(self, tab: NyckeltalTab, slag: str):
        super().__init__(f"Nytt nyckeltal ({SLAG[slag].lower()})", self._save, tab)
        self.tab, self.slag = tab, slag
        self.namn = QLineEdit()
        self.namn.setObjectName("namn")
        self.avsnitt = QComboBox()
        self.avsnitt.setEditable(True)
        sections = {n.avsnitt for n in tab.ctx.ek.nyckeltal.lista(tab.ctx.namnd_id, slag)}
        self.avsnitt.addItems(swedish_sorted(sections))
        self.enhet = QComboBox()
        for key, label in ENHETER.items():
            self.enhet.addItem(label, key)
        self.matdatum = QLineEdit()
        self.matdatum.setPlaceholderText("t.ex. 1/1-31/8")
        self.kon = QCheckBox("Uppdelat på kvinnor och män")
        self.summerbar = QCheckBox("Totalt = kvinnor + män (antal)")
        self.form.addRow("Namn:", self.namn)
        self.form.addRow("Avsnitt:", self.avsnitt)
        self.form.addRow("Enhet:", self.enhet)
        if slag == "personal":
            self.form.addRow("Mätdatum:", self.matdatum)
            self.form.addRow("", self.kon)
            self.form.addRow("", self.summerbar)

    def _save(self):
        return self.tab.ctx.ek.nyckeltal.save(Nyckeltal(
            namnd_id=self.tab.ctx.namnd_id, slag=self.slag, namn=self.namn.text(),
            avsnitt=self.avsnitt.currentText(), enhet=self.enhet.currentData(), matdatum=self.matdatum.text(),
            kon_uppdelad=self.kon.isChecked(), summerbar=self.summerbar.isChecked()))


class NyckeltalTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.table: Nyckeltalstabell | None = None
        #: The table (nämnd, slag, year) whose footnotes the box shows.
        self._fotnot_key: tuple[int, str, int] | None = None
        self.slag = QComboBox()
        self.slag.setObjectName("nyckeltal_slag")
        for key, label in SLAG.items():
            self.slag.addItem(label, key)
        self.year = QSpinBox()
        self.year.setObjectName("nyckeltal_ar")
        self.year.setRange(1990, 2200)
        self.year.setValue(clock.today().year)
        self.period = QComboBox()
        self.period.setObjectName("nyckeltal_period")
        for key in ("delar", "tertial", "helar"):
            self.period.addItem(PERIODER[key], key)
        for w in (self.slag, self.period):
            w.currentIndexChanged.connect(lambda _i: self._load())
        self.year.valueChanged.connect(lambda _v: self._load())
        self.model = GridModel(["Nyckeltal"], self._edit)
        self.view = GridView(self.model)
        self.view.setObjectName("nyckeltal_tabell")
        self.message = StatusLine()
        self.model.edit_failed.connect(self.message.error)
        layout = QVBoxLayout(self)
        layout.addLayout(row(QLabel("Visa:"), self.slag, QLabel("År:"), self.year,
                             QLabel("Period:"), self.period))
        layout.addWidget(self.view, 1)
        # The year's footnotes, printed under the table ("* Avser perioden …").
        self.fotnoter = QPlainTextEdit()
        self.fotnoter.setObjectName("nyckeltal_fotnoter")
        self.fotnoter.setPlaceholderText("Fotnoter under tabellen, en per rad, t.ex. ”* Avser perioden "
                                         "2023-01-01–2023-11-30”")
        self.fotnoter.setTabChangesFocus(True)
        self.fotnoter.setFixedHeight(72)  # three lines; not below its minimum size hint
        layout.addWidget(QLabel("Fotnoter:"))
        layout.addLayout(row(self.fotnoter, button("Spara fotnoterna", self.save_fotnoter,
                                                   "spara_fotnoter"), stretch_at_end=False))
        layout.addWidget(self.message)
        layout.addLayout(row(button("Nytt nyckeltal…", self.new, "nytt_nyckeltal"),
                             button("Ta bort…", self.delete), None,
                             menu_button("Excel", [("Exportera tabellen…", self.export)], "nyckeltal_excel"),
                             stretch_at_end=False))
        ctx.changed.connect(self.reload)

    def reload(self) -> None:
        if self.ctx.namnd_id is not None:
            years = self.ctx.ek.nyckeltal.ar_lista(self.ctx.namnd_id, self.slag.currentData())
            if years:
                self.year.blockSignals(True)
                self.year.setValue(years[-1])
                self.year.blockSignals(False)
        self._load()

    def _load(self) -> None:
        # Footnotes typed for the table shown before are kept, not dropped by the switch.
        self.store_texts()
        if self.ctx.namnd_id is None:
            self.model.set_rows([])
            self._fotnot_key = None
            self.fotnoter.setPlainText("")
            return
        self.table = self.ctx.ek.nyckeltal.tabell(self.ctx.namnd_id, self.slag.currentData(),
                                                  self.year.value(), self.period.currentData())
        self.model.set_headers(nyckeltal_headers(self.table))
        self.model.set_rows(nyckeltal_rows(self.table))
        self.view.setColumnWidth(0, 380)
        self._fotnot_key = (self.ctx.namnd_id, self.slag.currentData(), self.year.value())
        self.fotnoter.setPlainText("\n".join(self.ctx.ek.nyckeltal.fotnoter(*self._fotnot_key)))

    def store_texts(self) -> bool:
        """Save footnotes typed and not yet saved (before another table is shown or the
        window closes); False when they could not be (the message says why)."""
        key = self._fotnot_key
        if key is None:
            return True
        typed = [line.strip() for line in self.fotnoter.toPlainText().splitlines() if line.strip()]
        if typed == self.ctx.ek.nyckeltal.fotnoter(*key):
            return True
        return self._save_fotnoter(key)

    def save_fotnoter(self) -> None:
        key = self._fotnot_key
        if key is not None and self._save_fotnoter(key):
            self.fotnoter.setPlainText("\n".join(self.ctx.ek.nyckeltal.fotnoter(*key)))

    def _save_fotnoter(self, key: tuple[int, str, int]) -> bool:
        namnd_id, slag, ar = key
        try:
            self.ctx.ek.nyckeltal.save_fotnoter(namnd_id, slag, ar, self.fotnoter.toPlainText())
        except ValidationError as exc:
            self.message.error(str(exc))
            return False
        self.message.info(f"Fotnoterna för {SLAG[slag].lower()} {ar} sparades.")
        return True

    def _edit(self, key, value) -> None:
        nyckeltal_id, kolumn, part = key
        svc = self.ctx.ek.nyckeltal
        if kolumn is None:
            n = svc.get(nyckeltal_id)
            setattr(n, part, value)
            svc.save(n)
        else:
            current = svc.varde(nyckeltal_id, kolumn.ar, kolumn.period)
            setattr(current, part, value)
            svc.set_varde(nyckeltal_id, kolumn.ar, kolumn.period, current)
        self.message.clear_message()
        self._load()

    def export(self) -> None:
        if self.ctx.namnd_id is None:
            return
        from app.budget.excel import export_nyckeltal

        nid, slag, ar, period = (self.ctx.namnd_id, self.slag.currentData(), self.year.value(),
                                 self.period.currentData())
        export_xlsx(self, self.ctx, f"{self.slag.currentText()} {ar}.xlsx",
                    lambda db, path: export_nyckeltal(db, nid, slag, ar, path, period))

    def new(self) -> None:
        if self.ctx.namnd_id is not None and NyckeltalDialog(self, self.slag.currentData()).exec():
            self._load()

    def delete(self) -> None:
        index = self.view.currentIndex()
        ref = self.model.rows[index.row()].ref if index.isValid() else None
        if not isinstance(ref, Nyckeltal):
            self.message.error("Markera det nyckeltal som ska tas bort.")
            return
        answer = QMessageBox.question(self, "Ta bort nyckeltal", f"Ta bort ”{ref.namn}” med alla värden?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.nyckeltal.delete(ref.id)
            self._load()


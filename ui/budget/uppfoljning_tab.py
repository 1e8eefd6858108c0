"""One month's budgetuppföljning: the table (typed accumulated figures; month figures,
avvikelser, sums and RESULTAT computed), the chart of budget against utfall, the text
analysis and förslag till beslut, the åtgärdsplan, and the lines kept outside the
result (justeringar, ej budgeterade kostnader)."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.budget.analys import analysutkast, budget_mot_utfall
from app.budget.tabeller import SARSKILDA, uppfoljning_headers, uppfoljning_rows
from app.budget.uppfoljning import Atgard, Budgetuppfoljning, EjBudgeterat, Justering
from app.budget.verksamheter import MANADER, Verksamhet, manadsnamn
from app.validation import ValidationError
from ui.budget.charts import BudgetUtfallChart
from ui.budget.common import (
    Context,
    FormDialog,
    button,
    choose_verksamhet,
    flow_row,
    period_key,
    period_of,
    row,
)
from ui.budget.files import export_xlsx, import_xlsx, menu_button, print_pdf
from ui.budget.grid import Cell, GridModel, GridRow, GridView, text
from ui.widgets import keys
from ui.widgets.status import StatusLine


class NyManadDialog(FormDialog):
    def __init__(self, tab: UppfoljningTab, ar: int, manad: int):
        super().__init__("Ny budgetuppföljning", self._save, tab)
        self.tab = tab
        self.ar = QSpinBox()
        self.ar.setObjectName("ar")
        self.ar.setRange(1990, 2200)
        self.ar.setValue(ar)
        self.manad = QComboBox()
        self.manad.setObjectName("manad")
        for i, name in enumerate(MANADER, start=1):
            self.manad.addItem(name.capitalize(), i)
        self.manad.setCurrentIndex(manad - 1)
        self.form.addRow("År:", self.ar)
        self.form.addRow("Månad:", self.manad)
        note = QLabel("Raderna hämtas från föregående uppföljning, eller från årets internbudget "
                      "(med dess budget som årsbudget).")
        note.setWordWrap(True)
        self.form.addRow(note)

    def _save(self):
        return self.tab.ctx.ek.uppfoljning.skapa(self.tab.ctx.namnd_id, self.ar.value(),
                                                 self.manad.currentData())


class ImportPeriodDialog(NyManadDialog):
    """Which month an economy-system export is for, and its unit."""

    def __init__(self, tab: UppfoljningTab, ar: int, manad: int, enhet: str):
        super().__init__(tab, ar, manad)
        self.setWindowTitle("Importera budgetuppföljning")
        self.enhet = QComboBox()
        self.enhet.setObjectName("fil_enhet")
        self.enhet.addItem("kr", "kr")
        self.enhet.addItem("tkr", "tkr")
        self.enhet.setCurrentIndex(self.enhet.findData(enhet))
        self.form.addRow("Beloppen i filen är i:", self.enhet)

    def _save(self):
        return self.ar.value(), self.manad.currentData(), self.enhet.currentData()


def _list_page(model: GridModel, view: GridView, *widgets) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(view, 1)
    layout.addLayout(row(*widgets))
    return page


class UppfoljningTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.u: Budgetuppfoljning | None = None
        self.period = QComboBox()
        self.period.setObjectName("uppfoljning_period")
        self.period.currentIndexChanged.connect(lambda _i: self._load())
        self.enhet = QComboBox()
        self.enhet.setObjectName("uppfoljning_enhet")
        self.enhet.addItem("tkr", "tkr")
        self.enhet.addItem("kr", "kr")
        self.enhet.currentIndexChanged.connect(lambda _i: self._save_head())
        self.sarskild = QLineEdit()
        self.sarskild.setObjectName("sarskild_post")
        self.sarskild.setPlaceholderText("t.ex. Personalskuld")
        self.sarskild.setMaximumWidth(180)
        self.sarskild.editingFinished.connect(self._save_head)
        self.model = GridModel(["Verksamhet"], self._edit)
        self.view = GridView(self.model)
        self.view.setObjectName("uppfoljning_tabell")
        self.model.bind = lambda: functools.partial(self._edit_month, self.u.id)
        self.message = StatusLine()
        self.model.edit_failed.connect(self.message.error)
        self.empty = QLabel("Ingen budgetuppföljning ännu. Skapa en med ”Ny månad…”.")

        self.chart = BudgetUtfallChart()
        self.chart.setObjectName("budget_utfall_diagram")
        self.analys = QPlainTextEdit()
        self.analys.setObjectName("analys")
        self.forslag = QPlainTextEdit()
        self.forslag.setObjectName("forslag_till_beslut")
        # Four lines, and never under the box's own minimum (its frame and scroll bars).
        self.forslag.setMaximumHeight(max(self.fontMetrics().lineSpacing() * 4 + 12,
                                          self.forslag.minimumSizeHint().height()))
        text_page = QWidget()
        tl = QVBoxLayout(text_page)
        tl.addWidget(QLabel("Analys:"))
        tl.addWidget(self.analys, 1)
        tl.addWidget(QLabel("Förslag till beslut:"))
        tl.addWidget(self.forslag)
        tl.addLayout(row(button("Spara text", self._save_head, "spara_text"),
                         button("Skriv utkast från siffrorna", self.draft, "skriv_utkast")))
        keys.save_key(text_page, text_page.findChild(QPushButton, "spara_text"))

        self.atgard_model = GridModel(["Avvikelse", "Åtgärd", "Förväntade ekonomiska effekter",
                                       "Förväntade verksamhetseffekter", "Belopp"], self._edit_atgard)
        self.atgard_view = GridView(self.atgard_model)
        self.atgard_view.setObjectName("atgardsplan")
        self.atgard_view.setWordWrap(True)
        self.atgard_model.edit_failed.connect(self.message.error)
        self.just_model = GridModel(["Justering", "Avvikelse"], self._edit_justering)
        self.just_view = GridView(self.just_model)
        self.just_model.edit_failed.connect(self.message.error)
        self.ej_model = GridModel(["Ej budgeterat", "Ackumulerat", "Prognos helår"], self._edit_ej)
        self.ej_view = GridView(self.ej_model)
        self.ej_model.edit_failed.connect(self.message.error)
        self.just_rubrik = QLineEdit()
        self.just_rubrik.setObjectName("justering_rubrik")
        self.just_rubrik.setPlaceholderText("t.ex. Covid")
        self.just_rubrik.editingFinished.connect(self._save_head)

        self.lower = QTabWidget()
        self.lower.addTab(self.chart, "Diagram")
        self.lower.addTab(text_page, "Analys och förslag till beslut")
        remove_atgard = button("Ta bort åtgärd", lambda: self._delete_item(self.atgard_view, "atgard"))
        self.lower.addTab(_list_page(self.atgard_model, self.atgard_view,
                                     button("Ny åtgärd", self.new_atgard, "ny_atgard"), remove_atgard),
                          "Åtgärdsplan")
        extra = QWidget()
        el = QVBoxLayout(extra)
        el.addLayout(row(QLabel("Poster som räknas bort ur ”Resultat exkl …”:"), self.just_rubrik))
        el.addWidget(self.just_view, 1)
        el.addLayout(row(button("Ny justering", self.new_justering),
                         button("Ta bort justering", lambda: self._delete_item(self.just_view,
                                                                     "budgetuppfoljning_justering"))))
        el.addWidget(self.ej_view, 1)
        el.addLayout(row(button("Ny ej budgeterad post", self.new_ej),
                         button("Ta bort post", lambda: self._delete_item(self.ej_view,
                                                                     "budgetuppfoljning_ej_budgeterat"))))
        self.lower.addTab(extra, "Justeringar och ej budgeterat")

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        topl = QVBoxLayout(top)
        topl.setContentsMargins(0, 0, 0, 0)
        topl.addWidget(self.empty)
        topl.addWidget(self.view, 1)
        topl.addWidget(self.message)
        topl.addLayout(row(button("Lägg till verksamhet…", self.add_row, "lagg_till_rad"),
                           button("Ta bort rad…", self.remove_row)))
        splitter.addWidget(top)
        splitter.addWidget(self.lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        self.file_menu = menu_button("Excel", [("Exportera månaden…", self.export),
                                               ("Importera från ekonomisystemet…", self.import_file)],
                                     "uppfoljning_excel")
        layout.addLayout(flow_row(("Månad:", self.period), button("Ny månad…", self.new_month, "ny_manad"),
                                  button("Ta bort…", self.delete_month), ("Enhet:", self.enhet),
                                  ("Särskild post:", self.sarskild), None,
                                  button("Skriv ut (PDF)…", self.print_pdf, "uppfoljning_pdf"),
                                  button("Lägg på sammanträde…", self.to_meeting, "till_sammantrade"),
                                  self.file_menu))
        keys.print_key(self.findChild(QPushButton, "uppfoljning_pdf"))
        layout.addWidget(splitter, 1)
        ctx.changed.connect(self.reload)

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        wanted = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        perioder = self.ctx.ek.uppfoljning.perioder(self.ctx.namnd_id) if self.ctx.namnd_id else []
        keys = [period_key(*p) for p in perioder]
        for (ar, manad), key in zip(perioder, keys, strict=True):
            self.period.addItem(f"{manadsnamn(manad).capitalize()} {ar}", key)
        if keys:
            self.period.setCurrentIndex(keys.index(wanted) if wanted in keys else len(keys) - 1)
        self.period.blockSignals(False)
        self._load()

    def show_period(self, ar: int, manad: int) -> None:
        i = self.period.findData(period_key(ar, manad))
        if i >= 0:
            self.period.setCurrentIndex(i)

    def _load(self) -> None:
        self.store_texts()  # typed for the month shown until now
        p = period_of(self.period.currentData())
        self.u = self.ctx.ek.uppfoljning.get(self.ctx.namnd_id, *p) if p else None
        self.empty.setVisible(self.u is None)
        self.view.setVisible(self.u is not None)
        self.lower.setEnabled(self.u is not None)
        if self.u is None:
            self.model.set_rows([])
            return
        for w, value in ((self.sarskild, self.u.sarskild_post), (self.just_rubrik, self.u.justering_rubrik)):
            if w.text() != value:
                w.setText(value)
        self.enhet.blockSignals(True)
        self.enhet.setCurrentIndex(self.enhet.findData(self.u.enhet))
        self.enhet.blockSignals(False)
        if self.analys.toPlainText() != self.u.analys:
            self.analys.setPlainText(self.u.analys)
        if self.forslag.toPlainText() != self.u.forslag_till_beslut:
            self.forslag.setPlainText(self.u.forslag_till_beslut or self.u.standard_forslag())
        self._refresh()

    def _refresh(self) -> None:
        u = self.u
        for m in (self.model, self.atgard_model, self.just_model, self.ej_model):
            m.set_format(self.ctx.konvention, u.enhet)
        self.model.set_headers(uppfoljning_headers(u))
        self.model.set_rows(uppfoljning_rows(u))
        # The särskild post's columns appear once it has a name (”Personalskuld”).
        show_sarskild = u.har_sarskild_post()
        for col in SARSKILDA:
            self.view.setColumnHidden(col + 1, not show_sarskild)
        # In January the month is the period: the month columns would repeat the ack ones.
        for col in (2, 3, 4):
            self.view.setColumnHidden(col, u.manad == 1)
        self.chart.set_data(budget_mot_utfall(u, self.ctx.konvention), u.enhet)
        self.atgard_model.set_rows([GridRow([
            text(a.avvikelse, key=(a.id, "avvikelse")), text(a.atgard, key=(a.id, "atgard")),
            text(a.ekonomisk_effekt, key=(a.id, "ekonomisk_effekt")),
            text(a.verksamhetseffekt, key=(a.id, "verksamhetseffekt")),
            Cell(a.belopp, "avvikelse", key=(a.id, "belopp"))], "data", a) for a in u.atgarder])
        self.atgard_view.resizeRowsToContents()
        self.just_model.set_rows([
            GridRow([text(j.benamning, key=(j.id, "benamning")),
                     Cell(j.avvikelse, "avvikelse", key=(j.id, "avvikelse"))], "data", j)
            for j in u.justeringar])
        ej_rows = [GridRow([text(e.benamning, key=(e.id, "benamning")),
                            Cell(e.ack, "belopp", key=(e.id, "ack")),
                            Cell(e.prognos_helar, "belopp", key=(e.id, "prognos_helar"))], "data", e)
                   for e in u.ej_budgeterat]
        if u.ej_budgeterat:
            ack, prognos = u.summa_ej_budgeterat()
            ej_rows.append(GridRow([text("Summa"), Cell(ack, "belopp"), Cell(prognos, "belopp")], "total"))
        self.ej_model.set_rows(ej_rows)

    def _after_save(self) -> None:
        self.message.clear_message()
        self.u = self.ctx.ek.uppfoljning.load(self.u.id)
        self._refresh()
        self.ctx.data_changed.emit()

    # -- editing --------------------------------------------------------------------------
    def _edit(self, key, kr) -> None:
        self._edit_month(self.u.id, key, kr)

    def _edit_month(self, uppfoljning_id: int, key, kr) -> None:
        # Bound to the month by the model (bind), so an undo made after switching to
        # another month writes into the month where the figure was typed.
        verksamhet_id, field = key
        self.ctx.ek.uppfoljning.set_belopp(uppfoljning_id, verksamhet_id, field, kr)
        if self.u is not None:
            self._after_save()

    def store_texts(self) -> bool:
        """Save the analysis and förslag as typed before another month or nämnd is shown
        or the database closes, as the grid saves its figures (Ekonomi saves as it goes).
        False when they could not be saved (the message line says why)."""
        if self.u is None:
            return True
        shown_forslag = self.u.forslag_till_beslut or self.u.standard_forslag()
        if self.analys.toPlainText() == self.u.analys and self.forslag.toPlainText() == shown_forslag:
            return True
        return self._save_head()

    def _save_head(self) -> bool:
        if self.u is None:
            return True
        self.u.enhet = self.enhet.currentData()
        self.u.sarskild_post = self.sarskild.text()
        self.u.justering_rubrik = self.just_rubrik.text()
        self.u.analys = self.analys.toPlainText()
        self.u.forslag_till_beslut = self.forslag.toPlainText()
        try:
            self.ctx.ek.uppfoljning.save_huvud(self.u)
        except ValidationError as exc:
            self.message.error(str(exc))
            return False
        self._after_save()
        return True

    def draft(self) -> None:
        if self.u is None:
            return
        if self.analys.toPlainText().strip():
            answer = QMessageBox.question(self, "Skriv utkast", "Ersätta den analys som redan är skriven?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.analys.setPlainText(analysutkast(self.u))
        if not self.forslag.toPlainText().strip():
            self.forslag.setPlainText(self.u.standard_forslag())
        self._save_head()

    def _edit_item(self, items, key, value, save) -> None:
        item_id, field = key
        item = next(i for i in items if i.id == item_id)
        setattr(item, field, value if value is not None or field == "belopp" else 0)
        save(self.u.id, item)
        self._after_save()

    def _edit_atgard(self, key, value) -> None:
        self._edit_item(self.u.atgarder, key, value, self.ctx.ek.uppfoljning.save_atgard)

    def _edit_justering(self, key, value) -> None:
        self._edit_item(self.u.justeringar, key, value, self.ctx.ek.uppfoljning.save_justering)

    def _edit_ej(self, key, value) -> None:
        self._edit_item(self.u.ej_budgeterat, key, value, self.ctx.ek.uppfoljning.save_ej_budgeterat)

    def _new_item(self, save, item) -> None:
        if self.u is None:
            return
        save(self.u.id, item)
        self._after_save()

    def new_atgard(self) -> None:
        self._new_item(self.ctx.ek.uppfoljning.save_atgard, Atgard(atgard="Ny åtgärd"))

    def new_justering(self) -> None:
        self._new_item(self.ctx.ek.uppfoljning.save_justering, Justering("Ny justering"))

    def new_ej(self) -> None:
        self._new_item(self.ctx.ek.uppfoljning.save_ej_budgeterat, EjBudgeterat("Ny post"))

    def _delete_item(self, view: GridView, table: str) -> None:
        index = view.currentIndex()
        model = view.model()
        ref = model.rows[index.row()].ref if index.isValid() else None
        if ref is None or getattr(ref, "id", None) is None:
            self.message.error("Markera raden som ska tas bort.")
            return
        self.ctx.ek.uppfoljning.delete_item(table, ref.id)
        self._after_save()

    def new_month(self) -> None:
        if self.ctx.namnd_id is None:
            return
        perioder = self.ctx.ek.uppfoljning.perioder(self.ctx.namnd_id)
        if perioder:
            ar, manad = perioder[-1]
            ar, manad = (ar + 1, 1) if manad == 12 else (ar, manad + 1)
        else:
            today = clock.today()
            ar, manad = today.year, today.month
        dialog = NyManadDialog(self, ar, manad)
        if dialog.exec():
            u = dialog.result_value
            self.reload()
            self.show_period(u.ar, u.manad)

    def print_pdf(self) -> None:
        if self.u is None:
            return
        from app.budget.pdf.uppfoljning import render_uppfoljning

        nid, ar, manad = self.ctx.namnd_id, self.u.ar, self.u.manad
        print_pdf(self, self.ctx, f"Budgetuppföljning {self.u.period}.pdf",
                  lambda db: render_uppfoljning(db, nid, ar, manad))

    def to_meeting(self) -> None:
        if self.u is None:
            return
        from ui.budget.meeting import put_on_meeting

        self._save_head()
        put_on_meeting(self, self.ctx, self.u)

    def export(self) -> None:
        if self.u is None:
            return
        from app.budget.excel import export_uppfoljning

        nid, ar, manad = self.ctx.namnd_id, self.u.ar, self.u.manad
        export_xlsx(self, self.ctx, f"Budgetuppföljning {self.u.period}.xlsx",
                    lambda db, path: export_uppfoljning(db, nid, ar, manad, path))

    def import_file(self) -> None:
        if self.ctx.namnd_id is None:
            return
        from app.budget.excel import UppfoljningImport

        if self.u is not None:
            ar, manad, enhet = self.u.ar, self.u.manad, self.u.enhet
        else:
            today = clock.today()
            ar, manad, enhet = today.year, today.month, "kr"
        dialog = ImportPeriodDialog(self, ar, manad, enhet)
        if not dialog.exec():
            return
        ar, manad, enhet = dialog.result_value
        target = UppfoljningImport(self.ctx.namnd_id, ar, manad=manad, enhet=enhet,
                                   konvention=self.ctx.konvention)
        if import_xlsx(self, self.ctx, target):
            self.reload()
            self.show_period(ar, manad)

    def delete_month(self) -> None:
        if self.u is None:
            return
        answer = QMessageBox.question(self, "Ta bort budgetuppföljning",
                                      f"Ta bort budgetuppföljningen för {self.u.manadsnamn} {self.u.ar}?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.uppfoljning.delete(self.u.id)
            self.reload()
            self.ctx.data_changed.emit()

    def add_row(self) -> None:
        if self.u is None:
            return
        have = {r.verksamhet.id for r in self.u.rader}
        choices = [v for v in self.ctx.ek.verksamheter.verksamheter(self.ctx.namnd_id) if v.id not in have]
        try:
            chosen = choose_verksamhet(self, self.ctx, choices, "Välj eller skriv en ny verksamhet:")
            if chosen is None:
                return
            self.ctx.ek.uppfoljning.lagg_till_rad(self.u.id, chosen.id)
        except ValidationError as exc:
            self.message.error(str(exc))
            return
        self._after_save()

    def remove_row(self) -> None:
        index = self.view.currentIndex()
        ref = self.model.rows[index.row()].ref if index.isValid() else None
        if not isinstance(ref, Verksamhet):
            self.message.error("Markera en cell på den verksamhet som ska tas bort.")
            return
        answer = QMessageBox.question(self, "Ta bort rad", f"Ta bort ”{ref.benamning}” ur uppföljningen?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.uppfoljning.ta_bort_rad(self.u.id, ref.id)
            self._after_save()

"""The internbudget of a year: the printed three blocks (NETTOKOSTNAD, INTÄKTER,
KOSTNADER) with intäkter and kostnader typed, everything else computed, and the
difference to fullmäktige's ram shown prominently above the table."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.budget.belopp import format_belopp, parse_belopp
from app.budget.internbudget import KOLUMNER, Internbudget, ram_text
from app.budget.tabeller import internbudget_rows
from app.budget.verksamheter import Verksamhet
from app.validation import ValidationError
from ui.budget import files
from ui.budget.common import Context, button, choose_verksamhet, row
from ui.budget.files import export_xlsx, import_xlsx, menu_button, write_in_background
from ui.budget.grid import GridModel, GridView
from ui.widgets import keys
from ui.widgets.status import StatusLine

RAM_STYLES = {
    "exakt": "color: #2e7d32; font-size: 15px; font-weight: bold;",
    "under": "color: #8a5a00; font-size: 15px; font-weight: bold;",
    "over": "color: #b3261e; font-size: 15px; font-weight: bold;",
    "saknas": "color: #555555; font-size: 15px;",
}


class InternbudgetTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ib: Internbudget | None = None
        self.year = QComboBox()
        self.year.setObjectName("internbudget_ar")
        self.year.currentIndexChanged.connect(lambda _i: self._load_year())
        self.ram = QLineEdit()
        self.ram.setObjectName("ram")
        self.ram.setPlaceholderText("t.ex. 333 088")
        self.ram.setMaximumWidth(160)
        self.ram.editingFinished.connect(self._save_ram)
        self.ram_label = QLabel("Ram från fullmäktige (nettokostnad):")
        self.ram_status = QLabel()
        self.ram_status.setObjectName("ram_differens")
        self.ram_status.setWordWrap(True)
        self.model = GridModel(["", "", "", "", ""], self._edit)
        self.model.bind = lambda: functools.partial(self._edit_year, self.ib.id)
        self.view = GridView(self.model)
        self.view.setObjectName("internbudget_tabell")
        self.message = StatusLine()
        self.model.edit_failed.connect(self.message.error)
        self.prognos_rubrik = QLineEdit()
        self.prognos_rubrik.setObjectName("prognos_rubrik")
        self.prognos_rubrik.setPlaceholderText("Årsprognos per oktober …")
        self.prognos_rubrik.editingFinished.connect(self._save_texts)
        self.kommentar = QPlainTextEdit()
        self.kommentar.setObjectName("kommentar")
        self.kommentar.setPlaceholderText("Kommentar som skrivs under tabellen "
                                          "(t.ex. om justeringar inom ramen)")
        self.kommentar.setMaximumHeight(70)
        self.empty = QLabel("Ingen internbudget ännu. Skapa en med ”Ny internbudget…”.")
        layout = QVBoxLayout(self)
        layout.addLayout(row(QLabel("År:"), self.year,
                             button("Ny internbudget…", self.new_year, "ny_internbudget"),
                             button("Ta bort…", self.delete_year, "ta_bort_internbudget"),
                             None,
                             button("Skriv ut (PDF)…", self.print_pdf, "internbudget_pdf"),
                             menu_button("Excel", [
                                 ("Exportera internbudgeten…", self.export),
                                 ("Skapa Excel-mall (bilaga Internbudget)…", self.template),
                                 ("Importera från Excel…", self.import_file)], "internbudget_excel"),
                             stretch_at_end=False))
        ram_row = row(self.ram_label, self.ram, stretch_at_end=False)
        ram_row.addSpacing(16)
        ram_row.addWidget(self.ram_status, 1)
        layout.addLayout(ram_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(row(button("Lägg till verksamhet…", self.add_row, "lagg_till_rad"),
                             button("Ta bort rad…", self.remove_row, "ta_bort_rad"),
                             QLabel("Rubrik för prognosen:"), self.prognos_rubrik))
        layout.addWidget(self.kommentar)
        layout.addLayout(row(button("Spara kommentar", self._save_texts, "spara_kommentar")))
        keys.save_key(self, self.findChild(QPushButton, "spara_kommentar"))
        keys.print_key(self.findChild(QPushButton, "internbudget_pdf"))
        ctx.changed.connect(self.reload)

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        wanted = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        years = self.ctx.ek.internbudget.ar_lista(self.ctx.namnd_id) if self.ctx.namnd_id else []
        for ar in years:
            self.year.addItem(str(ar), ar)
        if years:
            self.year.setCurrentIndex(years.index(wanted) if wanted in years else len(years) - 1)
        self.year.blockSignals(False)
        self._load_year()

    def _load_year(self) -> None:
        self.store_texts()  # typed for the year shown until now
        ar = self.year.currentData()
        self.ib = self.ctx.ek.internbudget.get(self.ctx.namnd_id, ar) if ar is not None else None
        has = self.ib is not None
        for w in (self.view, self.ram, self.ram_label, self.ram_status, self.kommentar, self.prognos_rubrik):
            w.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            self.model.set_rows([])
            return
        self.ram.setText(format_belopp(self.ib.ram, self.ctx.enhet) if self.ib.ram is not None else "")
        self.prognos_rubrik.setText(self.ib.prognos_rubrik)
        if self.kommentar.toPlainText() != self.ib.kommentar:
            self.kommentar.setPlainText(self.ib.kommentar)
        self.ram_label.setText(f"Ram från fullmäktige (nettokostnad, {self.ctx.enhet}):")
        self._refresh()

    def _refresh(self) -> None:
        ib = self.ib
        heads = ib.kolumnrubriker(self.ctx.installning.budgetdokument if self.ctx.installning else "Budget")
        self.model.set_format(self.ctx.konvention, self.ctx.enhet)
        self.model.set_headers([f"({self.ctx.enhet.capitalize()})"] + [heads[k] for k in KOLUMNER])
        self.model.set_rows(internbudget_rows(ib))
        diff = ib.ram_differens()
        kind = "saknas" if diff is None else "exakt" if diff == 0 else "under" if diff > 0 else "over"
        self.ram_status.setStyleSheet(RAM_STYLES[kind])
        summa = format_belopp(ib.nettokostnad, self.ctx.enhet)
        self.ram_status.setText(f"{ram_text(ib, self.ctx.enhet)}  Budgeterad nettokostnad: {summa} "
                                f"{self.ctx.enhet}.")

    # -- editing --------------------------------------------------------------------------
    def _edit(self, key, kr) -> None:
        self._edit_year(self.ib.id, key, kr)

    def _edit_year(self, internbudget_id: int, key, kr) -> None:
        # Bound to the year's internbudget by the model (bind): an undo made after
        # switching year writes where the figure was typed.
        verksamhet_id, kolumn, block = key
        self.ctx.ek.internbudget.set_belopp(internbudget_id, verksamhet_id, kolumn, block, kr or 0)
        if self.ib is None:
            return
        self.message.clear_message()
        self.ib = self.ctx.ek.internbudget.load(self.ib.id)
        self._refresh()
        self.ctx.data_changed.emit()

    def _save_ram(self) -> None:
        if self.ib is None:
            return
        try:
            ram = parse_belopp(self.ram.text(), self.ctx.enhet)
            if ram is not None and ram < 0:
                ram = -ram  # a ram is a net cost; ”-333 088” typed as printed means the same
            self.ib.ram = ram
            self.ctx.ek.internbudget.save_huvud(self.ib)
        except (ValueError, ValidationError) as exc:
            self.message.error(f"Ramen: {exc}")
            return
        self.message.clear_message()
        self._load_year()

    def _save_texts(self) -> bool:
        if self.ib is None:
            return True
        self.ib.prognos_rubrik = self.prognos_rubrik.text()
        self.ib.kommentar = self.kommentar.toPlainText()
        try:
            self.ctx.ek.internbudget.save_huvud(self.ib)
        except ValidationError as exc:
            self.message.error(str(exc))
            return False
        self._refresh()
        return True

    def store_texts(self) -> bool:
        """Save the comment as typed before another year or nämnd is shown or the database
        closes: the grid above saves each figure as it is typed, and Ekonomi keeps one
        behaviour (docs/ARCHITECTURE.md, Laptop screens). False when it could not be saved
        (the message line says why)."""
        if self.ib is None or (self.kommentar.toPlainText() == self.ib.kommentar
                               and self.prognos_rubrik.text() == self.ib.prognos_rubrik):
            return True
        return self._save_texts()

    def new_year(self) -> None:
        if self.ctx.namnd_id is None:
            return
        years = self.ctx.ek.internbudget.ar_lista(self.ctx.namnd_id)
        default = (years[-1] + 1) if years else clock.today().year + 1
        ar, ok = QInputDialog.getInt(self, "Ny internbudget", "Budgetår:", default, 1990, 2200)
        if not ok:
            return
        try:
            self.ctx.ek.internbudget.skapa(self.ctx.namnd_id, ar)
        except ValidationError as exc:
            QMessageBox.warning(self, "Ny internbudget", str(exc))
            return
        self.reload()
        self.year.setCurrentIndex(self.year.findData(ar))

    def delete_year(self) -> None:
        if self.ib is None:
            return
        answer = QMessageBox.question(self, "Ta bort internbudget",
                                      f"Ta bort internbudgeten för {self.ib.ar} med alla belopp?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.internbudget.delete(self.ib.id)
            self.reload()

    # -- files ----------------------------------------------------------------------------
    def export(self) -> None:
        if self.ib is None:
            return
        from app.budget.excel import export_internbudget

        nid, ar = self.ctx.namnd_id, self.ib.ar
        export_xlsx(self, self.ctx, f"Internbudget {ar}.xlsx",
                    lambda db, path: export_internbudget(db, nid, ar, path))

    def print_pdf(self) -> None:
        if self.ib is None:
            return
        from app.budget.pdf.internbudget import render_internbudget

        nid, ar = self.ctx.namnd_id, self.ib.ar
        files.print_pdf(self, self.ctx, f"Internbudget {ar}.pdf", lambda db: render_internbudget(db, nid, ar))

    def template(self) -> None:
        from app.budget.excel import write_internbudget_mall

        ar = self.ib.ar if self.ib is not None else self._ask_year("Excel-mall för internbudget")
        if ar is None:
            return
        path = files.ask_xlsx(self, f"Bilaga Internbudget {ar}.xlsx")
        if path is not None:
            nid = self.ctx.namnd_id
            write_in_background(self, self.ctx, path, lambda db, p: write_internbudget_mall(db, nid, ar, p),
                                done_text="Mallen sparades. Fyll i den och importera den sedan:")

    def import_file(self) -> None:
        from app.budget.excel import InternbudgetImport

        ar = self.ib.ar if self.ib is not None else self._ask_year("Importera internbudget")
        if ar is None:
            return
        target = InternbudgetImport(self.ctx.namnd_id, ar, enhet=self.ctx.enhet,
                                    konvention=self.ctx.konvention)
        if import_xlsx(self, self.ctx, target):
            self.reload()
            self.year.setCurrentIndex(self.year.findData(ar))

    def _ask_year(self, title: str) -> int | None:
        ar, ok = QInputDialog.getInt(self, title, "Budgetår:", clock.today().year + 1, 1990, 2200)
        return ar if ok else None

    def add_row(self) -> None:
        if self.ib is None:
            return
        choices = self.ctx.ek.internbudget.nya_verksamheter(self.ib)
        try:
            chosen = choose_verksamhet(self, self.ctx, choices, "Välj en verksamhet eller skriv en ny "
                                       "(kod och namn, t.ex. ”64 Boendestöd”):")
            if chosen is None:
                return
            self.ctx.ek.internbudget.lagg_till_rad(self.ib.id, chosen.id)
        except ValidationError as exc:
            self.message.error(str(exc))
            return
        self._load_year()

    def remove_row(self) -> None:
        if self.ib is None:
            return
        index = self.view.currentIndex()
        ref = self.model.rows[index.row()].ref if index.isValid() else None
        if not isinstance(ref, Verksamhet):
            self.message.error("Markera en cell på den verksamhet som ska tas bort.")
            return
        answer = QMessageBox.question(self, "Ta bort rad",
                                      f"Ta bort ”{ref.benamning}” ur internbudgeten {self.ib.ar}?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.internbudget.ta_bort_rad(self.ib.id, ref.id)
            self._load_year()

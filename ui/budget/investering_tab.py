"""Investeringsbudget (objects grouped by förvaltning and category, an amount per
plan year, subtotals and ”Varav summa SOF”) and investeringsredovisning (budget,
omdisponering, utfall, forecast; budget after, kvar and avvikelse computed)."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.budget.investeringar import (
    Investeringsbudget,
    Investeringsobjekt,
    Investeringsprojekt,
    Investeringsredovisning,
)
from app.budget.tabeller import REDOVISNING_KOLUMNER, plan_headers, plan_rows, redovisning_rows
from app.budget.verksamheter import MANADER, manadsnamn
from app.validation import ValidationError
from ui.budget.common import Context, FormDialog, button, period_key, period_of, row
from ui.budget.files import export_xlsx, import_xlsx, menu_button, print_pdf
from ui.budget.grid import GridModel, GridView
from ui.widgets import keys
from ui.widgets.status import StatusLine


class ObjektDialog(FormDialog):
    def __init__(self, tab: InvesteringTab, plan: Investeringsbudget):
        super().__init__("Nytt investeringsobjekt", self._save, tab)
        self.tab, self.plan = tab, plan
        self.forvaltning = QComboBox()
        self.forvaltning.setObjectName("forvaltning")
        self.forvaltning.addItem("(ingen förvaltning)", None)
        for f in tab.ctx.forvaltningar():
            self.forvaltning.addItem(f"{f.kortnamn} – {f.namn}", f.id)
        self.kategori = QComboBox()
        self.kategori.setObjectName("kategori")
        self.kategori.setEditable(True)
        self.kategori.addItems(tab.ctx.ek.investeringar.kategorier(tab.ctx.namnd_id)
                               or ["Digitalisering och IT", "Inventarier", "Utrustning"])
        self.benamning = QLineEdit()
        self.benamning.setObjectName("benamning")
        self.form.addRow("Förvaltning:", self.forvaltning)
        self.form.addRow("Kategori:", self.kategori)
        self.form.addRow("Benämning:", self.benamning)

    def _save(self):
        return self.tab.ctx.ek.investeringar.save_objekt(Investeringsobjekt(
            investeringsbudget_id=self.plan.id, benamning=self.benamning.text(),
            kategori=self.kategori.currentText(), forvaltning_id=self.forvaltning.currentData()))


class InvesteringTab(QTabWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.plan: Investeringsbudget | None = None
        self.red: Investeringsredovisning | None = None
        self.addTab(self._build_plan(), "Investeringsbudget")
        self.addTab(self._build_redovisning(), "Investeringsredovisning")
        ctx.changed.connect(self.reload)

    # -- investeringsbudget ------------------------------------------------------------
    def _build_plan(self) -> QWidget:
        page = QWidget()
        self.plan_choice = QComboBox()
        self.plan_choice.setObjectName("investeringsplan")
        self.plan_choice.currentIndexChanged.connect(lambda _i: self._load_plan())
        self.plan_model = GridModel(["Investeringsobjekt"], self._edit_plan)
        self.plan_model.bind = lambda: functools.partial(self._edit_plan_of, self.ctx.namnd_id,
                                                         self.plan_choice.currentData())
        self.plan_view = GridView(self.plan_model)
        self.plan_view.setObjectName("investeringsbudget_tabell")
        self.plan_message = StatusLine()
        self.plan_model.edit_failed.connect(self.plan_message.error)
        layout = QVBoxLayout(page)
        layout.addLayout(row(QLabel("Plan:"), self.plan_choice, button("Ny plan…", self.new_plan, "ny_plan"),
                             button("Ta bort plan…", self.delete_plan), None,
                             button("Skriv ut (PDF)…", self.print_pdf, "investeringar_pdf"),
                             menu_button("Excel", [("Exportera investeringsbudgeten…", self.export_plan),
                                                   ("Importera från Excel…", self.import_plan)],
                                         "investeringsbudget_excel"), stretch_at_end=False))
        keys.print_key(page.findChild(QPushButton, "investeringar_pdf"))
        layout.addWidget(self.plan_view, 1)
        layout.addWidget(self.plan_message)
        layout.addLayout(row(button("Nytt objekt…", self.new_objekt, "nytt_objekt"),
                             button("Ta bort objekt…", self.delete_objekt, "ta_bort_objekt"),
                             QLabel("Belopp skrivs utan tecken: en investering är alltid en utgift.")))
        return page

    def reload(self) -> None:
        self._reload_plans()
        self._reload_perioder()

    def _reload_plans(self) -> None:
        wanted = self.plan_choice.currentData()
        self.plan_choice.blockSignals(True)
        self.plan_choice.clear()
        plans = self.ctx.ek.investeringar.budgetar(self.ctx.namnd_id) if self.ctx.namnd_id else []
        for _pid, forsta, antal in plans:
            self.plan_choice.addItem(f"{forsta} – {forsta + antal - 1}", forsta)
        starts = [p[1] for p in plans]
        if starts:
            self.plan_choice.setCurrentIndex(starts.index(wanted) if wanted in starts else len(starts) - 1)
        self.plan_choice.blockSignals(False)
        self._load_plan()

    def _load_plan(self) -> None:
        forsta = self.plan_choice.currentData()
        self.plan = self.ctx.ek.investeringar.get(self.ctx.namnd_id, forsta) if forsta else None
        self.plan_model.set_format(self.ctx.konvention, self.ctx.enhet)
        if self.plan is None:
            self.plan_model.set_rows([])
            return
        self.plan_model.set_headers(plan_headers(self.plan, self.ctx.enhet))
        self.plan_model.set_rows(plan_rows(self.plan))

    def _edit_plan(self, key, value) -> None:
        self._edit_plan_of(self.ctx.namnd_id, self.plan_choice.currentData(), key, value)

    def _edit_plan_of(self, namnd_id: int, forsta: int, key, value) -> None:
        # Bound to the plan shown when the edit was made (bind) and read again: an undo
        # made after another plan was chosen writes where the figure was typed.
        if key[0] == "benamning":
            plan = self.ctx.ek.investeringar.get(namnd_id, forsta)
            o = next(o for o in plan.objekt if o.id == key[1])
            o.benamning = value
            self.ctx.ek.investeringar.save_objekt(o, plan.ar)
        else:
            _, objekt_id, ar = key
            self.ctx.ek.investeringar.set_belopp(objekt_id, ar, value)
        self.plan_message.clear_message()
        self._load_plan()

    def new_plan(self) -> None:
        if self.ctx.namnd_id is None:
            return
        ar, ok = QInputDialog.getInt(self, "Ny investeringsplan",
                                     "Planens första år (planen omfattar tre år):",
                                     clock.today().year + 1, 1990, 2200)
        if not ok:
            return
        try:
            self.ctx.ek.investeringar.skapa(self.ctx.namnd_id, ar, 3)
        except ValidationError as exc:
            QMessageBox.warning(self, "Ny investeringsplan", str(exc))
            return
        self._reload_plans()
        self.plan_choice.setCurrentIndex(self.plan_choice.findData(ar))

    def delete_plan(self) -> None:
        if self.plan and QMessageBox.question(self, "Ta bort plan", f"Ta bort {self.plan.rubrik.lower()} "
                                              "med alla objekt?") == QMessageBox.StandardButton.Yes:
            self.ctx.ek.investeringar.delete(self.plan.id)
            self._reload_plans()

    def print_pdf(self) -> None:
        if self.plan is None:
            return
        from app.budget.pdf.investeringar import render_investeringar

        nid, ar = self.ctx.namnd_id, self.plan.forsta_ar
        print_pdf(self, self.ctx, f"Investeringar {ar}.pdf", lambda db: render_investeringar(db, nid, ar))

    def export_plan(self) -> None:
        if self.plan is None:
            return
        from app.budget.excel import export_investeringsbudget

        nid, forsta = self.ctx.namnd_id, self.plan.forsta_ar
        export_xlsx(self, self.ctx, f"{self.plan.rubrik}.xlsx",
                    lambda db, path: export_investeringsbudget(db, nid, forsta, path))

    def import_plan(self) -> None:
        from app.budget.excel import InvesteringsbudgetImport

        if self.ctx.namnd_id is None:
            return
        forsta = self.plan.forsta_ar if self.plan is not None else None
        if forsta is None:
            forsta, ok = QInputDialog.getInt(self, "Importera investeringsbudget", "Planens första år:",
                                             clock.today().year + 1, 1990, 2200)
            if not ok:
                return
        target = InvesteringsbudgetImport(self.ctx.namnd_id, forsta, enhet=self.ctx.enhet)
        if import_xlsx(self, self.ctx, target):
            self._reload_plans()
            self.plan_choice.setCurrentIndex(self.plan_choice.findData(forsta))

    def export_red(self) -> None:
        if self.red is None or not self.red.projekt:
            return
        from app.budget.excel import export_investeringsredovisning

        nid, ar, manad = self.ctx.namnd_id, self.red.ar, self.red.manad
        export_xlsx(self, self.ctx, f"Investeringsredovisning {ar}-{manad:02d}.xlsx",
                    lambda db, path: export_investeringsredovisning(db, nid, ar, manad, path))

    def import_red(self) -> None:
        from app.budget.excel import InvesteringsredovisningImport

        if self.red is None:
            self.red_message.error("Välj eller skapa först den period som filen gäller.")
            return
        target = InvesteringsredovisningImport(self.ctx.namnd_id, self.red.ar, manad=self.red.manad,
                                               enhet=self.ctx.enhet)
        if import_xlsx(self, self.ctx, target):
            self._load_redovisning()

    def new_objekt(self) -> None:
        if self.plan is None:
            self.plan_message.error("Skapa först en investeringsplan.")
            return
        if ObjektDialog(self, self.plan).exec():
            self._load_plan()

    def delete_objekt(self) -> None:
        index = self.plan_view.currentIndex()
        ref = self.plan_model.rows[index.row()].ref if index.isValid() else None
        if not isinstance(ref, Investeringsobjekt):
            self.plan_message.error("Markera det objekt som ska tas bort.")
            return
        answer = QMessageBox.question(self, "Ta bort objekt", f"Ta bort ”{ref.benamning}”?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.investeringar.delete_objekt(ref.id)
            self._load_plan()

    # -- investeringsredovisning -------------------------------------------------------
    def _build_redovisning(self) -> QWidget:
        page = QWidget()
        self.period = QComboBox()
        self.period.setObjectName("investering_period")
        self.period.currentIndexChanged.connect(lambda _i: self._load_redovisning())
        self.red_model = GridModel(list(REDOVISNING_KOLUMNER), self._edit_projekt)
        self.red_model.bind = lambda: functools.partial(self._edit_projekt_of,
                                                        period_of(self.period.currentData()))
        self.red_view = GridView(self.red_model)
        self.red_view.setObjectName("investeringsredovisning_tabell")
        self.red_message = StatusLine()
        self.red_model.edit_failed.connect(self.red_message.error)
        layout = QVBoxLayout(page)
        layout.addLayout(row(QLabel("Period:"), self.period,
                             button("Ny period…", self.new_period, "ny_period"), None,
                             menu_button("Excel", [("Exportera investeringsredovisningen…", self.export_red),
                                                   ("Importera från Excel…", self.import_red)],
                                         "investeringsredovisning_excel"), stretch_at_end=False))
        layout.addWidget(self.red_view, 1)
        layout.addWidget(self.red_message)
        layout.addLayout(row(button("Nytt projekt…", self.new_projekt, "nytt_projekt"),
                             button("Ta bort projekt…", self.delete_projekt)))
        return page

    def _reload_perioder(self) -> None:
        wanted = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        perioder = self.ctx.ek.investeringar.perioder(self.ctx.namnd_id) if self.ctx.namnd_id else []
        keys = [period_key(*p) for p in perioder]
        for (ar, manad), key in zip(perioder, keys, strict=True):
            label = f"Bokslut {ar}" if manad == 12 else f"{manadsnamn(manad).capitalize()} {ar}"
            self.period.addItem(label, key)
        if keys:
            self.period.setCurrentIndex(keys.index(wanted) if wanted in keys else len(keys) - 1)
        self.period.blockSignals(False)
        self._load_redovisning()

    def _load_redovisning(self) -> None:
        p = period_of(self.period.currentData())
        self.red = self.ctx.ek.investeringar.redovisning(self.ctx.namnd_id, *p) if p else None
        self.red_model.set_format(self.ctx.konvention, self.ctx.enhet)
        self.red_model.set_rows(redovisning_rows(self.red) if self.red else [])

    def _edit_projekt(self, key, value) -> None:
        self._edit_projekt_of(period_of(self.period.currentData()), key, value)

    def _edit_projekt_of(self, period: tuple[int, int], key, value) -> None:
        # Bound to the period shown when the edit was made (bind), the project read again.
        projekt_id, name = key
        red = self.ctx.ek.investeringar.redovisning(self.ctx.namnd_id, *period)
        p = next(p for p in red.projekt if p.id == projekt_id)
        if name in ("budget", "omdisponering", "utfall"):
            value = value or 0
        setattr(p, name, value)
        self.ctx.ek.investeringar.save_projekt(p)
        self.red_message.clear_message()
        self._load_redovisning()

    def new_period(self) -> None:
        if self.ctx.namnd_id is None:
            return
        ar, ok = QInputDialog.getInt(self, "Ny period", "År:", clock.today().year, 1990, 2200)
        if not ok:
            return
        labels = [f"{m.capitalize()}{' (bokslut)' if i == 11 else ''}" for i, m in enumerate(MANADER)]
        label, ok = QInputDialog.getItem(self, "Ny period", "Redovisning per månad:", labels, 3, False)
        if not ok:
            return
        manad = labels.index(label) + 1
        earlier = [p for p in self.ctx.ek.investeringar.perioder(self.ctx.namnd_id)
                   if p[0] == ar and p[1] < manad]
        try:
            if earlier:
                self.ctx.ek.investeringar.kopiera_period(self.ctx.namnd_id, earlier[-1], (ar, manad))
            else:
                self.ctx.ek.investeringar.save_projekt(Investeringsprojekt(
                    namnd_id=self.ctx.namnd_id, ar=ar, manad=manad, projekt="Nytt projekt"))
        except (ValueError, ValidationError) as exc:
            QMessageBox.warning(self, "Ny period", str(exc))
            return
        self._reload_perioder()
        self.period.setCurrentIndex(self.period.findData(period_key(ar, manad)))

    def new_projekt(self) -> None:
        if self.red is None:
            self.red_message.error("Skapa först en period.")
            return
        name, ok = QInputDialog.getText(self, "Nytt projekt", "Projektets namn:")
        if not ok:
            return
        try:
            self.ctx.ek.investeringar.save_projekt(Investeringsprojekt(
                namnd_id=self.ctx.namnd_id, ar=self.red.ar, manad=self.red.manad, projekt=name))
        except ValidationError as exc:
            self.red_message.error(str(exc))
            return
        self._load_redovisning()

    def delete_projekt(self) -> None:
        index = self.red_view.currentIndex()
        ref = self.red_model.rows[index.row()].ref if index.isValid() else None
        if not isinstance(ref, Investeringsprojekt):
            self.red_message.error("Markera det projekt som ska tas bort.")
            return
        answer = QMessageBox.question(self, "Ta bort projekt", f"Ta bort ”{ref.projekt}”?")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.ek.investeringar.delete_projekt(ref.id)
            self._load_redovisning()


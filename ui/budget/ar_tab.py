"""The year: the months' follow-ups side by side (one figure chosen at a time) and the
charts of accumulated deviation and of the forecast as it moved through the year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.budget.analys import MANADSKORT, ackumulerad_avvikelse, prognos_per_manad
from app.budget.tabeller import MATT, ar_rows
from app.budget.uppfoljning import Arsoversikt
from ui.budget.charts import ManadsChart
from ui.budget.common import Context, row
from ui.budget.files import export_xlsx, menu_button
from ui.budget.grid import GridModel, GridView


class ArTab(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ov: Arsoversikt | None = None
        self.year = QComboBox()
        self.year.setObjectName("ar_ar")
        self.year.currentIndexChanged.connect(lambda _i: self._load())
        self.matt = QComboBox()
        self.matt.setObjectName("ar_matt")
        self.matt.addItems(list(MATT))
        self.matt.currentIndexChanged.connect(lambda _i: self._refresh())
        self.model = GridModel(["Verksamhet"] + [m.capitalize() for m in MANADSKORT])
        self.view = GridView(self.model)
        self.view.setObjectName("ar_tabell")
        self.ack_chart = ManadsChart("Ackumulerad avvikelse mot budget", "staplar")
        self.ack_chart.setObjectName("ack_diagram")
        self.prognos_chart = ManadsChart("Prognos för helåret, avvikelse", "linje")
        self.prognos_chart.setObjectName("prognos_diagram")
        self.empty = QLabel("Inga budgetuppföljningar detta år.")
        charts = QWidget()
        cl = QHBoxLayout(charts)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.ack_chart)
        cl.addWidget(self.prognos_chart)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(charts)
        layout = QVBoxLayout(self)
        layout.addLayout(row(QLabel("År:"), self.year, QLabel("Visa:"), self.matt, None,
                             menu_button("Excel", [("Exportera året…", self.export)], "ar_excel"),
                             stretch_at_end=False))
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        ctx.changed.connect(self.reload)
        ctx.data_changed.connect(self._load)

    def reload(self) -> None:
        wanted = self.year.currentData()
        perioder = self.ctx.ek.uppfoljning.perioder(self.ctx.namnd_id) if self.ctx.namnd_id else []
        years = sorted({a for a, _m in perioder})
        self.year.blockSignals(True)
        self.year.clear()
        for ar in years:
            self.year.addItem(str(ar), ar)
        if years:
            self.year.setCurrentIndex(years.index(wanted) if wanted in years else len(years) - 1)
        self.year.blockSignals(False)
        self._load()

    def _load(self) -> None:
        ar = self.year.currentData()
        self.ov = self.ctx.ek.uppfoljning.arsoversikt(self.ctx.namnd_id, ar) if ar else None
        self.empty.setVisible(self.ov is None)
        self._refresh()

    def _refresh(self) -> None:
        if self.ov is None:
            self.model.set_rows([])
            self.ack_chart.set_data([], self.ctx.enhet)
            self.prognos_chart.set_data([], self.ctx.enhet)
            return
        enhet = self._enhet()
        self.model.set_format(self.ctx.konvention, enhet)
        figure, kind = MATT[self.matt.currentText()]
        self.model.set_rows(ar_rows(self.ov, figure, kind))
        self.ack_chart.set_data(ackumulerad_avvikelse(self.ov), enhet)
        self.prognos_chart.set_data(prognos_per_manad(self.ov), enhet)

    def export(self) -> None:
        if self.ov is None:
            return
        from app.budget.excel import export_ar

        nid, ar = self.ctx.namnd_id, self.ov.ar
        export_xlsx(self, self.ctx, f"Budgetuppföljning {ar}.xlsx",
                    lambda db, path: export_ar(db, nid, ar, path))

    def _enhet(self) -> str:
        # The year's reports may be in kr; show the year in the unit of its last month.
        last = self.ov.manader[-1] if self.ov and self.ov.manader else None
        if last is None:
            return self.ctx.enhet
        u = self.ctx.ek.uppfoljning.get(self.ctx.namnd_id, self.ov.ar, last)
        return u.enhet if u else self.ctx.enhet

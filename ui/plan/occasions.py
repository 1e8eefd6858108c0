"""The plan's follow-up occasions (a per-plan setting): name, year, the month the
period ends, and whether it is the delår, the bokslut or another report."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from app.plan import store
from app.plan.followup import FollowupService
from app.plan.model import SLAG, Plan, Tillfalle
from app.plan.service import PlanService
from ui.models.table import RIGHT, Column
from ui.plan.tables import Field, RowsTab, TableSpec

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def occasions_spec(follow: FollowupService, plan: Plan) -> TableSpec:
    def delete(row_id: int) -> None:
        follow.delete_tillfalle(row_id)

    def move(row_id: int, delta: int) -> bool:
        return store.move(follow.db, "plan_tillfalle", row_id, delta, ("plan_id",))

    return TableSpec(
        "tillfalle", "tillfället", "Nytt tillfälle…",
        [Column("Namn", lambda t: t.namn), Column("År", lambda t: str(t.ar), align=RIGHT),
         Column("Period till och med", lambda t: MONTHS[t.manad - 1]), Column("Slag", lambda t: t.slag)],
        [Field("namn", "Namn", placeholder="t.ex. Delår"),
         Field("ar", "År", "int", low=1990, high=2200),
         Field("manad", "Period till och med", "combo", lambda: [(m, i) for i, m in enumerate(MONTHS, 1)]),
         Field("slag", "Slag", "combo", lambda: [(s, s) for s in SLAG])],
        lambda: follow.tillfallen(plan.id),
        lambda: Tillfalle(plan_id=plan.id, ar=plan.forsta_ar, manad=12), follow.save_tillfalle,
        lambda t: t.label,
        "Vid delåret redovisas andelen genomförda aktiviteter som var planerade till och med tillfällets "
        "månad. Bokslutets utfall används när ett målvärde jämför med ett år (t.ex. >2022).",
        delete=delete, move=move)


class OccasionsDialog(QDialog):
    def __init__(self, follow: FollowupService, plan: Plan, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Uppföljningstillfällen – {plan.titel}")
        self.resize(640, 420)
        self.table = RowsTab(occasions_spec(follow, plan), PlanService(follow.db), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

"""Put the plan (or the follow-up shown) on a meeting's agenda as a bilaga: choose
the sammanträde and whether it becomes a new ärende or a bilaga to an existing one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from app.plan.agenda import meetings_for_plan
from app.plan.model import Plan
from ui.meetings.agenda_choice import AgendaChoiceDialog


class AgendaDialog(AgendaChoiceDialog):
    """Collects the choice; the editor does the work on a worker thread."""

    def __init__(self, db, plan: Plan, followup_label: str | None, parent=None):
        self.what = QComboBox()
        self.what.setObjectName("vad")
        self.what.addItem(f"Planen: {plan.titel}", "plan")
        if followup_label:
            self.what.addItem(f"Uppföljningen {followup_label}", "uppfoljning")
        super().__init__(db, meetings_for_plan(db, plan.id),
                         "PDF:en skapas nu och sparas som bilaga i databasen; den följer med i kallelsen "
                         "med handlingar.", [("Vad:", self.what)], parent)

    def choice(self) -> tuple[str, int, int | None]:  # type: ignore[override]
        return (self.what.currentData(), *super().choice())

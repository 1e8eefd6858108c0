"""Where a report's generated chapters take their data: the nämnd's verksamhetsplan
for the report's year, its follow-up occasion at the end of the period, and the
economy's figures of the period's last month. A report never borrows another period's
data: what is missing is said, not replaced."""

from __future__ import annotations

from sqlite_utils import Database

from app.plan.model import Plan, Tillfalle
from app.plan.service import PlanService
from app.rapport.model import MANADER, Rapport
from app.records import row_to

#: The key-figure period reported at the end of a month (tertial, delår, helår).
NYCKELTAL_PERIOD = {4: "tertial", 8: "delar", 12: "helar"}
#: The follow-up occasion's kind that answers a report's kind.
TILLFALLE_SLAG = {"delårsrapport": "delår", "bokslut": "bokslut", "verksamhetsberättelse": "bokslut"}


def month_text(r: Rapport) -> str:
    return f"{MANADER[r.slutmanad - 1]} {r.ar}"


def plan_for(db: Database, namnd_id: int, ar: int) -> Plan | None:
    """The nämnd's plan for ``ar``: of the plans whose period holds that year, an adopted
    one before a draft, the latest version, the latest period."""
    plans = [p for p in PlanService(db).plans(namnd_id) if ar in p.years]
    plans.sort(key=lambda p: (p.adopted, p.version, p.forsta_ar), reverse=True)
    return plans[0] if plans else None


def tillfalle_for(db: Database, r: Rapport) -> Tillfalle | None:
    """The follow-up occasion of the report's year at the end of its period: the one of
    the period's last month, else the one of the report's kind (delår, bokslut)."""
    rows = list(db.query(
        "SELECT t.*, (t.manad = ?) AS same_month, (t.slag = ?) AS same_kind, "
        "p.status = 'antagen' AS adopted, p.version "
        "FROM plan_tillfalle t JOIN verksamhetsplan p ON p.id = t.plan_id "
        "WHERE p.namnd_id = ? AND t.ar = ? AND (t.manad = ? OR t.slag = ?) "
        "ORDER BY same_month DESC, same_kind DESC, adopted DESC, p.version DESC, p.forsta_ar DESC",
        [r.slutmanad, TILLFALLE_SLAG[r.slag], r.namnd_id, r.ar, r.slutmanad, TILLFALLE_SLAG[r.slag]]))
    return row_to(Tillfalle, rows[0]) if rows else None

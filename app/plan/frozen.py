"""An adopted plan is frozen (docs/domain/plans.md, "Adoption and revisions").

The services ask here before they write, so the user is told which decision froze the
plan and what to do instead; the triggers of migration 11 refuse the same writes in the
database itself. Follow-up (occasions, outcomes, assessments, activity status and the
goals' Agenda 2030 tags) is not the plan and is never refused here.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.plan.adoption import with_linked_adoption
from app.plan.model import Plan
from app.records import row_to
from app.validation import FieldError, ValidationError

#: How each of the plan's tables leads to its plan: SQL giving the plan id of a row.
_PLAN_OF = {
    "verksamhetsplan": "SELECT id FROM verksamhetsplan WHERE id = ?",
    "plan_avsnitt": "SELECT plan_id FROM plan_avsnitt WHERE id = ?",
    "malomrade": "SELECT plan_id FROM malomrade WHERE id = ?",
    "kf_mal": "SELECT m.plan_id FROM kf_mal k JOIN malomrade m ON m.id = k.malomrade_id WHERE k.id = ?",
    "namndmal": "SELECT plan_id FROM namndmal WHERE id = ?",
    "matt": "SELECT n.plan_id FROM matt m JOIN namndmal n ON n.id = m.namndmal_id WHERE m.id = ?",
    "plan_fotnot": "SELECT plan_id FROM plan_fotnot WHERE id = ?",
    "plan_nyckeltal": "SELECT plan_id FROM plan_nyckeltal WHERE id = ?",
    "plan_forandring": "SELECT plan_id FROM plan_forandring WHERE id = ?",
    "plan_aktivitet": "SELECT n.plan_id FROM plan_aktivitet a JOIN namndmal n ON n.id = a.namndmal_id "
                      "WHERE a.id = ?",
    "sarskilt_uppdrag": "SELECT plan_id FROM sarskilt_uppdrag WHERE id = ?",
    "plan_risk": "SELECT plan_id FROM plan_risk WHERE id = ?",
}


def plan_of(db: Database, table: str, row_id: int | None) -> int | None:
    """The plan a row of one of the plan's tables belongs to (None: no such row)."""
    if row_id is None:
        return None
    row = db.execute(_PLAN_OF[table], [row_id]).fetchone()
    return row[0] if row else None


def adopted_plan(db: Database, plan_id: int | None) -> Plan | None:
    """The plan when it is adopted (with date and § from its linked paragraph), else None."""
    if plan_id is None:
        return None
    rows = list(db.query("SELECT p.*, n.namn AS namnd_namn, n.kortnamn AS namnd_kortnamn "
                         "FROM verksamhetsplan p JOIN namnd n ON n.id = p.namnd_id "
                         "WHERE p.id = ? AND p.status = 'antagen'", [plan_id]))
    return with_linked_adoption(db, row_to(Plan, rows[0])) if rows else None


def adopted_message(plan: Plan, *, deleting: bool = False) -> str:
    """"Planen är antagen (vård- och omsorgsnämnden 2022-12-14, § VON.2022.55); gör en
    revidering för att ändra den." """
    version = f"Version {plan.version} av planen" if plan.version > 1 else "Planen"
    by = plan.adopted_by()
    said = f"{version} är antagen ({by})" if by else f"{version} är antagen"
    if deleting:
        return f"{said} och kan inte tas bort; ett antaget beslut finns kvar som det fattades."
    return f"{said}; gör en revidering för att ändra den."


def refuse_if_adopted(db: Database, plan_id: int | None, *, deleting: bool = False) -> None:
    """Raise a ValidationError saying why when ``plan_id`` is an adopted plan."""
    plan = adopted_plan(db, plan_id)
    if plan is not None:
        raise ValidationError([FieldError("antagen", adopted_message(plan, deleting=deleting))])


def refuse_row_if_adopted(db: Database, table: str, row_id: int | None) -> None:
    """As :func:`refuse_if_adopted`, for the plan that the row ``row_id`` belongs to."""
    refuse_if_adopted(db, plan_of(db, table, row_id))


def refuse_change(db: Database, table: str, row_id: int | None, plan_id: int | None = None) -> None:
    """Refuse writing the row ``row_id`` of ``table`` (None: a new row) into the plan
    ``plan_id`` when the plan it is in, or the plan it would go to, is adopted."""
    refuse_row_if_adopted(db, table, row_id)
    refuse_if_adopted(db, plan_id)

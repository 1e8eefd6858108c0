"""Revising an adopted plan (docs/domain/plans.md, "Adoption and revisions").

An adopted plan is frozen. To change it the nämnd adopts a revision: :func:`revise`
copies the plan — sections, goals, mått with their målvärden, footnotes, nyckeltal,
förändringsbeskrivning, activities, särskilda uppdrag, risks and the follow-up
occasions — into the next version, an utkast that names the plan it revises and gets its
own adoption. The adopted version stays as it was, with the follow-up recorded on it;
goals and mått of the revision remember the rows they were copied from, so a ">2022"
target still finds an outcome recorded on the earlier version.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.plan.adoption import with_linked_adoption
from app.plan.copying import copy_goal_tree, copy_plan_tables, insert_copy
from app.plan.goals import GoalService
from app.plan.model import Matt, Plan
from app.plan.service import PlanService
from app.records import id_of
from app.validation import FieldError, ValidationError


@dataclass(frozen=True)
class Revision:
    plan: Plan  # the new version, an utkast
    previous: Plan  # the adopted version it revises, unchanged

    def message(self) -> str:
        return (f"Version {self.plan.version} av ”{self.plan.titel}” har skapats som utkast. Ändra den och "
                f"ange antagandet när nämnden har beslutat. Version {self.previous.version} "
                f"(antagen av {self.previous.adopted_by()}) är oförändrad, med sina uppföljningar.")


def _refuse(message: str) -> ValidationError:
    return ValidationError([FieldError("status", message)])


def latest_revision(db: Database, plan_id: int) -> Plan | None:
    """The newest plan that revises ``plan_id``, if any."""
    row = db.execute("SELECT id FROM verksamhetsplan WHERE revidering_av_id = ? "
                     "ORDER BY version DESC, id DESC", [plan_id]).fetchone()
    return PlanService(db).get_plan(row[0]) if row else None


def check_revisable(db: Database, plan: Plan) -> None:
    """Only an adopted plan is revised (a draft is simply changed), and only its newest
    version, so versions follow each other in one line."""
    if not plan.adopted:
        raise _refuse(f"”{plan.titel}” är ett utkast och kan ändras direkt; bara en antagen plan revideras.")
    newer = latest_revision(db, id_of(plan))
    if newer is not None:
        what = "antagen" if newer.adopted else "ett utkast"
        raise _refuse(f"Version {plan.version} har redan reviderats: version {newer.version} är {what}. "
                      f"{'Revidera den' if newer.adopted else 'Ändra den'} i stället.")


def revise(db: Database, plan_id: int) -> Revision:
    """Copy the adopted plan ``plan_id`` into its next version (an utkast) in one
    transaction."""
    plans, goals = PlanService(db), GoalService(db)
    old = plans.get_plan(plan_id)
    check_revisable(db, old)
    old_id = id_of(old)
    tree = goals.tree(old_id)
    with db.atomic():
        new = plans.save_plan(Plan(namnd_id=old.namnd_id, titel=old.titel, forsta_ar=old.forsta_ar,
                                   antal_ar=old.antal_ar, kopierad_fran_id=old.kopierad_fran_id,
                                   version=old.version + 1, revidering_av_id=old_id))
        new_id = id_of(new)
        _copy_occasions(db, old_id, new_id)
        for a in plans.avsnitt(old_id):
            insert_copy(db, "plan_avsnitt", a, plan_id=new_id)
        def copy_matt(m: Matt, new_goal: int) -> None:
            matt_id = insert_copy(db, "matt", m, namndmal_id=new_goal, kopierad_fran_id=m.id)
            for year, value in sorted(m.malvarden.items()):
                db.table("malvarde").insert({"matt_id": matt_id, "ar": year, "varde": value})

        copied = copy_goal_tree(db, tree, new_id, copy_matt)
        copy_plan_tables(db, plans, old_id, new_id, copied, uppdrag=plans.uppdrag(old_id),
                         with_activities=True)
    return Revision(plans.get_plan(new_id), old)


def _copy_occasions(db: Database, old_id: int, new_id: int) -> None:
    """The revision is followed up at the same occasions (what was recorded at them stays
    with the version it was recorded on)."""
    db.execute("DELETE FROM plan_tillfalle WHERE plan_id = ?", [new_id])
    for r in db.query("SELECT * FROM plan_tillfalle WHERE plan_id = ? ORDER BY ordning, id", [old_id]):
        db.table("plan_tillfalle").insert({"plan_id": new_id, "ordning": r["ordning"], "namn": r["namn"],
                                           "ar": r["ar"], "manad": r["manad"], "slag": r["slag"]})


def version_line(db: Database, plan: Plan) -> str:
    """Which version the plan is: "Version 1", or "Version 2, revidering av version 1
    antagen av vård- och omsorgsnämnden 2022-12-14, § VON.2022.55"."""
    line = f"Version {plan.version}"
    if plan.revidering_av_id is None:
        return line
    previous = with_linked_adoption(db, PlanService(db).get_plan(plan.revidering_av_id))
    line += f", revidering av version {previous.version}"
    by = previous.adopted_by()
    return f"{line} antagen av {by}" if by else line

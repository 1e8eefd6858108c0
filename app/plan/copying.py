"""Copying a plan's contents into another plan row.

Both a revision (app/plan/revision.py) and copying forward into the next period
(app/plan/copyforward.py) copy the same tree — sections, målområden, KF-mål, nämndmål,
footnotes and the plan's tables — and differ only in what happens to a mått's values
and which särskilda uppdrag and activities follow along. Copied goals and mått
remember the rows they were copied from (``kopierad_fran_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from app.plan import store
from app.plan.model import GoalTree, Matt
from app.plan.nyckeltal_layout import copy_layout
from app.plan.service import PlanService
from app.records import id_of, inserted_id

#: Copies one mått into the new goal: ``copy_matt(matt, new_namndmal_id)``.
CopyMatt = Callable[[Matt, int], None]


def insert_copy(db: Database, table: str, obj, **overrides) -> int:
    """Insert ``obj``'s stored fields into ``table`` with ``overrides`` set."""
    data = store.record(obj)
    data.update(overrides)
    return inserted_id(db.table(table), data)


@dataclass
class CopiedTree:
    """Old row id → new row id, for the rows that later rows point to."""
    malomraden: dict[int, int] = field(default_factory=dict)
    goals: dict[int, int] = field(default_factory=dict)


def copy_goal_tree(db: Database, tree: GoalTree, new_plan_id: int, copy_matt: CopyMatt) -> CopiedTree:
    """Copy målområden, KF-mål and nämndmål of ``tree`` into ``new_plan_id``; each mått
    is handed to ``copy_matt`` with the new goal's id."""
    copied = CopiedTree()

    def copy_goal(n, malomrade_id: int | None, kf_mal_id: int | None) -> None:
        new_goal = insert_copy(db, "namndmal", n, plan_id=new_plan_id, malomrade_id=malomrade_id,
                               kf_mal_id=kf_mal_id, kopierad_fran_id=n.id)
        copied.goals[id_of(n)] = new_goal
        for m in n.matt:
            copy_matt(m, new_goal)

    for omrade in tree.malomraden:
        omrade_id = insert_copy(db, "malomrade", omrade, plan_id=new_plan_id)
        copied.malomraden[id_of(omrade)] = omrade_id
        for k in omrade.kf_mal:
            kf_id = insert_copy(db, "kf_mal", k, malomrade_id=omrade_id, kopierad_fran_id=k.id)
            for n in k.namndmal:
                copy_goal(n, omrade_id, kf_id)
        for n in omrade.namndmal:
            copy_goal(n, omrade_id, None)
    for n in tree.ovriga:
        copy_goal(n, None, None)
    return copied


def copy_plan_tables(db: Database, plans: PlanService, old_id: int, new_id: int, copied: CopiedTree,
                     *, uppdrag: Iterable, with_activities: bool) -> None:
    """Copy footnotes, nyckeltal with the table's layout and statuses, förändringar,
    risks, the given särskilda uppdrag and, if asked, the activities of the copied goals."""
    for f in plans.fotnoter(old_id):
        insert_copy(db, "plan_fotnot", f, plan_id=new_id,
                    malomrade_id=copied.malomraden.get(f.malomrade_id) if f.malomrade_id else None)
    nyckeltal = {id_of(n): insert_copy(db, "plan_nyckeltal", n, plan_id=new_id)
                 for n in plans.nyckeltal(old_id)}
    copy_layout(db, old_id, new_id, nyckeltal, plans.get_plan(new_id).years)
    for table, rows in (("plan_forandring", plans.forandringar(old_id)),
                        ("plan_risk", plans.risker(old_id)), ("sarskilt_uppdrag", uppdrag)):
        for row in rows:
            insert_copy(db, table, row, plan_id=new_id)
    if with_activities:
        for akt in plans.aktiviteter(plan_id=old_id):
            insert_copy(db, "plan_aktivitet", akt, namndmal_id=copied.goals[akt.namndmal_id])

"""Things in a plan worth a second look before it is printed: footnote markers with
no explanation (and explanations nobody points to), mått without målvärden, targets
the program cannot read. Warnings only: a plan may be printed anyway."""

from __future__ import annotations

from sqlite_utils import Database

from app.plan.goals import GoalService
from app.plan.model import Fotnot, GoalTree, Plan
from app.plan.service import PlanService
from app.plan.values import EMPTY, TEXT, parse_value


def footnote_markers(tree: GoalTree, omrade_id: int | None) -> set[str]:
    """Markers used by the values (and mått texts) of one målområde's table, or of
    Övriga nämndmål when ``omrade_id`` is None."""
    if omrade_id is None:
        goals = tree.ovriga
    else:
        goals = next(m for m in tree.malomraden if m.id == omrade_id).all_namndmal()
    used = set()
    for n in goals:
        for m in n.matt:
            for text in [m.ingangsvarde, *m.malvarden.values()]:
                marker = parse_value(text).footnote
                if marker:
                    used.add(marker)
    return used


def plan_warnings(db: Database, plan_id: int) -> list[str]:
    plans, goals = PlanService(db), GoalService(db)
    plan: Plan = plans.get_plan(plan_id)
    tree = goals.tree(plan_id)
    notes: list[Fotnot] = plans.fotnoter(plan_id)
    out: list[str] = []

    def check_table(label: str, used: set[str], tabell: str, omrade_id: int | None) -> None:
        have = {f.markering for f in notes if f.tabell == tabell and f.malomrade_id == omrade_id}
        for marker in sorted(used - have, key=len):
            out.append(f"{label}: ett värde har fotnoten {marker} men tabellen saknar "
                       f"fotnotstext för {marker}.")
        for marker in sorted(have - used, key=len):
            out.append(f"{label}: fotnoten {marker} används inte av något värde.")

    for omrade in tree.malomraden:
        check_table(f"Målområdet ”{omrade.namn}”", footnote_markers(tree, omrade.id), "mal", omrade.id)
    if tree.ovriga:
        check_table("Övriga nämndmål", footnote_markers(tree, None), "ovriga", None)
    nyckel_used = {parse_value(n.jamforelsevarde).footnote for n in plans.nyckeltal(plan_id)}
    for nt in plans.nyckeltal(plan_id):
        stripped = nt.matt.rstrip("*")
        if stripped != nt.matt:
            nyckel_used.add(nt.matt[len(stripped):])
    check_table("Nyckeltal", {m for m in nyckel_used if m}, "nyckeltal", None)

    for n in tree.all_namndmal():
        for m in n.matt:
            missing = [str(y) for y in plan.years if parse_value(m.malvarden.get(y, "")).kind == EMPTY]
            if missing and len(missing) < len(plan.years):
                out.append(f"Måttet ”{_short(m.text)}” saknar målvärde för {', '.join(missing)}.")
            elif missing:
                out.append(f"Måttet ”{_short(m.text)}” har inga målvärden.")
            unreadable = [f"{y}: ”{m.malvarden[y]}”" for y in plan.years
                          if parse_value(m.malvarden.get(y, "")).kind == TEXT]
            if unreadable:
                out.append(f"Måttet ”{_short(m.text)}” har målvärden som programmet inte kan jämföra "
                           f"({'; '.join(unreadable)}); bedöm dem själv vid uppföljningen.")
        if not n.matt:
            out.append(f"Nämndmålet ”{_short(n.text)}” har inget mått.")
    return out


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

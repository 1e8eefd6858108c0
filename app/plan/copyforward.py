"""Copying a plan forward into the next period (2022–2024 → 2023–2025).

Goals and mått are kept; the period, the title's years and relative targets
(">2021" → ">2022") move along; last year's outcomes are offered as the new
ingångsvärden with their period ("2 (2022)", "48 (jan–nov 2022)"). The new plan is an
utkast that remembers where it came from, so ">2022" can later be judged against the
outcome recorded in the old plan.

Last period's words rarely fit the new one ("arbeta under 2023"): every copied avsnitt
is marked "att granska" until its text is saved changed or marked as reviewed. The
särskilda uppdrag that are not finished follow along as the new plan's: their status
and comment belonged to the old plan's follow-up and start again ("ej påbörjat"), and a
slutdatum before the new period is cleared, so no uppdrag is "pågår" with a date that
has passed; the notes name each. A period the nämnd already has a plan for is refused,
naming the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.plan.copying import copy_goal_tree, copy_plan_tables, insert_copy
from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import Matt, Plan, SarskiltUppdrag, period_text
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.plan.service import PlanService, shift_title
from app.plan.values import shift_year_reference, with_period
from app.records import id_of
from app.validation import FieldError, ValidationError

MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass
class CopyResult:
    plan: Plan
    #: Swedish lines telling the user what was taken from where and what to check.
    notes: list[str] = field(default_factory=list)
    ingang_from_outcome: int = 0
    ingang_kept: list[str] = field(default_factory=list)
    att_granska: int = 0  # avsnitt marked for review


def existing_plan(db: Database, namnd_id: int, forsta_ar: int, antal_ar: int) -> str | None:
    """The title of the nämnd's plan for exactly that period (its latest version), if any."""
    row = db.execute("SELECT titel FROM verksamhetsplan WHERE namnd_id = ? AND forsta_ar = ? "
                     "AND antal_ar = ? ORDER BY version DESC, id DESC",
                     [namnd_id, forsta_ar, antal_ar]).fetchone()
    return row[0] if row else None


def refuse_existing_period(db: Database, old: Plan, years: int) -> None:
    """ValidationError when the nämnd already has a plan for the period copied to: two
    plans for one period leave it unclear which one the nämnd adopts and follows up."""
    first = old.forsta_ar + years
    period = period_text(first, old.antal_ar)
    titel = existing_plan(db, old.namnd_id, first, old.antal_ar)
    if titel is not None:
        raise ValidationError([FieldError("forsta_ar", (
            f"Nämnden har redan en plan för {period} (”{titel}”); planen kopierades inte. Öppna den "
            "planen i stället, eller revidera den om den är antagen."))])


def carried_over(u: SarskiltUppdrag, first_year: int) -> tuple[SarskiltUppdrag, str]:
    """The unfinished uppdrag as the new plan's: status and comment start again, a
    slutdatum before the new period is cleared. Also the note saying what changed."""
    changes = []
    slutdatum = u.slutdatum
    if slutdatum and slutdatum < f"{first_year}-01-01":
        changes.append(f"slutdatum {slutdatum} har passerat och togs bort – ange ett nytt")
        slutdatum = None
    if u.status != "ej påbörjat":
        changes.append(f"status ”{u.status}” blev ”ej påbörjat” tills uppdraget följs upp i den nya planen")
    if u.kommentar:
        changes.append("kommentaren från förra uppföljningen följde inte med")
    new = SarskiltUppdrag(plan_id=0, rubrik=u.rubrik, text=u.text, slutdatum=slutdatum, status="ej påbörjat",
                          kommentar="", ordning=u.ordning)
    note = f"  • {u.rubrik}: {'; '.join(changes)}." if changes else ""
    return new, note


def period_label(namn: str, slag: str, manad: int, ar: int) -> str:
    """How an outcome's period is written after the value: "2022", "jan–okt 2022"."""
    if slag == "bokslut" or manad == 12:
        return str(ar)
    if manad == 1:
        return f"jan {ar}"
    return f"jan–{MONTH_ABBR[manad - 1]} {ar}"


def copy_forward(db: Database, plan_id: int, *, years: int = 1, with_activities: bool = False,
                 outcomes_as_baseline: bool = True) -> CopyResult:
    plans, goals, follow = PlanService(db), GoalService(db), FollowupService(db)
    old = plans.get_plan(plan_id)
    old_id = id_of(old)
    old_tree = goals.tree(old_id)
    refuse_existing_period(db, old, years)
    with db.atomic():
        new = plans.save_plan(Plan(
            namnd_id=old.namnd_id, titel=shift_title(old.titel, old.forsta_ar, old.antal_ar, years),
            forsta_ar=old.forsta_ar + years, antal_ar=old.antal_ar, kopierad_fran_id=old_id))
        new_id = id_of(new)
        result = CopyResult(new)
        _copy_occasions(db, old, new, years)
        for a in plans.avsnitt(old_id):
            insert_copy(db, "plan_avsnitt", a, plan_id=new_id, att_granska=1)
            result.att_granska += 1

        latest = _latest_outcomes(db, old) if outcomes_as_baseline else {}

        def copy_matt(m: Matt, new_goal: int) -> None:
            ingang = m.ingangsvarde
            if m.id in latest:
                ingang = latest[m.id]
                result.ingang_from_outcome += 1
            elif outcomes_as_baseline:
                result.ingang_kept.append(m.text)
            matt_id = insert_copy(db, "matt", m, namndmal_id=new_goal, ingangsvarde=ingang,
                                  kopierad_fran_id=m.id)
            for year in new.years:
                value = _target_for(m.malvarden, year, old.years)
                if value:
                    db.table("malvarde").insert({"matt_id": matt_id, "ar": year, "varde": value})

        copied = copy_goal_tree(db, old_tree, new_id, copy_matt)
        open_tasks = [carried_over(u, new.forsta_ar)
                      for u in plans.uppdrag(old_id) if u.status not in ("genomfört", "avbrutet")]
        copy_plan_tables(db, plans, old_id, new_id, copied, uppdrag=[u for u, _note in open_tasks],
                         with_activities=with_activities)

    result.plan = plans.get_plan(new_id)
    _write_notes(result, old, new, follow, with_activities, len(open_tasks), outcomes_as_baseline)
    if NyckeltalLayoutService(db).status(new_id):
        result.notes.append("Nyckeltalens status per år följde med; det nya sista året fick föregående sista "
                            "års status – kontrollera dem.")
    task_notes = [note for _u, note in open_tasks if note]
    if task_notes:
        result.notes.append("De särskilda uppdragen börjar om i den nya planen:")
        result.notes += task_notes
    return result


def _target_for(values: dict[int, str], year: int, old_years: list[int]) -> str:
    """The new plan's målvärde for ``year``: the old plan's for the same year, or for a
    new last year the old last year's, with a relative year moved along."""
    if year in values:
        return values[year]
    if not old_years:
        return ""
    last = old_years[-1]
    if year > last and last in values:
        return shift_year_reference(values[last], year - last)
    return ""


def _latest_outcomes(db: Database, old: Plan) -> dict[int, str]:
    """Per mått of ``old``: its latest outcome of the old plan's first year, written
    with its period, ready to be the next plan's ingångsvärde."""
    out: dict[int, str] = {}
    rows = db.query(
        "SELECT u.matt_id, u.utfall, t.namn, t.slag, t.manad, t.ar FROM matt_utfall u "
        "JOIN plan_tillfalle t ON t.id = u.tillfalle_id "
        "WHERE t.plan_id = ? AND t.ar = ? AND TRIM(u.utfall) <> '' "
        "ORDER BY t.manad, t.ordning, t.id", [old.id, old.forsta_ar])
    for r in rows:  # later occasions overwrite earlier ones
        label = period_label(r["namn"], r["slag"], r["manad"], r["ar"])
        out[r["matt_id"]] = with_period(r["utfall"], label)
    return out


def _copy_occasions(db: Database, old: Plan, new: Plan, years: int) -> None:
    rows = list(db.query("SELECT * FROM plan_tillfalle WHERE plan_id = ? AND ar = ? "
                         "ORDER BY ordning, id", [old.id, old.forsta_ar]))
    if not rows:
        return  # keep the standard occasions save_plan gave the new plan
    db.execute("DELETE FROM plan_tillfalle WHERE plan_id = ?", [new.id])
    for r in rows:
        db.table("plan_tillfalle").insert({
            "plan_id": new.id, "ordning": r["ordning"], "namn": r["namn"], "ar": r["ar"] + years,
            "manad": r["manad"], "slag": r["slag"]})


def _write_notes(result: CopyResult, old: Plan, new: Plan, follow: FollowupService,
                 with_activities: bool, open_tasks: int, outcomes_as_baseline: bool) -> None:
    notes = result.notes
    notes.append(f"Ny plan {new.period} skapad som utkast från ”{old.titel}”.")
    if result.att_granska:
        notes.append(f"{result.att_granska} avsnitt är markerade ”att granska” tills texten har ändrats och "
                     "sparats eller markerats som granskad.")
    if outcomes_as_baseline:
        notes.append(f"{result.ingang_from_outcome} ingångsvärden hämtades från utfallen {old.forsta_ar}.")
        if result.ingang_kept:
            notes.append(f"{len(result.ingang_kept)} mått saknade utfall för {old.forsta_ar} och "
                         "behöll sitt gamla ingångsvärde – kontrollera dem:")
            notes += [f"  • {text}" for text in result.ingang_kept]
    notes.append("Målvärden för det nya sista året kopierades från föregående sista år; "
                 "relativa mål (t.ex. >2022) flyttades fram ett år.")
    notes.append("Handlingsplanens aktiviteter kopierades." if with_activities
                 else "Handlingsplanens aktiviteter kopierades inte (de görs nya för varje år).")
    if open_tasks:
        notes.append(f"{open_tasks} särskilda uppdrag som inte är avslutade följde med.")
    occasions = ", ".join(t.label for t in follow.tillfallen(id_of(new)))
    notes.append(f"Uppföljningstillfällen: {occasions}.")

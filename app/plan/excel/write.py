"""Writing a plan's goal tree and handlingsplan activities as a workbook: one sheet per
level (see app/plan/excel/__init__.py), every value a text cell. openpyxl is imported
only when a file is written."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from app.excel_import import save_workbook
from app.plan import richtext
from app.plan.excel.read import READ_ME, SHEETS, Progress
from app.plan.goals import GoalService
from app.plan.model import FOTNOT_TABELLER, PLACERINGAR, agenda_numbers
from app.plan.nyckeltal_layout import LAYOUTER, NyckeltalLayoutService
from app.plan.service import PlanService
from app.records import id_of


def _numbering(tree) -> dict[tuple[str, int | None], str]:
    """Readable keys: målområde "2", KF-mål "2.1", nämndmål "2.1.3" (under a KF-mål)
    or "2.0.3" (directly under the målområde), Övriga "Ö.1", mått "2.1.3.1"."""
    nr: dict[tuple[str, int | None], str] = {}
    for i, omrade in enumerate(tree.malomraden, start=1):
        nr[("malomrade", omrade.id)] = str(i)
        for j, kf in enumerate(omrade.kf_mal, start=1):
            nr[("kf_mal", kf.id)] = f"{i}.{j}"
            for k, goal in enumerate(kf.namndmal, start=1):
                nr[("namndmal", goal.id)] = f"{i}.{j}.{k}"
        for k, goal in enumerate(omrade.namndmal, start=1):
            nr[("namndmal", goal.id)] = f"{i}.0.{k}"
    for k, goal in enumerate(tree.ovriga, start=1):
        nr[("namndmal", goal.id)] = f"Ö.{k}"
    for goal in tree.all_namndmal():
        for m, matt in enumerate(goal.matt, start=1):
            nr[("matt", matt.id)] = f"{nr[('namndmal', goal.id)]}.{m}"
    return nr


def plan_sheets(db: Database, plan_id: int) -> dict[str, list[list]]:
    """The workbook's sheets as rows of cell texts (headings first)."""
    plans = PlanService(db)
    plan = plans.get_plan(plan_id)
    tree = GoalService(db).tree(plan_id)
    nr = _numbering(tree)
    sheets: dict[str, list[list]] = {name: [list(headings)] for name, headings in SHEETS.items()}
    sheets["Mått"][0] = [*SHEETS["Mått"][:-1], *(f"Målvärde {y}" for y in plan.years), "Id"]
    sheets["Plan"] = [["Uppgift", "Värde"],
                      ["Id", plan.id], ["Nämnd", plan.namnd_kortnamn], ["Titel", plan.titel],
                      ["Första år", plan.forsta_ar], ["Antal år", plan.antal_ar], ["Status", plan.status],
                      ["Antagen datum", plan.antagen_datum or ""],
                      ["Antagen paragraf", plan.antagen_paragraf],
                      ["Nyckeltalslayout", LAYOUTER[NyckeltalLayoutService(db).layout(plan_id)]]]
    for omrade in tree.malomraden:
        sheets["Målområden"].append([nr[("malomrade", omrade.id)], omrade.namn, omrade.beskrivning,
                                     richtext.to_marked_text(omrade.betyder), omrade.id])
        for kf in omrade.kf_mal:
            sheets["KF-mål"].append([nr[("kf_mal", kf.id)], nr[("malomrade", omrade.id)], kf.text,
                                     kf.uppfoljning, kf.ansvariga, _agenda(kf.agenda2030), kf.id])
    for goal in tree.all_namndmal():
        omrade_nr = nr.get(("malomrade", goal.malomrade_id), "") if goal.malomrade_id else ""
        kf_nr = nr.get(("kf_mal", goal.kf_mal_id), "") if goal.kf_mal_id else ""
        sheets["Nämndmål"].append([nr[("namndmal", goal.id)], omrade_nr, kf_nr, goal.text, goal.ansvarig,
                                   goal.syfte, _agenda(goal.agenda2030), goal.id])
        for matt in goal.matt:
            sheets["Mått"].append([nr[("matt", matt.id)], nr[("namndmal", goal.id)], matt.text,
                                   matt.datakalla, matt.kolada_id, matt.ingangsvarde,
                                   *(matt.malvarden.get(y, "") for y in plan.years), matt.id])
    for note in plans.fotnoter(plan_id):
        omrade_nr = nr.get(("malomrade", note.malomrade_id), "") if note.malomrade_id else ""
        sheets["Fotnoter"].append([FOTNOT_TABELLER[note.tabell], omrade_nr, note.markering, note.text,
                                   note.id])
    for a in plans.aktiviteter(plan_id=plan_id):
        sheets["Aktiviteter"].append([nr[("namndmal", a.namndmal_id)], a.vad, a.varfor, a.vem, a.nar,
                                      a.uppfoljning, a.id])
    _table_sheets(db, plans, plan_id, sheets)
    return sheets


def _table_sheets(db: Database, plans: PlanService, plan_id: int, sheets: dict[str, list[list]]) -> None:
    """The plan's other tables, its texts and its follow-up occasions, one sheet each."""
    from app.plan.followup import FollowupService

    years = plans.get_plan(plan_id).years
    sheets["Nyckeltal"][0] = [*SHEETS["Nyckeltal"][:-1], *(f"Status {y}" for y in years), "Id"]
    statuses = NyckeltalLayoutService(db).status(plan_id)
    for n in plans.nyckeltal(plan_id):
        status = statuses.get(id_of(n), {})
        sheets["Nyckeltal"].append([n.matt, n.syfte, n.datakalla, n.jamforelsevarde, n.uppfoljningstillfalle,
                                    n.ansvarig, *(status.get(y, "") for y in years), n.id])
    for f in plans.forandringar(plan_id):
        sheets["Förändringar"].append([f.forvaltning, f.vad, f.syfte, f.effekt, f.tidplan, f.id])
    for u in plans.uppdrag(plan_id):
        sheets["Uppdrag"].append([u.rubrik, u.text, u.slutdatum or "", u.status, u.kommentar, u.id])
    for r in plans.risker(plan_id):
        sheets["Risker"].append([r.risk, r.sannolikhet, r.konsekvens, r.atgard, r.ansvarig, r.id])
    for a in plans.avsnitt(plan_id):
        sheets["Avsnitt"].append([PLACERINGAR[a.placering], a.rubrik, a.niva, richtext.to_marked_text(a.text),
                                  a.id])
    for t in FollowupService(db).tillfallen(plan_id):
        sheets["Tillfällen"].append([t.namn, t.ar, t.manad, t.slag, t.id])


def _agenda(text: str) -> str:
    return ", ".join(str(n) for n in agenda_numbers(text))


_WIDTHS = {"Nr": 8, "Id": 7, "Målområde": 24, "KF-mål": 50, "Nämndmål": 50, "Mått": 50, "Text": 60,
           "I kommunen betyder det": 60, "Beskrivning": 40, "Vad": 40, "Varför": 35, "Syfte": 30,
           "Risk": 50, "Rubrik": 30, "Placering": 30, "Nivå": 7, "År": 8, "Månad": 8, "Sannolikhet": 12,
           "Konsekvens": 12}


def export_plan_xlsx(db: Database, plan_id: int, path: Path | str, *,
                     progress: Progress | None = None) -> int:
    """Write the whole plan (goal tree, activities, tables, texts, follow-up occasions);
    returns the number of rows written below the headings."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    sheets = plan_sheets(db, plan_id)
    wb = Workbook()
    wb.remove(wb.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    grey = PatternFill("solid", fgColor="EEEEEE")
    info = wb.create_sheet("Läs mig")
    for r, line in enumerate(READ_ME, start=1):
        info.cell(r, 1, line).font = bold if r == 1 else Font()
    info.column_dimensions["A"].width = 110
    total = 0
    for n, (name, rows) in enumerate(sheets.items(), start=1):
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                is_id = rows[0][c - 1] in ("Id",) or (name == "Plan" and r > 1 and row[0] == "Id")
                text = "" if value is None else str(value)
                cell = ws.cell(r, c, int(value) if is_id and text.isdigit() else text)
                if r == 1:
                    cell.font = bold
                    cell.fill = grey
                else:
                    cell.number_format = "@"  # keep what is typed as text, "80 %" stays "80 %"
                    cell.alignment = wrap
        for c, heading in enumerate(rows[0], start=1):
            width = _WIDTHS.get(heading, 18 if heading.startswith(("Målvärde", "Status ")) else 22)
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = "A2"
        total += len(rows) - 1 if name != "Plan" else 0
        if progress is not None:
            progress(n, len(sheets))
    save_workbook(wb, path)
    return total

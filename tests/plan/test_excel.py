"""Excel export/import of a plan: lossless round trip, update in place, located errors,
all or nothing."""

import pytest
from openpyxl import load_workbook

from app.excel_import import ImportFileError, ImportRefused
from app.plan.excel import check_plan_xlsx, export_plan_xlsx, import_plan_xlsx, plan_sheets
from app.plan.excel.read import cell_text
from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import HELT, Bedomning
from app.plan.service import PlanService


def _plan(db, year):
    return next(p for p in PlanService(db).plans() if p.forsta_ar == year)


def _revision(db, year):
    """An editable copy of the demo's plan: its version 2 (the demo's plans are adopted)."""
    return PlanService(db).revise(_plan(db, year).id).plan


def _without_ids(sheets):
    out = {}
    for name, rows in sheets.items():
        if name == "Plan":
            out[name] = [r for r in rows if r[0] != "Id"]
        else:
            out[name] = [r[:-1] for r in rows]  # Id is the last column
    return out


def _counts(db):
    return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("verksamhetsplan", "malomrade", "kf_mal", "namndmal", "matt", "malvarde",
                      "plan_fotnot", "plan_aktivitet", "matt_utfall")}


@pytest.mark.parametrize("year", [2022, 2023])
def test_round_trip_as_new_plan_is_lossless(demo_session, tmp_path, year):
    db = demo_session.db
    plan = _plan(db, year)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    result = import_plan_xlsx(db, path, as_new=True)
    assert result.created and result.plan_id != plan.id
    assert _without_ids(plan_sheets(db, result.plan_id)) == _without_ids(plan_sheets(db, plan.id))
    # The file says the plan is adopted: the new plan is, once its content is in.
    assert PlanService(db).get_plan(result.plan_id).adopted
    assert result.notes[-1].startswith("Planen är antagen (vård- och omsorgsnämnden ")
    # The rich text of the målområden survives too (bold, lists, paragraphs).
    old = GoalService(db).tree(plan.id).malomraden
    new = GoalService(db).tree(result.plan_id).malomraden
    assert [m.betyder for m in new] == [m.betyder for m in old]


def test_values_are_text_cells(demo_session, tmp_path):
    db = demo_session.db
    plan = _plan(db, 2023)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Läs mig", "Plan", "Målområden", "KF-mål", "Nämndmål", "Mått", "Fotnoter",
                             "Aktiviteter", "Nyckeltal", "Förändringar", "Uppdrag", "Risker", "Avsnitt",
                             "Tillfällen"]
    ws = wb["Mått"]
    headings = [c.value for c in ws[1]]
    assert headings == ["Nr", "Nämndmål", "Mått", "Datakälla", "Kolada-id", "Ingångsvärde", "Målvärde 2023",
                        "Målvärde 2024", "Målvärde 2025", "Id"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    jobb = rows["1.2.1.1"]
    assert [c.value for c in jobb[5:9]] == ["50 % (jan-okt 2022)", "≥ 50 %", "≥ 50 %", "≥ 50 %"]
    assert jobb[6].number_format == "@"


def test_adopted_plan_is_not_imported_into(demo_session, tmp_path):
    db = demo_session.db
    plan = _plan(db, 2023)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    wb["Mått"]["H2"] = "2"  # Målvärde 2024 of the first mått
    wb.save(path)
    before, sheets = _counts(db), plan_sheets(db, plan.id)
    for attempt in (check_plan_xlsx, import_plan_xlsx):
        with pytest.raises(ImportRefused) as err:
            attempt(db, path)
        assert [str(p) for p in err.value.problems] == [
            "Blad Plan, rad 2, kolumn B (Värde): Planen är antagen (vård- och omsorgsnämnden 2022-12-14, "
            "§ VON.2022.55); gör en revidering för att ändra den. Importera ändringarna i revideringen: "
            "exportera den och ändra den filen."]
    assert _counts(db) == before and plan_sheets(db, plan.id) == sheets


def test_update_in_place_keeps_follow_up(demo_session, tmp_path):
    db = demo_session.db
    plan = _revision(db, 2023)
    follow = FollowupService(db)
    delar = follow.find_tillfalle(plan.id, "Delår")
    # Follow-up recorded on this version (the adopted version keeps its own).
    goals = {(n.text, n.ansvarig): n for n in GoalService(db).tree(plan.id).all_namndmal()}
    follow.set_utfall(delar.id, goals[("Alla verksamheter ska ha möjlighet till avfallsåtervinning", "ÄF")]
                      .matt[0].id, "75%")
    follow.set_utfall(delar.id, goals[("Öka frisknärvaron jämfört med föregående år", "ÄF")].matt[0].id,
                      "87,5 %")
    follow.save_bedomning(Bedomning(delar.id, namndmal_id=goals[(
        "Förebyggande arbete för barn och unga ska öka", "SOF")].id, bedomning=HELT))
    before = len([u for u in follow.utfall(delar.id).values() if u.utfall])
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    ws = wb["Mått"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    rows["1.1.1.1"][7].value = "2"          # Målvärde 2024 of the SOF digitalisering goal
    rows["1.1.2.1"][6].value = 0.9           # typed as a number formatted as percent
    rows["1.1.2.1"][6].number_format = "0%"
    nm = wb["Nämndmål"]
    nm.append(["6.9.1", "6", "", "Minska matsvinnet (ÄF)", "ÄF", "", "12", None])
    ws.append(["6.9.1.1", "6.9.1", "Kilo matsvinn per månad", "Egen mätning", "", "Nytt mål.", "<100", "<90",
               "<80", None])
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "6.7.2.1":       # remove the ÄF avfall mått (and its delår outcome)
            row_number = row[0].row
    ws.delete_rows(row_number)
    wb.save(path)

    result = import_plan_xlsx(db, path)
    assert not result.created and result.plan_id == plan.id
    assert "1 mått som inte finns i filen togs bort." in result.notes
    assert "1 inskrivna utfall för borttagna mått togs bort med dem." in result.notes
    tree = GoalService(db).tree(plan.id)
    goals = {(n.text, n.ansvarig): n for n in tree.all_namndmal()}
    dig = goals[("Ökad digitalisering av verksamheterna inom social- och omsorgsförvaltningen", "SOF")]
    assert dig.matt[0].malvarden == {2023: "1", 2024: "2", 2025: "1"}
    dig_af = goals[("Ökad digitalisering av verksamheterna inom äldreomsorgsförvaltningen", "ÄF")]
    assert dig_af.matt[0].malvarden[2023] == "90 %"
    svinn = goals[("Minska matsvinnet (ÄF)", "ÄF")]
    assert svinn.malomrade_id == tree.malomraden[5].id and svinn.kf_mal_id is None
    assert svinn.agenda2030 == "12" and svinn.matt[0].malvarden == {2023: "<100", 2024: "<90", 2025: "<80"}
    assert goals[("Alla verksamheter ska ha möjlighet till avfallsåtervinning", "ÄF")].matt == []
    after = len([u for u in follow.utfall(delar.id).values() if u.utfall])
    assert after == before - 1
    # The nämndmål ids are the same rows as before: assessments still belong to them.
    report = follow.report(delar.id)
    forebygg = next(g for g in report.all_goals() if g.goal.text.startswith("Förebyggande arbete"))
    assert forebygg.bedomning.bedomning == "helt uppfyllt"


def test_errors_are_located_and_nothing_is_stored(demo_session, tmp_path):
    db = demo_session.db
    plan = _revision(db, 2023)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    ws = wb["Mått"]
    ws["B2"] = "9.9.9"                       # no such nämndmål
    ws["E5"] = "21477"                       # Kolada id without its letter
    ws["C4"] = None                          # mått text missing
    wb["Nämndmål"]["C2"] = "5.1"             # KF-mål 5.1 is in målområde 5, row says 1
    wb["Nämndmål"]["G3"] = "3, 18"           # Agenda 2030 has 17 goals
    wb["Nämndmål"]["D6"] = "x" * 2001
    wb.save(path)
    before = _counts(db)
    with pytest.raises(ImportRefused) as err:
        import_plan_xlsx(db, path)
    assert _counts(db) == before
    messages = [str(p) for p in err.value.problems]
    assert "Blad Mått, rad 2, kolumn B (Nämndmål): det finns ingen rad med Nr ”9.9.9” på bladet Nämndmål" \
        in messages
    assert "Blad Mått, rad 4, kolumn C (Mått): måste fyllas i" in messages
    assert "Blad Nämndmål, rad 2, kolumn B (Målområde): KF-mål 5.1 hör till målområde 5, inte 1" in messages
    # Structural problems stop the import before the services are asked; fix them and
    # the services' own checks are reported on their cells.
    ws["B2"] = "1.1.1"
    ws["C4"] = "Återställd text"
    wb["Nämndmål"]["C2"] = "1.1"
    wb.save(path)
    with pytest.raises(ImportRefused) as err:
        import_plan_xlsx(db, path)
    messages = [str(p) for p in err.value.problems]
    assert ("Blad Mått, rad 5, kolumn E (Kolada-id): Kolada-id ska vara en bokstav och fem siffror, t.ex. "
            "U21477 (nu: ”21477”).") in messages
    assert ("Blad Nämndmål, rad 3, kolumn G (Agenda 2030): Agenda 2030-målen är numrerade 1–17 "
            "(nu: ”18”).") in messages
    assert any(m.startswith("Blad Nämndmål, rad 6, kolumn D (Nämndmål): Nämndmålets text får vara högst 2000")
               for m in messages)
    # The mått of the two refused nämndmål could not be checked; the user is told so.
    assert "Blad Mått: 2 rader kontrollerades inte eftersom raderna de hör till har fel" in messages
    assert _counts(db) == before
    assert "Ingenting importerades" in str(err.value)


def test_plan_sheet_problems(demo_session, tmp_path):
    db = demo_session.db
    plan = _plan(db, 2023)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    sheet = wb["Plan"]
    sheet["B3"] = "XYZ"  # Nämnd
    wb.save(path)
    with pytest.raises(ImportRefused, match="det finns ingen nämnd med kortnamnet ”XYZ”"):
        import_plan_xlsx(db, path)
    sheet["B3"] = "VON"
    sheet["B5"] = "2024"  # Första år: the Målvärde columns no longer match
    wb.save(path)
    with pytest.raises(ImportRefused) as err:
        import_plan_xlsx(db, path)
    assert ("Blad Mått, rad 1: målvärdeskolumnerna ska vara Målvärde 2024, Målvärde 2025, Målvärde 2026 "
            "enligt planens period (filen har: Målvärde 2023, Målvärde 2024, Målvärde 2025)") in \
        [str(p) for p in err.value.problems]


def test_ids_from_another_plan_are_refused(demo_session, tmp_path):
    db = demo_session.db
    first, second = _plan(db, 2022), _revision(db, 2023)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, second.id, path)
    wb = load_workbook(path)
    foreign = GoalService(db).tree(first.id).malomraden[0].id
    wb["Målområden"]["E2"] = foreign
    wb.save(path)
    with pytest.raises(ImportRefused, match=f"id {foreign} finns inte i den här planen"):
        import_plan_xlsx(db, path)


def test_check_reports_without_storing(demo_session, tmp_path):
    db = demo_session.db
    plan = _plan(db, 2022)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    before = _counts(db)
    result = check_plan_xlsx(db, path, as_new=True)
    assert result.counts["mått"] == 17 and result.counts["fotnoter"] == 7
    assert _counts(db) == before


def test_file_problems(session, tmp_path):
    with pytest.raises(ImportFileError, match="finns inte"):
        import_plan_xlsx(session.db, tmp_path / "saknas.xlsx")
    junk = tmp_path / "trasig.xlsx"
    junk.write_bytes(b"PK\x03\x04 inte en arbetsbok")
    with pytest.raises(ImportFileError, match="kan inte läsas som en Excel-fil"):
        import_plan_xlsx(session.db, junk)
    from openpyxl import Workbook

    other = tmp_path / "annat.xlsx"
    Workbook().save(other)
    with pytest.raises(ImportFileError, match="är ingen export av en verksamhetsplan"):
        import_plan_xlsx(session.db, other)


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (5, "General", "5"), (2.5, "General", "2,5"), (0.8, "0%", "80 %"), (0.9174, "0.00%", "91,74 %"),
    ("  ≥ 50 %\u00ad ", "@", "≥ 50 %"), (None, "General", ""),
    ("rad ett\r\nrad två", "@", "rad ett\nrad två"),
])
def test_cell_text(value, fmt, text):
    assert cell_text(value, fmt) == text


def _table_rows(db, plan_id):
    """The plan's tables, texts and occasions without ids and plan ids."""
    plans, follow = PlanService(db), FollowupService(db)
    def strip(items):
        return [{k: v for k, v in vars(i).items() if k not in ("id", "plan_id")} for i in items]
    return {"nyckeltal": strip(plans.nyckeltal(plan_id)), "forandringar": strip(plans.forandringar(plan_id)),
            "uppdrag": strip(plans.uppdrag(plan_id)), "risker": strip(plans.risker(plan_id)),
            "avsnitt": strip(plans.avsnitt(plan_id)), "tillfallen": strip(follow.tillfallen(plan_id))}


def test_tables_texts_and_occasions_come_back_as_they_were(demo_session, tmp_path):
    db = demo_session.db
    plan = _revision(db, 2023)
    plans = PlanService(db)
    from app.plan.model import Forandring

    plans.save_forandring(Forandring(plan.id, vad="Ny organisation för hemtjänsten", syfte="Kontinuitet",
                                     effekt="Färre personer per brukare", tidplan="2024", forvaltning="ÄF"))
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    avsnitt = [[c.value for c in r] for r in wb["Avsnitt"].iter_rows(min_row=2)]
    assert avsnitt[0][:3] == ["Före målen (inledning)", "Inledning", "1"]
    assert [r[:4] for r in ([c.value for c in r] for r in wb["Risker"].iter_rows(min_row=1, max_row=2))] == [
        ["Risk", "Sannolikhet", "Konsekvens", "Åtgärd"],
        ["Tidsplanen för införandet av resursfördelningssystemet håller inte.", "2", "4",
         "Prioriteringar i förvaltningsledningen; avstämning varje månad."]]
    result = import_plan_xlsx(db, path, as_new=True)
    assert result.counts["förändringar"] == 1
    assert result.counts["uppföljningstillfällen"] == len(FollowupService(db).tillfallen(plan.id)) >= 5
    assert _table_rows(db, result.plan_id) == _table_rows(db, plan.id)
    # The sections' rich text is kept as stored (paragraphs, bold, lists).
    assert [a.text for a in plans.avsnitt(result.plan_id)] == [a.text for a in plans.avsnitt(plan.id)]


def test_table_rows_are_updated_removed_and_checked(demo_session, tmp_path):
    db = demo_session.db
    plan = _revision(db, 2023)
    plans = PlanService(db)
    path = tmp_path / "plan.xlsx"
    export_plan_xlsx(db, plan.id, path)
    wb = load_workbook(path)
    wb["Risker"]["C2"] = "7"
    wb["Tillfällen"]["C3"] = "tretton"
    wb.save(path)
    with pytest.raises(ImportRefused) as err:
        import_plan_xlsx(db, path)
    assert [str(p) for p in err.value.problems] == [
        "Blad Risker, rad 2, kolumn C (Konsekvens): ”7” ska vara ett heltal 1–5",
        "Blad Tillfällen, rad 3, kolumn C (Månad): ”tretton” ska vara ett heltal 1–12"]

    wb["Risker"]["C2"] = "3"
    wb["Tillfällen"]["C3"] = "5"
    wb["Nyckeltal"].delete_rows(2)
    del wb["Avsnitt"]  # a sheet left out leaves its part of the plan as it is
    wb.save(path)
    before = [a.text for a in plans.avsnitt(plan.id)]
    result = import_plan_xlsx(db, path)
    assert "1 nyckeltal som inte finns i filen togs bort." in result.notes
    assert plans.risker(plan.id)[0].konsekvens == 3
    occasions = FollowupService(db).tillfallen(plan.id)
    assert [(t.namn, t.manad) for t in occasions][:2] == [("Mars", 3), ("April", 5)]
    assert len(plans.nyckeltal(plan.id)) == 4
    assert [a.text for a in plans.avsnitt(plan.id)] == before

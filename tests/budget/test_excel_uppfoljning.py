"""Excel: a month's budgetuppföljning exported by the program imports back whole: the
analysis and the proposal above the table, the Åtgärdsplan and Ej budgeterat blocks
below it, and the month's own figures where the month before is not in the database."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.budget import excel
from app.budget.excel import UppfoljningImport
from app.budget.uppfoljning import UppfoljningService
from app.excel_import import ImportRefused, import_file


def _sheet_rows(ws):
    return {r[0].value: r for r in ws.iter_rows() if r[0].value}


def test_analysis_and_blocks_are_read_back(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "augusti.xlsx"
    excel.export_uppfoljning(db, von, 2024, 8, path)
    wb = load_workbook(path)
    ws = wb.active
    rows = _sheet_rows(ws)
    analys = next(r for label, r in rows.items() if str(label).startswith("I redovisningen för augusti"))
    analys[0].value = "Ny analys av augusti."
    beslut = next(r for label, r in rows.items() if str(label).startswith("Förslag till beslut: "))
    beslut[0].value = "Förslag till beslut: Nämnden noterar uppföljningen."
    atgard = next(r for r in ws.iter_rows() if r[1].value == "Riktat HR-stöd till 11 av de enheter med högst "
                                                                "sjukfrånvaro")
    atgard[4].value = 750  # Belopp (tkr)
    wb.save(path)

    svc = UppfoljningService(db)
    before = svc.get(von, 2024, 8)
    count = import_file(db, UppfoljningImport(von, 2024, manad=8, enhet="tkr"), path)
    after = svc.get(von, 2024, 8)
    assert count == len(before.rader)
    assert after.analys == "Ny analys av augusti."
    assert after.forslag_till_beslut == "Nämnden noterar uppföljningen."
    assert [(a.avvikelse, a.atgard, a.belopp) for a in after.atgarder] == [
        (a.avvikelse, a.atgard, 750_000 if a.atgard.startswith("Riktat HR-stöd") else a.belopp)
        for a in before.atgarder]
    # The table's own rows are still read, and the blocks below it are not rows of it.
    assert [r.verksamhet.namn for r in after.rader] == [r.verksamhet.namn for r in before.rader]


def test_unchanged_blocks_are_not_written_again(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "augusti.xlsx"
    excel.export_uppfoljning(db, von, 2024, 8, path)
    ids = [r[0] for r in db.execute("SELECT id FROM atgard ORDER BY id")]
    import_file(db, UppfoljningImport(von, 2024, manad=8, enhet="tkr"), path)
    assert [r[0] for r in db.execute("SELECT id FROM atgard ORDER BY id")] == ids


def test_a_block_problem_is_located_and_nothing_stored(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "augusti.xlsx"
    excel.export_uppfoljning(db, von, 2024, 8, path)
    wb = load_workbook(path)
    ws = wb.active
    first = next(r for r in ws.iter_rows() if r[0].value == "Avvikelse")[0].row + 1
    ws.cell(first, 5, "mycket")
    ws.cell(first + 1, 2).value = None
    wb.save(path)
    before = UppfoljningService(db).get(von, 2024, 8)
    with pytest.raises(ImportRefused) as err:
        import_file(db, UppfoljningImport(von, 2024, manad=8, enhet="tkr"), path)
    assert [str(p) for p in err.value.problems] == [
        f"Blad Budgetuppföljning augusti 2024, rad {first}: Åtgärdsplan, kolumnen ”Belopp”: ”mycket” är "
        "inget tal",
        f"Blad Budgetuppföljning augusti 2024, rad {first + 1}: Åtgärdsplan: Åtgärd saknas (måste fyllas i)"]
    assert UppfoljningService(db).get(von, 2024, 8).atgarder == before.atgarder


def test_a_file_in_another_unit_is_refused(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "augusti.xlsx"
    excel.export_uppfoljning(db, von, 2024, 8, path)
    with pytest.raises(ImportRefused) as err:
        import_file(db, UppfoljningImport(von, 2024, manad=8, enhet="kr"), path)
    assert [str(p) for p in err.value.problems] == [
        "Blad Budgetuppföljning augusti 2024, rad 3: filen säger ”Belopp i tkr”, men beloppen läses i kr; "
        "importera med enheten tkr (kommandoraden: --enhet tkr)"]


def test_month_figures_are_kept_without_the_month_before(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "augusti.xlsx"
    excel.export_uppfoljning(db, von, 2024, 8, path)
    svc = UppfoljningService(db)
    shown = {r.verksamhet.namn: (r.siffror.budget_manad, r.siffror.utfall_manad)
             for r in svc.get(von, 2024, 8).rader}
    # Without July the month's own figures come from what the file says of them.
    svc.delete(svc.get(von, 2024, 7).id)
    svc.delete(svc.get(von, 2024, 8).id)
    import_file(db, UppfoljningImport(von, 2024, manad=8, enhet="tkr"), path)
    u = svc.get(von, 2024, 8)
    assert u.har_foregaende
    assert {r.verksamhet.namn: (r.siffror.budget_manad, r.siffror.utfall_manad) for r in u.rader} == {
        namn: (round(b, -3), round(f, -3)) for namn, (b, f) in shown.items()}


def test_justeringar_and_the_sarskild_post_are_read_as_the_file_says(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "januari.xlsx"
    excel.export_uppfoljning(db, von, 2022, 1, path)
    wb = load_workbook(path)
    ws = wb.active
    headings = next(r for r in ws.iter_rows() if r[0].value == "Verksamhet")
    deviation = next(c.column for c in headings if c.value == "Avvikelse ack. jan")
    covid = next(r for r in ws.iter_rows() if r[0].value == "Kostnader Covid-19 2022")
    ws.cell(covid[0].row, deviation).value = -1_000_000
    next(r for r in ws.iter_rows() if r[0].value == "Resultat exkl Covid")[0].value = "Resultat exkl Pandemi"
    next(c for c in headings if c.value == "Personalskuld ack.").value = "Semesterskuld ack."
    exkl = next(c for c in headings if c.value == "Avvikelse exkl. personalskuld")
    exkl.value = "Avvikelse exkl. semesterskuld"
    wb.save(path)
    before = UppfoljningService(db).get(von, 2022, 1)
    import_file(db, UppfoljningImport(von, 2022, manad=1, enhet="kr"), path)
    after = UppfoljningService(db).get(von, 2022, 1)
    assert [(j.benamning, j.avvikelse) for j in after.justeringar] == [
        (j.benamning, -1_000_000 if j.benamning == "Kostnader Covid-19 2022" else j.avvikelse)
        for j in before.justeringar]
    assert (after.justering_rubrik, after.sarskild_post) == ("Pandemi", "Semesterskuld")
    # The renamed särskild post's column is still read as the särskild post.
    assert [r.siffror.sarskild_post_ack for r in after.rader] == [
        r.siffror.sarskild_post_ack for r in before.rader]
    assert [r.verksamhet.grupp for r in after.rader] == [r.verksamhet.grupp for r in before.rader]

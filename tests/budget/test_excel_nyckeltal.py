"""Excel: the volymmått and personal key figures exported with every value (one row per
key figure and period) and imported back: values replaced by key figure, year and period,
new key figures added, problems located, replacing only with consent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.budget.excel.read_nyckeltal import NyckeltalImport
from app.budget.excel.write import export_nyckeltal_varden
from app.budget.nyckeltal import NyckeltalService
from app.cli import main
from app.excel_import import ImportRefused, import_file

HEADINGS = ["Avsnitt", "Nyckeltal", "Enhet", "Mätdatum", "Uppdelat på kvinnor och män",
            "Totalt = kvinnor + män", "År", "Period", "Totalt", "Kvinnor", "Män", "Fotnot under årets tabell"]


def _rows(ws):
    return {(r[1].value, r[6].value, r[7].value): r for r in ws.iter_rows(min_row=5)}


def test_export_has_every_figure_and_value(demo_session, von, tmp_path):
    path = tmp_path / "personal.xlsx"
    assert export_nyckeltal_varden(demo_session.db, von, "personal", path) == 48
    ws = load_workbook(path).active
    assert [c.value for c in ws[4]] == HEADINGS
    rows = _rows(ws)
    # A count split by sex: the total is kvinnor + män.
    assert [c.value for c in rows[("Månadsanställda, antal", 2024, "Delår")]][2:] == [
        "antal", "31/8", "Ja", "Ja", 2024, "Delår", 1195, 981, 214, None]
    assert [c.value for c in rows[("Årsarbetare, antal omräknade heltider", 2024, "Delår")]][8:11] == [
        1329.2, 1058.3, 270.9]


def test_changed_values_and_new_figures_are_stored(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "volym.xlsx"
    export_nyckeltal_varden(db, von, "volym", path)
    wb = load_workbook(path)
    ws = wb.active
    row = _rows(ws)[("Belagda platser på särskilt boende för äldre", 2024, "Prognos")]
    row[8].value = 320
    ws.append(["Volymutveckling", "Personer med trygghetslarm", "antal", "31/8", "Nej", "Nej", 2024, "Delår",
               612])
    wb.save(path)
    svc = NyckeltalService(db)
    before = len(svc.lista(von, "volym"))
    assert import_file(db, NyckeltalImport(von, "volym"), path) == 57
    figures = {n.namn: n for n in svc.lista(von, "volym")}
    assert len(figures) == before + 1
    platser = figures["Belagda platser på särskilt boende för äldre"].id
    assert svc.varde(platser, 2024, "prognos").totalt == 320
    larm = figures["Personer med trygghetslarm"]
    assert (larm.avsnitt, larm.enhet, larm.matdatum) == ("Volymutveckling", "antal", "31/8")
    assert svc.varde(larm.id, 2024, "delar").totalt == Decimal(612)
    # Values the file does not name are left as they were.
    assert svc.varde(platser, 2023, "helar").totalt == 304


def test_problems_are_located_and_nothing_is_stored(demo_session, von, tmp_path):
    db = demo_session.db
    path = tmp_path / "personal.xlsx"
    export_nyckeltal_varden(db, von, "personal", path)
    wb = load_workbook(path)
    ws = wb.active
    rows = _rows(ws)
    rows[("Lönekostnader totalt, tkr", 2024, "Delår")][4].value = "Nej"  # then no kvinnor/män …
    rows[("Lönekostnader totalt, tkr", 2024, "Delår")][9].value = 100    # … but one is given
    manads = rows[("Månadsanställda, antal", 2024, "Delår")]
    manads[8].value = 1000
    manads[6].value = None
    wb.save(path)
    before = [(r["nyckeltal_id"], r["totalt"]) for r in db.query("SELECT * FROM nyckeltalsvarde")]
    with pytest.raises(ImportRefused) as err:
        import_file(db, NyckeltalImport(von, "personal"), path)
    lon, man = rows[("Lönekostnader totalt, tkr", 2024, "Delår")][0].row, manads[0].row
    assert [str(p) for p in err.value.problems] == [
        f"Blad Personalnyckeltal, rad {lon}, kolumn J (Kvinnor): nyckeltalet är inte uppdelat på kvinnor och "
        "män (kolumnen ”Uppdelat på kvinnor och män” säger Nej)",
        f"Blad Personalnyckeltal, rad {lon}, kolumn C (Enhet): enhet, mätdatum och uppdelning ska vara "
        "desamma på varje rad för nyckeltalet ”Lönekostnader totalt, tkr”",
        f"Blad Personalnyckeltal, rad {man}, kolumn G (År): ett värde behöver både år och period",
        f"Blad Personalnyckeltal, rad {man}, kolumn I (Totalt): totalen räknas fram som kvinnor + män "
        "(1195); töm cellen eller rätta den"]
    assert [(r["nyckeltal_id"], r["totalt"]) for r in db.query("SELECT * FROM nyckeltalsvarde")] == before


def test_replacing_stored_figures_needs_ersatt(demo_session, tmp_path, capsys):
    path = demo_session.path
    demo_session.close()
    out = tmp_path / "volym.xlsx"
    assert main(["--db", str(path), "export", "volymmatt", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "import", "volymmatt", str(out)]) == 1
    err = capsys.readouterr().err
    assert ("volym.xlsx: Volymmått finns redan: 14 nyckeltal med 56 värden; filens värden ersätter dem med "
            "samma nyckeltal, år och period. Ange --ersatt för att ersätta.") in err
    assert main(["--db", str(path), "import", "volymmatt", str(out), "--ersatt"]) == 0
    assert "56 rader importerades till volymmått." in capsys.readouterr().out


def test_footnotes_go_out_and_come_back_as_rows_of_their_own(demo_session, von, tmp_path):
    db = demo_session.db
    svc = NyckeltalService(db)
    svc.save_fotnoter(von, "personal", 2023, ["* Avser perioden 2023-01-01-2023-11-30",
                                              "** Avser de första 14 dagarna i sjukfrånvaron"])
    path = tmp_path / "personal.xlsx"
    export_nyckeltal_varden(db, von, "personal", path)
    wb = load_workbook(path)
    ws = wb.active
    assert ws[4][11].value == "Fotnot under årets tabell"
    notes = [(r[6].value, r[11].value) for r in ws.iter_rows(min_row=5) if r[11].value]
    assert notes == [(2023, "* Avser perioden 2023-01-01-2023-11-30"),
                     (2023, "** Avser de första 14 dagarna i sjukfrånvaron")]
    assert all(r[1].value is None for r in ws.iter_rows(min_row=5) if r[11].value)
    # Changed in the file: 2023's footnotes become the file's; a new year gets its own.
    last = [r for r in ws.iter_rows(min_row=5) if r[11].value][-1]
    last[11].value = "** Avser dag 1–14 i sjukfrånvaron"
    ws.append([None] * 6 + [2024, None, None, None, None, "* Mätdatum 31 augusti"])
    wb.save(path)
    import_file(db, NyckeltalImport(von, "personal"), path)
    assert svc.fotnoter(von, "personal", 2023) == ["* Avser perioden 2023-01-01-2023-11-30",
                                                   "** Avser dag 1–14 i sjukfrånvaron"]
    assert svc.fotnoter(von, "personal", 2024) == ["* Mätdatum 31 augusti"]
    # A footnote needs its year and stands alone; a row without a name is refused.
    ws.append([None] * 11 + ["*** Utan år"])
    ws.append(["Avsnitt", None, None, None, None, None, 2024, "Delår", 5])
    ws.append([None, "HME totalt", "index", None, "Ja", "Nej", 2024, "Delår", None, None, None, "* fel rad"])
    wb.save(path)
    with pytest.raises(ImportRefused) as err:
        import_file(db, NyckeltalImport(von, "personal"), path)
    problems = [str(p) for p in err.value.problems]
    assert any("kolumn G (År): fotnoten hör till ett års tabell" in p for p in problems), problems
    assert any("kolumn B (Nyckeltal): nyckeltalets namn saknas" in p for p in problems), problems
    assert any("kolumn L (Fotnot under årets tabell): en fotnot står på en rad av sin egen" in p
               for p in problems), problems
    assert svc.fotnoter(von, "personal", 2024) == ["* Mätdatum 31 augusti"]

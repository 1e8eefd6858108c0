"""Excel: the internbudget template round trip, importing an economy export (sum rows
passed over, problems located, all or nothing), and the export of every table."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from app.budget import demo_data, excel
from app.budget.belopp import Teckenkonvention
from app.budget.excel import (
    InternbudgetImport,
    InvesteringsbudgetImport,
    InvesteringsredovisningImport,
    UppfoljningImport,
)
from app.excel_import import ImportRefused, import_file, preview_file


def _cells(path):
    ws = load_workbook(path, data_only=False).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def _row(rows, label):
    return next(r for r in rows if (r and r[0] == label) or (len(r) > 1 and r[1] == label))


def test_template_prefills_last_years_budget_and_imports_back(demo_session, demo_ek, von, tmp_path):
    path = tmp_path / "bilaga.xlsx"
    assert excel.write_internbudget_mall(demo_session.db, von, 2024, path) == 10
    wb = load_workbook(path)
    ws = wb.active
    assert ws.title == "Internbudget 2024"
    heads = [c.value for c in ws[excel.MALL_RUBRIKRAD]]
    assert heads[:5] == ["Kod", "Verksamhet", "Intäkter årsprognos", "Intäkter budget 2023",
                         "Intäkter budget 2024"]
    first = excel.MALL_RUBRIKRAD + 1
    assert [ws.cell(first + 3, c).value for c in (1, 2, 4, 7)] == ["54", "Individ och familjeomsorg",
                                                                  2086, -60813]
    assert ws.cell(first, 9).value == f"=E{first}+H{first}"  # nettokostnad as a formula
    # Staff fill in the new budget: last year's plus 2 %, rounded.
    for r in range(first, first + 10):
        for fg, new in ((4, 5), (7, 8)):
            ws.cell(r, new).value = round(ws.cell(r, fg).value * 1.02)
    wb.save(path)
    count = import_file(demo_session.db, InternbudgetImport(von, 2024), path)
    assert count == 10
    ib = demo_ek.internbudget.get(von, 2024)
    expected_net = sum(round(i[2] * 1.02) + round(k[2] * 1.02)
                       for i, k in demo_data.INTERNBUDGET_2023.values())
    assert ib.summa("netto").budget == expected_net * 1000
    assert ib.summa("netto").fg_budget == -333_088_000


def test_template_of_existing_year_round_trips_unchanged(demo_session, demo_ek, von, tmp_path):
    before = demo_ek.internbudget.get(von, 2023)
    path = tmp_path / "b.xlsx"
    excel.write_internbudget_mall(demo_session.db, von, 2023, path)
    import_file(demo_session.db, InternbudgetImport(von, 2023), path)
    after = demo_ek.internbudget.get(von, 2023)
    assert [(r.verksamhet.id, r.block("intakter"), r.block("kostnader")) for r in after.rader] == \
        [(r.verksamhet.id, r.block("intakter"), r.block("kostnader")) for r in before.rader]


def _economy_export(path, rows, title="Utfall jan 2022, belopp i kr, Vård och omsorg"):
    wb = Workbook()
    ws = wb.active
    ws.title = "Utfall jan 2022"
    ws.append([title])
    ws.append([])
    ws.append(["Text", "Årsbudget", "Driftbudget periodiserad", "Utfall inkl personalskuld",
               "Avvikelse exkl personalskuld", "Avvikelse inkl personalskuld", "Personalskuld"])
    for r in rows:
        ws.append(r)
    wb.save(path)


SEED_004 = [
    ["Externa intäkter", -79044000, -6555000, -6790625, 235625, 235625, None],
    ["Interna intäkter", -1978000, -163000, -183971, 20971, 20971, None],
    ["Intäkter totalt", -81022000, -6718000, -6974596, 256595, 256595, None],
    ["Personalkostn", 510241000, 43075000, 46936063, -786498, -3861063, "3 074 565,00"],
    ["Lokalhyra", 33820000, 2815000, 2804631, 10369, 10369, None],
    ["Kapitalkostnader", 1987000, 164000, None, 164000, 164000, None],
    ["Inhyrd bemanning", 2500000, 208000, 93002, 114998, 114998, None],
    ["Övriga kostnader", 148825000, 11589000, 13079682, -1490682, -1490682, None],
    ["Kostnader totalt", 697373000, 57851000, 62913378, -1987813, -5062377, None],
    ["RESULTAT", 616351000, 51133000, 55938782, -1731218, -4805782, None],
]


def test_economy_export_imports_with_sums_passed_over(ek, namnd, tmp_path):
    path = tmp_path / "utfall.xlsx"
    _economy_export(path, SEED_004)
    target = UppfoljningImport(namnd, 2022, manad=1, enhet="kr",
                               konvention=Teckenkonvention.INTAKTER_NEGATIVA)
    preview = preview_file(ek.db, target, path)
    assert preview.header_row == 3
    assert len(preview.rows) == 7
    assert [s.excel_row for s in preview.skipped if "summarad" in s.reason] == [6, 12, 13]
    assert import_file(ek.db, target, path) == 7
    u = ek.uppfoljning.get(namnd, 2022, 1)
    assert u.enhet == "kr"
    res = u.resultat()
    assert (-res.arsbudget, -res.budget_ack, -res.utfall_ack) == (616_351_000, 51_133_000, 55_938_782)
    assert res.avvikelse_ack == -4_805_782
    personal = next(r for r in u.rader if r.verksamhet.namn == "Personalkostn")
    assert personal.siffror.avvikelse_ack_exkl == -786_498


def test_problems_are_located_and_nothing_is_stored(ek, namnd, tmp_path):
    path = tmp_path / "fel.xlsx"
    rows = [list(r) for r in SEED_004]
    rows[3][3] = "okänt"  # Personalkostn utfall: not a number
    _economy_export(path, rows)
    target = UppfoljningImport(namnd, 2022, manad=1, enhet="kr")
    with pytest.raises(ImportRefused) as info:
        import_file(ek.db, target, path)
    text = str(info.value)
    assert "Blad Utfall jan 2022, rad 7, kolumn D (Utfall)" in text
    assert ek.uppfoljning.get(namnd, 2022, 1) is None  # all or nothing


def test_internbudget_sign_check_names_the_cell(ek, namnd, tmp_path):
    path = tmp_path / "ib.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Internbudget"
    ws.append(["Kod", "Verksamhet", "Intäkter budget 2023", "Kostnader budget 2023"])
    ws.append(["54", "Individ och familjeomsorg", 2086, 60813])  # cost written positive
    ws.append(["S:a", None, 2086, 60813])
    wb.save(path)
    with pytest.raises(ImportRefused) as info:
        import_file(ek.db, InternbudgetImport(namnd, 2023), path)
    problems = info.value.problems
    assert len(problems) == 1
    assert problems[0].where == "Blad Internbudget, rad 2, kolumn D (Kostnader budget 2023)"
    assert "kostnader skrivs negativa" in problems[0].message
    assert ek.internbudget.get(namnd, 2023) is None


def test_investments_import(ek, namnd, tmp_path):
    path = tmp_path / "inv.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Rad-nummer", "Investeringsobjekt benämning", "Förvaltning", "Kategori",
               "Investeringsbelopp tkr 2023", "Investeringsbelopp tkr 2024", "Investeringsbelopp tkr 2025"])
    ws.append([1, "SOF nedan", None, None, None, None, None])
    ws.append([2, "Wifi kommunal verksamhet", "SOF", "Digitalisering och IT", 700, None, None])
    ws.append([3, "Madrasser", "ÄF", "Inventarier", 150, 150, 150])
    ws.append([None, "Summa tkr", None, None, 850, 150, 150])
    wb.save(path)
    assert import_file(ek.db, InvesteringsbudgetImport(namnd, 2023), path) == 2
    plan = ek.investeringar.get(namnd, 2023)
    assert plan.totalt() == {2023: 850_000, 2024: 150_000, 2025: 150_000}
    assert plan.summa_forvaltning("ÄF")[2023] == 150_000

    path = tmp_path / "red.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Projekt", "Budget", "Förslag till omdisponering", "Budget 2023", "Utfall",
               "Avvikelse (tkr)", "Slutredovisas"])
    ws.append(["Grundutrustning/Sängar VoO", 200, -30, 170, 164, 6, "Ja"])
    ws.append(["SN Elcyklar", None, 100, 100, 0, 100, "Nej"])
    ws.append(["Summa", 200, 70, 270, 164, 106, None])
    wb.save(path)
    target = InvesteringsredovisningImport(namnd, 2023, manad=12)
    assert import_file(ek.db, target, path) == 2
    red = ek.investeringar.redovisning(namnd, 2023, 12)
    assert [p.avvikelse for p in red.projekt] == [6_000, 100_000]
    assert [p.slutredovisas for p in red.projekt] == [True, False]


def test_every_table_exports_with_numbers(demo_session, von, tmp_path):
    db = demo_session.db
    p = tmp_path / "ib.xlsx"
    excel.export_internbudget(db, von, 2023, p)
    rows = _cells(p)
    assert _row(rows, "S:a Nettokostnad")[1:5] == [-315581, -317639, -15449, -333088]
    assert any("exakt" in str(r[0]) for r in rows if r)
    p = tmp_path / "inv.xlsx"
    excel.export_investeringsbudget(db, von, 2023, p)
    rows = _cells(p)
    # Förvaltning and Kategori per object (the groups' headings), so that it imports back.
    assert _row(rows, "Investeringsobjekt")[:3] == ["Investeringsobjekt", "Förvaltning", "Kategori"]
    assert _row(rows, "Madrasser") == ["Madrasser", "ÄF", "Inventarier", 150, 150, 150]
    assert _row(rows, "ÄF, Inventarier")[1:] == [None] * 5
    assert _row(rows, "Summa")[1:6] == [None, None, 9110, 3610, 3910]
    assert _row(rows, "Varav summa SOF")[3:6] == [4750, 1500, 1800]
    p = tmp_path / "red.xlsx"
    excel.export_investeringsredovisning(db, von, 2023, 12, p)
    rows = _cells(p)
    assert _row(rows, "Projekt")[:3] == ["Projekt", "Förvaltning", "Budget"]
    assert _row(rows, "Summa")[1:7] == [None, 600, 100, 700, 721, -21]
    p = tmp_path / "u.xlsx"
    excel.export_uppfoljning(db, von, 2022, 1, p)
    rows = _cells(p)
    # Its rows are grouped: the file says each row's group, the sum rows have none.
    assert _row(rows, "Verksamhet")[:3] == ["Verksamhet", "Grupp", "Årsbudget"]
    assert _row(rows, "Externa intäkter")[1] == "Intäkter"
    res = _row(rows, "Resultat")
    assert res[1] is None and res[2] == -616351000 and -4805782 in res
    assert _row(rows, "Summa")[1:3] == [-1447220, -17366639]
    p = tmp_path / "u8.xlsx"
    excel.export_uppfoljning(db, von, 2024, 8, p)
    rows = _cells(p)
    assert _row(rows, "Resultat")[1:4] == [-85934, -82509, 3425]
    assert any(r and r[0] == "Åtgärdsplan" for r in rows)
    p = tmp_path / "ar.xlsx"
    excel.export_ar(db, von, 2023, p)
    assert any(r and r[0] == "Avvikelse ackumulerad 2023" for r in _cells(p))
    p = tmp_path / "nt.xlsx"
    excel.export_nyckeltal(db, von, "personal", 2024, p)
    rows = _cells(p)
    assert _row(rows, "Månadsanställda, antal")[2] == 1195
    assert _row(rows, "Sjukfrånvaro totalt")[2:5] == [10.3, 11, 7.6]  # key figures keep decimals
    with pytest.raises(excel.EkonomiExportError, match="ingen internbudget för 2030"):
        excel.export_internbudget(db, von, 2030, tmp_path / "x.xlsx")

"""Internbudget files. The template's ram: typed in C6 it is read by the import, and the
difference formula in C7 gives what the program's own ram check
(Internbudget.ram_differens) gives, in both sign conventions and whichever sign the ram
is typed with. The formulas are evaluated here as Excel evaluates them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.budget import excel
from app.budget.belopp import Teckenkonvention
from app.budget.excel import InternbudgetImport
from app.excel_import import import_file


def evaluate(ws, ref: str):
    """The value Excel shows in ``ref``: the template's formulas use cell references,
    + and -, SUM(range), ABS() and IF(C6="","",…)."""
    value = ws[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    formula = value[1:]
    m = re.fullmatch(r'IF\((\w+)="","",(.+)\)', formula)
    if m:
        if ws[m[1]].value in (None, ""):
            return ""
        formula = m[2]

    def total(match: re.Match) -> str:
        (c1, r1), (c2, r2) = (re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in match.groups())
        assert c1 == c2
        return str(sum(Decimal(str(evaluate(ws, f"{c1}{r}") or 0)) for r in range(int(r1), int(r2) + 1)))

    formula = re.sub(r"SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", total, formula)
    formula = re.sub(r"\b([A-Z]+\d+)\b", lambda m: f"Decimal('{evaluate(ws, m[1]) or 0}')", formula)
    formula = formula.replace("ABS(", "abs(")
    assert re.fullmatch(r"[\sDecimal('\d.\-)+abs(]*", formula), formula
    # Only the template's own formulas reach eval, checked character by character above.
    return eval(formula, {"Decimal": Decimal})


def set_convention(demo_ek, von, konvention: Teckenkonvention) -> None:
    inst = demo_ek.verksamheter.installning(von)
    inst.teckenkonvention = konvention
    demo_ek.verksamheter.save_installning(inst)


def fill_at_ram(path, ram_typed, extra_cost_tkr=0, konvention=Teckenkonvention.KOSTNADER_NEGATIVA):
    """The 2024 budget written as 2023's (net 333 088 tkr), plus ``extra_cost_tkr`` of
    costs on the first row, and the ram typed in C6. Returns the workbook's sheet."""
    wb = load_workbook(path)
    ws = wb.active
    first = excel.MALL_RUBRIKRAD + 1
    r = first
    while ws.cell(r, 2).value:
        ws.cell(r, 5).value = ws.cell(r, 4).value  # intäkter budget 2024 = 2023
        ws.cell(r, 8).value = ws.cell(r, 7).value  # kostnader budget 2024 = 2023
        r += 1
    sign = -1 if konvention is Teckenkonvention.KOSTNADER_NEGATIVA else 1
    ws.cell(first, 8).value += sign * extra_cost_tkr
    ws["C6"] = ram_typed
    wb.save(path)
    return ws


@pytest.mark.parametrize("konvention", list(Teckenkonvention))
@pytest.mark.parametrize("ram_sign", [1, -1])
def test_budget_exactly_at_the_ram_shows_difference_zero(demo_session, demo_ek, von, tmp_path,
                                                         konvention, ram_sign):
    set_convention(demo_ek, von, konvention)
    path = tmp_path / "bilaga.xlsx"
    excel.write_internbudget_mall(demo_session.db, von, 2024, path)
    ws = fill_at_ram(path, ram_sign * 333_088, konvention=konvention)
    net_shown = -333_088 if konvention is Teckenkonvention.KOSTNADER_NEGATIVA else 333_088
    assert evaluate(ws, "C5") == net_shown
    assert evaluate(ws, "C7") == 0

    assert import_file(demo_session.db, InternbudgetImport(von, 2024, konvention=konvention), path) == 10
    ib = demo_ek.internbudget.get(von, 2024)
    assert ib.ram == 333_088_000  # the ram typed in C6 was read
    assert ib.nettokostnad == 333_088_000
    assert ib.ram_differens() == 0


@pytest.mark.parametrize("konvention", list(Teckenkonvention))
def test_difference_equals_the_programs_ram_check(demo_session, demo_ek, von, tmp_path, konvention):
    set_convention(demo_ek, von, konvention)
    path = tmp_path / "bilaga.xlsx"
    excel.write_internbudget_mall(demo_session.db, von, 2024, path)
    ws = fill_at_ram(path, 333_088, extra_cost_tkr=1_500, konvention=konvention)
    assert evaluate(ws, "C7") == -1_500  # negative: over the ram

    import_file(demo_session.db, InternbudgetImport(von, 2024, konvention=konvention), path)
    ib = demo_ek.internbudget.get(von, 2024)
    assert ib.ram_differens() == -1_500_000 == evaluate(ws, "C7") * 1000

    # The template written again for that year shows the stored ram and the same difference.
    again = tmp_path / "igen.xlsx"
    excel.write_internbudget_mall(demo_session.db, von, 2024, again)
    ws2 = load_workbook(again).active
    assert ws2["C6"].value == 333_088
    assert evaluate(ws2, "C7") * 1000 == ib.ram_differens()


def test_empty_ram_shows_no_difference_and_keeps_the_stored_ram(demo_session, demo_ek, von, tmp_path):
    path = tmp_path / "bilaga.xlsx"
    excel.write_internbudget_mall(demo_session.db, von, 2024, path)
    ws = fill_at_ram(path, None)
    assert evaluate(ws, "C7") == ""
    import_file(demo_session.db, InternbudgetImport(von, 2024), path)
    assert demo_ek.internbudget.get(von, 2024).ram is None


def test_a_ram_that_is_no_number_refuses_the_import(demo_session, demo_ek, von, tmp_path):
    from app.excel_import import ImportRefused

    path = tmp_path / "bilaga.xlsx"
    excel.write_internbudget_mall(demo_session.db, von, 2024, path)
    fill_at_ram(path, "ca 333 miljoner")
    with pytest.raises(ImportRefused) as err:
        import_file(demo_session.db, InternbudgetImport(von, 2024), path)
    assert [str(p) for p in err.value.problems] == [
        "Blad Internbudget 2024, rad 6: ramen från fullmäktige: ”ca 333 miljoner” är inget tal"]
    assert demo_ek.internbudget.get(von, 2024) is None


def test_the_export_imports_back_block_by_block(demo_session, demo_ek, von, tmp_path):
    """The export's NETTOKOSTNAD, INTÄKTER and KOSTNADER blocks: intäkter and kostnader
    are read into their fields, netto is computed again; the ram sentence and the
    comment above the table come along (into a database without that internbudget)."""
    from app.budget import Ekonomi
    from app.organisation import Namnd, OrganisationService
    from app.session import Session

    path = tmp_path / "ib.xlsx"
    excel.export_internbudget(demo_session.db, von, 2023, path)
    source = demo_ek.internbudget.get(von, 2023)
    with Session.open(tmp_path / "tom.nkdb") as other:
        namnd = OrganisationService(other.db).save_namnd(Namnd(namn="Vård- och omsorgsnämnden",
                                                               kortnamn="VON")).id
        # 10 verksamheter in each of the 3 blocks
        assert import_file(other.db, InternbudgetImport(namnd, 2023), path) == 30
        copied = Ekonomi(other.db).internbudget.get(namnd, 2023)
    assert [(r.verksamhet.kod, r.verksamhet.namn) for r in copied.rader] == \
        [(r.verksamhet.kod, r.verksamhet.namn) for r in source.rader]
    for block in ("intakter", "kostnader", "netto"):
        assert copied.summa(block) == source.summa(block)
    assert copied.summa("netto").budget == -333_088_000
    assert copied.ram == 333_088_000 and copied.ram_differens() == 0
    assert copied.kommentar == source.kommentar and copied.kommentar.startswith("Den redovisade")


def test_figures_outside_a_block_are_refused(ek, namnd, tmp_path):
    from openpyxl import Workbook

    from app.excel_import import ImportRefused

    wb = Workbook()
    wb.active.append(["Verksamhet", "Budget 2022", "Budget 2023"])
    wb.active.append(["11 Nämndverksamhet", -929, -959])
    path = tmp_path / "utan_block.xlsx"
    wb.save(path)
    with pytest.raises(ImportRefused) as err:
        import_file(ek.db, InternbudgetImport(namnd, 2023), path)
    assert [str(p) for p in err.value.problems] == [
        "Blad Sheet, rad 2, kolumn B (Budget 2022): raden står inte under någon blockrubrik (NETTOKOSTNAD, "
        "INTÄKTER eller KOSTNADER), så det framgår inte om beloppen är intäkter eller kostnader"]

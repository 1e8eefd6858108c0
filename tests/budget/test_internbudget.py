"""Internbudget: every computed figure equals what the 2022 and 2023 internbudgets print."""

from app.budget import demo_data
from app.budget.belopp import format_belopp
from app.budget.internbudget import InternbudgetRad, ram_text

TKR = 1000

# Internbudget 2022, NETTOKOSTNAD block as printed: (årsprognos, budget 2021, förändring, M & B 2022).
NETTO_2022 = {
    "11": (-850, -850, -85, -935),
    "27": (-162, -86, -70, -156),
    "50": (-6673, -6790, -99, -6889),
    "54": (-55656, -51749, -3554, -55303),
    "55": (-185626, -185461, -6016, -191477),
    "56": (-53845, -56247, 995, -55252),
    "57": (-1539, -2049, 449, -1600),
    "58": (-521, -521, 1, -520),
    "62": (478, 0, 0, 0),
    "63": (-1548, -2195, 84, -2111),
}
SUMMOR_2022 = {
    "netto": (-305942, -305948, -8295, -314243),
    "intakter": (53625, 53625, -11360, 42265),
    "kostnader": (-359567, -359573, 3065, -356508),
}
SUMMOR_2023 = {
    "netto": (-315581, -317639, -15449, -333088),
    "intakter": (40465, 42265, -645, 41620),
    "kostnader": (-356046, -359904, -14804, -374708),
}
COLS = ("prognos", "fg_budget", "forandring", "budget")


def _enter(ek, namnd, ar, data, ram=None):
    ib = ek.internbudget.skapa(namnd, ar, ram=ram)
    rader = []
    for (kod, namn), (i, k) in data.items():
        v = ek.verksamheter.hitta_eller_skapa(namnd, kod, namn)
        rader.append(InternbudgetRad(v, i[0] * TKR, k[0] * TKR, i[1] * TKR, k[1] * TKR,
                                     i[2] * TKR, k[2] * TKR))
    ek.internbudget.ersatt_rader(ib.id, rader)
    return ek.internbudget.load(ib.id)


def _tkr(belopp3):
    return tuple(belopp3.kolumn(c) // TKR for c in COLS)


def test_2022_rows_and_block_sums_equal_seed_000(ek, namnd):
    ib = _enter(ek, namnd, 2022, demo_data.INTERNBUDGET_2022)
    for v, netto in ib.block("netto"):
        assert _tkr(netto) == NETTO_2022[v.kod], v.benamning
    for block, printed in SUMMOR_2022.items():
        assert _tkr(ib.summa(block)) == printed, block
    # The headline figure, formatted as printed.
    assert format_belopp(ib.summa("netto").budget) == "-314\u00a0243"


def test_2023_sums_and_ram_equal_seed_001(ek, namnd):
    ib = _enter(ek, namnd, 2023, demo_data.INTERNBUDGET_2023, ram=demo_data.RAM_2023 * TKR)
    for block, printed in SUMMOR_2023.items():
        assert _tkr(ib.summa(block)) == printed, block
    assert ib.ram_differens() == 0
    assert "333\u00a0088" in ram_text(ib) and "exakt" in ram_text(ib)
    ib.ram = 335_000_000
    assert ib.ram_differens() == 1_912_000
    assert "1\u00a0912 tkr av ramen är inte fördelat" in ram_text(ib)
    ib.ram = 330_000_000
    assert "överskrider ramen med 3\u00a0088 tkr" in ram_text(ib)


def test_new_year_starts_from_last_years_budget(ek, namnd):
    _enter(ek, namnd, 2022, demo_data.INTERNBUDGET_2022)
    ib = ek.internbudget.skapa(namnd, 2023)
    assert [r.verksamhet.kod for r in ib.rader] == [k for k, _ in demo_data.INTERNBUDGET_2022]
    # Last year's new budget is this year's ”budget föregående år”.
    assert ib.summa("netto").fg_budget == -314_243_000
    assert ib.summa("netto").budget == 0
    assert ib.kolumnrubriker()["fg_budget"] == "Budget 2022"
    assert ib.kolumnrubriker()["prognos"] == "Årsprognos per oktober 2022"


def test_cell_edit_changes_only_that_cell_and_netto_follows(ek, namnd):
    ib = _enter(ek, namnd, 2022, demo_data.INTERNBUDGET_2022)
    v54 = next(r.verksamhet for r in ib.rader if r.verksamhet.kod == "54")
    ek.internbudget.set_belopp(ib.id, v54.id, "budget", "kostnader", -58_348_000)
    ib = ek.internbudget.load(ib.id)
    assert ib.rad(v54.id).block("netto").budget == -56_303_000
    assert ib.summa("netto").budget == -315_243_000


def test_demo_has_both_years(demo_ek, von):
    assert demo_ek.internbudget.ar_lista(von) == [2022, 2023]
    assert demo_ek.internbudget.get(von, 2022).summa("netto").budget == -314_243_000

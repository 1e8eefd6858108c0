"""Never silently (issue 15, item 2): headings with units, month or accumulated figures,
the driftredovisning tables of real delårsrapporter and bokslut, columns no field reads."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.budget.belopp import Teckenkonvention
from app.budget.excel import UppfoljningImport
from app.budget.uppfoljning import UppfoljningService
from app.cli import main
from app.excel_import import ImportRefused, import_file, preview_file
from app.organisation import Namnd

#: The driftredovisning of a delårsrapport per augusti 2024 (Vård- och omsorgsnämnden),
#: headed and signed as printed: the month's own figures, deviations, the year's forecast.
AUGUSTI_2024 = [
    ["Verksamhetsområde", "Utfall Aug (tkr)", "Budget Aug (tkr)", "Avvikelse Aug (tkr)",
     "Avvikelse ack. Aug (tkr)", "Prognos helår 2024 (tkr)"],
    ["Förvaltningsgemensamt", -333, -2357, 2024, 10760, 13600],
    ["Förvaltningskontor", -20370, -19659, -711, -3975, -4600],
    ["Hälso- och sjukvård", -6324, -8176, 1852, -1348, -2000],
    ["Äldreomsorg", -31167, -31568, 401, -6867, -7000],
    ["Funktionsstöd", -24315, -24174, -141, -2196, 0],
    ["Resultat", -82509, -85934, 3425, -3626, 0],
]

#: January–July as the economy system gives it (tkr), chosen so that adding August's own
#: figures gives the accumulated deviations printed in the August table above.
JULI_2024 = {
    "Förvaltningsgemensamt": (-20000, -11264),   # deviation 8 736 + 2 024 = 10 760
    "Förvaltningskontor": (-140000, -143264),    # -3 264 - 711 = -3 975
    "Hälso- och sjukvård": (-60000, -63200),     # -3 200 + 1 852 = -1 348
    "Äldreomsorg": (-220000, -227268),           # -7 268 + 401 = -6 867
    "Funktionsstöd": (-170000, -172055),         # -2 055 - 141 = -2 196
}


@pytest.fixture
def nid(session):
    return session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id


def _book(path, rows, title="Driftredovisning"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _july(session, nid, tmp_path):
    path = _book(tmp_path / "juli.xlsx", [["Verksamhetsområde", "Budget ack", "Utfall ack"]]
                 + [[name, budget, utfall] for name, (budget, utfall) in JULI_2024.items()])
    assert import_file(session.db, UppfoljningImport(nid, 2024, manad=7, enhet="tkr"), path) == 5


def _figures(session, nid, ar, manad):
    u = UppfoljningService(session.db).get(nid, ar, manad)
    return {r.verksamhet.namn: r.siffror for r in u.rader}


def test_delarsrapport_august_table_lands_in_the_right_fields(session, nid, tmp_path):
    _july(session, nid, tmp_path)
    path = _book(tmp_path / "delar.xlsx", AUGUSTI_2024)
    # The nämnd keeps its figures in kr; the headings say tkr, so every figure is × 1000.
    target = UppfoljningImport(nid, 2024, manad=8, enhet="kr")
    preview = preview_file(session.db, target, path)
    assert preview.problems == [] and preview.unmapped == []
    assert {preview.headings[c]: k for c, k in preview.mapping.items()} == {
        "Verksamhetsområde": "verksamhet", "Utfall Aug (tkr)": "utfall_manad",
        "Budget Aug (tkr)": "budget_manad", "Prognos helår 2024 (tkr)": "prognos_avvikelse"}
    assert preview.notes == [
        "”Avvikelse Aug (tkr)” läses inte: avvikelserna räknas fram av programmet",
        "”Avvikelse ack. Aug (tkr)” läses inte: avvikelserna räknas fram av programmet",
        "”Utfall Aug (tkr)” räknas om från tkr till kr",
        "”Budget Aug (tkr)” räknas om från tkr till kr",
        "”Prognos helår 2024 (tkr)” räknas om från tkr till kr"]
    assert [s.reason for s in preview.skipped] == [
        "summarad rad ”Resultat” (summor räknas fram av programmet)"]
    assert import_file(session.db, target, path) == 5
    aug = _figures(session, nid, 2024, 8)
    gemensamt = aug["Förvaltningsgemensamt"]
    assert (gemensamt.utfall_ack, gemensamt.budget_ack) == (-11_597_000, -22_357_000)
    assert gemensamt.prognos_avvikelse == 13_600_000
    u = UppfoljningService(session.db).get(nid, 2024, 8)
    # What the program computes equals what the report printed, row by row and in total.
    printed = {r[0]: (r[1], r[2], r[3], r[4]) for r in AUGUSTI_2024[1:-1]}
    for rad in u.rader:
        s = rad.siffror
        utfall, budget, avvikelse, avvikelse_ack = printed[rad.verksamhet.namn]
        assert (s.utfall_manad, s.budget_manad) == (utfall * 1000, budget * 1000)
        assert (s.avvikelse_manad, s.avvikelse_ack) == (avvikelse * 1000, avvikelse_ack * 1000)
    assert u.resultat().avvikelse_ack == -3_626_000 and u.resultat().avvikelse_manad == 3_425_000
    assert u.resultat().prognos_avvikelse == 0


def test_month_figures_need_the_month_before(session, nid, tmp_path):
    path = _book(tmp_path / "delar.xlsx", AUGUSTI_2024)
    preview = preview_file(session.db, UppfoljningImport(nid, 2024, manad=8, enhet="tkr"), path)
    assert str(preview.problems[0]) == (
        "Blad Driftredovisning, rad 2, kolumn C (Budget månad): månadens belopp läggs till julis "
        "ackumulerade, men juli är inte inlagd; importera juli först eller en fil med ackumulerade belopp")
    with pytest.raises(ImportRefused):
        import_file(session.db, UppfoljningImport(nid, 2024, manad=8, enhet="tkr"), path)
    assert UppfoljningService(session.db).get(nid, 2024, 8) is None


def test_month_figures_that_disagree_with_the_accumulated_are_refused(session, nid, tmp_path):
    """Beside accumulated figures, a month's own figure must be their difference to the
    month before in the program: the program stores only the accumulated figures and
    shows the month as that difference, so a disagreeing file is refused whole."""
    _july(session, nid, tmp_path)
    rows = [["Verksamhetsområde", "Budget aug", "Utfall aug", "Budget ack. aug", "Utfall ack. aug"]]
    for name, (budget, utfall) in JULI_2024.items():
        rows.append([name, -2000, -2100, budget - 2000, utfall - 2100])
    rows[2][4] -= 500  # Förvaltningskontor: 500 tkr more utfall accumulated than July plus August
    path = _book(tmp_path / "augusti.xlsx", rows)
    target = UppfoljningImport(nid, 2024, manad=8, enhet="tkr")
    preview = preview_file(session.db, target, path)
    assert [str(p) for p in preview.problems] == [
        "Blad Driftredovisning, rad 3, kolumn C (Utfall månad): månadens utfall är -2\u00a0100 tkr i filen, "
        "men utfall ack. -145\u00a0864 tkr minus julis utfall ack. -143\u00a0264 tkr i programmet ger "
        "-2\u00a0600 tkr; rätta filen eller juli i programmet och importera igen"]
    with pytest.raises(ImportRefused):
        import_file(session.db, target, path)
    assert UppfoljningService(session.db).get(nid, 2024, 8) is None
    # The file put right imports, and the month the program shows is the file's.
    rows[2][4] += 500
    _book(path, rows)
    assert import_file(session.db, UppfoljningImport(nid, 2024, manad=8, enhet="tkr"), path) == 5
    kontor = _figures(session, nid, 2024, 8)["Förvaltningskontor"]
    assert (kontor.budget_manad, kontor.utfall_manad) == (-2_000_000, -2_100_000)


def test_a_month_heading_alone_is_refused_with_the_choices(session, nid, tmp_path):
    path = _book(tmp_path / "aug.xlsx", [["Verksamhet", "Budget aug", "Utfall aug"],
                                          ["Äldreomsorg", -31568, -31167]])
    target = UppfoljningImport(nid, 2024, manad=8, enhet="tkr")
    preview = preview_file(session.db, target, path)
    assert [str(p) for p in preview.problems] == [
        "Blad Driftredovisning, rad 1, kolumn B: rubriken ”Budget aug” kan vara augusti månads budget "
        "eller budget ackumulerat januari–augusti; välj fältet ”Budget månad” eller ”Periodiserad budget” "
        "för kolumnen (kommandoraden: --mapping '{\"Budget aug\": \"Budget månad\"}')",
        "Blad Driftredovisning, rad 1, kolumn C: rubriken ”Utfall aug” kan vara augusti månads utfall "
        "eller utfall ackumulerat januari–augusti; välj fältet ”Utfall månad” eller ”Utfall” "
        "för kolumnen (kommandoraden: --mapping '{\"Utfall aug\": \"Utfall månad\"}')"]
    # Told which, it imports: here the figures are January–August's.
    chosen = preview_file(session.db, target, path,
                          by_heading={"Budget aug": "Periodiserad budget", "Utfall aug": "Utfall"})
    assert chosen.problems == []
    assert import_file(session.db, target, path,
                       by_heading={"Budget aug": "Periodiserad budget", "Utfall aug": "Utfall"}) == 1
    s = _figures(session, nid, 2024, 8)["Äldreomsorg"]
    assert (s.budget_ack, s.utfall_ack) == (-31_568_000, -31_167_000)
    # "jan–aug" says it outright.
    plain = _book(tmp_path / "jan-aug.xlsx", [["Verksamhet", "Budget jan–aug, tkr", "Utfall jan-aug (kr)"],
                                               ["Äldreomsorg", -31568, -31167000]])
    preview = preview_file(session.db, UppfoljningImport(nid, 2024, manad=8, enhet="tkr"), plain)
    assert preview.problems == [] and sorted(preview.mapping.values()) == ["budget_ack", "utfall_ack",
                                                                           "verksamhet"]


def test_bokslut_table_of_a_year_end(session, nid, tmp_path):
    """The driftredovisning of a bokslut (costs positive): last year's outcome is named as
    not read, this year's outcome and budget land in the December uppföljning."""
    path = _book(tmp_path / "bokslut.xlsx", [
        ["Beskrivning", "Bokslut 2022 (tkr)", "Bokslut 2023 (tkr)", "Budget 2023 (tkr)",
         "Avvikelse 2023 (tkr)"],
        ["Socialförvaltningen", None, None, None, None],
        ["Intäkter", -70181, -71602, -62289, 9314],
        ["Personalkostnader", 279325, 305934, 299831, -6103],
        ["Löpande kostnader", 96387, 101737, 90740, -10998],
        ["Sa kostnader", 375712, 407671, 390571, -17100],
        ["Resultat", 305531, 336069, 328282, -7787],
    ], title="Bokslut")
    target = UppfoljningImport(nid, 2023, manad=12, enhet="kr", konvention=Teckenkonvention.INTAKTER_NEGATIVA)
    preview = preview_file(session.db, target, path)
    assert preview.problems == [] and preview.unmapped == []
    assert "”Bokslut 2022 (tkr)” läses inte: föregående års bokslut hör till den uppföljningen" \
        in preview.notes
    assert import_file(session.db, target, path) == 3
    u = UppfoljningService(session.db).get(nid, 2023, 12)
    personal = _figures(session, nid, 2023, 12)["Personalkostnader"]
    assert (personal.utfall_ack, personal.arsbudget, personal.budget_ack) == (
        -305_934_000, -299_831_000, -299_831_000)
    assert u.resultat().avvikelse_ack == -7_787_000  # as printed: utfall worse than budget


def test_cli_names_unrecognised_columns_and_takes_inline_mapping(session, nid, tmp_path, capsys):
    path = _book(tmp_path / "u.xlsx", [["Verksamhet", "Budget ack (tkr)", "Utfall ack (tkr)", "Kommentar"],
                                        ["Äldreomsorg", -250000, -258000, "Sjukfrånvaro"]])
    db = str(session.path)
    session.close()
    args = ["--db", db, "import", "budgetuppfoljning", str(path), "--period", "2024-08", "--enhet", "kr"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "u.xlsx: kolumnen ”Kommentar” känns inte igen och skulle inte importeras. Ange med --mapping" \
        in err
    assert "Ingenting importerades" in err
    assert main([*args, "--mapping", '{"Kommentar": ""}']) == 0
    out = capsys.readouterr().out
    assert "”Budget ack (tkr)” räknas om från tkr till kr" in out and "1 rader importerades" in out


def test_investeringsredovisning_of_a_bokslut(session, nid, tmp_path):
    """The investeringsredovisning of a bokslut ("Belopp anges i Tkr."): the budget after
    omdisponering and the deviation are computed, not read; the printed ones agree."""
    from app.budget.excel import InvesteringsredovisningImport
    from app.budget.investeringar import InvesteringService

    table = [
        ["Projekt", "Budget", "Förslag till omdisponering", "Budget 2023", "Utfall", "Avvikelse (tkr)",
         "Slutredovisas"],
        ["Grundutrustning/Sängar VoO", 200, -30, 170, 164, 6, "Ja"],
        ["SN div inventarier", 400, -400, 0, 0, 0, "Ja"],
        ["Inventarier hemsjukvården (bergs)", None, 180, 180, 168, 12, "Ja"],
        ["Inventarier administration och stab (Mellbos lokaler)", None, 220, 220, 238, -18, "Ja"],
        ["Inventarier Skållerudshemmet", None, 30, 30, 151, -121, "Nej"],
        ["SN Elcyklar", None, 100, 100, 0, 100, "Nej"],
        ["Summa", 600, 100, 700, 721, -21, None],
    ]
    path = _book(tmp_path / "inv.xlsx", table, title="Investeringsredovisning")
    target = InvesteringsredovisningImport(nid, 2023, manad=12, enhet="tkr")
    preview = preview_file(session.db, target, path)
    assert preview.problems == [] and preview.unmapped == []
    assert preview.notes == [
        "”Budget 2023” läses inte: budgeten efter omdisponering räknas fram av programmet",
        "”Avvikelse (tkr)” läses inte: räknas fram av programmet"]
    assert import_file(session.db, target, path) == 6
    red = InvesteringService(session.db).redovisning(nid, 2023, 12)
    assert [(p.projekt, p.budget_efter, p.utfall, p.avvikelse, p.slutredovisas) for p in red.projekt] == [
        (r[0], r[3] * 1000, r[4] * 1000, r[5] * 1000, r[6] == "Ja") for r in table[1:-1]]
    assert (red.summa("budget_efter"), red.summa("utfall"), red.summa("avvikelse")) == (
        700_000, 721_000, -21_000)


def test_a_percentage_is_refused_for_an_amount(session, nid, tmp_path):
    path = _book(tmp_path / "pct.xlsx", [["Verksamhet", "Budget ack (tkr)", "Utfall ack %"],
                                          ["Äldreomsorg", -250000, 103]])
    preview = preview_file(session.db, UppfoljningImport(nid, 2024, manad=8, enhet="kr"), path)
    assert [str(p) for p in preview.problems] == [
        "Blad Driftredovisning, rad 1, kolumn C (Utfall): rubriken ”Utfall ack %” är i %, men fältet Utfall "
        "är i kr; välj ett annat fält för kolumnen"]
    with pytest.raises(ImportRefused):
        import_file(session.db, UppfoljningImport(nid, 2024, manad=8, enhet="kr"), path)

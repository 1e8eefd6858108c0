"""Excel in and out for the registers: messy exports, every kind of bad row,
personnummer refused, and export → import round trips."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from app.excel_import import ImportRefused, import_file, preview_file
from app.organisation import Namnd, Person
from app.registers import Registers
from app.registers.delegation import BeslutFilter, Delegationsordning, Delegationspunkt
from app.registers.excel.read import (
    DelegationsbeslutImport,
    DelegationsordningImport,
    EjVerkstalldaImport,
    MeddelandeImport,
)
from app.registers.excel.write import export_evb_rapport, export_register
from app.registers.meddelanden import MeddelandeFilter


@pytest.fixture
def namnd_id(session):
    return session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id


def workbook(path, title, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_delegation_export_from_a_case_system(session, namnd_id, tmp_path):
    reg = Registers(session.db)
    session.organisation.save_person(Person("Annika", "Holm", titel="Socialchef", ar_tjansteman=True))
    reg.delegation.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen="2021-12-15", punkter=[
        Delegationspunkt("2.1", "Investeringsmedel", "Förvaltningschef"),
        Delegationspunkt("5.1", "Kurser", "Förvaltningschef")]))
    path = workbook(tmp_path / "delegation.xlsx", "Delegationsbeslut", [
        ["Delegationsbeslut att anmäla 2022-02-28"],
        [],
        ["Beslutsdatum", "T.o.m.", "Grupp", "Diarienr", "Beslutet avser", "Beslutsfattare", "Del.punkt",
         "Paragraf", "Antal"],
        ["2022-02-14", None, "Au protokoll", None, None, "Arbetsutskottet", None, "§ 15-19", None],
        [44531, "2021-12-31", "Biståndsbeslut", None, None, "Biståndshandläggare", None, None, None],
        [datetime(2022, 2, 7), None, "Delegationsbeslut", "VoN 2021/1",
         "Överföring av investeringsmedel – Ehälsa", "annika  holm", 2.1, None, None],
        [None, None, "Kurser", None, "Funktionell sittställning", None, None, None, None],
        ["28/2 2022", None, "Anställningsavtal", None, None, "Närmaste chef", None, None, "227"],
    ], merges=["A1:I1"])
    preview = preview_file(session.db, DelegationsbeslutImport(namnd_id), path)
    assert preview.problems == []
    assert import_file(session.db, DelegationsbeslutImport(namnd_id), path) == 5
    items = reg.delegation.beslut(reg.delegation.beslut_ids(BeslutFilter(namnd_id=namnd_id), "datum", False))
    assert [(b.form, b.entry_text(), b.kategori_namn) for b in items] == [
        ("period", "2021-12-01 – 2021-12-31", "Biståndsbeslut"),
        ("beslut", "VoN 2021/1 Överföring av investeringsmedel – Ehälsa", "Delegationsbeslut"),
        ("protokoll", "2022-02-14 § 15-19", "Au protokoll"),
        ("antal", "227", "Anställningsavtal"),
        ("text", "Funktionell sittställning", "Kurser"),
    ]
    beslut = items[1]
    assert beslut.delegat_namn == "Annika Holm" and beslut.delegat_person_id is not None
    assert beslut.punkt == "2.1" and beslut.punkt_id is not None
    assert [k.namn for k in reg.delegation.kategorier(namnd_id)] == [
        "Au protokoll", "Biståndsbeslut", "Delegationsbeslut", "Kurser", "Anställningsavtal"]


def test_every_kind_of_bad_delegation_row(session, namnd_id, tmp_path):
    reg = Registers(session.db)
    reg.delegation.save_ordning(Delegationsordning(namnd_id=namnd_id, antagen="2021-12-15", punkter=[
        Delegationspunkt("2.1", "Investeringsmedel", "Förvaltningschef")]))
    path = workbook(tmp_path / "fel.xlsx", "Blad1", [
        ["Datum", "Till", "Dnr", "Ärende", "Punkt", "Antal"],
        ["31/13 2022", None, "VON 2022/1", "Felaktigt datum", None, None],
        ["2022-02-01", "2022-01-01", None, None, None, None],
        ["2022-02-01", None, 2022, "Dnr som tal", None, None],
        ["2022-02-01", None, "VON 2022/2", "Okänd punkt", "9.9", None],
        ["2022-02-01", None, "VON 2022/3", "Gäller 19450101-1234", None, None],
        ["2022-02-01", None, None, None, None, "många"],
        [],
        ["2022-02-02", None, "VON 2022/4", "Dubblett", None, None],
        ["2022-02-02", None, "VON 2022/4", "Dubblett", None, None],
    ])
    preview = preview_file(session.db, DelegationsbeslutImport(namnd_id), path)
    assert [str(p) for p in preview.problems] == [
        "Blad Blad1, rad 2, kolumn A (Datum): ”31/13 2022” är inget datum",
        "Blad Blad1, rad 3, kolumn B (Till): Perioden slutar (2022-01-01) före den börjar (2022-02-01).",
        "Blad Blad1, rad 4, kolumn C (Dnr): talet 2022 står där det ska vara text",
        "Blad Blad1, rad 6, kolumn D (Ärende): Beskrivningen ser ut att innehålla ett personnummer "
        "(”19450101-XXXX”). Personnummer får inte föras in i registret.",
        "Blad Blad1, rad 7, kolumn F (Antal): ”många” är inget tal",
        "Blad Blad1, rad 7, kolumn D (Ärende): Ange vad beslutet gäller (beskrivning eller Dnr).",
        "Blad Blad1, rad 10: raden är en dubblett av rad 9",
    ]
    # A point missing from the ordning does not make the decision false: a warning.
    assert [str(p) for p in preview.warnings] == [
        "Blad Blad1, rad 5: Punkt 9.9 finns inte i delegationsordningen antagen 2021-12-15."]
    with pytest.raises(ImportRefused):
        import_file(session.db, DelegationsbeslutImport(namnd_id), path)
    assert reg.delegation.count(BeslutFilter()) == 0
    assert session.db.execute("SELECT COUNT(*) FROM delegationskategori").fetchone()[0] == 0


def test_meddelanden_from_csv_and_again_recognised_as_unchanged(session, namnd_id, tmp_path):
    path = tmp_path / "meddelanden.csv"
    path.write_text("Diarienummer;Handlingsrubrik;Inkom datum;Avsändare\n"
                    "VON 2022/44-73;Utskrivningsklara januari 2022;2022-02-03;Region Sörmland\n"
                    "VON 2021/277-73;Åtgärder efter delgivningen;8/2 2022;Arbetsmiljöverket\n",
                    encoding="utf-8")
    assert import_file(session.db, MeddelandeImport(namnd_id), path) == 2
    svc = Registers(session.db).meddelanden
    assert [m.inkom for m in svc.meddelanden(svc.ids(MeddelandeFilter(namnd_id=namnd_id), "inkom", False))] \
        == ["2022-02-03", "2022-02-08"]
    # The same file again: both rows are recognised as already in the register.
    again = preview_file(session.db, MeddelandeImport(namnd_id), path)
    assert again.problems == []
    assert again.summary() == "0 nya, 0 ändrade, 2 oförändrade och 0 refuserade rader"
    assert import_file(session.db, MeddelandeImport(namnd_id), path) == 0
    assert svc.count(MeddelandeFilter(namnd_id=namnd_id)) == 2


def test_evb_table_like_seed_004_and_personnummer_refused(session, namnd_id, tmp_path):
    header = ["Beslut om", "Besluts-datum", "Antal dagar", "Kvinna eller man",
              "Tackat nej till erbjuden plats (1) Resursbrist (2) Annat (3)"]
    rows = [header,
            ["LSS – gruppboende", "2020-01-14", 748, "M", 1],
            ["Äldreboende- demens", "2021-08-12", 172, "M", 1],
            ["Äldreboende – demens", "2021-09-17", 136, "M", 2],
            ["Äldreboende – servicelägenhet", "2021-10-28", 95, "K", 1],
            ["Äldreboende – servicelägenhet", "2021-10-28", 95, "K", 1]]
    path = workbook(tmp_path / "evb.xlsx", "Statistik", rows)
    preview = preview_file(session.db, EjVerkstalldaImport(namnd_id), path)
    assert preview.problems == []
    assert preview.mapping == {0: "insats", 1: "beslutsdatum", 3: "kon", 4: "orsak"}
    assert import_file(session.db, EjVerkstalldaImport(namnd_id), path) == 5
    rapport = Registers(session.db).evb.rapport(namnd_id, date(2022, 1, 31))
    assert (rapport.antal, rapport.kvinnor, rapport.man, rapport.tackat_nej) == (5, 2, 3, 4)
    assert rapport.per_insats() == [("LSS – gruppboende", 1), ("Äldreboende- demens", 2),
                                    ("Äldreboende – servicelägenhet", 2)]
    assert rapport.rader[0].lag == "LSS" and rapport.rader[1].lag == "SoL"

    bad = workbook(tmp_path / "pnr.xlsx", "Statistik", [
        ["Insats", "Beslutsdatum", "Kön", "Orsak", "Kommentar"],
        ["Korttidsvistelse", "2022-01-03", "K", 3, "Gäller 450101-1234"],
        ["Korttidsvistelse 19450101-1234", "2022-01-03", "kvinna", 2, None],
        ["Korttidsvistelse", "2022-01-03", "X", 5, None]])
    preview = preview_file(session.db, EjVerkstalldaImport(namnd_id), bad)
    assert [str(p) for p in preview.problems] == [
        "Blad Statistik, rad 2, kolumn E (Orsak, text): Orsaken ser ut att innehålla ett personnummer "
        "(”450101-XXXX”). Personnummer får inte föras in i registret.",
        "Blad Statistik, rad 3, kolumn A (Insats): Insatsen ser ut att innehålla ett personnummer "
        "(”19450101-XXXX”). Personnummer får inte föras in i registret.",
        "Blad Statistik, rad 4, kolumn C (Kön): ”X” är inget av de tillåtna värdena (K, M)",
        "Blad Statistik, rad 4, kolumn D (Orsak): ”5” är inget av de tillåtna värdena (1, 2, 3)",
    ]


def test_delegationsordning_import_makes_a_version(session, namnd_id, tmp_path):
    path = workbook(tmp_path / "ordning.xlsx", "Delegationsordning", [
        ["Nr", "Ärendetyp", "Delegat", "Lagrum", "Kommentar"],
        [1.1, "Brådskande ärenden", "Ordförande", "Kommunallagen 6 kap. 39 §", None],
        ["3.2", "Bistånd i form av särskilt boende", "Enhetschef myndighet", "Socialtjänstlagen", None],
        ["3.2", "Dubblett", "X", None, None]])
    with pytest.raises(ImportRefused, match="rad 4: raden är en dubblett av rad 3"):
        import_file(session.db, DelegationsordningImport(namnd_id, "2021-12-15"), path)
    wb = openpyxl.load_workbook(path)
    wb.active.delete_rows(4)
    wb.save(path)
    assert import_file(session.db, DelegationsordningImport(namnd_id, date(2021, 12, 15), "§ 58"), path) == 2
    svc = Registers(session.db).delegation
    ordning = svc.ordning_i_kraft(namnd_id, "2022-01-01")
    assert (ordning.antagen, ordning.paragraf) == ("2021-12-15", "§ 58")
    assert [(p.nummer, p.delegat) for p in ordning.punkter] == [("1.1", "Ordförande"),
                                                               ("3.2", "Enhetschef myndighet")]


@pytest.fixture
def demo(demo_session):
    from demo_day import DEMO_DAY

    from app.demo_calendar import DemoCalendar
    from app.registers import demo as register_demo

    if not demo_session.db.execute("SELECT 1 FROM delegationskategori").fetchone():
        register_demo.populate(demo_session.db, DemoCalendar(DEMO_DAY))
    von = demo_session.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    return demo_session, von


@pytest.mark.parametrize("kind, target, table", [
    ("delegationsbeslut", DelegationsbeslutImport, "delegationsbeslut"),
    ("meddelanden", MeddelandeImport, "meddelande"),
    ("evb", EjVerkstalldaImport, "ej_verkstallt_beslut"),
])
def test_round_trip_export_then_import(demo, tmp_path, kind, target, table):
    session, von = demo
    from app.registers.delegation import BeslutFilter as BF
    from app.registers.ej_verkstallda import EvbFilter
    from app.registers.meddelanden import MeddelandeFilter as MF

    selection = {"delegationsbeslut": BF(namnd_id=von), "meddelanden": MF(namnd_id=von),
                 "evb": EvbFilter(namnd_id=von)}[kind]
    path = tmp_path / f"{kind}.xlsx"
    exported = export_register(session.db, kind, path, selection)
    stored = session.db.execute(f"SELECT COUNT(*) FROM {table} WHERE namnd_id = ?", [von]).fetchone()[0]
    assert exported == stored
    # Everything is already there: importing the same file again changes nothing.
    again = preview_file(session.db, target(von), path)
    assert again.problems == [] and again.count("oförändrad") == exported
    other = session.organisation.save_namnd(Namnd("Socialnämnden", "SN")).id
    assert import_file(session.db, target(other), path) == exported
    columns = {"delegationsbeslut": "datum, datum_till, form, dnr, beskrivning, antal, paragrafer, punkt",
               "meddelanden": "dnr, rubrik, inkom, avsandare",
               "evb": "insats, lag, beslutsdatum, avbrott, kon, orsak, orsak_text, erbjudanden, tackat_nej, "
                      "verkstallt, avslutat"}[kind]

    def rows(nid):
        query = f"SELECT {columns} FROM {table} WHERE namnd_id = ?"
        return sorted(map(tuple, session.db.execute(query, [nid])), key=repr)

    assert rows(other) == rows(von)


def test_report_as_excel(demo, tmp_path):
    session, von = demo
    rapport = Registers(session.db).evb.rapport(von, "2022-01-31")
    assert export_evb_rapport(rapport, tmp_path / "r.xlsx", "Vård- och omsorgsnämnden") == 1 + 4 + 8
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    values = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    values = [v for v in values if v]
    assert values[0] == ["Statistikrapport den 31 januari 2022"]
    assert [8, 3, 5, 7] in values
    assert ["LSS – gruppbostad", 2] in values
    assert ["LSS – gruppbostad", "LSS", datetime(2020, 1, 14), 748, "M", 1,
            "Tackat nej till erbjuden plats"] in values


def test_report_as_excel_marks_an_interrupted_decision_as_the_pdf_does(session, tmp_path):
    from app.registers.ej_verkstallda import EjVerkstalltBeslut

    nid = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    evb = Registers(session.db).evb
    evb.save(EjVerkstalltBeslut(nid, "LSS – kontaktperson", "LSS", "2020-05-01", avbrott="2021-12-01",
                                kon="K", orsak=3, orsak_text="Ny kontaktperson söks"))
    evb.save(EjVerkstalltBeslut(nid, "Korttid", "SoL", "2021-10-01", kon="M", orsak=2))
    path = tmp_path / "r.xlsx"
    export_evb_rapport(evb.rapport(nid, date(2022, 3, 15)), path)
    ws = openpyxl.load_workbook(path).active
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
    interrupted, waiting = rows["LSS – kontaktperson"][3], rows["Korttid"][3]
    # Still numbers (a sum counts them); the interrupted one is shown "104 *".
    assert (interrupted.value, interrupted.number_format) == (104, '#,##0" *"')
    assert (waiting.value, waiting.number_format) == (165, "#,##0")
    last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value)
    assert ws.cell(last, 1).value == ("* Verkställigheten avbröts och har inte återupptagits; dagarna räknas "
                                      "från avbrottet.")
    assert last == max(interrupted.row, waiting.row) + 1  # right under the table

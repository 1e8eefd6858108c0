"""The shared Excel import: header detection, mapping, value parsing, problems with
their place, all-or-nothing storing, remembered mappings, export."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from app.excel_import import (
    ExportColumn,
    FieldSpec,
    ImportFileError,
    ImportRefused,
    ImportTarget,
    MappingStore,
    apply_import,
    build_preview,
    import_file,
    preview_file,
    read_sheet,
    sheet_names,
    write_xlsx,
)
from app.excel_import.values import CellError, column_letter, parse_date, parse_decimal, parse_int


class Beslut(ImportTarget):
    kind = "testbeslut"
    title = "Testbeslut"
    fields = (
        FieldSpec("datum", "Datum", "date", ("Beslutsdatum", "Datum för beslut"), required=True),
        FieldSpec("dnr", "Dnr", "text", ("Diarienummer",)),
        FieldSpec("rubrik", "Ärende", "text", ("Rubrik", "Beskrivning"), required=True),
        FieldSpec("antal", "Antal", "int"),
        FieldSpec("kon", "Kön", "choice", choices={"K": "K", "Kvinna": "K", "M": "M", "Man": "M"}),
    )

    def __init__(self, fail_after: int | None = None):
        self.fail_after = fail_after

    def row_key(self, values):
        return (values["datum"], values["dnr"], values["rubrik"])

    def existing_keys(self, db):
        return {(date.fromisoformat(r[0]), r[1], r[2])
                for r in db.execute("SELECT datum, dnr, rubrik FROM testbeslut")}

    def store(self, db, rows):
        for n, row in enumerate(rows):
            if self.fail_after is not None and n == self.fail_after:
                raise RuntimeError("disk full")
            db.execute("INSERT INTO testbeslut (datum, dnr, rubrik, antal, kon) VALUES (?,?,?,?,?)",
                       [row["datum"].isoformat(), row["dnr"], row["rubrik"], row["antal"], row["kon"]])
        return len(rows)


@pytest.fixture
def db(session):
    session.db.execute("CREATE TABLE testbeslut (datum TEXT, dnr TEXT, rubrik TEXT, antal INT, kon TEXT)")
    return session.db


def count(db) -> int:
    return db.execute("SELECT COUNT(*) FROM testbeslut").fetchone()[0]


def messy_workbook(path, bad_date: str | None = None):
    """Title banner, a blank row, a two-row header with merged cells, data whose dates
    are real dates, ISO text, Excel serials and Swedish text, a blank row and a merged
    category row inside the list."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Delegationsbeslut"
    ws["A1"] = "Delegationsbeslut februari 2022"
    ws.merge_cells("A1:E1")
    ws["A3"] = "  BESLUTSDATUM "
    ws.merge_cells("A3:A4")
    ws["B3"] = "Ärende"
    ws.merge_cells("B3:C3")
    ws["B4"] = "Diarie-nummer"
    ws["C4"] = "Rubrik:"
    ws["D3"] = "Antal"
    ws.merge_cells("D3:D4")
    ws["E4"] = "kön"
    ws.append([datetime(2022, 2, 14), "VoN 2021/1", "Överföring av investeringsmedel – Ehälsa", 1, "K"])
    ws.append(["2022-02-15", "VON 2022/44-73", "Utskrivningsklara januari 2022", "1 234", "Man"])
    ws.append([44620, "VON 2021/277-73", "Åtgärder efter delgivningen", None, None])
    ws.append([])
    ws.append(["28/2 2022", None, "Anställningsavtal", "227", "m"])
    ws.append(["Kurser"])
    ws.merge_cells("A10:E10")
    ws.append(["2022-03-01 00:00", "", "Funktionell sittställning\u00ad & <kurs>", 2.0, "kvinna"])
    ws.append(["2022-03-02", "VON 2022/2", "Nätverksträff   Språkfokus", None, ""])
    ws.append([])
    if bad_date:
        ws.append([bad_date, "VON 2022/3", "Felaktigt datum", None, None])  # row 14
    wb.save(path)
    return path


def test_messy_sheet_reads_with_every_shape_of_date(db, tmp_path):
    path = messy_workbook(tmp_path / "delegation.xlsx")
    preview = preview_file(db, Beslut(), path)
    assert preview.problems == []
    assert preview.header_row == 4
    assert preview.mapping == {0: "datum", 1: "dnr", 2: "rubrik", 3: "antal", 4: "kon"}
    assert [r.excel_row for r in preview.rows] == [5, 6, 7, 9, 11, 12]
    assert [(s.excel_row, s.reason) for s in preview.skipped] == [
        (8, "tom rad"), (10, "sammanslagen rad ”Kurser”")]
    dates = [r.values["datum"] for r in preview.rows]
    assert dates == [date(2022, 2, 14), date(2022, 2, 15), date(2022, 2, 28), date(2022, 2, 28),
                     date(2022, 3, 1), date(2022, 3, 2)]
    assert [r.values["antal"] for r in preview.rows] == [1, 1234, None, 227, 2, None]
    assert [r.values["kon"] for r in preview.rows] == ["K", "M", None, "M", "K", None]
    assert preview.rows[4].values["rubrik"] == "Funktionell sittställning & <kurs>"
    assert preview.rows[5].values["rubrik"] == "Nätverksträff Språkfokus"
    assert apply_import(db, Beslut(), preview) == 6
    assert count(db) == 6
    assert db.execute("SELECT datum FROM testbeslut WHERE rubrik LIKE 'Åtgärder%'").fetchone()[0] \
        == "2022-02-28"


def test_bad_row_is_located_and_nothing_is_stored(db, tmp_path):
    path = messy_workbook(tmp_path / "delegation.xlsx", bad_date="31/13 2022")
    preview = preview_file(db, Beslut(), path)
    assert [str(p) for p in preview.problems] == [
        "Blad Delegationsbeslut, rad 14, kolumn A (Datum): ”31/13 2022” är inget datum"]
    assert preview.problems[0].with_file().startswith("delegation.xlsx: Blad Delegationsbeslut, rad 14")
    assert not preview.can_import
    with pytest.raises(ImportRefused) as refused:
        apply_import(db, Beslut(), preview)
    assert "rad 14" in str(refused.value)
    assert count(db) == 0


def test_every_problem_is_collected_not_only_the_first(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws.append(["Datum", "Dnr", "Ärende", "Antal", "Kön"])
    ws.append(["2022-02-30", 2022.1, None, "många", "X"])
    ws.append([date(2022, 1, 1), "2022/1", 42, 3.5, "K"])
    wb.save(tmp_path / "f.xlsx")
    preview = preview_file(db, Beslut(), tmp_path / "f.xlsx")
    assert [str(p) for p in preview.problems] == [
        "Blad Blad1, rad 2, kolumn A (Datum): ”2022-02-30” är inget datum",
        "Blad Blad1, rad 2, kolumn B (Dnr): talet 2022,1 står där det ska vara text",
        "Blad Blad1, rad 2, kolumn C (Ärende): Ärende saknas (måste fyllas i)",
        "Blad Blad1, rad 2, kolumn D (Antal): ”många” är inget tal",
        "Blad Blad1, rad 2, kolumn E (Kön): ”X” är inget av de tillåtna värdena (K, M)",
        "Blad Blad1, rad 3, kolumn C (Ärende): talet 42 står där det ska vara text",
        "Blad Blad1, rad 3, kolumn D (Antal): ”3,5” är inget heltal",
    ]


def test_failure_while_storing_rolls_everything_back(db, tmp_path):
    path = messy_workbook(tmp_path / "delegation.xlsx")
    preview = preview_file(db, Beslut(), path)
    with pytest.raises(RuntimeError):
        apply_import(db, Beslut(fail_after=4), preview)
    assert count(db) == 0
    assert db.execute("SELECT COUNT(*) FROM excel_mappning").fetchone()[0] == 0


def test_duplicates_in_file_and_in_register(db, tmp_path):
    path = messy_workbook(tmp_path / "delegation.xlsx")
    assert import_file(db, Beslut(), path) == 6
    again = preview_file(db, Beslut(), path)
    assert len(again.problems) == 6
    assert str(again.problems[0]) == "Blad Delegationsbeslut, rad 5: raden finns redan i registret"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Datum", "Ärende"])
    ws.append(["2023-01-01", "Samma"])
    ws.append(["2023-01-01", "Samma"])
    wb.save(tmp_path / "dup.xlsx")
    dup = preview_file(db, Beslut(), tmp_path / "dup.xlsx")
    assert [str(p) for p in dup.problems] == ["Blad Sheet, rad 3: raden är en dubblett av rad 2"]


def test_unmapped_required_field_and_double_mapping(db, tmp_path):
    path = messy_workbook(tmp_path / "delegation.xlsx")
    grid = read_sheet(path)
    preview = build_preview(grid, Beslut(), {1: "dnr", 2: "dnr"}, 3)
    texts = [str(p) for p in preview.problems]
    assert "Blad Delegationsbeslut, Datum: ingen kolumn är vald för Datum, som måste fyllas i" in texts
    assert "Blad Delegationsbeslut, Dnr: fältet Dnr är valt för flera kolumner (B och C); välj en" in texts


def test_user_corrections_override_cells(db, tmp_path):
    path = messy_workbook(tmp_path / "delegation.xlsx", bad_date="31/13 2022")
    grid = read_sheet(path)
    preview = build_preview(grid, Beslut(), overrides={(14, 0): "2022-12-31"})
    assert preview.problems == []
    assert preview.rows[-1].values["datum"] == date(2022, 12, 31)


def test_mapping_is_remembered_per_source(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["När", "Vad", "Okänd"])
    ws.append(["2022-01-05", "Något", "x"])
    wb.save(tmp_path / "odd.xlsx")
    first = preview_file(db, Beslut(), tmp_path / "odd.xlsx")
    assert first.mapping == {}
    assert not first.can_import
    manual = build_preview(read_sheet(tmp_path / "odd.xlsx"), Beslut(), {0: "datum", 1: "rubrik"}, 0)
    assert apply_import(db, Beslut(), manual) == 1
    wb.active.cell(2, 2).value = "Något annat"
    wb.save(tmp_path / "odd_next_month.xlsx")
    second = preview_file(db, Beslut(), tmp_path / "odd_next_month.xlsx")
    assert second.mapping == {0: "datum", 1: "rubrik"}
    assert second.can_import
    assert MappingStore(db).load("annat", "Export", ["När", "Vad", "Okänd"], Beslut.fields) is None


def test_mapping_by_heading_from_the_command_line(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["När", "Vad"])
    ws.append(["2022-01-05", "Något"])
    wb.save(tmp_path / "odd.xlsx")
    preview = preview_file(db, Beslut(), tmp_path / "odd.xlsx", by_heading={"när": "Datum", "Vad": "rubrik"})
    assert preview.mapping == {0: "datum", 1: "rubrik"}
    bad = preview_file(db, Beslut(), tmp_path / "odd.xlsx", by_heading={"Saknas": "Datum", "Vad": "Färg"})
    assert "Mappningen nämner fältet ”Färg”" in str(bad.problems[0])
    assert "rubriken ”Saknas”, som inte finns i filen" in str(bad.problems[1])


def test_csv_export_from_a_case_system(db, tmp_path):
    path = tmp_path / "meddelanden.csv"
    path.write_bytes("Beslutsdatum;Diarienummer;Rubrik\n2022-02-28;VON 2022/44-73;Utskrivningsklara\n"
                     "\n28/2 2022;VON 2021/277-73;Åtgärder\n".encode("cp1252"))
    preview = preview_file(db, Beslut(), path)
    assert preview.problems == []
    assert [r.values["rubrik"] for r in preview.rows] == ["Utskrivningsklara", "Åtgärder"]
    assert sheet_names(path) == ["meddelanden"]


def test_unreadable_files_say_why(tmp_path):
    (tmp_path / "gammal.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFileError, match="gamla Excel-formatet"):
        sheet_names(tmp_path / "gammal.xls")
    (tmp_path / "trasig.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ImportFileError, match="kan inte läsas som en Excel-fil"):
        read_sheet(tmp_path / "trasig.xlsx")
    with pytest.raises(ImportFileError, match="finns inte"):
        read_sheet(tmp_path / "saknas.xlsx")
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "ok.xlsx")
    with pytest.raises(ImportFileError, match="inget blad som heter ”Nej”"):
        read_sheet(tmp_path / "ok.xlsx", "Nej")


@pytest.mark.parametrize("text, expected", [
    ("2022-02-28", date(2022, 2, 28)), ("2022-02-28 00:00", date(2022, 2, 28)),
    ("2022-02-28T13:45:00", date(2022, 2, 28)), ("28/2 2022", date(2022, 2, 28)),
    ("28.02.2022", date(2022, 2, 28)), ("20220228", date(2022, 2, 28)),
    ("28 februari 2022", date(2022, 2, 28)), ("Måndagen den 28 februari 2022", date(2022, 2, 28)),
    (44620, date(2022, 2, 28)), (44620.5, date(2022, 2, 28)), ("44620", date(2022, 2, 28)),
    (datetime(2022, 2, 28, 10, 5), date(2022, 2, 28)),
])
def test_date_shapes(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, message", [
    ("31/13 2022", "”31/13 2022” är inget datum"), ("2021-02-29", "”2021-02-29” är inget datum"),
    (12, "talet 12 är inget datum"), ("snart", "”snart” är inget datum"),
])
def test_bad_dates(text, message):
    with pytest.raises(CellError) as err:
        parse_date(text)
    assert str(err.value) == message


def test_numbers():
    assert parse_decimal("1 234,50") == Decimal("1234.50")
    assert parse_decimal("1\u00a0234") == Decimal(1234)
    assert parse_decimal("\u221212,5") == Decimal("-12.5")
    assert parse_decimal("1.234,5") == Decimal("1234.5")
    assert parse_int("227") == 227
    assert parse_int(3.0) == 3
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_export_writes_real_dates_numbers_and_widths(tmp_path):
    path = tmp_path / "ut.xlsx"
    columns = [ExportColumn("Datum", "date"), ExportColumn("Dnr"), ExportColumn("Antal", "int"),
               ExportColumn("Belopp (tkr)", "decimal", decimals=1), ExportColumn("Ärende")]
    long_title = "Beslut KF 2022-02-07 Antagande av program för mål och uppföljning av privata utförare"
    rows = [("2022-02-28", "VON 2022/44-73", 227, Decimal("1234.5"), long_title),
            (date(2022, 3, 1), "VON 2022/2", "1 234", None, "=Summa")]
    assert write_xlsx(path, "Delegationsbeslut: februari/mars", columns, rows) == 2
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws.title == "Delegationsbeslut- februari-mar"
    assert [c.value for c in ws[1]] == ["Datum", "Dnr", "Antal", "Belopp (tkr)", "Ärende"]
    assert ws[1][0].font.b
    assert ws.freeze_panes == "A2"
    assert ws["A2"].value == datetime(2022, 2, 28) and ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value == 227 and ws["C2"].number_format == "#,##0"
    assert ws["C3"].value == 1234
    assert ws["D2"].value == 1234.5 and ws["D2"].number_format == "#,##0.0"
    assert ws["E3"].value == "=Summa" and ws["E3"].data_type == "s"
    assert ws.column_dimensions["A"].width == 12
    assert ws.column_dimensions["E"].width == 60
    assert ws.auto_filter.ref == "A1:E3"


def test_fast_sheet_reader_gives_what_openpyxl_gives(tmp_path, monkeypatch):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from app.excel_import import reading

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blandat"
    ws.append(["Text", 42, 3.25, -7, True, False, None, "  mellanslag  "])
    ws.append([datetime(2022, 2, 28, 14, 15), date(2021, 12, 31), 44620, "2022-02-28", "=1+1", "Å Ä Ö"])
    ws["C2"].number_format = "yyyy-mm-dd"
    ws["A5"] = CellRichText(["Fet ", TextBlock(InlineFont(b=True), "text")])
    ws["F7"] = 1e-05
    ws["B9"] = "sist"
    wb.save(tmp_path / "blandat.xlsx")
    grid = read_sheet(tmp_path / "blandat.xlsx")
    reference = openpyxl.load_workbook(tmp_path / "blandat.xlsx", read_only=True, data_only=True)
    ref_ws = reference.active
    ref_ws.reset_dimensions()
    expected = [list(r) for r in ref_ws.iter_rows(min_row=1, values_only=True)]
    reference.close()
    width = grid.width
    assert grid.rows == [r + [None] * (width - len(r)) for r in expected]
    assert grid.rows[1][2] == datetime(2022, 2, 28)  # a serial with a date format is a date
    assert grid.rows[4][0] == "Fet text"
    assert len(grid.rows) == 9

    # The same file through openpyxl's own reader gives the same grid.
    monkeypatch.setattr(reading, "_fast_rows", lambda *a: None)
    assert read_sheet(tmp_path / "blandat.xlsx").rows == grid.rows


def test_large_sheet_reports_progress_and_can_be_cancelled(db, tmp_path):
    from app.excel_import import ImportCancelled

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Stor")
    ws.append(["Datum", "Dnr", "Ärende"])
    for i in range(5000):
        ws.append([f"2022-01-{i % 28 + 1:02d}", f"VON 2022/{i + 1}", f"Ärende {i + 1}"])
    wb.save(tmp_path / "stor.xlsx")
    seen = []
    preview = preview_file(db, Beslut(), tmp_path / "stor.xlsx", progress=lambda i, n: seen.append((i, n)))
    assert len(preview.rows) == 5000 and not preview.problems
    assert len(seen) > 10 and seen[-1][0] == seen[-1][1]
    with pytest.raises(ImportCancelled):
        read_sheet(tmp_path / "stor.xlsx", cancelled=lambda: True)
    assert apply_import(db, Beslut(), preview) == 5000
    assert count(db) == 5000

"""Incremental imports and warnings (issue 15, items 3 and 4): a cumulative monthly file
imports its new rows only, a date filled in later updates its entry, a change to a final
record is refused, and rows whose references the program cannot resolve are imported
marked "Behöver granskas"."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest

from app.cli import main
from app.excel_import import ImportRefused, apply_import, import_file, preview_file
from app.organisation import Namnd
from app.registers import Registers
from app.registers.delegation import BeslutFilter, Delegationsordning, Delegationspunkt
from app.registers.ej_verkstallda import EvbFilter
from app.registers.excel.read import DelegationsbeslutImport, EjVerkstalldaImport
from app.registers.reporting import ReportingService
from tests.meeting_fixtures import make_org

HEADINGS = ["Beslutsdatum", "Grupp", "Diarienr", "Beslutet avser", "Beslutsfattare", "Del.punkt"]
ROLES = ["Förvaltningschef", "Enhetschef myndighet", "Biståndshandläggare"]


@pytest.fixture
def namnd_id(session):
    nid = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    Registers(session.db).delegation.save_ordning(Delegationsordning(nid, "2020-01-01", punkter=[
        Delegationspunkt(p, f"Ärendetyp {p}", role) for p, role in (("1.1", ROLES[0]), ("2.1", ROLES[1]),
                                                                     ("3.1", ROLES[2]))]))
    return nid


def beslut_rows(first: int, count: int, punkt=lambda i: ("1.1", "2.1", "3.1")[i % 3],
                kategori: str = "Biståndsbeslut") -> list[list]:
    start = date(2024, 1, 1)
    return [[start + timedelta(days=i % 300), kategori, f"VON 2024/{i + 1}",
             f"Beslut om bistånd nr {i + 1}", ROLES[i % 3], punkt(i)] for i in range(first, first + count)]


def save(path, headings, rows, title="Delegationsbeslut"):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.append(headings)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_cumulative_monthly_file_imports_the_new_rows_only(session, namnd_id, tmp_path):
    svc = Registers(session.db).delegation
    march = save(tmp_path / "mars.xlsx", HEADINGS, beslut_rows(0, 1500))
    assert import_file(session.db, DelegationsbeslutImport(namnd_id), march) == 1500
    # April's file: March's 1,500 rows again, one of them with its delegat corrected, and 10 new.
    rows = beslut_rows(0, 1500) + beslut_rows(1500, 10)
    rows[41][4] = "Förvaltningschef"
    april = save(tmp_path / "april.xlsx", HEADINGS, rows)
    preview = preview_file(session.db, DelegationsbeslutImport(namnd_id), april)
    assert preview.problems == []
    assert preview.summary() == "10 nya, 1 ändrad (Delegat 1), 1499 oförändrade och 0 refuserade rader"
    changed = next(r for r in preview.rows if r.status == "ändrad")
    assert (changed.excel_row, changed.changes) == (43, ["Delegat"])
    assert apply_import(session.db, DelegationsbeslutImport(namnd_id).bind(session.db), preview) == 11
    assert svc.count(BeslutFilter(namnd_id)) == 1510
    entry = [b for b in svc.beslut(svc.beslut_ids(BeslutFilter(namnd_id, text="VON 2024/42")))
             if b.dnr == "VON 2024/42"]
    assert [b.delegat for b in entry] == ["Förvaltningschef"]
    # The same file once more: nothing new, nothing changed, nothing written.
    again = preview_file(session.db, DelegationsbeslutImport(namnd_id), april)
    assert again.summary() == "0 nya, 0 ändrade, 1510 oförändrade och 0 refuserade rader"
    assert apply_import(session.db, DelegationsbeslutImport(namnd_id).bind(session.db), again) == 0


def test_register_changed_since_the_preview_refuses_the_import(session, namnd_id, tmp_path):
    svc = Registers(session.db).delegation
    path = save(tmp_path / "a.xlsx", HEADINGS, beslut_rows(0, 3))
    import_file(session.db, DelegationsbeslutImport(namnd_id), path)
    rows = beslut_rows(0, 4)
    rows[0][4] = ROLES[2]
    path = save(tmp_path / "b.xlsx", HEADINGS, rows)
    preview = preview_file(session.db, DelegationsbeslutImport(namnd_id), path)
    first = next(b for b in svc.beslut(svc.beslut_ids(BeslutFilter(namnd_id))) if b.dnr == "VON 2024/1")
    first.delegat = "Enhetschef myndighet"
    svc.save_beslut(first)  # someone edits the entry while the preview is on screen
    with pytest.raises(ImportRefused, match="registret har ändrats sedan filen lästes in"):
        apply_import(session.db, DelegationsbeslutImport(namnd_id).bind(session.db), preview)
    assert svc.count(BeslutFilter(namnd_id)) == 3  # the new fourth row was not stored either


EVB_HEADINGS = ["Beslut om", "Lag", "Beslutsdatum", "Kön", "Orsak", "Verkställt"]
EVB_ROWS = [["Särskilt boende", "SoL", "2024-01-10", "K", 2, None],
            ["Korttidsvistelse", "LSS", "2024-02-01", "M", 1, None],
            ["Korttidsvistelse", "LSS", "2024-02-01", "M", 1, None]]


def test_evb_verkstallt_filled_in_later_updates_the_row(session, namnd_id, tmp_path):
    svc = Registers(session.db).evb
    path = save(tmp_path / "evb.xlsx", EVB_HEADINGS, EVB_ROWS, "EVB")
    assert import_file(session.db, EjVerkstalldaImport(namnd_id), path) == 3
    later = [list(r) for r in EVB_ROWS] + [["Kontaktperson", "SoL", "2024-03-05", "K", 3, None]]
    later[2][5] = "2024-05-02"  # the second of two equal decisions was carried out
    path = save(tmp_path / "evb2.xlsx", EVB_HEADINGS, later, "EVB")
    preview = preview_file(session.db, EjVerkstalldaImport(namnd_id), path)
    assert preview.summary() == "1 ny, 1 ändrad (Verkställt 1), 2 oförändrade och 0 refuserade rader"
    assert import_file(session.db, EjVerkstalldaImport(namnd_id), path) == 2
    stored = svc.beslut(svc.ids(EvbFilter(namnd_id)))
    assert sorted((b.insats, b.verkstallt or "") for b in stored) == [
        ("Kontaktperson", ""), ("Korttidsvistelse", ""), ("Korttidsvistelse", "2024-05-02"),
        ("Särskilt boende", "")]


@pytest.fixture
def demo(demo_session):
    from demo_day import DEMO_DAY

    from app.demo_calendar import DemoCalendar
    from app.registers import demo as register_demo

    if not demo_session.db.execute("SELECT 1 FROM delegationskategori").fetchone():
        register_demo.populate(demo_session.db, DemoCalendar(DEMO_DAY))
    von = demo_session.db.execute("SELECT id FROM namnd WHERE kortnamn = 'VON'").fetchone()[0]
    return demo_session, von


def test_change_to_an_entry_reported_at_a_justerat_meeting_is_refused(session, tmp_path):
    """An entry reported at a meeting whose protokoll is justerat is a final record."""
    org = make_org(session.db)
    reg = Registers(session.db)
    nid = org.namnd_organ.namnd_id
    path = save(tmp_path / "feb.xlsx", HEADINGS, beslut_rows(0, 3, punkt=lambda i: "", kategori=""))
    assert import_file(session.db, DelegationsbeslutImport(nid), path) == 3
    held = org.meetings.create_meeting(org.namnd_organ.id, "2024-02-26")
    ReportingService(session.db).assign(held.id)
    # The protokoll's justering sets this status (app.protokoll); its trigger guards the
    # meeting status order, which this test skips (as tests/registers/test_final.py does).
    session.db.execute("DROP TRIGGER sammantrade_status_update")
    session.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [held.id])
    rows = beslut_rows(0, 4, punkt=lambda i: "", kategori="")
    rows[1][4] = "Någon annan"
    path = save(tmp_path / "mars.xlsx", HEADINGS, rows)
    preview = preview_file(session.db, DelegationsbeslutImport(nid), path)
    assert [str(p) for p in preview.problems] == [
        "Blad Delegationsbeslut, rad 3: raden ändrar Delegat i en post som inte kan ändras: den anmäldes "
        f"vid {org.namnd_organ.namn} 2024-02-26, vars protokoll är justerat"]
    # (make_org has no delegationsordning: the new row's delegat is a warning, not a refusal)
    assert preview.summary() == ("1 ny, 0 ändrade, 2 oförändrade och 1 refuserad rad, 1 rad med "
                                 "varning (markeras ”Behöver granskas”), 1 problem som måste rättas först")
    with pytest.raises(ImportRefused):
        apply_import(session.db, DelegationsbeslutImport(nid).bind(session.db), preview)
    stored = reg.delegation.beslut(reg.delegation.beslut_ids(BeslutFilter(nid)))
    assert len(stored) == 3  # the new fourth row was not stored either
    assert sorted(b.delegat for b in stored) == sorted(ROLES)


def test_1500_decisions_with_points_not_in_the_ordning_import_marked_for_review(demo, tmp_path):
    session, von = demo
    svc = Registers(session.db).delegation
    before = svc.count(BeslutFilter(von))
    rows = beslut_rows(0, 1500, punkt=lambda i: f"{7 + i % 3}.{i % 11 + 1}", kategori="Delegationsbeslut")
    rows[0][4] = "Karin Okänd"  # neither a person nor a delegat of the ordning
    path = save(tmp_path / "gamla.xlsx", HEADINGS, rows)
    preview = preview_file(session.db, DelegationsbeslutImport(von), path)
    assert preview.problems == []
    assert len(preview.warnings) == 1500
    assert str(preview.warnings[0]).startswith("Blad Delegationsbeslut, rad 2: Punkt 7.1 finns inte i "
                                               "delegationsordningen antagen ")
    assert str(preview.warnings[0]).endswith(
        "Delegaten ”Karin Okänd” finns varken bland personerna eller som delegat i delegationsordningen.")
    assert apply_import(session.db, DelegationsbeslutImport(von).bind(session.db), preview) == 1500
    assert svc.count(BeslutFilter(von)) == before + 1500
    assert svc.count(BeslutFilter(von, granskas=True)) == 1500
    # Saving an entry in its form is the confirmation: the mark goes.
    first = next(b for b in svc.beslut(svc.beslut_ids(BeslutFilter(von, granskas=True)))
                 if b.dnr == "VON 2024/1")
    assert first.granskas and "Punkt 7.1" in first.granskas
    first.punkt = ""
    first.delegat = "Förvaltningschef"
    svc.save_beslut(first)
    assert svc.beslut([first.id])[0].granskas is None
    assert svc.count(BeslutFilter(von, granskas=True)) == 1499


def test_cli_dry_run_counts_and_unknown_columns_refused(session, namnd_id, tmp_path, capsys):
    path = save(tmp_path / "a.xlsx", HEADINGS, beslut_rows(0, 5))
    import_file(session.db, DelegationsbeslutImport(namnd_id), path)
    db = str(session.path)
    session.close()
    rows = [[*r, "intern anteckning"] for r in beslut_rows(0, 7)]
    rows[2][5] = "2.1"
    path = save(tmp_path / "b.xlsx", [*HEADINGS, "Anteckning"], rows)
    args = ["--db", db, "import", "delegationsbeslut", str(path)]
    assert main([*args, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert ("b.xlsx: kolumnen ”Anteckning” känns inte igen och skulle inte importeras. Ange med --mapping "
            "vilket fält den fyller, t.ex. --mapping '{\"Anteckning\": \"FÄLT\"}', eller fältet \"\" för att "
            "hoppa över en kolumn.") in captured.err
    assert main([*args, "--dry-run", "--mapping", '{"Anteckning": ""}']) == 0
    out = capsys.readouterr().out
    assert ("b.xlsx, blad Delegationsbeslut: 2 nya, 1 ändrad (Punkt 1), 4 oförändrade och 0 refuserade "
            "rader.") in out
    assert "Provkörning: ingenting sparades." in out
    mapping = tmp_path / "m.json"
    mapping.write_text('{"Anteckning": "ignorera"}', encoding="utf-8")
    assert main([*args, "--mapping", str(mapping)]) == 0
    assert "3 rader importerades till delegationsbeslut: 2 nya, 1 ändrad (Punkt 1), 4 oförändrade" \
        in capsys.readouterr().out
    assert main([*args, "--mapping", "{inte json"]) == 2
    assert capsys.readouterr().err.startswith("Mappningen kan inte läsas:")

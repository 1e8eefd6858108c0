"""”Anmäld vid” and ”Id” read back from a register's file: the meeting an entry was
reported at is found again (or refused, naming sheet, row and column), kept as text in a
database without meetings, and a file's Id says which entry a row is."""

from __future__ import annotations

import openpyxl
import pytest

from app.cli import main
from app.excel_import import import_file, preview_file
from app.organisation import Namnd
from app.registers import Registers
from app.registers.ej_verkstallda import EvbFilter
from app.registers.excel.read import EjVerkstalldaImport, MeddelandeImport
from app.registers.meddelanden import MeddelandeFilter
from app.registers.reporting import ReportingService
from tests.meeting_fixtures import make_org

HEADINGS = ["Dnr", "Rubrik", "Inkom", "Avsändare", "Anmäld vid"]


def save(path, headings, rows, title="Meddelanden"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headings)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def messages(db, namnd_id):
    svc = Registers(db).meddelanden
    return svc.meddelanden(svc.ids(MeddelandeFilter(namnd_id), "inkom", descending=False))


def test_anmald_vid_names_the_meeting_or_is_refused_where_it_stands(session, tmp_path):
    org = make_org(session.db)
    nid = org.namnd_organ.namnd_id
    au = org.meetings.create_meeting(org.au.id, "2024-03-04")
    kortnamn = session.db.execute("SELECT kortnamn FROM organ WHERE id = ?", [org.au.id]).fetchone()[0]
    path = save(tmp_path / "in.xlsx", HEADINGS, [
        ["VON 2024/1", "Dom från förvaltningsrätten", "2024-02-20", "FR", f"{kortnamn} 2024-03-04"],
        ["VON 2024/2", "Beslut från IVO", "2024-02-21", "IVO", f"{kortnamn} 2024-03-05"],
        ["VON 2024/3", "Skrivelse", "2024-02-22", "SKR", "nästa möte"]])
    preview = preview_file(session.db, MeddelandeImport(nid), path)
    assert [str(p) for p in preview.problems] == [
        f"Blad Meddelanden, rad 3, kolumn E (Anmäld vid): ”{kortnamn} 2024-03-05” är inget av nämndens "
        "sammanträden (nämnden har inget sådant sammanträde).",
        "Blad Meddelanden, rad 4, kolumn E (Anmäld vid): ”nästa möte” är inget av nämndens sammanträden "
        "(skriv organets kortnamn och sammanträdets datum, t.ex. ”VON 2024-05-13”)."]
    save(path, HEADINGS, [["VON 2024/1", "Dom från förvaltningsrätten", "2024-02-20", "FR",
                           f"{kortnamn} 2024-03-04"]])
    assert import_file(session.db, MeddelandeImport(nid), path) == 1
    [m] = messages(session.db, nid)
    assert (m.anmald_sammantrade_id, m.anmald_vid, m.granskas) == (au.id, None, None)


def test_a_new_entry_cannot_be_added_to_a_justerat_meetings_list(session, tmp_path):
    org = make_org(session.db)
    nid = org.namnd_organ.namnd_id
    held = org.meetings.create_meeting(org.namnd_organ.id, "2024-02-26")
    session.db.execute("DROP TRIGGER sammantrade_status_update")
    session.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [held.id])
    label = ReportingService(session.db).labels({held.id})[held.id]
    assert label.endswith("2024-02-26 (justerat)")
    path = save(tmp_path / "in.xlsx", HEADINGS, [["VON 2024/9", "Sen anmälan", "2024-02-01", "IVO", label]])
    preview = preview_file(session.db, MeddelandeImport(nid), path)
    assert [str(p) for p in preview.problems] == [
        "Blad Meddelanden, rad 2, kolumn E (Anmäld vid): sammanträdets protokoll är justerat, så posten kan "
        "inte anmälas där i efterhand; töm cellen Anmäld vid"]


def test_without_meetings_the_text_is_kept_marked_for_review_and_counts_as_reported(session, tmp_path,
                                                                                       capsys):
    nid = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    path = save(tmp_path / "in.xlsx", HEADINGS, [
        ["VON 2019/4", "Dom", "2019-03-01", "FR", "VON 2019-03-18 (justerat)"],
        ["VON 2019/5", "Beslut", "2019-03-02", "IVO", None]])
    db = session.path
    session.close()
    assert main(["--db", str(db), "import", "meddelanden", str(path)]) == 0
    err = capsys.readouterr().err
    assert ("Varning, in.xlsx: Blad Meddelanden, rad 2: Anmäld vid ”VON 2019-03-18 (justerat)”: nämnden har "
            "inga sammanträden i programmet") in err
    from app.session import Session

    with Session.open(db) as s:
        reported, waiting = messages(s.db, nid)
        assert (reported.anmald_vid, reported.anmald_sammantrade_id) == ("VON 2019-03-18 (justerat)", None)
        assert reported.granskas.startswith("Anmäld vid ”VON 2019-03-18 (justerat)”")
        assert waiting.anmald_vid is None and waiting.granskas is None
        svc = Registers(s.db).meddelanden
        assert svc.ids(MeddelandeFilter(nid, anmald=True)) == [reported.id]
        assert svc.ids(MeddelandeFilter(nid, anmald=False)) == [waiting.id]
        # The next meeting gets only the entry that was not reported.
        from app.meetings import MeetingService

        organ_id = s.organisation.organ(nid)[0].id
        meeting = MeetingService(s.db).create_meeting(organ_id, "2024-01-15")
        assert ReportingService(s.db).assign(meeting.id) == (0, 1)
    out = tmp_path / "ut.xlsx"
    assert main(["--db", str(db), "export", "meddelanden", str(out)]) == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[4] for r in rows] == ["Anmäld vid", "VON 2019-03-18 (justerat)", "VON 2024-01-15"]
    # Changing the kept text of an entry reported at a justerat meeting is refused.
    wb = openpyxl.load_workbook(out)
    wb.active["E2"] = None
    wb.save(out)
    assert main(["--db", str(db), "import", "meddelanden", str(out)]) == 1
    assert ("raden ändrar Anmäld vid i en post som inte kan ändras: det anmäldes vid VON 2019-03-18, vars "
            "protokoll är justerat") in capsys.readouterr().err


def test_the_files_id_says_which_of_equal_entries_a_row_is(session, tmp_path):
    """Two anonymous evb decisions alike in everything that identifies them: the Id column
    keeps each row with its own entry, where the key alone would take the oldest first."""
    nid = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    headings = ["Insats", "Lag", "Beslutsdatum", "Kön", "Orsak", "Verkställt"]
    row = ["Särskilt boende", "SoL", "2024-01-10", "K", 2, None]
    path = save(tmp_path / "evb.xlsx", headings, [row, row], "Ej verkställda beslut")
    assert import_file(session.db, EjVerkstalldaImport(nid), path) == 2
    svc = Registers(session.db).evb
    first, second = sorted(svc.ids(EvbFilter(nid)))
    save(path, [*headings, "Id"], [[*row, second], [*row[:5], "2024-03-01", first]], "Ej verkställda beslut")
    preview = preview_file(session.db, EjVerkstalldaImport(nid), path)
    assert [(r.status, r.match_id) for r in preview.rows] == [("oförändrad", second), ("ändrad", first)]
    # An Id naming an entry with other identifying values, when no entry has the row's: refused.
    save(path, [*headings, "Id"], [["Hemtjänst", "SoL", "2024-02-02", "M", 1, None, first]],
         "Ej verkställda beslut")
    preview = preview_file(session.db, EjVerkstalldaImport(nid), path)
    assert [str(p) for p in preview.problems] == [
        f"Blad Ej verkställda beslut, rad 2, kolumn G (Id): raden har Id {first}, men posten med det id:t i "
        "registret har andra uppgifter; ändra posten i programmet, eller töm cellen Id om raden är en ny "
        "post "
        "(kommer filen från en annan databas: ta bort kolumnen Id)"]


@pytest.mark.parametrize("kind", ["delegationsbeslut", "meddelanden"])
def test_unknown_meeting_is_refused_in_a_database_with_meetings(demo_session, tmp_path, kind, capsys):
    """The demo's own export with one ”Anmäld vid” changed to a day the nämnd did not meet."""
    path = tmp_path / "ut.xlsx"
    db = demo_session.path
    demo_session.close()
    assert main(["--db", str(db), "export", kind, str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headings = [c.value for c in ws[1]]
    column = headings.index("Anmäld vid")
    ws.cell(2, column + 1, "VON 1999-01-01")
    wb.save(path)
    capsys.readouterr()
    assert main(["--db", str(db), "import", kind, str(path), "--dry-run"]) == 1
    letter = "ABCDEFGHIJKL"[column]
    assert (f"ut.xlsx: Blad {ws.title}, rad 2, kolumn {letter} (Anmäld vid): ”VON 1999-01-01” är inget av "
            "nämndens sammanträden (nämnden har inget sådant sammanträde)") in capsys.readouterr().err


"""Hashes anyone can check: ``verifiera`` tells a stored document from a changed copy,
``check`` finds a stored PDF altered behind the program's back and a protecting trigger
that is gone, and a sent utdrag can no longer be changed or deleted (migration 12)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from app import verification
from app.cli import main
from app.session import Session
from db import migrations

AU_PROTOKOLL = ("Justerat protokoll (justerat 2022-02-16) – Vård- och omsorgsnämndens arbetsutskott, "
                "sammanträdet 2022-02-14")


@pytest.fixture
def demo_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


def au_meeting_id(session) -> int:
    return next(m.id for m in session.meetings.meetings() if m.datum == "2022-02-14")


def stored_protokoll(path) -> bytes:
    with Session.open(path, exclusive=False) as session:
        return session.protokoll.original_pdf(au_meeting_id(session))


def alter_behind_the_programs_back(path, table: str, trigger: str, where: str) -> None:
    """Change one byte of a stored PDF as another program could: the trigger that
    refuses it is dropped for the change and put back."""
    conn = sqlite3.connect(path)
    try:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [trigger]).fetchone()
        conn.execute(f"DROP TRIGGER {trigger}")
        row_id, pdf = conn.execute(f"SELECT id, pdf FROM {table} WHERE {where}").fetchone()
        changed = bytearray(pdf)
        changed[len(changed) // 2] ^= 0x01
        conn.execute(f"UPDATE {table} SET pdf = ? WHERE id = ?", [bytes(changed), row_id])
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_verifiera_tells_the_stored_protokoll_from_a_copy_with_one_byte_changed(demo_path, tmp_path, capsys):
    stored = stored_protokoll(demo_path)
    original = tmp_path / "protokoll-au.pdf"
    original.write_bytes(stored)
    assert main(["--db", str(demo_path), "verifiera", str(original)]) == 0
    out = capsys.readouterr().out
    assert "protokoll-au.pdf är identisk, byte för byte, med ett dokument som är sparat i databasen:" in out
    assert f"• {AU_PROTOKOLL}; sparat 2026-11-20 kl. " in out
    assert f"SHA-256: {hashlib.sha256(stored).hexdigest()}" in out

    changed = bytearray(stored)
    changed[len(changed) // 3] ^= 0x01
    copy = tmp_path / "kopia.pdf"
    copy.write_bytes(bytes(changed))
    assert main(["--db", str(demo_path), "verifiera", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "kopia.pdf är INTE identisk med något dokument som är sparat i databasen." in out
    assert hashlib.sha256(bytes(changed)).hexdigest() in out
    assert "Vård- och omsorgsnämndens arbetsutskott" not in out


def test_verifiera_names_the_recipient_of_a_sent_utdrag(demo_path, tmp_path, capsys):
    with Session.open(demo_path, exclusive=False) as session:
        akt = next(u for u in session.protokoll.utskick(au_meeting_id(session)) if u.mottagare == "Akt")
        data = session.protokoll.utskick_pdf(akt.id)
    path = tmp_path / "utdrag.pdf"
    path.write_bytes(data)
    assert main(["--db", str(demo_path), "verifiera", str(path)]) == 0
    assert ("• Protokollsutdrag till Akt (§ 15, § 16, § 17), bestyrkt 2022-02-16 – Vård- och "
            "omsorgsnämndens arbetsutskott, sammanträdet 2022-02-14") in capsys.readouterr().out


def test_verifiera_refuses_a_file_it_cannot_read(demo_path, tmp_path, capsys):
    assert main(["--db", str(demo_path), "verifiera", str(tmp_path / "saknas.pdf")]) == 2
    assert "saknas.pdf kan inte läsas" in capsys.readouterr().err


def count_stored_pdfs(path) -> int:
    """Every PDF the database keeps, counted here rather than by the code under test."""
    conn = sqlite3.connect(path)
    try:
        return sum(conn.execute(sql).fetchone()[0] for sql in (
            "SELECT COUNT(pdf) FROM justering", "SELECT COUNT(pdf) FROM utskick",
            "SELECT COUNT(kallelse_pdf) + COUNT(handlingar_pdf) FROM kallelse_utskick",
            "SELECT COUNT(pdf) FROM rapport_pdf", "SELECT COUNT(pdf) FROM dokument_version",
            "SELECT COUNT(pdf) FROM nytt_anslag"))
    finally:
        conn.close()


def test_check_passes_on_the_demo_with_every_stored_document_and_trigger(demo_path, capsys):
    assert main(["--db", str(demo_path), "check"]) == 0
    out = capsys.readouterr().out
    stored = count_stored_pdfs(demo_path)
    # justeringar, protokollsutdrag, the sent kallelser, the adopted bokslut, the anslag that went up
    assert stored >= 8
    assert f"Sparade dokument: alla {stored} stämmer med sina kontrollsummor (SHA-256)" in out
    required = verification.required_triggers(migrations.LATEST_VERSION)
    assert len(required) > 100 and {"justering_oforanderlig", "utskick_kvar", "kallelse_utskick_oforanderlig",
                                     "rapport_pdf_oforanderlig", "rapport_pdf_kvar"} <= set(required)
    assert f"Skyddande triggrar: alla {len(required)} finns" in out
    assert "Allt är i ordning." in out


def test_check_fails_on_an_altered_stored_protokoll_and_names_it(demo_path, tmp_path, capsys):
    before = stored_protokoll(demo_path)
    alter_behind_the_programs_back(demo_path, "justering", "justering_oforanderlig", "slag = 'protokoll'")
    assert main(["--db", str(demo_path), "check"]) == 1
    captured = capsys.readouterr()
    assert f"Ändrat efter att det sparades: {AU_PROTOKOLL} (sparad kontrollsumma " in captured.err
    assert (f"Sparade dokument: 1 av {count_stored_pdfs(demo_path)} stämmer inte med sina "
            "kontrollsummor (SHA-256)") in captured.err
    assert "Allt är i ordning" not in captured.out
    # The copy handed out before the change is still recognised, with a warning about
    # the database's own copy.
    original = tmp_path / "original.pdf"
    original.write_bytes(before)
    assert main(["--db", str(demo_path), "verifiera", str(original)]) == 0
    assert "databasens egen kopia av dokumentet stämmer inte längre" in capsys.readouterr().out


def test_check_fails_on_an_altered_sent_utdrag(demo_path, capsys):
    alter_behind_the_programs_back(demo_path, "utskick", "utskick_oforanderlig", "mottagare = 'Insidan'")
    assert main(["--db", str(demo_path), "check"]) == 1
    assert ("Ändrat efter att det sparades: Protokollsutdrag till Insidan (§ 16), bestyrkt 2022-02-16 – "
            "Vård- och omsorgsnämndens arbetsutskott") in capsys.readouterr().err


def test_check_names_a_protecting_trigger_that_is_gone(demo_path, capsys):
    conn = sqlite3.connect(demo_path)
    conn.execute("DROP TRIGGER justering_kvar")
    conn.commit()
    conn.close()
    assert main(["--db", str(demo_path), "check"]) == 1
    captured = capsys.readouterr()
    assert "Skyddande triggrar saknas (1): justering_kvar." in captured.err
    assert "Allt är i ordning" not in captured.out


def test_a_sent_utdrag_cannot_be_changed_or_deleted(demo_session):
    db = demo_session.db
    (row_id,) = db.execute("SELECT id FROM utskick WHERE mottagare = 'Akt'").fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="Ett skickat protokollsutdrag kan inte ändras"):
        db.execute("UPDATE utskick SET mottagare = 'Någon annan' WHERE id = ?", [row_id])
    with pytest.raises(sqlite3.IntegrityError, match="Ett skickat protokollsutdrag kan inte tas bort"):
        db.execute("DELETE FROM utskick WHERE id = ?", [row_id])
    assert db.execute("SELECT mottagare FROM utskick WHERE id = ?", [row_id]).fetchone() == ("Akt",)


def test_the_service_identifies_through_the_session(demo_session):
    svc = demo_session.verification
    documents = svc.stored_documents()
    kinds = [d.kind for d in documents if d.table == "justering"]
    assert kinds == ["Justerat protokoll (justerat 2022-02-16)"]
    stored = demo_session.protokoll.original_pdf(au_meeting_id(demo_session))
    found = svc.identify(stored)
    assert found.identical and [m.document.description.split(";")[0] for m in found.matches] == [AU_PROTOKOLL]
    assert svc.altered() == []
    assert not svc.identify(stored + b"\n").identical


def test_verifiera_finds_a_sent_kallelse_and_its_handlingar(demo_session):
    kallelser = pytest.importorskip("app.meetings.kallelser")
    meeting = next(m for m in demo_session.meetings.meetings() if m.status == "planerat")
    sent = kallelser.KallelseService(demo_session.db).send(meeting.id).kallelse
    service = kallelser.KallelseService(demo_session.db)
    for handlingar, kind in ((False, "Kallelse, version 1"), (True, "Handlingar till kallelsen, version 1")):
        found = demo_session.verification.identify(service.stored_pdf(sent.id, handlingar=handlingar))
        (match,) = found.matches
        assert match.intact and match.document.description.startswith(
            f"{kind} – Vård- och omsorgsnämnden, sammanträdet {meeting.datum}; sparat ")


BOKSLUT = "Bokslut 2023, Vård- och omsorgsnämnden, antagen 2024-02-26 § 12 (sparad vid antagandet)"


def kept_bokslut(path) -> bytes:
    conn = sqlite3.connect(path)
    try:
        (data,) = conn.execute("SELECT p.pdf FROM rapport_pdf p JOIN rapport r ON r.id = p.rapport_id "
                               "WHERE r.slag = 'bokslut'").fetchone()
        return bytes(data)
    finally:
        conn.close()


def test_verifiera_recognises_the_adopted_reports_kept_pdf(demo_path, tmp_path, capsys):
    path = tmp_path / "bokslut.pdf"
    path.write_bytes(kept_bokslut(demo_path))
    assert main(["--db", str(demo_path), "verifiera", str(path)]) == 0
    out = capsys.readouterr().out
    assert "bokslut.pdf är identisk, byte för byte, med ett dokument som är sparat i databasen:" in out
    # Adopted with the date and § typed: no meeting in the program to name.
    assert f"• {BOKSLUT}; sparat 2026-11-20 kl. " in out


def test_check_fails_on_an_altered_kept_report_pdf(demo_path, capsys):
    conn = sqlite3.connect(demo_path)
    try:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                              ["rapport_pdf_oforanderlig"]).fetchone()
        conn.execute("DROP TRIGGER rapport_pdf_oforanderlig")
        rapport_id, pdf = conn.execute("SELECT rapport_id, pdf FROM rapport_pdf").fetchone()
        changed = bytearray(pdf)
        changed[len(changed) // 2] ^= 0x01
        conn.execute("UPDATE rapport_pdf SET pdf = ? WHERE rapport_id = ?", [bytes(changed), rapport_id])
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    assert main(["--db", str(demo_path), "check"]) == 1
    captured = capsys.readouterr()
    assert f"Ändrat efter att det sparades: {BOKSLUT} (sparad kontrollsumma " in captured.err
    assert (f"Sparade dokument: 1 av {count_stored_pdfs(demo_path)} stämmer inte med sina "
            "kontrollsummor (SHA-256)") in captured.err
    assert "Allt är i ordning" not in captured.out

"""An adopted report's PDF is kept as it was adopted (app/rapport/kept.py, migration 25):
printing it after a budget figure or a footnote has changed gives the kept bytes, the
database refuses changing or removing them, and a report adopted before the PDF was kept
is kept at its first print, which says so."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import date, datetime

import pytest
from demo_day import DEMO_DAY
from pypdf import PdfReader

from app import clock
from app.budget import Ekonomi
from app.budget.belopp import format_belopp, visat
from app.budget.uppfoljning import Siffror, UppfoljningRad
from app.cli import main
from app.rapport import RapportService
from app.rapport.agenda import agenda_pdf
from app.rapport.kept import AT_ADOPTION, AT_PRINT, NOT_KEPT, kept_pdf, print_rapport
from app.rapport.pdf.rapport import render_rapport
from app.records import id_of
from app.session import Session
from app.verification import sha256
from db import migrations
from db.connection import APPLICATION_ID, connect


def _text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def _delar(db):
    return next(r for r in RapportService(db).rapporter() if r.slag == "delårsrapport")


def _change_the_economy(db, r) -> tuple[str, str]:
    """A new volym footnote and a new budget figure for the report's period, through the
    economy's services; the footnote and the figure as printed."""
    ek = Ekonomi(db)
    note = "* Volymerna räknades om efter antagandet."
    ek.nyckeltal.save_fotnoter(r.namnd_id, "volym", r.ar, [note])
    u = ek.uppfoljning.get(r.namnd_id, r.ar, r.slutmanad)
    assert u is not None and u.rader
    first = u.rader[0]
    changed = 987_654_321
    rader = [UppfoljningRad(row.verksamhet,
                            Siffror(arsbudget=row.siffror.arsbudget,
                                    budget_ack=changed if row is first else row.siffror.budget_ack,
                                    utfall_ack=row.siffror.utfall_ack), n)
             for n, row in enumerate(u.rader, start=1)]
    ek.uppfoljning.ersatt_rader(u.id, rader)
    konv = ek.verksamheter.installning(r.namnd_id).teckenkonvention
    return note, re.sub(r"\s+", " ", format_belopp(visat(changed, konv), u.enhet))


def test_adopting_keeps_the_pdf_and_printing_gives_it_after_the_data_changed(demo_session, tmp_path):
    db = demo_session.db
    svc = RapportService(db)
    r = _delar(db)
    assert kept_pdf(db, id_of(r)) is None  # a draft keeps nothing
    svc.adopt(id_of(r), datum=f"{DEMO_DAY.year - 2}-09-26", paragraf="§ 88")
    kept = kept_pdf(db, id_of(r))
    assert kept is not None and kept.tillfalle == AT_ADOPTION and kept.sha256 == sha256(kept.data)
    assert kept.skapad[:10] == clock.today_iso()
    assert kept.pages == len(PdfReader(io.BytesIO(kept.data)).pages)
    adopted_text = _text(kept.data)
    assert f"Antagen av vård- och omsorgsnämnden {DEMO_DAY.year - 2}-09-26, § 88" in adopted_text

    note, figure = _change_the_economy(db, r)
    # Made from the data now, the report would show both changes …
    fresh = _text(render_rapport(db, id_of(r), pdfa_level=None)[0])
    assert note in fresh and figure in fresh
    # … printed, it is the document as adopted.
    printed = svc.printed(id_of(r))
    assert printed.data == kept.data and printed.kept == kept and printed.note == ""
    text = _text(printed.data)
    assert note not in text and figure not in text
    assert print_rapport(db, id_of(r), tmp_path / "antagen.pdf").data == kept.data
    assert (tmp_path / "antagen.pdf").read_bytes() == kept.data
    assert agenda_pdf(db, id_of(r)).data == kept.data
    # A draft is printed from the data as now.
    next_year = svc.create(r.namnd_id, "delårsrapport", f"{r.ar + 1}-01-01", f"{r.ar + 1}-08-31")
    draft = svc.printed(id_of(next_year))
    assert draft.kept is None and kept_pdf(db, id_of(next_year)) is None


def test_a_failed_rendering_adopts_nothing(demo_session, monkeypatch):
    db = demo_session.db
    r = _delar(db)

    def broken(*_args, **_kwargs):
        raise RuntimeError("trasig rendering")

    monkeypatch.setattr("app.rapport.kept.render_rapport", broken)
    with pytest.raises(RuntimeError, match="trasig rendering"):
        RapportService(db).adopt(id_of(r), datum="2024-09-26", paragraf="§ 88")
    assert RapportService(db).get(id_of(r)).status == "utkast"
    assert kept_pdf(db, id_of(r)) is None


def test_the_kept_pdf_cannot_be_changed_or_removed(demo_session):
    db = demo_session.db
    bokslut = next(r for r in RapportService(db).rapporter() if r.adopted)
    kept = kept_pdf(db, id_of(bokslut))
    assert kept is not None and kept.tillfalle == AT_ADOPTION  # kept when the demo adopted it
    changes = "Den antagna rapportens sparade PDF är en allmän handling och kan inte ändras."
    for sql in ("UPDATE rapport_pdf SET pdf = X'00' WHERE rapport_id = ?",
                "UPDATE rapport_pdf SET sha256 = 'x' WHERE rapport_id = ?",
                "UPDATE rapport_pdf SET rapport_id = 999 WHERE rapport_id = ?"):
        with pytest.raises(sqlite3.IntegrityError, match=re.escape(changes)):
            db.execute(sql, [id_of(bokslut)])
    removes = "sparade PDF är en allmän handling och kan inte tas bort"
    with pytest.raises(sqlite3.IntegrityError, match=removes):
        db.execute("DELETE FROM rapport_pdf WHERE rapport_id = ?", [id_of(bokslut)])
    with pytest.raises(sqlite3.IntegrityError, match="Rapporten är antagen och är en allmän handling"):
        db.execute("DELETE FROM rapport WHERE id = ?", [id_of(bokslut)])
    # Only an adopted report's PDF is kept.
    draft = _delar(db)
    with pytest.raises(sqlite3.IntegrityError, match="Bara en antagen rapports PDF sparas"):
        db.execute("INSERT INTO rapport_pdf (rapport_id, pdf, sha256, sidor, tillfalle, skapad) "
                   "VALUES (?, X'00', 'x', 1, 'antagande', '2026-01-01T00:00:00')", [id_of(draft)])
    assert kept_pdf(db, id_of(bokslut)) == kept


def _adopted_by_an_older_version(path) -> int:
    """A file as the program left it before it kept the PDF (schema version 24) with a
    report adopted there, then opened (and so upgraded) by this program."""
    conn = connect(path)
    try:
        assert migrations.migrate(conn, APPLICATION_ID, target=24) == list(range(1, 25))
        conn.execute("BEGIN")
        conn.execute("INSERT INTO kommun (id, namn) VALUES (1, 'Oxelösunds kommun')")
        namnd_id = conn.execute("INSERT INTO namnd (namn, kortnamn) VALUES ('Socialnämnden', 'SN')").lastrowid
        rapport_id = conn.execute(
            "INSERT INTO rapport (namnd_id, slag, period_start, period_slut, titel, skapad) "
            "VALUES (?, 'bokslut', '2023-01-01', '2023-12-31', 'Bokslut 2023', '2024-01-15T09:00:00')",
            [namnd_id]).lastrowid
        for ordning, (rubrik, text) in enumerate((("Sammanfattning", "<p>Året gick enligt plan.</p>"),
                                                  ("Framtid", "<p>Fler äldre de kommande åren.</p>"))):
            conn.execute("INSERT INTO rapport_kapitel (rapport_id, ordning, rubrik, text) "
                         "VALUES (?, ?, ?, ?)", [rapport_id, ordning, rubrik, text])
        conn.execute("UPDATE rapport SET status = 'antagen', antagen_datum = '2024-02-26', "
                     "antagen_paragraf = '§ 12' WHERE id = ?", [rapport_id])
        conn.execute("COMMIT")
    finally:
        conn.close()
    with Session.open(path) as session:
        assert session.schema_version == migrations.LATEST_VERSION
        assert kept_pdf(session.db, rapport_id) is None  # the migration makes no PDF
    return rapport_id


def test_a_report_adopted_before_the_pdf_was_kept_is_kept_at_its_first_print(db_path, tmp_path, capsys):
    rapport_id = _adopted_by_an_older_version(db_path)
    # The command line only reads: it prints from the data as now and says it is not kept.
    out = tmp_path / "cli.pdf"
    assert main(["--db", str(db_path), "rapport", str(rapport_id), "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert NOT_KEPT in said.err and "skrevs ut som den sparades" not in said.out
    with Session.open(db_path) as session:
        assert kept_pdf(session.db, rapport_id) is None
        with clock.pinned(datetime(2026, 3, 2, 10, 5, 9)):
            printed = RapportService(session.db).printed(rapport_id)
        kept = kept_pdf(session.db, rapport_id)
        assert kept is not None and kept.tillfalle == AT_PRINT and printed.kept == kept
        assert kept.skapad == "2026-03-02T10:05:09"
        assert printed.data == kept.data and printed.kept_now
        assert printed.note == (
            "Rapporten antogs innan programmet sparade antagna rapporters PDF. Den sparades nu, "
            "2026-03-02 kl. 10:05, av uppgifterna som de är i dag; hädanefter skrivs rapporten ut exakt så.")
        assert "Antagen av socialnämnden 2024-02-26, § 12" in _text(kept.data)
        assert "Året gick enligt plan." in _text(kept.data)
        again = RapportService(session.db).printed(rapport_id)
        assert again.data == kept.data and again.note == "" and not again.kept_now
    # From then on the command line prints the kept PDF.
    assert main(["--db", str(db_path), "rapport", str(rapport_id), "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert out.read_bytes() == kept.data and NOT_KEPT not in said.err
    assert ("Den antagna rapporten skrevs ut som den sparades vid första utskriften efter antagandet "
            f"2026-03-02 kl. 10:05 (SHA-256 {sha256(out.read_bytes())}).") in said.out


def test_a_read_only_file_prints_an_unkept_report_and_says_it_is_not_kept(db_path):
    rapport_id = _adopted_by_an_older_version(db_path)
    with Session.read(db_path) as session:
        printed = RapportService(session.db).printed(rapport_id)
        assert printed.kept is None and printed.note == NOT_KEPT
        assert "Antagen av socialnämnden 2024-02-26, § 12" in _text(printed.data)
        assert kept_pdf(session.db, rapport_id) is None


def test_a_kept_pdf_adopted_by_a_justerad_paragraph_is_verified_with_its_meeting(session):
    from protokoll_fixtures import make_meeting, make_protokoll_org, ready

    from app.verification import identify

    po = make_protokoll_org(session.db)
    meeting = make_meeting(po)
    ready(po, meeting.id)
    po.svc.justera(meeting.id, "2022-03-04", today=date(2022, 3, 4))
    svc = RapportService(session.db)
    r = svc.create(po.org.namnd_organ.namnd_id, "bokslut", "2021-01-01", "2021-12-31")
    paragraf = next(p for p in po.svc.paragrafer.paragrafer(meeting.id) if p.label and p.utfall == "beslut")
    svc.adopt(id_of(r), arende_id=paragraf.arende_id)
    kept = kept_pdf(session.db, id_of(r))
    assert kept is not None
    (match,) = identify(session.db.conn, kept.data).matches
    organ = session.db.execute("SELECT o.namn FROM sammantrade s JOIN organ o ON o.id = s.organ_id "
                               "WHERE s.id = ?", [meeting.id]).fetchone()[0]
    assert match.intact and match.document.meeting_id == meeting.id
    assert match.document.description.startswith(
        f"Bokslut 2021, {r.namnd_namn}, antagen 2022-02-28 {paragraf.label} (sparad vid antagandet) – "
        f"{organ}, sammanträdet 2022-02-28; sparat ")

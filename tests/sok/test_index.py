"""The search index is built by its migration for the rows already in a file and kept
current by the database itself, whoever writes (raw SQL here, as an import or another
tool would)."""

from __future__ import annotations

import sqlite3

import pytest
from pdf_samples import make_pdf

from db import migrations
from db.connection import APPLICATION_ID, connect
from db.migrations import m0018_sok

VERSION = 18
SOURCE = (1 << 48) - 1


def rowid(code: int, source_id: int) -> int:
    return (code << 48) + source_id


def _ids(conn, query: str) -> list[tuple[str, int]]:
    """(source table, id) of every index row matching ``query``, sorted."""
    tables = {s.code: s.table for s in m0018_sok.SOURCES} | {m0018_sok.BILAGA_CODE: "bilaga_sida"}
    return sorted((tables[r >> 48], r & SOURCE) for (r,) in conn.execute(
        "SELECT rowid FROM sok WHERE sok MATCH ?", [query]))


def _fill(conn) -> None:
    """One record of most kinds, as an older program wrote them."""
    conn.execute("BEGIN")
    for sql in (
        "INSERT INTO namnd (id, namn, kortnamn) VALUES (1, 'Vård- och omsorgsnämnden', 'VON')",
        "INSERT INTO organ (id, namnd_id, namn, typ, kortnamn) VALUES (1, 1, 'Vård- och omsorgsnämnden', "
        "'nämnd', 'VON')",
        "INSERT INTO sammantrade (id, organ_id, datum, skapad) VALUES (1, 1, '2022-03-14', '2022-01-01')",
        "INSERT INTO arende (id, sammantrade_id, position, rubrik, dnr, forslag_till_beslut) "
        "VALUES (7, 1, 1, "
        "'Riktlinjer för alkoholservering', 'VON 2022/44-73', "
        "'<p>Nämnden antar <b>hem</b>tjänstens <i>nya</i> riktlinjer &amp; rutiner.</p><ol start=\"3\">"
        "<li>Överföring av medel</li></ol>')",
        "INSERT INTO paragraf (arende_id, sammantrade_id, nummer, beslut) VALUES (7, 1, 15, "
        "'<p>Bifall till förslaget om bostadsanpassning.</p>')",
        "INSERT INTO anforande (id, arende_id, slag, position, namn, text) VALUES (1, 7, 'reservation', 1, "
        "'Per Persson', 'Vi reserverar oss mot nedskärningen')",
        "INSERT INTO delegationsbeslut (id, namnd_id, datum, beskrivning, dnr, paragrafer, skapad) VALUES "
        "(3, 1, '2022-05-02', 'Beslut om bostadsanpassningsbidrag', 'VON 2022/29', '§15', '2022-05-02')",
        "INSERT INTO meddelande (id, namnd_id, rubrik, inkom, avsandare, skapad) VALUES (4, 1, "
        "'Dom från förvaltningsrätten', '2022-06-01', 'Förvaltningsrätten i Falun', '2022-06-01')",
        "INSERT INTO ej_verkstallt_beslut (id, namnd_id, insats, lag, beslutsdatum, kon, orsak, orsak_text, "
        "skapad) VALUES (5, 1, 'Särskilt boende', 'SoL', '2022-02-01', 'K', 1, 'Brist på platser', "
        "'2022-02-01')",
        "INSERT INTO verksamhetsplan (id, namnd_id, titel, forsta_ar, skapad) VALUES (6, 1, "
        "'Verksamhetsplan 2023–2025', 2023, '2022-10-01')",
        "INSERT INTO plan_risk (id, plan_id, risk, sannolikhet, konsekvens, atgard) VALUES (8, 6, "
        "'Kompetensförsörjning', 3, 4, 'Rekrytera sjuksköterskor')",
        "INSERT INTO verksamhet (id, namnd_id, kod, namn) VALUES (9, 1, '54', 'Hemtjänst')",
    ):
        conn.execute(sql)
    conn.execute("COMMIT")


def attach_bilaga(conn) -> None:
    """Bilaga 2 of ärende 7: a file of two pages."""
    conn.execute("INSERT INTO bilagefil (id, sha256, storlek, data) VALUES (1, 'x', 1, ?)",
                 [make_pdf(2, "Riktlinjer alkoholservice")])
    conn.execute("INSERT INTO bilaga (id, arende_id, position, titel, filnamn, sidor, fil_id, pdfa_niva, "
                 "pdfa_ok, tillagd) VALUES (2, 7, 1, 'Riktlinjer', 'r.pdf', 2, 1, '2b', 1, '2022-03-01')")


@pytest.fixture
def upgraded(db_path):
    """A file at version 17 with records in it, then upgraded."""
    conn = connect(db_path)
    migrations.migrate(conn, APPLICATION_ID, target=VERSION - 1)
    _fill(conn)
    conn.execute("BEGIN")
    attach_bilaga(conn)
    conn.execute("COMMIT")
    assert migrations.migrate(conn, APPLICATION_ID, target=VERSION) == [VERSION]
    yield conn
    conn.close()


def test_the_migration_indexes_the_records_already_there(upgraded):
    assert _ids(upgraded, "alkoholservering") == [("arende", 7), ("paragraf", 7)]
    assert _ids(upgraded, "bostadsanpassning*") == [("delegationsbeslut", 3), ("paragraf", 7)]
    assert _ids(upgraded, "reserverar") == [("anforande", 1)]
    assert _ids(upgraded, "persson") == []  # who said it is in the protokoll, not in the index
    assert _ids(upgraded, "förvaltningsrätten") == [("meddelande", 4)]
    assert _ids(upgraded, "platser") == [("ej_verkstallt_beslut", 5)]
    assert _ids(upgraded, "sjuksköterskor") == [("plan_risk", 8)]
    assert _ids(upgraded, "hemtjänst") == [("verksamhet", 9)]
    # Each page of the bilaga's file, extracted by the migration: bilaga 2, pages 1 and 2.
    assert _ids(upgraded, '"alkoholservice sida 2"') == [("bilaga_sida", (2 << 17) + 2)]
    assert upgraded.execute("SELECT sida, text FROM bilagefil_sida ORDER BY sida").fetchall() == [
        (1, "Riktlinjer alkoholservice sida 1"), (2, "Riktlinjer alkoholservice sida 2")]


def test_swedish_letters_fold_case_and_stay_apart_from_a_and_o(upgraded):
    assert _ids(upgraded, "överföring") == _ids(upgraded, "ÖVERFÖRING") == [("arende", 7)]
    assert _ids(upgraded, "overforing") == []
    assert _ids(upgraded, "vard") == [] and _ids(upgraded, "vård") == []  # names are not indexed
    assert _ids(upgraded, "särskilt") == [("ej_verkstallt_beslut", 5)]
    assert _ids(upgraded, "sarskilt") == []


def test_rich_text_is_indexed_without_its_tags(upgraded):
    # "<b>hem</b>tjänstens" is one word; the tags and "start" are not words.
    assert _ids(upgraded, "hemtjänstens") == [("arende", 7)]
    for tag in ("b", "p", "li", "ol", "start", "amp"):
        assert _ids(upgraded, f'"{tag}"') == [], tag
    text = upgraded.execute("SELECT text FROM sok WHERE rowid = ?", [rowid(1, 7)]).fetchone()[0]
    assert "riktlinjer & rutiner" in text and "<" not in text


def test_dnr_and_paragraf_forms_are_phrases_of_their_tokens(upgraded):
    assert _ids(upgraded, '"VON 2022 44 73"') == [("arende", 7), ("paragraf", 7)]
    assert _ids(upgraded, '"2022 29"') == [("delegationsbeslut", 3)]
    # The paragraf's own number, and "§15" written without a space in a register entry.
    assert _ids(upgraded, '"§ 15"') == [("anforande", 1), ("delegationsbeslut", 3), ("paragraf", 7)]


def test_no_personal_data_of_an_ej_verkstallt_beslut_is_indexed(upgraded):
    row = upgraded.execute("SELECT rubrik, text FROM sok WHERE rowid = ?", [rowid(6, 5)]).fetchone()
    assert row == ("Särskilt boende SoL", "Brist på platser")


def test_every_write_keeps_the_index_current(upgraded):
    conn = upgraded
    conn.execute("UPDATE arende SET rubrik = 'Riktlinjer för serveringstillstånd' WHERE id = 7")
    assert _ids(conn, "alkoholservering") == []
    # The paragraf shows its ärende's title: it follows too.
    assert _ids(conn, "serveringstillstånd") == [("arende", 7), ("paragraf", 7)]
    conn.execute("UPDATE sammantrade SET datum = '2023-01-09' WHERE id = 1")
    assert conn.execute("SELECT datum FROM sok WHERE rowid IN (?, ?, ?, ?)", [
        rowid(1, 7), rowid(2, 7), rowid(3, 1), rowid(27, (2 << 17) + 1)]).fetchall() == [("2023-01-09",)] * 4
    conn.execute("UPDATE paragraf SET nummer = 16 WHERE arende_id = 7")
    assert _ids(conn, '"§ 16"') == [("anforande", 1), ("paragraf", 7)]
    conn.execute("DELETE FROM delegationsbeslut WHERE id = 3")
    assert _ids(conn, "bostadsanpassningsbidrag") == []
    conn.execute("INSERT INTO meddelande (namnd_id, rubrik, skapad) VALUES (1, 'Inspektion från IVO', "
                 "'2023-01-01')")
    assert len(_ids(conn, "ivo")) == 1
    # An ärende deleted takes its paragraf, yrkanden and bilagor with it, and their rows.
    conn.execute("DELETE FROM arende WHERE id = 7")
    assert conn.execute("SELECT count(*) FROM sok WHERE rowid >> 48 IN (1, 2, 3, 27)").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM bilagefil_sida").fetchone() == (0,)


def test_the_index_agrees_with_a_rebuild_from_scratch_after_the_writes(upgraded):
    conn = upgraded
    conn.execute("UPDATE plan_risk SET atgard = 'Bemanningspool' WHERE id = 8")
    conn.execute("UPDATE verksamhet SET namn = 'Hemsjukvård' WHERE id = 9")
    conn.execute("INSERT OR REPLACE INTO verksamhet (id, namnd_id, kod, namn) VALUES (9, 1, '54', 'Ny')")
    kept = conn.execute("SELECT rowid, datum, namnd_id, organ_id, rubrik, text FROM sok "
                        "ORDER BY rowid").fetchall()
    conn.execute("DELETE FROM sok")
    m0018_sok.fill_index(conn)
    rebuilt = conn.execute("SELECT rowid, datum, namnd_id, organ_id, rubrik, text FROM sok "
                           "WHERE rowid >> 48 != 27 ORDER BY rowid").fetchall()
    assert [r for r in kept if r[0] >> 48 != 27] == rebuilt
    conn.execute("INSERT INTO sok (sok) VALUES ('integrity-check')")  # raises when the index is wrong


def test_the_index_tables_exist_only_from_version_18(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.nkdb", isolation_level=None)
    migrations.migrate(conn, APPLICATION_ID, target=VERSION - 1)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('sok', 'bilagefil_sida')"
                        ).fetchone() == (0,)
    conn.close()

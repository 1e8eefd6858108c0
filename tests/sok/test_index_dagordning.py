"""From schema version 27 the index's rowids carry each record's day (m0027): the rows of a
kind run in the order of their dates, every record has exactly one row, found through
``sok_rad`` wherever its day put it, and a record whose date changes moves with it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.jobs import JobCancelled
from db import migrations, sok_index
from db.connection import APPLICATION_ID, connect
from db.migrations import m0027_sok_dagordning as dated

from .older_file import make_older_file
from .test_index import _fill, attach_bilaga

DAY_MASK = (1 << (dated.CODE_SHIFT - dated.DAY_SHIFT)) - 1
SOURCE_MASK = (1 << dated.DAY_SHIFT) - 1
#: Records' numbers in sok_rad: code × 2^48 + id (m0018's rowids).
ARENDE_7, PARAGRAF_7, ANFORANDE_1, DELEGATION_3 = (1 << 48) + 7, (2 << 48) + 7, (3 << 48) + 1, (4 << 48) + 3
BILAGA_2_PAGE_1 = (27 << 48) + (2 << 17) + 1


def _days(datum: str | None) -> int:
    if datum is None:
        return 0
    return (dt.date.fromisoformat(datum) - dt.date(1970, 1, 1)).days


@pytest.fixture
def conn(db_path):
    """A file at version 26 (the index numbered as m0018 did) with records, then upgraded."""
    conn = connect(db_path)
    migrations.migrate(conn, APPLICATION_ID, target=26)
    _fill(conn)
    conn.execute("BEGIN")
    attach_bilaga(conn)
    # The pages' text, as the program stores it when the file is attached.
    conn.executemany("INSERT INTO bilagefil_sida (fil_id, sida, text) VALUES (1, ?, ?)",
                     [(n, f"Riktlinjer alkoholservice sida {n}") for n in (1, 2)])
    conn.execute("COMMIT")
    before = conn.execute("SELECT datum, namnd_id, organ_id, rubrik, text FROM sok ORDER BY rowid").fetchall()
    assert migrations.migrate(conn, APPLICATION_ID, target=27) == [27]
    after = conn.execute("SELECT datum, namnd_id, organ_id, rubrik, text FROM sok").fetchall()
    assert sorted(after, key=repr) == sorted(before, key=repr)  # the same rows, numbered anew
    yield conn
    conn.close()


def _row(conn, kalla: int) -> tuple[int, str | None]:
    """(rowid, datum) of record ``kalla``'s one row in the index."""
    rows = conn.execute("SELECT i.rowid, i.datum FROM sok_rad r JOIN sok i ON i.rowid = r.rad "
                        "WHERE r.kalla = ?", [kalla]).fetchall()
    assert len(rows) == 1
    return rows[0]


def test_every_rowid_holds_the_code_the_day_of_the_records_date_and_its_id(conn):
    rows = conn.execute("SELECT r.kalla, i.rowid, i.datum FROM sok_rad r "
                        "JOIN sok i ON i.rowid = r.rad").fetchall()
    assert len(rows) == conn.execute("SELECT count(*) FROM sok").fetchone()[0] == 11
    for kalla, rowid, datum in rows:
        assert rowid >> dated.CODE_SHIFT == kalla >> 48
        assert (rowid >> dated.DAY_SHIFT) & DAY_MASK == _days(datum)
        assert rowid & SOURCE_MASK == kalla & ((1 << 48) - 1)
    assert _row(conn, DELEGATION_3)[1] == "2022-05-02"
    # A verksamhet has no date: day 0, after every dated record of its code.
    assert _row(conn, (18 << 48) + 9) == ((18 << dated.CODE_SHIFT) + 9, None)
    assert sok_index.check(conn).ok


def test_within_a_kind_the_rows_run_in_the_order_of_their_dates(conn):
    conn.executemany("INSERT INTO delegationsbeslut (id, namnd_id, datum, beskrivning, skapad) "
                     "VALUES (?, 1, ?, 'Beslut om bostadsanpassningsbidrag', '2024-01-01')",
                     [(10, "2024-03-01"), (11, "1999-12-31"), (12, "2031-07-15")])
    conn.commit()
    found = conn.execute("SELECT datum FROM sok WHERE sok MATCH 'bostadsanpassningsbidrag' "
                         "AND rowid BETWEEN ? AND ? ORDER BY rowid",
                         [4 << dated.CODE_SHIFT, (5 << dated.CODE_SHIFT) - 1]).fetchall()
    assert [d for (d,) in found] == ["1999-12-31", "2022-05-02", "2024-03-01", "2031-07-15"]


def test_a_meeting_moved_to_another_day_moves_the_rows_of_all_on_it(conn):
    conn.execute("UPDATE sammantrade SET datum = '2023-01-09' WHERE id = 1")
    conn.commit()
    for kalla in (ARENDE_7, PARAGRAF_7, ANFORANDE_1, BILAGA_2_PAGE_1):
        rowid, datum = _row(conn, kalla)
        assert datum == "2023-01-09"
        assert (rowid >> dated.DAY_SHIFT) & DAY_MASK == _days("2023-01-09")
    assert conn.execute("SELECT count(*) FROM sok").fetchone() == (11,)
    assert sok_index.check(conn).ok


def test_writes_of_every_kind_leave_one_row_a_record_and_a_rebuild_agrees(conn):
    conn.execute("UPDATE delegationsbeslut SET datum = '2025-11-30', beskrivning = 'Avslag' WHERE id = 3")
    conn.execute("UPDATE delegationsbeslut SET id = 30 WHERE id = 3")
    conn.execute("UPDATE verksamhetsplan SET antagen_datum = '2022-11-20' WHERE id = 6")
    conn.execute("UPDATE bilaga SET titel = 'Nya riktlinjer' WHERE id = 2")
    conn.execute("DELETE FROM bilagefil_sida WHERE fil_id = 1 AND sida = 2")
    conn.execute("DELETE FROM meddelande WHERE id = 4")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM sok_rad WHERE kalla = ?", [DELEGATION_3]).fetchone() == (0,)
    assert _row(conn, (4 << 48) + 30)[1] == "2025-11-30"
    assert _row(conn, (17 << 48) + 8)[1] == "2022-11-20"  # the plan's risk follows its plan's date
    assert conn.execute("SELECT count(*) FROM sok").fetchone() == conn.execute(
        "SELECT count(*) FROM sok_rad").fetchone() == (9,)
    assert sok_index.check(conn).ok
    kept = conn.execute("SELECT rowid, datum, namnd_id, organ_id, rubrik, text FROM sok "
                        "ORDER BY rowid").fetchall()
    assert sok_index.rebuild(conn) == 9
    assert conn.execute("SELECT rowid, datum, namnd_id, organ_id, rubrik, text FROM sok "
                        "ORDER BY rowid").fetchall() == kept


def test_a_date_changed_where_no_trigger_watches_is_stale_never_a_second_row(conn):
    # A paragraf moved to another meeting takes its reservation along to that day, which
    # no trigger of the reservation sees (m0018 watches the paragraf's number only).
    conn.execute("INSERT INTO sammantrade (id, organ_id, datum, skapad) "
                 "VALUES (2, 1, '2022-04-11', '2022-01-01')")
    conn.execute("UPDATE paragraf SET sammantrade_id = 2 WHERE arende_id = 7")
    conn.commit()
    assert _row(conn, ANFORANDE_1)[1] == "2022-03-14"
    assert sok_index.check(conn).stale == 1
    # The next write to the reservation finds its row under the old day and puts it under the new.
    conn.execute("UPDATE anforande SET text = 'Vi reserverar oss mot hela nedskärningen' WHERE id = 1")
    conn.commit()
    rowid, datum = _row(conn, ANFORANDE_1)
    assert datum == "2022-04-11" and (rowid >> dated.DAY_SHIFT) & DAY_MASK == _days("2022-04-11")
    assert conn.execute("SELECT count(*) FROM sok WHERE sok MATCH 'reserverar'").fetchone() == (1,)
    assert sok_index.check(conn).ok


def test_dates_outside_the_days_range_and_invalid_ones_keep_their_order(conn):
    conn.executemany("INSERT INTO delegationsbeslut (id, namnd_id, datum, beskrivning, skapad) "
                     "VALUES (?, 1, ?, 'Hemtjänst', '2024-01-01')",
                     [(20, "1965-06-01"), (21, "2200-01-01"), (22, "okänt")])
    conn.commit()
    days = {kalla & 0xFFFF: (rowid >> dated.DAY_SHIFT) & DAY_MASK for kalla, rowid in conn.execute(
        "SELECT kalla, rad FROM sok_rad WHERE kalla BETWEEN ? AND ?", [(4 << 48) + 20, (4 << 48) + 22])}
    assert days == {20: 1, 21: DAY_MASK, 22: 0}
    assert sok_index.check(conn).ok


def test_the_renumbering_reports_its_progress_and_stopping_it_leaves_version_26(tmp_path):
    path = tmp_path / "aldre.nkdb"
    arenden = 4 * dated.CHUNK // 3
    records = make_older_file(path, arenden)
    conn = connect(path)
    migrations.migrate(conn, APPLICATION_ID, target=26)
    before = conn.execute("SELECT datum, rubrik, text FROM sok").fetchall()

    def stop_midway(migration, done, total):
        if migration.version == 27 and done >= dated.CHUNK:
            raise JobCancelled()

    with pytest.raises(JobCancelled):
        migrations.migrate(conn, APPLICATION_ID, progress=stop_midway)
    assert migrations.recorded_version(conn) == 26
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sok_rad'").fetchone() == (0,)

    reported = []
    migrations.migrate(conn, APPLICATION_ID, progress=lambda m, done, total: reported.append((done, total)))
    figures = [(done, total) for done, total in reported if total]
    assert {t for _d, t in figures} == {3 * arenden}  # ärenden, paragrafer, delegationsbeslut
    done = [d for d, _t in figures]
    assert done == sorted(done) and done[-1] == 3 * arenden and len(set(done)) >= 4
    assert conn.execute("SELECT count(*) FROM sok").fetchone() == (records,)
    assert sorted(conn.execute("SELECT datum, rubrik, text FROM sok").fetchall()) == sorted(before)
    assert sok_index.check(conn).ok
    conn.close()

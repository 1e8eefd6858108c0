"""Many rows written at once are indexed for search in one statement (db/sok_bulk.py):
the index ends exactly as the row triggers would have left it, the triggers come back
as they were, and a failed write leaves nothing behind."""

from __future__ import annotations

import sqlite3

import pytest

from db import migrations
from db.connection import APPLICATION_ID, connect
from db.sok_bulk import indexed_afterwards

INSERT = ("INSERT INTO delegationsbeslut (namnd_id, kategori_id, datum, delegat, punkt, beskrivning, dnr, "
          "skapad) VALUES (1, 1, ?, 'Enhetschef', '2.1', ?, ?, '2024-01-01')")
NAMND = "INSERT INTO namnd (id, namn, kortnamn) VALUES (1, 'Vård- och omsorgsnämnden', 'VON')"
KATEGORI = "INSERT INTO delegationskategori (id, namnd_id, namn, ordning) VALUES (1, 1, 'Biståndsbeslut', 1)"


def _rows(n: int, start: int = 0) -> list[tuple[str, str, str]]:
    return [(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", f"Beslut {i} om bostadsanpassning i Överum",
             f"VON 2024/{i}") for i in range(start, start + n)]


@pytest.fixture
def conn(tmp_path):
    conn = connect(tmp_path / "bulk.nkdb")
    migrations.migrate(conn, APPLICATION_ID)
    conn.execute(NAMND)
    conn.execute(KATEGORI)
    conn.commit()
    yield conn
    conn.close()


def _index(conn) -> list[tuple]:
    return conn.execute("SELECT rowid, datum, namnd_id, organ_id, rubrik, text FROM sok "
                        "ORDER BY rowid").fetchall()


def _triggers(conn) -> list[tuple]:
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                        "AND tbl_name = 'delegationsbeslut' ORDER BY name").fetchall()


def test_bulk_writes_leave_the_same_index_as_the_row_triggers(conn, tmp_path):
    other = connect(tmp_path / "rad.nkdb")
    migrations.migrate(other, APPLICATION_ID)
    for c in (conn, other):
        if c is other:
            c.execute(NAMND)
            c.execute(KATEGORI)
        c.executemany(INSERT, _rows(300))
        c.commit()
    triggers = _triggers(conn)
    changed = [5, 17, 250]
    conn.execute("BEGIN")
    with indexed_afterwards(conn, "delegationsbeslut", changed):
        conn.executemany(INSERT, _rows(400, start=300))
        conn.executemany("UPDATE delegationsbeslut SET beskrivning = 'Ändrat: färdtjänst' WHERE id = ?",
                         [[i] for i in changed])
    conn.commit()
    # The same writes, row by row through the triggers.
    other.executemany(INSERT, _rows(400, start=300))
    other.executemany("UPDATE delegationsbeslut SET beskrivning = 'Ändrat: färdtjänst' WHERE id = ?",
                      [[i] for i in changed])
    other.commit()
    assert len(_index(conn)) == 700
    assert _index(conn) == _index(other)
    assert conn.execute("SELECT count(*) FROM sok WHERE sok MATCH 'färdtjänst'").fetchone()[0] == 3
    assert _triggers(conn) == triggers  # back exactly as they were
    # … and they work again: a row written afterwards is indexed by its trigger.
    conn.execute(INSERT, ("2025-01-01", "Beslut om hemtjänst", "VON 2025/1"))
    conn.commit()
    assert conn.execute("SELECT count(*) FROM sok WHERE sok MATCH 'hemtjänst'").fetchone()[0] == 1
    other.close()


def test_a_failed_bulk_write_rolls_back_rows_index_and_triggers_together(conn):
    triggers = _triggers(conn)
    conn.execute("BEGIN")
    with pytest.raises(sqlite3.IntegrityError), indexed_afterwards(conn, "delegationsbeslut"):
        conn.executemany(INSERT, _rows(200))
        # A nämnd that does not exist: the foreign key fails half-way through.
        conn.execute("INSERT INTO delegationsbeslut (namnd_id, skapad) VALUES (99, '2024-01-01')")
    conn.rollback()
    assert conn.execute("SELECT count(*) FROM delegationsbeslut").fetchone()[0] == 0
    assert _index(conn) == []
    assert _triggers(conn) == triggers


def test_it_refuses_to_run_outside_a_transaction(conn):
    with pytest.raises(RuntimeError), indexed_afterwards(conn, "delegationsbeslut"):
        pass

"""The search index of an older file is built by its migration with progress (in chunks,
inside the migration's one transaction, stoppable), ``check`` finds an index that does not
agree with the records or is damaged, and ``check --bygg-om-sokindex`` rebuilds it."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3

import pytest

from app.cli import main
from app.jobs import JobCancelled
from app.session import Session
from db import migrations, sok_index
from db.connection import APPLICATION_ID, connect

from .older_file import INDEX_VERSION, make_older_file

#: Enough ärenden for several chunks of the index migration.
ARENDEN = 4 * sok_index.CHUNK // 3


@pytest.fixture(scope="module")
def older_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("v17") / "aldre.nkdb"
    records = make_older_file(path, ARENDEN)
    return path, records


@pytest.fixture
def older(tmp_path, older_template):
    """A fresh copy of the version-17 file, and how many records its index will hold."""
    template, records = older_template
    return shutil.copy(template, tmp_path / "aldre.nkdb"), records


def _index_rows(conn) -> list[tuple]:
    return conn.execute("SELECT rowid, * FROM sok ORDER BY rowid").fetchall()


def test_the_index_migration_reports_its_progress_and_builds_what_it_builds_without(tmp_path, older):
    path, records = older
    plain = shutil.copy(path, tmp_path / "utan.nkdb")
    reported = []
    conn = connect(path)
    assert migrations.migrate(conn, APPLICATION_ID, progress=lambda m, done, total: reported.append(
        (m.version, done, total)))[0] == INDEX_VERSION
    without = connect(plain)
    migrations.migrate(without, APPLICATION_ID)

    # Every migration run is announced as it starts; the index's one counts its rows:
    # the records of every source table and the one attached file whose text is read.
    assert [r for r in reported if r[1:] == (0, 0)] == [(v, 0, 0) for v in
                                                       range(INDEX_VERSION, migrations.LATEST_VERSION + 1)]
    figures = [(done, total) for version, done, total in reported if version == INDEX_VERSION and total]
    total = ARENDEN * 3 + 1
    assert {t for _d, t in figures} == {total}
    done = [d for d, _t in figures]
    assert done == sorted(done) and done[-1] == total
    assert len(set(done)) >= 4  # several chunks, not one step at the end

    assert len(_index_rows(conn)) == records
    assert _index_rows(conn) == _index_rows(without)
    assert sok_index.check(conn).ok
    conn.close()
    without.close()


def test_stopping_the_index_migration_leaves_the_file_at_the_version_before(older):
    path, _records = older

    def stop_midway(migration, done, total):
        if migration.version == INDEX_VERSION and done >= sok_index.CHUNK:
            raise JobCancelled()

    conn = connect(path)
    with pytest.raises(JobCancelled):
        migrations.migrate(conn, APPLICATION_ID, progress=stop_midway)
    assert migrations.recorded_version(conn) == INDEX_VERSION - 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'sok'").fetchone() is None
    conn.close()


@pytest.fixture
def upgraded(older):
    path, records = older
    with Session.open(path):
        pass
    return path, records


def _write(path, *statements) -> None:
    """Writes another tool could make, each committed."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql)
            conn.commit()
    finally:
        conn.close()


#: The records' numbers in sok_rad (code × 2^48 + id), which give their rows in the index.
ARENDE_5 = (1 << 48) + 5
PARAGRAF_9 = (2 << 48) + 9


def _row(kalla: int) -> str:
    """SQL for the index rowid of record ``kalla``."""
    return f"(SELECT rad FROM sok_rad WHERE kalla = {kalla})"


def test_check_finds_stale_missing_and_left_over_rows(upgraded):
    path, records = upgraded
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        assert sok_index.check(conn) == sok_index.IndexCheck(records, 0, 0, 0)
    _write(path,
           # A row written straight into the index with an older text, one deleted from it,
           # and a delegationsbeslut removed while the triggers did not run.
           f"UPDATE sok SET text = 'gammal text' WHERE rowid = {_row(ARENDE_5)}",
           f"DELETE FROM sok WHERE rowid = {_row(PARAGRAF_9)}",
           "DROP TRIGGER sok_delegationsbeslut_delete",
           "DELETE FROM delegationsbeslut WHERE id = 7")
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    found = sok_index.check(conn)
    conn.close()
    assert found == sok_index.IndexCheck(records - 1, missing=1, stale=1, left_over=1)
    lines = found.lines(str(path))
    assert lines[0] == ("Sökindexet är inaktuellt: 1 post saknas i det, 1 post har gammal text, 1 rad "
                        f"finns kvar för poster som tagits bort (av {records - 1} poster). Sökningen hittar "
                        "då inte allt som står i databasen.")
    assert lines[-1].startswith(f"Bygg om sökindexet med: namndkansli --db {path} check --bygg-om-sokindex")


def test_check_finds_a_damaged_inverted_index_on_a_read_only_connection(upgraded):
    path, records = upgraded
    # The stored text stays as it was; part of the inverted index is gone.
    _write(path, "DELETE FROM sok_data WHERE id IN (SELECT id FROM sok_data WHERE id > 10 LIMIT 3)")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA query_only = ON")
    found = sok_index.check(conn)
    conn.close()
    assert (found.records, found.missing, found.stale, found.left_over) == (records, 0, 0, 0)
    assert found.damaged is not None and "malformed" in found.damaged
    assert found.lines()[0].startswith("Sökindexet är skadat (FTS5: ")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_check_says_the_index_is_out_of_date_and_rebuilding_puts_it_right(upgraded, capsys):
    path, records = upgraded
    _write(path, f"UPDATE sok SET text = 'gammal text' WHERE rowid = {_row(ARENDE_5)}",
           "DELETE FROM sok_data WHERE id IN (SELECT id FROM sok_data WHERE id > 10 LIMIT 3)")
    with Session.open(path) as window:  # the window has the file open: check only reads
        assert main(["--db", str(path), "check"]) == 1
        assert window.conn.execute("SELECT count(*) FROM arende").fetchone() == (ARENDEN,)
    captured = capsys.readouterr()
    assert "Sökindexet är inaktuellt: 1 post har gammal text" in captured.err
    assert "Sökindexet är skadat (FTS5: " in captured.err
    assert f"namndkansli --db {path} check --bygg-om-sokindex" in captured.err
    assert "Allt är i ordning." not in captured.out

    assert main(["--db", str(path), "check", "--bygg-om-sokindex"]) == 0
    captured = capsys.readouterr()
    assert f"Sökindexet har byggts om: {records} rader." in captured.out
    assert f"Sökindex: stämmer med innehållet ({records} poster)" in captured.out
    assert "Allt är i ordning." in captured.out
    conn = connect(path)
    # Searches find the record again, with the index's own settings kept (its ranking).
    found = conn.execute("SELECT rowid FROM sok WHERE sok MATCH 'hemtjänsten AND 5'").fetchall()
    assert found == conn.execute(f"SELECT {_row(ARENDE_5)}").fetchall()
    assert conn.execute("SELECT v FROM sok_config WHERE k = 'rank'").fetchone() == ("bm25(10.0, 1.0)",)
    conn.close()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_line_prints_the_upgrade_on_a_terminal(older, monkeypatch):
    path, records = older
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["--db", str(path), "check", "--bygg-om-sokindex"]) == 0
    lines = terminal.getvalue().split("\n")
    index_line = next(line for line in lines if "Sökindexet byggs" in line and "Steg 1 av" in line)
    total = f"{ARENDEN * 3 + 1:,}".replace(",", "\u00a0")
    steps = migrations.LATEST_VERSION - INDEX_VERSION + 1
    assert index_line.rstrip().endswith(f"Databasen uppgraderas: Steg 1 av {steps}: Sökindexet byggs – "
                                        f"{total} av {total}")
    assert any(line.rstrip().endswith(f"Sökindexet byggs om – {records - 2:,} av {records - 2:,}".replace(
        ",", "\u00a0")) for line in lines)


def test_nothing_is_printed_when_stderr_is_no_terminal(older, capsys):
    path, _records = older
    with Session.open(path):
        pass
    assert capsys.readouterr().err == ""


def test_rebuilding_is_refused_while_the_window_has_the_file_open(upgraded, capsys):
    path, _records = upgraded
    _write(path, f"UPDATE sok SET text = 'gammal text' WHERE rowid = {_row(ARENDE_5)}")
    with Session.open(path):
        assert main(["--db", str(path), "check", "--bygg-om-sokindex"]) == 2
    assert "är redan öppen i ett annat Nämndkansli-fönster" in capsys.readouterr().err
    conn = connect(path)
    assert conn.execute(f"SELECT text FROM sok WHERE rowid = {_row(ARENDE_5)}").fetchone() == ("gammal text",)
    conn.close()

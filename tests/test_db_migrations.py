"""Schema migrations: recorded in the file, upgrades keep data and a copy, a failing
migration leaves the file at the version it had."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from app import backup
from app.session import Session
from db import migrations
from db.connection import APPLICATION_ID, connect, inspect_file, open_connection
from db.errors import DatabaseAccessError
from db.migrations import Migration

ROOT = Path(__file__).resolve().parent.parent


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def _recorded(path) -> tuple[int, list[int]]:
    conn = sqlite3.connect(path)
    try:
        rows = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        return _pragma(conn, "user_version"), rows
    finally:
        conn.close()


def _tables(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _build_at(path, version: int) -> None:
    """A database as an older program left it: migrated up to ``version`` and with
    organisation data in it (the organisation tables exist from version 1)."""
    conn = connect(path)
    try:
        assert migrations.migrate(conn, APPLICATION_ID, target=version) == list(range(1, version + 1))
        conn.execute("BEGIN")
        conn.execute("INSERT INTO kommun (id, namn) VALUES (1, 'Oxelösunds kommun')")
        conn.execute("INSERT INTO namnd (namn, kortnamn) VALUES ('Vård- och omsorgsnämnden', 'VON')")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def test_migrations_are_numbered_without_gaps_and_each_has_up():
    numbers = [m.version for m in migrations.MIGRATIONS]
    assert numbers == list(range(1, len(numbers) + 1))
    assert migrations.LATEST_VERSION == numbers[-1]
    for mig in migrations.MIGRATIONS:
        assert callable(mig.module.up), mig.module_name


def test_a_gap_in_the_numbers_is_refused(monkeypatch):
    from pkgutil import ModuleInfo

    names = ["m0001_organisation", "m0003_hoppar_over"]
    monkeypatch.setattr(migrations.pkgutil, "iter_modules",
                        lambda _path: [ModuleInfo(None, name, False) for name in names])
    with pytest.raises(RuntimeError, match=r"without gaps: \[1, 3\]"):
        migrations._discover()


def test_an_up_to_date_file_opens_without_reading_migration_code(db_path):
    import subprocess
    import sys
    import textwrap

    open_connection(db_path).close()
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from db.connection import open_connection
        open_connection({str(db_path)!r}).close()
        print(sorted(m for m in sys.modules if m.startswith("db.migrations.")))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_fresh_database_records_every_migration(db_path):
    conn = open_connection(db_path)
    try:
        rows = conn.execute("SELECT version, name, applied_at FROM schema_migrations "
                            "ORDER BY version").fetchall()
        assert [(v, n) for v, n, _at in rows] == [(m.version, m.name) for m in migrations.MIGRATIONS]
        assert all(len(at) == len("2024-01-31T12:00:00") for _v, _n, at in rows)
        assert _pragma(conn, "user_version") == migrations.LATEST_VERSION
        assert _pragma(conn, "application_id") == APPLICATION_ID
        assert migrations.recorded_version(conn) == migrations.LATEST_VERSION
    finally:
        conn.close()


def test_migrating_again_applies_nothing(db_path):
    conn = open_connection(db_path)
    try:
        assert migrations.migrate(conn, APPLICATION_ID) == []
    finally:
        conn.close()


def _check_upgrade_from(path, start: int) -> None:
    _build_at(path, start)
    assert _recorded(path) == (start, list(range(1, start + 1)))
    assert inspect_file(path).needs_upgrade
    with Session.open(path) as session:
        assert session.schema_version == migrations.LATEST_VERSION
        assert session.conn.execute("SELECT namn FROM kommun").fetchone() == ("Oxelösunds kommun",)
        assert session.conn.execute("SELECT kortnamn FROM namnd").fetchall() == [("VON",)]
    assert _recorded(path) == (migrations.LATEST_VERSION,
                               list(range(1, migrations.LATEST_VERSION + 1)))
    # The copy taken before the upgrade is the old file, still at its old version.
    copies = backup.list_backups(path)
    assert len(copies) == 1
    old = inspect_file(copies[0].path, full_check=True)
    assert old.schema_version == start
    assert _recorded(copies[0].path) == (start, list(range(1, start + 1)))


@pytest.mark.parametrize("start", range(1, migrations.LATEST_VERSION))
def test_upgrade_from_each_earlier_version_keeps_data_and_a_copy(tmp_path, start):
    _check_upgrade_from(tmp_path / f"v{start}.nkdb", start)


# A migration that does not exist yet, so the upgrade path is exercised even when the
# program has only one real migration.
FAKE_SQL = "CREATE TABLE fake_ny_tabell (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"


def _add_fake_migration(monkeypatch, up) -> int:
    """A migration whose code is a function here instead of a module of its own."""
    version = migrations.LATEST_VERSION + 1
    monkeypatch.setitem(sys.modules, "tests.fake_migration_module", SimpleNamespace(up=up))
    fake = Migration(version, "fake", "tests.fake_migration_module")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, fake])
    monkeypatch.setattr(migrations, "LATEST_VERSION", version)
    return version


def test_upgrade_to_a_new_migration_keeps_data_and_a_copy(tmp_path, monkeypatch):
    path = tmp_path / "gammal.nkdb"
    old_latest = migrations.LATEST_VERSION
    _build_at(path, old_latest)
    new = _add_fake_migration(monkeypatch, lambda conn: migrations.run_script(conn, FAKE_SQL))
    with Session.open(path) as session:
        assert session.schema_version == new
        assert session.conn.execute("SELECT namn FROM kommun").fetchone() == ("Oxelösunds kommun",)
    assert "fake_ny_tabell" in _tables(path)
    assert _recorded(path) == (new, list(range(1, new + 1)))
    copies = backup.list_backups(path)
    assert len(copies) == 1
    assert inspect_file(copies[0].path).schema_version == old_latest
    assert "fake_ny_tabell" not in _tables(copies[0].path)


def _failing_up(conn):
    migrations.run_script(conn, FAKE_SQL)
    conn.execute("INSERT INTO fake_ny_tabell (text) VALUES ('halvvägs')")
    conn.execute("UPDATE kommun SET namn = 'Ändrad av halv migrering'")
    raise RuntimeError("avsiktligt fel mitt i migreringen")


def test_failing_migration_leaves_the_previous_version(tmp_path):
    path = tmp_path / "gammal.nkdb"
    old_latest = migrations.LATEST_VERSION
    _build_at(path, old_latest)
    with pytest.MonkeyPatch.context() as patch:
        _add_fake_migration(patch, _failing_up)
        with pytest.raises(RuntimeError, match="avsiktligt fel"):
            Session.open(path)
    assert _recorded(path) == (old_latest, list(range(1, old_latest + 1)))
    assert "fake_ny_tabell" not in _tables(path)
    state = inspect_file(path, full_check=True)
    assert state.schema_version == old_latest
    # The lock was released: once the program is fixed the file opens normally.
    with Session.open(path) as session:
        assert session.conn.execute("SELECT namn FROM kommun").fetchone() == ("Oxelösunds kommun",)
    # And the copy taken before the attempt is there.
    assert len(backup.list_backups(path)) == 1


def test_no_upgrade_without_the_copy_before_it(tmp_path, monkeypatch):
    """If the copy before an upgrade cannot be written (full disk, read-only data
    folder), the file is not upgraded, not changed, and nothing is left beside it."""
    import hashlib
    import os

    path = tmp_path / "gammal" / "gammal.nkdb"
    path.parent.mkdir()
    _build_at(path, migrations.LATEST_VERSION)
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    def full_disk(*args, **kwargs):
        raise backup.BackupError("Säkerhetskopian kunde inte skrivas: disken är full.")

    monkeypatch.setattr(backup, "rotate_backup", full_disk)
    with pytest.MonkeyPatch.context() as patch:
        _add_fake_migration(patch, lambda conn: migrations.run_script(conn, FAKE_SQL))
        with pytest.raises(DatabaseAccessError) as caught:
            Session.open(path)
    assert "säkerhetskopian före uppgraderingen kunde inte sparas" in caught.value.message
    assert "disken är full" in caught.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert os.listdir(path.parent) == ["gammal.nkdb"]


def test_sqlite_error_in_migration_is_reported_in_swedish(tmp_path):
    path = tmp_path / "gammal.nkdb"
    _build_at(path, migrations.LATEST_VERSION)

    def up(conn):
        conn.execute("CREATE TABLE kommun (id INTEGER)")  # exists: OperationalError

    with pytest.MonkeyPatch.context() as patch:
        _add_fake_migration(patch, up)
        with pytest.raises(DatabaseAccessError, match="kunde inte uppgraderas"):
            Session.open(path)
    assert _recorded(path)[0] == migrations.LATEST_VERSION


def test_run_script_keeps_statements_in_one_transaction(db_path):
    conn = connect(db_path)
    try:
        conn.execute("BEGIN")
        migrations.run_script(conn, "CREATE TABLE a (x TEXT DEFAULT ';');\n"
                                    "INSERT INTO a VALUES ('semi;colon');\n")
        conn.execute("ROLLBACK")
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'a'").fetchone() is None
        with pytest.raises(ValueError, match="Incomplete"):
            migrations.run_script(conn, "CREATE TABLE b (x")
    finally:
        conn.close()

"""Backups: consistent copies while the program writes, rotation, restore, cancel."""

from __future__ import annotations

import os
import shutil
import threading
from datetime import datetime, timedelta

import pytest

from app import backup
from app.cli import main as cli_main
from app.demo import populate
from app.session import Session
from db.connection import connect, inspect_file
from db.errors import DatabaseInUseError


@pytest.fixture
def demo_session(tmp_path, demo_template):
    """An open copy of the demo database."""
    session = Session.open(shutil.copy(demo_template, tmp_path / "test.nkdb"))
    yield session
    session.close()


def _fill(session, rows: int) -> None:
    """Enough data that a copy takes many backup steps (a page is 4 KiB)."""
    with session.db.atomic():
        session.db["installning"].insert_all(
            {"nyckel": f"fyllnad-{i}", "varde": "x" * 1000} for i in range(rows))


class Writer(threading.Thread):
    """Inserts rows through its own connection until stopped, like a worker job."""

    def __init__(self, path):
        super().__init__()
        self.path, self.stop, self.written, self.error = path, threading.Event(), 0, None

    def run(self) -> None:
        conn = connect(self.path)
        try:
            while not self.stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO installning (nyckel, varde) VALUES (?, 'skrivare')",
                             [f"skrivare-{self.written}"])
                conn.execute("COMMIT")
                self.written += 1
        except BaseException as exc:  # noqa: BLE001 - asserted by the test
            self.error = exc
        finally:
            conn.close()

    def __enter__(self):
        self.start()
        while self.written < 5 and self.is_alive():
            self.stop.wait(0.001)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.join(timeout=30)
        assert self.error is None


def _rows(path, like="skrivare-%") -> int:
    conn = connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM installning WHERE nyckel LIKE ?", [like]).fetchone()[0]
    finally:
        conn.close()


def test_backup_verb_while_the_program_writes_gives_a_checkable_copy(demo_session, tmp_path, capsys):
    _fill(demo_session, 2000)
    dest = tmp_path / "kopia.nkdb"
    with Writer(demo_session.path) as writer:
        assert cli_main(["--db", str(demo_session.path), "backup", str(dest)]) == 0
        during = writer.written
    assert "Säkerhetskopia skriven" in capsys.readouterr().out
    assert cli_main(["--db", str(dest), "check"]) == 0
    assert "Allt är i ordning." in capsys.readouterr().out
    # A snapshot: every filler row, and some prefix of the writer's rows.
    assert _rows(dest, "fyllnad-%") == 2000
    assert 5 <= _rows(dest) <= during
    assert not [name for name in os.listdir(tmp_path) if ".tmp-" in name]


def test_copy_finishes_even_when_every_step_is_interrupted(demo_session, tmp_path, monkeypatch):
    """A writer faster than the copy restarts it endlessly; after a few restarts the
    copy is taken in one step instead of never finishing."""
    _fill(demo_session, 1000)
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 2)
    steps = []
    with Writer(demo_session.path):
        made = backup.copy_database(demo_session.path, tmp_path / "kopia.nkdb",
                                    progress=lambda done, total: steps.append((done, total)))
    assert steps[-1][0] == steps[-1][1]  # reported as complete
    assert inspect_file(made, full_check=True).schema_version == demo_session.schema_version
    assert _rows(made, "fyllnad-%") == 1000


def test_copy_is_a_single_file_in_rollback_mode(demo_session, tmp_path):
    folder = tmp_path / "kopior"
    folder.mkdir()
    made = backup.copy_database(demo_session.path, folder)
    assert made == folder / demo_session.path.name
    assert made.read_bytes()[18:20] == b"\x01\x01"  # not WAL: no -wal needed beside it
    assert os.listdir(folder) == [made.name]


def test_cancelling_removes_the_partial_copy(demo_session, tmp_path, monkeypatch):
    _fill(demo_session, 1000)
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 16)  # many steps to cancel between
    dest_dir = tmp_path / "kopior"
    calls = []

    def cancel_after_first_step() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(backup.BackupCancelled):
        backup.copy_database(demo_session.path, dest_dir / "kopia.nkdb",
                             is_cancelled=cancel_after_first_step)
    assert len(calls) == 3
    assert os.listdir(dest_dir) == []
    with pytest.raises(backup.BackupCancelled):
        backup.rotate_backup(demo_session.path, is_cancelled=lambda: True)
    assert backup.list_backups(demo_session.path) == []
    assert os.listdir(backup.backup_folder(demo_session.path)) == []


def test_rotation_removes_what_the_retention_does_not_keep(session):
    start = datetime(2024, 3, 1, 9, 0, 0)
    four = backup.Retention(max_copies=4)
    made = [backup.rotate_backup(session.path, four, now=start + timedelta(minutes=i))
            for i in range(7)]
    copies = backup.list_backups(session.path)
    assert [c.path for c in copies] == made[:-5:-1]
    assert [c.label for c in copies] == ["2024-03-01 09:06:00", "2024-03-01 09:05:00",
                                         "2024-03-01 09:04:00", "2024-03-01 09:03:00"]
    assert sorted(os.listdir(backup.backup_folder(session.path))) == sorted(p.name for p in made[3:])


def test_copies_in_the_same_second_keep_their_order(session):
    """The 2nd, 3rd … copy in one second is named -2, -3 …; those are the newer ones,
    also past -9 (a name sort would put "-10" before "-2" and "-2" before none)."""
    moment = datetime(2024, 3, 1, 9, 0, 0)
    twenty = backup.Retention(max_copies=20)
    made = [backup.rotate_backup(session.path, twenty, now=moment) for _ in range(11)]
    assert [c.path for c in backup.list_backups(session.path)] == made[::-1]
    kept = [backup.rotate_backup(session.path, backup.Retention(max_copies=2), now=moment)]
    assert [c.path.name for c in backup.list_backups(session.path)] == [
        kept[0].name, made[-1].name]
    assert kept[0].name.endswith("-20240301-090000-12.nkdb")


def test_backups_of_two_files_with_one_name_do_not_mix(tmp_path):
    a, b = tmp_path / "a" / "namnd.nkdb", tmp_path / "b" / "namnd.nkdb"
    for path in (a, b):
        with Session.open(path):
            pass
        backup.rotate_backup(path)
    assert backup.backup_folder(a) != backup.backup_folder(b)
    assert len(backup.list_backups(a)) == len(backup.list_backups(b)) == 1


def _kommun_namn(path) -> str:
    conn = connect(path)
    try:
        return conn.execute("SELECT namn FROM kommun").fetchone()[0]
    finally:
        conn.close()


def test_restore_puts_old_content_back_and_saves_the_current_first(db_path):
    with Session.open(db_path) as s:
        populate(s.db)
    old_copy = backup.rotate_backup(db_path, now=datetime(2024, 1, 1, 8, 0, 0))
    with Session.open(db_path) as s:
        s.db["kommun"].update(1, {"namn": "Nyköpings kommun"})
    safety = backup.restore_backup(old_copy, db_path)
    assert _kommun_namn(db_path) == "Oxelösunds kommun"
    assert _kommun_namn(safety) == "Nyköpings kommun"
    assert [c.path for c in backup.list_backups(db_path)] == [safety, old_copy]
    # The restored file is a normal database again: opens, checks, no stray files.
    assert inspect_file(db_path, full_check=True).schema_version > 0
    with Session.open(db_path) as s:
        assert s.organisation.kommun().namn == "Oxelösunds kommun"
    assert sorted(os.listdir(db_path.parent)) == sorted(["data", db_path.name])
    # … and the restore itself can be undone from the safety copy.
    backup.restore_backup(safety, db_path)
    assert _kommun_namn(db_path) == "Nyköpings kommun"


def test_restore_refuses_while_another_window_has_the_file_open(demo_session):
    copy = backup.rotate_backup(demo_session.path)
    demo_session.organisation.save_kommun(
        demo_session.organisation.kommun().__class__(namn="Ändrad kommun"))
    with pytest.raises(DatabaseInUseError):
        backup.restore_backup(copy, demo_session.path)
    assert demo_session.organisation.kommun().namn == "Ändrad kommun"
    assert len(backup.list_backups(demo_session.path)) == 1


def test_copy_refuses_to_overwrite_its_source_and_missing_sources(session, tmp_path):
    with pytest.raises(backup.BackupError, match="originalet"):
        backup.copy_database(session.path, session.path)
    with pytest.raises(backup.BackupError, match="finns inte"):
        backup.copy_database(tmp_path / "saknas.nkdb", tmp_path / "kopia.nkdb")


def test_backup_verb_refuses_to_overwrite_an_existing_file(demo_session, tmp_path, capsys):
    dest = tmp_path / "finns.nkdb"
    dest.write_bytes(b"viktig fil")
    assert cli_main(["--db", str(demo_session.path), "backup", str(dest)]) == 2
    assert "finns redan" in capsys.readouterr().err
    assert dest.read_bytes() == b"viktig fil"

"""Backups that scale: copies kept by age and bounded in number and disk, at most one
automatic copy a day, leftovers of an interrupted copy removed, and a copy that cannot
proceed stops with a message instead of waiting for ever."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest

from app import backup, clock
from app.backup import BackupCopy, Retention, kept_copies
from app.session import Session


def _days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _taken_days(path) -> list[str]:
    return [c.taken.date().isoformat() for c in backup.list_backups(path)]


def test_a_third_of_a_year_of_daily_openings_keeps_days_weeks_and_months(session):
    """One opening a day at 08:00 from New Year to the end of April (the program clock
    set to each day): what is left are the last seven days, the newest copy of each of
    the last four ISO weeks and of each of the last twelve months."""
    path = session.path
    taken = 0
    for day in _days(date(2024, 1, 1), date(2024, 4, 30)):
        with clock.pinned(datetime.combine(day, datetime.min.time()).replace(hour=8)):
            if backup.automatic_backup(path, Retention()) is not None:
                taken += 1
            # A second opening the same day takes no second copy.
            assert backup.automatic_backup(path, Retention()) is None
    assert taken == 121
    assert _taken_days(path) == [
        "2024-04-30", "2024-04-29", "2024-04-28", "2024-04-27", "2024-04-26", "2024-04-25", "2024-04-24",
        "2024-04-21", "2024-04-14",  # ISO weeks 16 and 15 (17 and 18 are among the days)
        "2024-03-31", "2024-02-29", "2024-01-31",  # the months before April
    ]
    assert len(os.listdir(backup.backup_folder(path))) == 12  # nothing else left in the folder


def _copies(*stamps: str) -> list[BackupCopy]:
    return [BackupCopy(backup.backup_folder("x.nkdb") / f"x-{s}.nkdb", datetime.strptime(s, "%Y%m%d-%H%M%S"))
            for s in stamps]


def test_every_copy_of_the_last_day_is_kept_then_one_a_day():
    """The copy taken before a restore must survive "Säkerhetskopiera nu" an hour later."""
    copies = _copies("20240502-150000", "20240502-100000", "20240502-093000", "20240501-180000",
                     "20240501-080000", "20240430-080000")
    now = datetime(2024, 5, 2, 16, 0, 0)
    kept = kept_copies(copies, Retention(), now, size=lambda c: 1)
    assert [c.label for c in kept] == ["2024-05-02 15:00:00", "2024-05-02 10:00:00", "2024-05-02 09:30:00",
                                       "2024-05-01 18:00:00", "2024-04-30 08:00:00"]
    # A day later only the newest copy of each day is left.
    later = kept_copies(kept, Retention(), now + timedelta(days=1), size=lambda c: 1)
    assert [c.label for c in later] == ["2024-05-02 15:00:00", "2024-05-01 18:00:00", "2024-04-30 08:00:00"]


def test_number_and_disk_bound_what_is_kept_oldest_going_first():
    copies = _copies(*(f"202405{d:02d}-080000" for d in range(20, 0, -1)))
    now = datetime(2024, 5, 20, 9, 0, 0)
    gb = 1024 ** 3
    by_count = kept_copies(copies, Retention(max_copies=3), now, size=lambda c: gb)
    assert [c.label[:10] for c in by_count] == ["2024-05-20", "2024-05-19", "2024-05-18"]
    by_disk = kept_copies(copies, Retention(max_bytes=int(2.5 * gb)), now, size=lambda c: gb)
    assert [c.label[:10] for c in by_disk] == ["2024-05-20", "2024-05-19"]
    # The newest copy stays even when it alone is over the limit.
    alone = kept_copies(copies, Retention(max_bytes=gb // 2), now, size=lambda c: gb)
    assert [c.label[:10] for c in alone] == ["2024-05-20"]


def test_thirty_days_of_a_big_file_stay_within_the_disk_limit(session):
    path = session.path
    session.db["installning"].insert_all({"nyckel": f"fyllnad-{i}", "varde": "x" * 2000} for i in range(600))
    pages, page_size = (session.conn.execute(f"PRAGMA {name}").fetchone()[0]
                        for name in ("page_count", "page_size"))
    retention = Retention(max_bytes=int(pages * page_size * 3.5))  # room for three copies
    for day in _days(date(2024, 6, 1), date(2024, 6, 30)):
        with clock.pinned(datetime.combine(day, datetime.min.time()).replace(hour=9)):
            backup.automatic_backup(path, retention)
    copies = backup.list_backups(path)
    assert _taken_days(path) == ["2024-06-30", "2024-06-29", "2024-06-28"]
    assert sum(c.path.stat().st_size for c in copies) <= retention.max_bytes


def test_restoring_a_copy_the_retention_would_drop_restores_it(session):
    """The copy taken before a restore must not prune the very copy being restored (an
    older copy of a day that has a newer one)."""
    kommun = session.db["kommun"]
    copies = []
    for hour, namn in ((8, "Åtta"), (9, "Nio"), (10, "Tio")):
        kommun.upsert({"id": 1, "namn": f"{namn} kommun"}, pk="id")
        copies.append(backup.rotate_backup(session.path, Retention(), now=datetime(2024, 5, 2, hour, 30)))
    session.close()
    with clock.pinned(datetime(2024, 6, 1, 12, 0)):
        safety = backup.restore_backup(copies[1], session.path, Retention())
    with Session.read(session.path) as restored:
        assert restored.organisation.kommun().namn == "Nio kommun"
    with Session.read(safety) as before:
        assert before.organisation.kommun().namn == "Tio kommun"
    # Pruned afterwards: the newest copy of 2 May and the safety copy are left.
    assert [c.path for c in backup.list_backups(session.path)] == [safety, copies[2]]


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def test_leftovers_of_an_interrupted_copy_are_removed_at_the_next_start(session):
    folder = backup.backup_folder(session.path)
    folder.mkdir(parents=True)
    dead = _dead_pid()
    crashed = folder / f".test-20240101-080000.nkdb.tmp-{dead}-139871"
    crashed.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    journal = folder / f".test-20240101-080000.nkdb.tmp-{dead}-139871-journal"
    journal.write_bytes(b"\x00" * 512)
    running = folder / f".test-20240101-090000.nkdb.tmp-{os.getpid()}-1"  # this process: in progress
    running.write_bytes(b"")
    unrelated = folder / "anteckning.txt"
    unrelated.write_text("behålls")
    with clock.pinned(datetime(2024, 1, 2, 8, 0, 0)):
        made = backup.automatic_backup(session.path, Retention())
    assert made is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, running.name, unrelated.name])


def test_the_backup_verb_removes_what_an_interrupted_run_left_beside_its_target(session, tmp_path, capsys):
    from app.cli import main as cli_main

    target = tmp_path / "kopior"
    target.mkdir()
    left = target / f".test.nkdb.tmp-{_dead_pid()}-5"
    left.write_bytes(b"halv kopia")
    assert cli_main(["--db", str(session.path), "backup", str(target)]) == 0
    assert os.listdir(target) == ["test.nkdb"]


def test_a_copy_from_a_source_kept_locked_stops_with_a_message_in_bounded_time(db_path, tmp_path,
                                                                               monkeypatch):
    """A file not in WAL mode (as on a network share) that another program keeps locked
    after the copy has begun: the copy used to retry for ever."""
    with Session.open(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE fyllnad (x TEXT)")
    conn.executemany("INSERT INTO fyllnad VALUES (?)", [("x" * 3000,) for _ in range(300)])
    conn.commit()
    conn.close()
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 8)
    monkeypatch.setattr(backup, "STALL_SECONDS", 1.0)
    monkeypatch.setattr("db.connection.BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db_path, isolation_level=None)
    steps = []

    def lock_after_first_step(done: int, total: int) -> None:
        steps.append(done)
        if not other.in_transaction:
            other.execute("BEGIN EXCLUSIVE")  # another program starts writing and does not stop

    started = time.monotonic()
    try:
        with pytest.raises(backup.BackupError) as refused:
            backup.copy_database(db_path, tmp_path / "kopior" / "kopia.nkdb", progress=lock_after_first_step)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert time.monotonic() - started < 15
    assert steps and steps[0] < 100
    assert str(refused.value) == (
        f"Säkerhetskopian {tmp_path / 'kopior' / 'kopia.nkdb'} kunde inte skrivas: kopieringen kom inte "
        "framåt på 1 sekunder (ett annat program höll databasen låst). Databasen har inte ändrats. Stäng "
        "det andra programmet (till exempel ett synkprogram) eller kontrollera att disken eller "
        "nätverksmappen går att nå, och försök igen.")
    assert os.listdir(tmp_path / "kopior") == []  # the partial copy is gone


def test_a_copy_that_does_not_fit_on_the_disk_is_refused_before_copying(session, monkeypatch):
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=1024 * 1024))
    with pytest.raises(backup.BackupError, match="får inte plats") as refused:
        backup.rotate_backup(session.path, Retention())
    assert "minska utrymmet för säkerhetskopior i Arkiv › Inställningar…" in str(refused.value)
    assert backup.list_backups(session.path) == []

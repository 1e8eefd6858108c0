"""Several connections writing at once (the UI thread and a worker, or the program and
a command-line verb): each waits its turn, nothing fails, the file stays whole."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from app.session import Session
from db.connection import connect, open_connection, wrap

ROOT = Path(__file__).resolve().parent.parent
ROWS_PER_WRITER = 150


def _count_and_integrity(path) -> tuple[int, str]:
    conn = connect(path)
    try:
        count = conn.execute("SELECT COUNT(*) FROM installning").fetchone()[0]
        return count, conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_threads_writing_through_atomic_all_succeed(db_path):
    """sqlite-utils' own atomic() begins DEFERRED and reads the schema before the
    insert; a second writer then makes it fail at once with "database is locked".
    Ours begins IMMEDIATE and waits for the busy timeout instead."""
    open_connection(db_path).close()
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def writer(name: str) -> None:
        db = wrap(connect(db_path))
        try:
            start.wait()
            for i in range(ROWS_PER_WRITER):
                with db.atomic():
                    db["installning"].insert({"nyckel": f"{name}-{i}", "varde": "x"})
                    # A nested block becomes a savepoint inside the same transaction.
                    with db.atomic():
                        db["installning"].update(f"{name}-{i}", {"varde": f"{i}"})
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(f"t{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert _count_and_integrity(db_path) == (4 * ROWS_PER_WRITER, "ok")


def test_atomic_rolls_back_everything_on_error(session):
    db = session.db
    try:
        with db.atomic():
            db["installning"].insert({"nyckel": "a", "varde": "1"})
            with db.atomic():
                db["installning"].insert({"nyckel": "b", "varde": "2"})
            raise ValueError("avbrutet")
    except ValueError:
        pass
    assert db.execute("SELECT COUNT(*) FROM installning").fetchone()[0] == 0
    assert not db.conn.in_transaction


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from db.connection import connect
    conn = connect({path!r})
    for i in range({rows}):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO installning (nyckel, varde) VALUES (?, ?)", (f"{name}-{{i}}", "x"))
        conn.execute("COMMIT")
    conn.close()
""")


def test_processes_and_the_program_writing_at_once_keep_the_file_whole(db_path):
    with Session.open(db_path) as session:
        procs = [subprocess.Popen([sys.executable, "-c", WRITER.format(
            root=str(ROOT), path=str(db_path), rows=ROWS_PER_WRITER, name=f"p{n}")],
            stderr=subprocess.PIPE, text=True) for n in range(2)]
        db = session.db
        for i in range(ROWS_PER_WRITER):
            with db.atomic():
                db["installning"].insert({"nyckel": f"program-{i}", "varde": "x"})
        for proc in procs:
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
    assert _count_and_integrity(db_path) == (3 * ROWS_PER_WRITER, "ok")

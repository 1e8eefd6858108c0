"""Session: one editor per file, CLI verbs beside it, lock files that do not linger."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.demo import populate
from app.session import Session
from db import migrations
from db.errors import DatabaseInUseError
from db.lock import InstanceLock, lock_path

ROOT = Path(__file__).resolve().parent.parent


def test_second_session_on_an_open_file_is_refused_in_swedish(session):
    with pytest.raises(DatabaseInUseError) as caught:
        Session.open(session.path)
    message = caught.value.message
    assert "redan öppen i ett annat Nämndkansli-fönster" in message
    assert str(session.path) in message
    # The first session is unaffected.
    assert session.schema_version == migrations.LATEST_VERSION


def test_second_program_on_an_open_file_is_refused(session, tmp_path):
    """The lock holds across processes, not only within this one."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from app.session import Session
        from db.errors import DatabaseInUseError
        try:
            Session.open({str(session.path)!r})
        except DatabaseInUseError as exc:
            print("refused:", exc.message)
            sys.exit(3)
        sys.exit(0)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "NAMNDKANSLI_DATA_DIR": str(tmp_path / "other")},
                          timeout=60)
    assert done.returncode == 3, done.stderr
    assert "redan öppen" in done.stdout


def test_file_opens_again_after_close_and_the_lock_file_is_gone(db_path):
    s = Session.open(db_path)
    assert lock_path(db_path).exists()
    s.close()
    assert not lock_path(db_path).exists()
    s.close()  # closing twice is harmless
    assert s.closed
    with Session.open(db_path) as again:
        assert again.schema_version == migrations.LATEST_VERSION
    assert sorted(os.listdir(db_path.parent)) == [db_path.name]


def test_non_exclusive_session_takes_no_lock(session):
    other = Session.open(session.path, exclusive=False)
    try:
        assert other.schema_version == session.schema_version
    finally:
        other.close()
    # Closing the non-exclusive one did not release the first one's lock.
    with pytest.raises(DatabaseInUseError):
        InstanceLock(session.path).acquire()


def test_lock_taken_after_the_holder_removed_the_file_is_a_new_one(tmp_path):
    """Releasing removes the lock file while still holding it; a program that opened
    the old file just before must notice and lock the new file instead."""
    db = tmp_path / "x.nkdb"
    first = InstanceLock(db)
    first.acquire()
    stale_fd = os.open(lock_path(db), os.O_RDWR)  # opened before the release
    first.release()
    try:
        second = InstanceLock(db)
        second.acquire()
        try:
            assert os.path.samestat(os.fstat(second._fd), os.stat(lock_path(db)))
            assert not os.path.samestat(os.fstat(stale_fd), os.stat(lock_path(db)))
            with pytest.raises(DatabaseInUseError):
                InstanceLock(db).acquire()
        finally:
            second.release()
    finally:
        os.close(stale_fd)


def test_check_and_backup_verbs_work_while_the_file_is_open(demo_session, tmp_path, capsys):
    path = demo_session.path
    assert cli_main(["--db", str(path), "check"]) == 0
    assert "Allt är i ordning." in capsys.readouterr().out
    dest = tmp_path / "kopia.nkdb"
    assert cli_main(["--db", str(path), "backup", str(dest)]) == 0
    assert cli_main(["--db", str(dest), "check"]) == 0
    with Session.open(dest) as copy:
        assert copy.organisation.kommun().namn == "Oxelösunds kommun"
        assert len(copy.organisation.personer()) == len(demo_session.organisation.personer())
    # The verbs did not disturb the open session.
    assert demo_session.organisation.kommun().namn == "Oxelösunds kommun"


def test_demo_verb_refuses_a_file_open_in_the_program(session, capsys):
    assert cli_main(["--db", str(session.path), "demo"]) == 2
    assert "redan öppen" in capsys.readouterr().err


def test_is_empty(session):
    assert session.is_empty()
    populate(session.db)
    assert not session.is_empty()


def test_closing_folds_the_wal_back_into_the_file(db_path):
    with Session.open(db_path) as s:
        populate(s.db)
        assert Path(f"{db_path}-wal").exists()
    assert sorted(os.listdir(db_path.parent)) == [db_path.name]
    # Everything is in the main file alone.
    copy = db_path.with_name("bara-huvudfilen.nkdb")
    copy.write_bytes(db_path.read_bytes())
    with Session.open(copy) as s:
        assert s.organisation.kommun().namn == "Oxelösunds kommun"


def test_startup_path_does_not_import_sqlite_utils():
    """Opening a session and asking the few things the main window needs must not pull
    in sqlite-utils: it costs more start-up time than the rest of the program."""
    script = textwrap.dedent(f"""
        import sys, tempfile, pathlib
        sys.path.insert(0, {str(ROOT)!r})
        from app.session import Session
        path = pathlib.Path(tempfile.mkdtemp()) / "x.nkdb"
        with Session.open(path) as s:
            s.is_empty(); s.schema_version
        print("sqlite_utils" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize(("argv", "verb"), [
    ([], "gui"),
    (["--demo"], "gui"),
    (["--db", "check", "backup", "x"], "backup"),  # a file named "check" is not the verb
    (["--db=fil.nkdb", "check"], "check"),
    (["gui", "fil.nkdb"], "gui"),
    (["--help"], None),
    (["okänt"], None),
])
def test_the_verb_is_found_before_parsing(argv, verb):
    from app.cli import chosen_verb

    assert chosen_verb(argv) == verb


def test_starting_the_gui_configures_no_other_verb():
    """Each verb's options are set up only when that verb runs: setting up the document
    verbs imports the PDF and Excel libraries, which the GUI must not wait for."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from app import cli
        parser = cli.build_parser(only=cli.chosen_verb([]))
        args = parser.parse_args(["gui", "--demo"])
        heavy = sorted(m for m in ("reportlab", "openpyxl", "pikepdf", "sqlite_utils", "PySide6")
                       if m in sys.modules)
        print(args.verb, args.demo, heavy)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "gui True []", done.stderr


def test_every_verb_still_configures_and_is_listed(capsys):
    from app.cli import VERBS, build_parser

    parser = build_parser()
    for verb in VERBS:
        with pytest.raises(SystemExit):
            cli_main([verb, "--help"])
        out = capsys.readouterr().out
        assert out.startswith(f"usage: namndkansli {verb}"), verb
    assert "gui" in parser.format_help()

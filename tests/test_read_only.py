"""Read-only files: a file (or its folder) that cannot be written opens for reading, with a
banner; a save is refused with the Swedish message, never the crash dialog; printing,
exporting and backing up work; nothing is left beside the file. And the verbs that only
read never create or write a database, and work while the window has the file open."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import backup
from app.cli import main as cli_main
from app.organisation import Kommun
from app.session import Session
from db.connection import probe_access
from db.errors import READ_ONLY_NOTICE, DatabaseAccessError
from ui import crash
from ui.application import make_application
from ui.main_window import MainWindow, area_widget


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _is_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


@pytest.fixture
def make_read_only():
    """Make files and folders read-only for real: permission bits for an ordinary user;
    for root, who writes through any permission bits, the immutable attribute
    (chattr +i), which refuses root too. Undone afterwards so the folder can be removed."""
    made = []

    def make(*paths) -> None:
        for path in paths:
            if _is_root():
                done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
                if done.returncode != 0:
                    pytest.skip(f"cannot make {path} read-only here as root: {done.stderr.strip()}")
            else:
                path.chmod(0o555 if path.is_dir() else 0o444)
            made.append(path)

    yield make
    for path in reversed(made):
        if _is_root():
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def read_only_demo(tmp_path, demo_template, make_read_only):
    """A closed copy of the demo database, read-only, in a folder of its own."""
    folder = tmp_path / "arkiv"
    folder.mkdir()
    path = shutil.copy(demo_template, folder / "demo.nkdb")
    make_read_only(path)
    assert probe_access(path).read_only and probe_access(path).folder_writable
    return path


@pytest.fixture
def demo_in_read_only_folder(tmp_path, demo_template, make_read_only):
    """The demo database in a read-only folder (a cd, a share one may only read)."""
    folder = tmp_path / "cd"
    folder.mkdir()
    path = shutil.copy(demo_template, folder / "demo.nkdb")
    make_read_only(folder)
    assert probe_access(path).read_only and not probe_access(path).folder_writable
    return path


# -- the session ----------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_file_opens_for_reading_and_leaves_nothing(request, where):
    path = request.getfixturevalue("read_only_demo" if where == "file" else "demo_in_read_only_folder")
    before, around = sha256(path), set(os.listdir(path.parent))
    with Session.open(path) as session:
        assert session.read_only
        assert session.organisation.kommun().namn == "Oxelösunds kommun"
        assert len(session.meetings.meetings()) == 4
        with pytest.raises(Exception) as refused:
            session.organisation.save_kommun(Kommun(namn="Ändrad kommun"))
        problem = crash.environment_error(refused.value, session.path)
        assert problem is not None and problem.kind == "readonly"
        assert problem.message.startswith(READ_ONLY_NOTICE)
        assert session.organisation.kommun().namn == "Oxelösunds kommun"
    assert sha256(path) == before
    assert set(os.listdir(path.parent)) == around  # no -wal, -shm or .lock beside it


def test_check_leaves_nothing_beside_a_read_only_file(read_only_demo, capsys):
    around = set(os.listdir(read_only_demo.parent))
    assert cli_main(["--db", str(read_only_demo), "check"]) == 0
    assert "Allt är i ordning." in capsys.readouterr().out
    assert set(os.listdir(read_only_demo.parent)) == around


def test_a_healthy_file_in_a_read_only_folder_is_not_called_damaged(demo_in_read_only_folder, capsys):
    assert cli_main(["--db", str(demo_in_read_only_folder), "check"]) == 0
    captured = capsys.readouterr()
    assert "Integritetskontroll: ok" in captured.out
    assert "skadad" not in captured.out + captured.err


def test_a_file_that_cannot_be_opened_here_is_not_called_damaged(tmp_path, make_read_only):
    """A WAL with pages the file lacks, copied into a read-only folder without its -shm:
    SQLite cannot open it there (SQLITE_CANTOPEN). That is no damage, and restoring a
    backup over it would be the wrong advice."""
    source = tmp_path / "original"
    source.mkdir()
    with Session.open(source / "demo.nkdb") as session:
        session.conn.execute("PRAGMA wal_autocheckpoint = 0")
        session.organisation.save_kommun(Kommun(namn="Ekby kommun"))
        folder = tmp_path / "usb"
        folder.mkdir()
        for name in ("demo.nkdb", "demo.nkdb-wal"):  # copied while open: the WAL has content
            shutil.copy(source / name, folder / name)
        session.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    make_read_only(folder)
    path = folder / "demo.nkdb"
    with pytest.raises(DatabaseAccessError) as refused:
        Session.open(path)
    message = refused.value.message
    assert message.startswith(f"Databasfilen {path} kan inte läsas just nu (unable to open database file)")
    assert "skadad" not in message and "Återställ" not in message
    assert "Kontrollera att filen och mappen går att nå" in message
    assert sorted(os.listdir(folder)) == ["demo.nkdb", "demo.nkdb-wal"]


def test_read_only_folder_with_sidecars_left_in_it_backs_up_without_hanging(
        tmp_path, demo_template, make_read_only):
    """A read-only folder holding the -wal and -shm a reader once left: SQLite reads the
    -shm read-only there, and the step-by-step copy used to make no progress after its
    first step for ever ("129 of 385 pages")."""
    folder = tmp_path / "delad"
    folder.mkdir()
    path = shutil.copy(demo_template, folder / "demo.nkdb")
    reader = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    reader.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    reader.close()  # a read-only connection cannot remove the -wal and -shm it made
    assert sorted(os.listdir(folder)) == ["demo.nkdb", "demo.nkdb-shm", "demo.nkdb-wal"]
    make_read_only(folder / "demo.nkdb-shm", folder / "demo.nkdb-wal", path, folder)
    started = time.monotonic()
    made = backup.copy_database(path, tmp_path / "kopia.nkdb", progress=lambda done, total: None)
    assert time.monotonic() - started < 20
    with Session.read(made) as copy:
        assert copy.organisation.kommun().namn == "Oxelösunds kommun"


# -- in the window --------------------------------------------------------------------------
@pytest.fixture
def boxes(monkeypatch):
    """Every message box shown (icon, title, text); the crash dialog fails the test."""
    shown = []

    def fake_exec(box):
        shown.append((box.icon(), box.windowTitle(), box.text()))
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(crash, "_show_crash_dialog",
                        lambda *info: pytest.fail(f"crash dialog for {info[1]!r}"))
    return shown


@pytest.fixture
def read_only_window(qtbot, qapp, read_only_demo, monkeypatch):
    make_application()
    monkeypatch.setattr(sys, "excepthook", crash.handle_exception)  # as at start-up
    win = MainWindow(Session.open(read_only_demo))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


# The offscreen platform says so whenever a shown window's size limits change.
OFFSCREEN = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@OFFSCREEN
@pytest.mark.qt_no_exception_capture
def test_the_window_says_read_only_and_refuses_spara_in_swedish(read_only_window, boxes, qtbot,
                                                                read_only_demo):
    window = read_only_window
    before = sha256(read_only_demo)
    assert window.read_only_banner.isVisible()
    assert window.read_only_banner.text() == READ_ONLY_NOTICE
    assert "(skrivskyddad)" in window.windowTitle()
    assert not window.restore_action.isEnabled()
    area = area_widget(window, "organisation")
    window.nav.setCurrentRow(0)
    area.setCurrentWidget(area.kommun)
    tab = area.kommun
    qtbot.waitUntil(tab.save_button.isVisible)
    assert tab.fields["namn"].text() == "Oxelösunds kommun"  # reading works
    tab.fields["namn"].selectAll()
    qtbot.keyClicks(tab.fields["namn"], "Ekby kommun")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert len(boxes) == 1
    icon, title, text = boxes[0]
    assert icon == QMessageBox.Icon.Warning
    assert title == "Nämndkansli – Inte sparat – filen är skrivskyddad"
    assert text.startswith(READ_ONLY_NOTICE)
    assert "attempt to write" not in text and "Ett oväntat fel" not in text
    assert tab.fields["namn"].text() == "Ekby kommun"  # what was typed is still there
    assert window.session.organisation.kommun().namn == "Oxelösunds kommun"
    assert sha256(read_only_demo) == before
    assert window.isVisible()


@OFFSCREEN
def test_every_area_opens_in_a_read_only_window_without_a_message(read_only_window, qtbot, boxes):
    """No area writes just because it is shown (which would greet the user with the
    read-only message on every click in the navigation)."""
    for row in range(read_only_window.nav.count()):
        read_only_window.nav.setCurrentRow(row)
        qtbot.waitUntil(lambda r=row: read_only_window._built[r], timeout=10_000)
        qtbot.wait(50)
    assert boxes == []


@OFFSCREEN
def test_printing_from_a_read_only_window_works(read_only_window, qtbot, tmp_path, boxes):
    read_only_window.nav.setCurrentRow(1)  # Sammanträden, as the user clicks it
    area = area_widget(read_only_window, "sammantraden")
    assert read_only_window.stack.currentWidget() is area
    meeting = area.current_meeting()
    assert meeting is not None
    out = tmp_path / "kallelse.pdf"
    area.print_kallelse(out)  # the job runs on a worker over its own connection
    # The demo's AU meets after the demo's day: the check warns that its förslag are not
    # decided yet (app/meetings/au_forslag.py); warnings only, so printing goes on.
    checked = area.printer.dialog
    assert checked is not None and checked.messages()
    assert all(m.startswith("Varning: ") for m in checked.messages())
    checked.accept()
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=20_000)
    area.printer.dialog.reject()
    text = PdfReader(out).pages[0].extract_text()
    assert meeting.organ_namn in text and "Sida 1" in text
    assert boxes == []


# -- the command line -----------------------------------------------------------------------
READING_VERBS = [
    ["moten"],
    ["kallelse", "1", "-o", "{out}/kallelse.pdf"],
    ["protokoll", "1", "-o", "{out}/protokoll.pdf"],
    ["plans"],
    ["plan", "1", "-o", "{out}/plan.pdf"],
    ["export", "delegationsbeslut", "{out}/beslut.xlsx"],
    ["report", "evb", "-o", "{out}/evb.xlsx"],
    ["budget", "internbudget", "{year}", "-o", "{out}/internbudget.xlsx"],
    ["backup", "{out}/kopia.nkdb"],
    ["check"],
]
IDS = [argv[0] for argv in READING_VERBS]


def _argv(argv, out, year="2023"):
    return [a.format(out=out, year=year) for a in argv]


@pytest.mark.parametrize("argv", READING_VERBS, ids=IDS)
@pytest.mark.parametrize("what", ["missing", "zero-byte"])
def test_a_reading_verb_never_creates_a_database(tmp_path, capsys, argv, what):
    folder = tmp_path / "mapp"
    folder.mkdir()
    path = folder / "felstavad.nkdb"
    if what == "zero-byte":
        path.write_bytes(b"")
    out = tmp_path / "ut"
    out.mkdir()
    code = cli_main(["--db", str(path), *_argv(argv, out)])
    err = capsys.readouterr().err
    assert code != 0
    assert str(path) in err and ("finns inte" in err or "tom" in err), err
    assert "Traceback" not in err and "oväntat fel" not in err
    # Nothing created: no database, no -wal/-shm/.lock, no output file.
    assert os.listdir(folder) == ([] if what == "missing" else ["felstavad.nkdb"])
    assert what == "missing" or path.stat().st_size == 0
    assert os.listdir(out) == []


@pytest.fixture
def budget_year(demo_template):
    with Session.read(demo_template) as s:
        return str(s.db.execute("SELECT MAX(ar) FROM internbudget").fetchone()[0])


@pytest.mark.parametrize("argv", READING_VERBS, ids=IDS)
def test_a_reading_verb_works_while_the_window_has_the_file_open(demo_session, tmp_path, capsys, argv,
                                                                  budget_year):
    out = tmp_path / "ut"
    out.mkdir()
    path = demo_session.path
    assert demo_session._lock is not None and demo_session._lock.held  # as the window holds it
    before = sha256(path)
    code = cli_main(["--db", str(path), *_argv(argv, out, budget_year)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "redan öppen" not in captured.err
    if argv[0] == "moten":
        assert "Vård- och omsorgsnämnden" in captured.out
    elif argv[0] == "plans":
        assert "VON" in captured.out
    elif argv[0] == "check":
        assert "Allt är i ordning." in captured.out
    else:
        written = next(out.iterdir())
        assert written.stat().st_size > 1000
    assert sha256(path) == before  # read, not written
    # … and the window's session goes on saving.
    demo_session.organisation.save_kommun(Kommun(namn="Ändrad kommun"))
    assert demo_session.organisation.kommun().namn == "Ändrad kommun"


@pytest.mark.parametrize("argv", [READING_VERBS[1], READING_VERBS[5], READING_VERBS[8]],
                         ids=["kallelse", "export", "backup"])
def test_printing_exporting_and_backing_up_a_read_only_file(read_only_demo, tmp_path, capsys, argv):
    out = tmp_path / "ut"
    out.mkdir()
    around = set(os.listdir(read_only_demo.parent))
    assert cli_main(["--db", str(read_only_demo), *_argv(argv, out)]) == 0, capsys.readouterr().err
    assert next(out.iterdir()).stat().st_size > 1000
    assert set(os.listdir(read_only_demo.parent)) == around


def test_a_verb_that_writes_on_a_read_only_file_says_so_in_swedish(read_only_demo, tmp_path, capsys):
    before = sha256(read_only_demo)
    code = cli_main(["--db", str(read_only_demo), "budget", "till-mote", "2022-01", "--mote", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Inte sparat – filen är skrivskyddad" in err and READ_ONLY_NOTICE in err
    assert "attempt to write" not in err and "oväntat" not in err
    assert sha256(read_only_demo) == before

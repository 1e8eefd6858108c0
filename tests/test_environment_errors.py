"""Environment errors during a save (a full disk, a file another program keeps locked,
a read-only file) reach the user as a Swedish message that says what was not saved and
what to do; only bugs reach the crash dialog (docs/ARCHITECTURE.md, "Errors")."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from app.logs import log_file
from app.organisation import Kommun
from app.session import Session
from db.connection import connect
from db.errors import NewerSchemaError, environment_error
from ui import crash
from ui.application import make_application
from ui.main_window import MainWindow, area_widget

LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 600  # 150 kB: needs new pages


def _noise_png() -> bytes:
    """A real PNG of some 300 kB (noise does not compress)."""
    image = QImage(os.urandom(300 * 250 * 4), 300, 250, QImage.Format.Format_RGB32)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _fill_the_disk(conn: sqlite3.Connection) -> None:
    """No page can be added to the file any more: SQLite answers SQLITE_FULL exactly as
    it does when the disk itself is full."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _hold_write_lock(path) -> sqlite3.Connection:
    """Another program (a second connection) in the middle of a write transaction."""
    other = connect(path)
    other.execute("BEGIN IMMEDIATE")
    return other


def _read_only(conn: sqlite3.Connection) -> None:
    # Writes fail with SQLITE_READONLY as on a read-only file. (chmod cannot show it:
    # the test suite may run as root, who may write to any file.)
    conn.execute("PRAGMA query_only = ON")


def _caught(fn):
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001 - the test classifies what was raised
        return exc
    pytest.fail("no error was raised")


# -- the classifier on real SQLite errors ---------------------------------------------------
def test_a_full_disk_during_a_save_is_an_environment_error(session):
    _fill_the_disk(session.conn)
    exc = _caught(lambda: session.organisation.save_kommun(Kommun(namn="Ekby kommun", logo=LOGO,
                                                                   logo_mime="image/png")))
    assert isinstance(exc, sqlite3.OperationalError)
    assert exc.sqlite_errorname == "SQLITE_FULL"
    problem = environment_error(exc, session.path)
    assert problem is not None and problem.kind == "full"
    assert problem.title == "Inte sparat – disken är full"
    assert problem.message.startswith(
        f"Det du höll på att spara har inte sparats: disken där databasfilen {session.path} "
        "ligger är full. Det du sparat tidigare finns kvar i databasen.")
    assert "Frigör utrymme på disken" in problem.message
    # Nothing of it was written.
    session.conn.execute("PRAGMA max_page_count = 1000000")
    assert session.organisation.kommun() is None


def test_a_lock_held_by_another_program_is_an_environment_error(session):
    session.conn.execute("PRAGMA busy_timeout = 50")
    other = _hold_write_lock(session.path)
    try:
        exc = _caught(lambda: session.organisation.save_kommun(Kommun(namn="Ekby kommun")))
    finally:
        other.rollback()
        other.close()
    assert exc.sqlite_errorname == "SQLITE_BUSY"
    problem = environment_error(exc)
    assert problem.kind == "busy"
    assert problem.message.startswith("Det du höll på att spara har inte sparats: ett annat "
                                      "program höll databasfilen låst för länge")
    assert "Stäng det andra programmet eller vänta tills det är klart" in problem.message


def test_a_read_only_file_is_an_environment_error(session, tmp_path):
    _read_only(session.conn)
    exc = _caught(lambda: session.organisation.save_kommun(Kommun(namn="Ekby kommun")))
    assert exc.sqlite_errorname == "SQLITE_READONLY"
    problem = environment_error(exc, session.path)
    assert problem.kind == "readonly"
    assert f"databasfilen {session.path} är skrivskyddad" in problem.message
    assert "kopiera filen till en mapp där du får skriva" in problem.message
    # A connection to a file opened read-only says the same.
    with Session.open(tmp_path / "ro.nkdb"):
        pass
    ro = sqlite3.connect(f"{(tmp_path / 'ro.nkdb').as_uri()}?mode=ro", uri=True)
    try:
        exc = _caught(lambda: ro.execute("INSERT INTO installning VALUES ('a', 'b')"))
    finally:
        ro.close()
    assert environment_error(exc).kind == "readonly"


def test_a_damaged_or_foreign_file_is_an_environment_error(tmp_path):
    path = tmp_path / "trasig.nkdb"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    conn = sqlite3.connect(path)
    try:
        exc = _caught(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())
    finally:
        conn.close()
    problem = environment_error(exc)
    assert problem.kind == "corrupt"
    assert "Återställ den senaste säkerhetskopian med Arkiv › Återställ säkerhetskopia…" in problem.message


def test_os_errors_from_a_full_or_read_only_disk():
    full = environment_error(OSError(errno.ENOSPC, "No space left on device", "/mnt/x/protokoll.pdf"))
    assert full.kind == "full" and "disken där filen /mnt/x/protokoll.pdf ligger är full" in full.message
    assert environment_error(OSError(errno.EROFS, "Read-only file system")).kind == "readonly"
    assert environment_error(PermissionError(errno.EACCES, "Permission denied")).kind == "permission"
    assert environment_error(FileNotFoundError(errno.ENOENT, "No such file")) is None


def test_errors_raised_from_an_environment_error_count_as_it():
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as inner:
            inner.sqlite_errorcode, inner.sqlite_errorname = sqlite3.SQLITE_FULL, "SQLITE_FULL"
            raise RuntimeError("sparandet misslyckades") from inner
    except RuntimeError as outer:
        assert environment_error(outer).kind == "full"


def test_the_program_s_own_database_errors_keep_their_message():
    error = NewerSchemaError("Databasen x.nkdb har skapats av en nyare version av Nämndkansli.")
    assert environment_error(error).message == error.message


def test_bugs_are_not_environment_errors(session):
    assert environment_error(ValueError("fel")) is None
    assert environment_error(KeyError("x")) is None
    syntax = _caught(lambda: session.conn.execute("SELEKT 1"))
    assert environment_error(syntax) is None
    missing = _caught(lambda: session.conn.execute("SELECT * FROM finns_inte"))
    assert environment_error(missing) is None
    session.conn.execute("INSERT INTO installning VALUES ('a', 'b')")
    twice = _caught(lambda: session.conn.execute("INSERT INTO installning VALUES ('a', 'b')"))
    assert isinstance(twice, sqlite3.IntegrityError) and environment_error(twice) is None
    closed = sqlite3.connect(":memory:")
    closed.close()
    assert environment_error(_caught(lambda: closed.execute("SELECT 1"))) is None


# -- in the GUI -----------------------------------------------------------------------------
@pytest.fixture
def boxes(monkeypatch):
    """Every message box shown: (icon, title, text, detailed text); the crash dialog
    itself fails the test."""
    shown = []

    def fake_exec(box):
        shown.append((box.icon(), box.windowTitle(), box.text(), box.detailedText()))
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(crash, "_show_crash_dialog",
                        lambda *info: pytest.fail(f"crash dialog for {info[1]!r}"))
    return shown


@pytest.fixture
def window(qtbot, qapp, db_path, monkeypatch):
    make_application()
    # As at start-up (ui/application.py): unhandled errors go to the crash handler.
    monkeypatch.setattr(sys, "excepthook", crash.handle_exception)
    win = MainWindow(Session.open(db_path))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _kommun_tab(window, qtbot):
    row = next(i for i in range(window.nav.count()) if window.nav.item(i).text() == "Organisation")
    window.nav.setCurrentRow(row)
    area = area_widget(window, "organisation")
    area.setCurrentWidget(area.kommun)
    qtbot.waitUntil(area.kommun.save_button.isVisible)
    return area.kommun


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("situation", ["full", "locked", "readonly"])
def test_pressing_spara_on_a_full_locked_or_read_only_file_shows_the_message(
        window, boxes, qtbot, tmp_path, situation):
    tab = _kommun_tab(window, qtbot)
    tab.fields["namn"].setText("Ekby kommun")
    conn = window.session.conn
    other = None
    if situation == "full":
        (tmp_path / "logo.png").write_bytes(_noise_png())
        tab.load_logo_file(tmp_path / "logo.png")
        _fill_the_disk(conn)
    elif situation == "locked":
        conn.execute("PRAGMA busy_timeout = 50")
        other = _hold_write_lock(window.session.path)
    else:
        _read_only(conn)
    assert tab.save_button.isVisible() and tab.save_button.text() == "Spara"
    try:
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    finally:
        if other is not None:
            other.rollback()
            other.close()
    assert len(boxes) == 1
    icon, title, text, details = boxes[0]
    expected = environment_error(
        {"full": _fill_error, "locked": _busy_error, "readonly": _readonly_error}[situation](),
        window.session.path)
    assert icon == QMessageBox.Icon.Warning
    assert title == f"Nämndkansli – {expected.title}"
    assert text == expected.message
    assert f"databasfilen {window.session.path}" in text
    assert "Ett oväntat fel" not in text and details == ""
    # The form keeps what was typed, nothing was stored, and the window goes on.
    assert tab.fields["namn"].text() == "Ekby kommun"
    assert not tab.status.text().startswith("Sparat")
    conn.execute("PRAGMA query_only = OFF")
    conn.execute("PRAGMA max_page_count = 1000000")
    assert window.session.organisation.kommun() is None
    assert window.isVisible()
    assert "Miljöfel" in log_file().read_text(encoding="utf-8")
    # Once the cause is gone, the same button saves.
    conn.execute("PRAGMA busy_timeout = 5000")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert len(boxes) == 1
    assert window.session.organisation.kommun().namn == "Ekby kommun"


def _sqlite_error(name: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(name)
    exc.sqlite_errorcode, exc.sqlite_errorname = getattr(sqlite3, name), name
    return exc


def _fill_error():
    return _sqlite_error("SQLITE_FULL")


def _busy_error():
    return _sqlite_error("SQLITE_BUSY")


def _readonly_error():
    return _sqlite_error("SQLITE_READONLY")


def test_a_bug_still_reaches_the_crash_dialog(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "_show_crash_dialog", lambda *info: shown.append(info[1]))
    monkeypatch.setattr(crash, "show_environment_problem",
                        lambda problem: pytest.fail("a bug is not an environment problem"))
    try:
        raise ValueError("trasigt")
    except ValueError:
        crash.handle_exception(*sys.exc_info())
    assert [str(e) for e in shown] == ["trasigt"]
    assert "Ohanterat fel" in log_file().read_text(encoding="utf-8")
    assert QApplication.instance() is not None


def test_an_import_job_that_meets_a_locked_file_shows_the_message(qtbot, session, tmp_path,
                                                                   boxes, monkeypatch):
    """A save on a worker (the import job): its failure path asks the same classifier."""
    from PySide6.QtWidgets import QMessageBox as Box

    from db import connection
    from tests.test_excel_import import Beslut, messy_workbook
    from ui.excel_import.dialog import ImportDialog

    monkeypatch.setattr(Box, "critical", lambda *a: pytest.fail(f"crash-like box: {a[2]}"))
    session.db.execute("CREATE TABLE testbeslut (datum TEXT, dnr TEXT, rubrik TEXT, antal INT, kon TEXT)")
    dialog = ImportDialog(session, Beslut(), path=messy_workbook(tmp_path / "d.xlsx"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=5000)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)  # the worker's connection
    other = _hold_write_lock(session.path)
    try:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(boxes) and not dialog.busy, timeout=5000)
    finally:
        other.rollback()
        other.close()
    icon, title, text, _details = boxes[0]
    assert icon == QMessageBox.Icon.Warning and title == "Nämndkansli – Inte sparat – databasen är upptagen"
    assert text.startswith("Det du höll på att spara har inte sparats: ett annat program höll "
                           f"databasfilen {session.path} låst för länge")
    assert dialog.summary.text() == "Ingenting har importerats."
    assert session.db.execute("SELECT COUNT(*) FROM testbeslut").fetchone()[0] == 0

"""The main window's shell: areas, menus, switching databases, recent files, backups,
restore, and the first-start dialog."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app import __version__, backup, config
from app.session import Session
from db.errors import DatabaseInUseError
from db.lock import InstanceLock
from ui import main_window, opening
from ui.application import make_application
from ui.main_window import MainWindow, area_widget, navigation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


@pytest.fixture
def window(qtbot, qapp, demo_path):
    make_application()  # declares the areas, as at start-up
    win = MainWindow(Session.open(demo_path))
    qtbot.addWidget(win)
    yield win
    win.close()


def _menu(win, title):
    for action in win.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no menu {title}")


def _actions(menu) -> dict[str, object]:
    return {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}


def test_window_opens_on_the_demo_database_and_builds_the_first_area(qtbot, window, demo_path):
    assert window.windowTitle() == f"{demo_path.name} – Nämndkansli"
    # The status bar names the file; developer words such as the schema version are
    # for Hjälp → Om (tests/test_laptop_screen.py opens it).
    assert window.db_label.text() == str(window.session.path)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [entry.title for entry in navigation()]
    assert titles[0] == "Organisation"
    # The window paints first; the visible area is built right after that paint.
    assert window.area_pending
    with qtbot.waitSignal(window.area_built, timeout=10_000) as built:
        window.show()
    assert built.args == ["organisation"]
    assert not window.area_pending
    assert window.stack.currentWidget().objectName() == "organisation"


def test_other_areas_are_built_when_first_shown(qtbot, window):
    window.show()
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    assert window._built[1:] == [False] * (len(window._built) - 1)
    with qtbot.waitSignal(window.area_built) as built:
        window.nav.setCurrentRow(1)
    assert built.args == [navigation()[1].key]
    assert window.stack.currentIndex() == 1
    assert window._built[1]
    # area_widget builds on demand too, and returns the same widget afterwards.
    last = navigation()[-1].key
    widget = area_widget(window, last)
    assert widget is not None and area_widget(window, last) is widget
    assert area_widget(window, "finns-inte") is None


def test_each_declared_area_registers_itself_with_the_same_title(qapp):
    make_application()
    for entry in navigation():
        factory = main_window.area_factory(entry)
        assert callable(factory)
        registered = [a for a in main_window.AREAS if a.key == entry.key]
        assert [a.title for a in registered] == [entry.title], entry.module


def test_arkiv_menu_and_shortcuts(window):
    arkiv = _actions(_menu(window, "Arkiv"))
    expected = {
        "Ny databas…": "Ctrl+N",
        "Öppna databas…": "Ctrl+O",
        "Säkerhetskopiera nu": "Ctrl+Shift+B",
        "Återställ säkerhetskopia…": "",
        "Avsluta": "Ctrl+Q",
    }
    for text, shortcut in expected.items():
        assert text in arkiv, text
        assert arkiv[text].shortcut().toString() == shortcut, text
    assert "Senast öppnade" in arkiv and arkiv["Senast öppnade"].menu() is not None
    names = list(arkiv)
    assert names.index("Ny databas…") < names.index("Öppna databas…") < names.index("Senast öppnade")
    assert names[-1] == "Avsluta"
    # Visa lists every area with Ctrl+1, Ctrl+2 …
    visa = list(_actions(_menu(window, "Visa")).values())
    assert [a.shortcut().toString() for a in visa[:2]] == ["Ctrl+1", "Ctrl+2"]


def test_avsluta_closes_the_window_and_releases_the_file(qtbot, window, demo_path):
    window.show()
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    _actions(_menu(window, "Arkiv"))["Avsluta"].trigger()
    assert not window.isVisible()
    assert window.session is None
    with InstanceLock(demo_path):
        pass


def test_about_shows_the_version(window, monkeypatch):
    from ui.about_dialog import AboutDialog

    # Not shown: offscreen Qt warns about a dialog's size hints.
    monkeypatch.setattr(AboutDialog, "open", lambda self: None)
    _actions(_menu(window, "Hjälp"))["Om Nämndkansli"].trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog.windowTitle() == "Om Nämndkansli"
    text = dialog.program.text()
    assert f"Nämndkansli {__version__}" in text
    assert str(window.session.path) in text
    dialog.close()


def test_switching_database_releases_the_old_lock_and_remembers_both(qtbot, window, demo_path, tmp_path):
    other = tmp_path / "annan" / "annan.nkdb"
    Session.open(other).close()
    window.switch_to(other)
    assert window.session.path == other
    assert window.windowTitle().startswith("annan.nkdb")
    with InstanceLock(demo_path):  # the old file is free again
        pass
    with pytest.raises(DatabaseInUseError):
        InstanceLock(other).acquire()
    settings = config.load_settings()
    assert settings.recent_files[:2] == [str(other.resolve()), str(demo_path.resolve())]
    assert settings.last_database == str(other.resolve())
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent == [f"&1 {demo_path.resolve()}"]
    # Switching back through the menu entry works the same way.
    window.recent_menu.actions()[0].trigger()
    assert window.session.path.resolve() == demo_path.resolve()
    with InstanceLock(other):
        pass


def test_switching_database_in_a_painted_window_shows_the_new_files_area(qtbot, qapp, tmp_path):
    # A new file opens on an area other than the first, so the first was never built;
    # emptying the navigation for the next file must not try to build it for the old one.
    make_application()
    win = MainWindow(Session.open(tmp_path / "ny.nkdb"))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: not win.area_pending)
    row = win.nav.currentRow()
    other = tmp_path / "annan.nkdb"
    Session.open(other).close()
    try:
        win.switch_to(other)
        assert win.session.path == other
        qtbot.waitUntil(lambda: not win.area_pending)
        assert win.nav.currentRow() == row and win.stack.currentIndex() == row
    finally:
        win.close()


def test_recent_files_survive_a_restart(qtbot, window, demo_path, tmp_path):
    other = tmp_path / "annan.nkdb"
    Session.open(other).close()
    window.switch_to(other)
    window.close()
    again = MainWindow(Session.open(demo_path))
    qtbot.addWidget(again)
    try:
        assert [a.text() for a in again.recent_menu.actions()] == [f"&1 {other.resolve()}"]
        assert again.recent_menu.isEnabled()
    finally:
        again.close()


def test_switching_to_a_refused_file_keeps_the_current_one(window, demo_path, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    junk = tmp_path / "skrap.nkdb"
    junk.write_text("inte en databas", encoding="utf-8")
    window.switch_to(junk)
    assert len(warnings) == 1 and "ingen Nämndkansli-databas" in warnings[0]
    assert window.session.path == demo_path
    assert window.session.organisation.kommun().namn == "Oxelösunds kommun"
    assert junk.read_text(encoding="utf-8") == "inte en databas"


def test_a_vanished_recent_file_is_dropped(window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    gone = tmp_path / "borta.nkdb"
    window.settings.add_recent(gone)
    window.switch_to(gone)
    assert warnings == [f"Filen {gone} finns inte längre."]
    assert str(gone.resolve()) not in config.load_settings().recent_files


def test_opening_takes_a_backup_off_the_ui_thread(qtbot, window, demo_path, monkeypatch):
    threads = []
    real = backup.rotate_backup

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(backup, "rotate_backup", spy)
    window.show()
    qtbot.waitUntil(lambda: len(backup.list_backups(demo_path)) == 1, timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: "Säkerhetskopia sparad" in window.statusBar().currentMessage())
    copy = backup.list_backups(demo_path)[0].path
    with Session.open(copy) as s:
        assert s.organisation.kommun().namn == "Oxelösunds kommun"


def test_backup_now_announces_the_copy(qtbot, window, demo_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    _actions(_menu(window, "Arkiv"))["Säkerhetskopiera nu"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    made = backup.list_backups(demo_path)[0].path
    assert told == [f"Säkerhetskopian sparades:\n{made}"]


def _three_backups(path) -> list[backup.BackupCopy]:
    for hour in (8, 10, 9):
        backup.rotate_backup(path, now=datetime(2024, 5, 2, hour, 30, 0))
    return backup.list_backups(path)


def test_restore_dialog_lists_newest_first_and_names_the_time(qtbot, window, demo_path, monkeypatch):
    from ui.restore_dialog import RestoreDialog

    copies = _three_backups(demo_path)
    dialog = RestoreDialog(demo_path, window)
    qtbot.addWidget(dialog)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert [r.split("    ")[0] for r in rows] == ["2024-05-02 10:30:00", "2024-05-02 09:30:00",
                                                  "2024-05-02 08:30:00"]
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.list.setCurrentRow(1)
    dialog.restore_button.click()
    assert "säkerhetskopian från 2024-05-02 09:30:00" in asked[0]
    assert "sparas först som en ny säkerhetskopia" in asked[0]
    assert dialog.selected is None  # answered no: nothing chosen
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    assert dialog.selected == copies[1]


def test_restore_through_the_menu_brings_old_content_back(qtbot, window, demo_path, monkeypatch):
    from ui import restore_dialog

    _three_backups(demo_path)
    org = window.session.organisation
    kommun = org.kommun()
    kommun.namn = "Ändrad kommun"
    org.save_kommun(kommun)

    def choose_second(dialog):
        dialog.list.setCurrentRow(1)
        dialog._confirm()
        return dialog.result()

    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", choose_second)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    _actions(_menu(window, "Arkiv"))["Återställ säkerhetskopia…"].trigger()
    assert window.session.organisation.kommun().namn == "Oxelösunds kommun"
    assert "2024-05-02 09:30:00 har återställts" in window.statusBar().currentMessage()
    # The content before the restore was kept as the newest copy.
    newest = backup.list_backups(demo_path)[0].path
    with Session.open(newest) as s:
        assert s.organisation.kommun().namn == "Ändrad kommun"


def _click_when_shown(qtbot, text):
    def click():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, click)
            return
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


# The offscreen platform says so for every parentless top-level dialog it shows.
OFFSCREEN_DIALOG = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@OFFSCREEN_DIALOG
def test_first_start_with_demo_data(qtbot, qapp):
    _click_when_shown(qtbot, "Prova med demodata")
    session = opening.first_start(None)
    try:
        assert session is not None
        assert session.path == config.demo_database_path()
        assert session.organisation.kommun().namn == "Oxelösunds kommun"
        assert len(session.organisation.personer()) > 20
    finally:
        session.close()


@OFFSCREEN_DIALOG
def test_first_start_cancelled_gives_no_session(qtbot, qapp):
    def cancel():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert opening.first_start(None) is None
    assert not config.demo_database_path().exists()


def test_the_program_starts_paints_and_quits(tmp_path):
    """The real start-up path in a process of its own (the way bench/startup.py runs
    it): demo database created, main window painted, first area built."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NAMNDKANSLI_QUIT_AFTER_PAINT": "1",
           "NAMNDKANSLI_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    program = "import sys; from ui.launch import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", program, "gui", "--demo"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    events = [line.split()[0] for line in done.stdout.splitlines()]
    assert events == ["painted", "ready"], done.stdout
    assert (tmp_path / "data" / "demo.nkdb").exists()
    assert (tmp_path / "data" / "loggar" / "namndkansli.log").exists()


def test_a_failed_restore_says_so_and_keeps_the_file_open(qtbot, window, demo_path, monkeypatch):
    from ui import restore_dialog

    _three_backups(demo_path)

    def choose_first(dialog):
        dialog.selected = dialog.copies[0]
        return 1

    def fails(*args, **kwargs):
        raise backup.BackupError("Säkerhetskopian kunde inte återställas: disken är full.")

    warnings = []
    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", choose_first)
    monkeypatch.setattr(backup, "restore_backup", fails)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    window.statusBar().clearMessage()
    _actions(_menu(window, "Arkiv"))["Återställ säkerhetskopia…"].trigger()
    assert warnings == ["Säkerhetskopian från 2024-05-02 10:30:00 återställdes inte.\n\n"
                        "Säkerhetskopian kunde inte återställas: disken är full."]
    assert "har återställts" not in window.statusBar().currentMessage()
    assert window.session is not None and window.session.path == demo_path
    assert window.session.organisation.kommun().namn == "Oxelösunds kommun"

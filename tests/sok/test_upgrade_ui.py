"""Opening a file an older version wrote through Arkiv → Öppna databas: the search index
is built on a worker while a progress dialog names the step and counts the records, the
window keeps running, and Avbryt leaves the file at its version and the old one open."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton

from app.session import Session
from app.upgrade import recorded_version
from db import migrations, sok_index
from ui import opening
from ui.application import make_application
from ui.main_window import MainWindow
from ui.upgrade_dialog import UpgradeDialog

from .older_file import INDEX_VERSION, make_older_file

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

#: Enough records for the upgrade to take a second or so: the dialog appears and counts.
ARENDEN = 25000


@pytest.fixture(scope="module")
def older_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("v17ui") / "aldre.nkdb"
    return path, make_older_file(path, ARENDEN)


@pytest.fixture
def older(tmp_path, older_template):
    template, records = older_template
    folder = tmp_path / "arkiv"
    folder.mkdir()
    return shutil.copy(template, folder / "aldre.nkdb"), records


@pytest.fixture
def window(qtbot, tmp_path):
    make_application()
    win = MainWindow(Session.open(tmp_path / "ny.nkdb"))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: not win.area_pending)  # painted, its first area built: in use
    yield win
    win.close()


def _open_through_the_menu(window, path, monkeypatch, on_value=None) -> list[tuple[str, int, int, bool]]:
    """Arkiv → Öppna databas… with ``path`` chosen; what the upgrade dialog showed, as
    (label, value, maximum, visible) at each change of its figure. ``on_value(dialog,
    value)`` is called at each change too."""
    monkeypatch.setattr(opening, "ask_open_path", lambda parent: path)
    shown: list[tuple[str, int, int, bool]] = []

    def attach() -> None:
        dialog = window.findChild(UpgradeDialog)
        assert dialog is not None, "no upgrade dialog while the file is upgraded"
        bar = dialog.findChild(QProgressBar)

        def changed(value: int) -> None:
            if value >= 0:
                shown.append((dialog.labelText(), value, dialog.maximum(), dialog.isVisible()))
                if on_value is not None:
                    on_value(dialog, value)

        bar.valueChanged.connect(changed)

    QTimer.singleShot(0, attach)
    arkiv = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Arkiv")
    action = next(a for a in arkiv.actions() if a.text().replace("&", "") == "Öppna databas…")
    action.trigger()
    return shown


def test_opening_an_older_file_builds_the_index_with_its_progress_shown(qtbot, window, older, monkeypatch):
    path, records = older
    ticks = []
    heartbeat = QTimer(window)
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    shown = _open_through_the_menu(window, path, monkeypatch)
    heartbeat.stop()

    assert window.session is not None and window.session.path == path
    assert window.session.schema_version == migrations.LATEST_VERSION
    total = ARENDEN * 3 + 1
    steps = migrations.LATEST_VERSION - INDEX_VERSION + 1
    index_figures = [(value, maximum) for label, value, maximum, _v in shown
                     if f"Steg 1 av {steps}: Sökindexet byggs – " in label]
    assert index_figures, shown
    assert {maximum for _value, maximum in index_figures} == {total}
    values = [value for value, _maximum in index_figures]
    assert values == sorted(values) and len(set(values)) >= 2
    assert all("aldre.nkdb har skapats med en äldre version" in label for label, *_ in shown)
    assert any(visible for *_rest, visible in shown)  # the dialog appeared
    # The window's own event loop ran all the while (a 20 ms timer kept ticking).
    assert len(ticks) >= 5
    conn = window.session.conn
    found = sok_index.check(conn)
    assert found.ok and found.records == records
    assert conn.execute("SELECT count(*) FROM sok WHERE sok MATCH 'överföring'").fetchone() == (2 * ARENDEN,)


def test_avbryt_leaves_the_older_file_as_it_was_and_the_current_one_open(qtbot, window, older, monkeypatch):
    path, _records = older
    current = window.session.path
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))

    def press_avbryt(dialog, value) -> None:
        button = next((b for b in dialog.findChildren(QPushButton) if b.text() == "Avbryt"), None)
        if value >= sok_index.CHUNK and button is not None and not told:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    _open_through_the_menu(window, path, monkeypatch, on_value=press_avbryt)

    assert told and told[0].startswith("Uppgraderingen avbröts och databasen aldre.nkdb har inte öppnats.")
    assert window.session is not None and window.session.path == current
    assert recorded_version(path) == INDEX_VERSION - 1

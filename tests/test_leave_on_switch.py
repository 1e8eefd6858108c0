"""Text typed but not yet autosaved is stored before the main window closes the
database (switching file or quitting)."""

import shutil

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow, area_widget, navigation


def _type(widget, text):
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _open_window(qtbot, path):
    make_application()
    window = MainWindow(Session.open(path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_switching_database_stores_the_arende_being_typed(qtbot, qapp, tmp_path, demo_template):
    first = shutil.copy(demo_template, tmp_path / "forsta.nkdb")
    second = shutil.copy(demo_template, tmp_path / "andra.nkdb")
    window = _open_window(qtbot, first)
    row = [e.key for e in navigation()].index("sammantraden")
    window.nav.setCurrentRow(row)
    area = window.ensure_area(row)
    assert area is area_widget(window, "sammantraden")
    editor = area.agenda.editor
    qtbot.waitUntil(lambda: editor.rubrik.isEnabled() and bool(editor.rubrik.text()), timeout=5000)
    arende_id = area.agenda.current().id
    editor.rubrik.selectAll()
    _type(editor.rubrik, "Ny rubrik skriven nyss")
    assert editor.dirty
    window.switch_to(second)  # at once: long before the 1.5 s autosave
    assert window.session.path.name == "andra.nkdb"
    window.close()
    with Session.open(first) as s:
        assert s.arenden.get(arende_id).rubrik == "Ny rubrik skriven nyss"


def test_closing_the_window_stores_the_paragraf_being_written(qtbot, qapp, tmp_path, demo_template):
    path = shutil.copy(demo_template, tmp_path / "demo.nkdb")
    window = _open_window(qtbot, path)
    row = [e.key for e in navigation()].index("protokoll")
    window.nav.setCurrentRow(row)
    area = window.ensure_area(row)
    if not area.editor.isEnabled() or area.editor.paragraf is None:
        # The demo's held meeting: start its protokoll as the user would.
        area.start_protokoll()
    qtbot.waitUntil(lambda: area.editor.paragraf is not None and not area.editor.read_only, timeout=5000)
    arende_id = area.editor.paragraf.arende_id
    area.editor.skickas.setPlainText("Akt\nEkonomienheten")
    assert area.editor.dirty
    window.close()
    with Session.open(path) as s:
        assert s.protokoll.paragrafer.get(arende_id).skickas_till == ["Akt", "Ekonomienheten"]

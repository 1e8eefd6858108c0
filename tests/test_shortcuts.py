"""Keys as users of Swedish Office press them, and no key or mnemonic twice in one view.

A duplicate makes Qt activate neither: Alt+B beside "Beslut" did nothing because the
label's own mnemonic was Alt+B too. The check opens every area of the demo in the main
window, shows each tab in turn and collects what is live in that view: the menu bar's
mnemonics, the window's and the area's shortcuts (QAction, QShortcut, buttons) and the
mnemonics (& in texts) of the visible buttons, labels with a buddy, group boxes and tabs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)

from app import richtext
from ui.widgets.richtext_edit import RichTextEdit

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
PORTABLE = QKeySequence.SequenceFormat.PortableText
WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


@dataclass(frozen=True)
class Key:
    key: str  # "Alt+B", "Ctrl+S"
    what: str  # for the failure message
    #: None: live in the whole window; otherwise live only while the focus is in this
    #: widget or below it (a QShortcut with a widget context).
    scope: QWidget | None = None


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString(PORTABLE)


def _in_menu_bar(menu: QMenu, window) -> bool:
    return window.menuBar() in menu.menuAction().associatedObjects()


def keys_in_view(window) -> list[Key]:
    found = []
    for action in window.menuBar().actions():
        if _mnemonic(action.text()):
            found.append(Key(_mnemonic(action.text()), f"menyn {action.text()}"))
    for action in window.findChildren(QAction):
        if not action.isEnabled() or not action.shortcuts():
            continue
        for owner in action.associatedObjects():
            live = (_in_menu_bar(owner, window) if isinstance(owner, QMenu)
                    else isinstance(owner, QWidget) and owner.isVisible())
            if live:
                scope = None if action.shortcutContext() in WINDOW_WIDE else owner
                found += [Key(k.toString(PORTABLE), f"åtgärden {action.text()}", scope)
                          for k in action.shortcuts()]
                break
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and parent.isVisible() and parent.isEnabled():
            scope = None if shortcut.context() in WINDOW_WIDE else parent
            found.append(Key(shortcut.key().toString(PORTABLE), f"kortkommando i {type(parent).__name__}",
                             scope))
    for widget in window.centralWidget().findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts = []
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
            key = widget.shortcut().toString(PORTABLE)
            if key and key != _mnemonic(widget.text()):  # a & in the text is the shortcut too
                found.append(Key(key, f"knappen {widget.text()}"))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        found += [Key(_mnemonic(t), f"”{t}”") for t in texts if _mnemonic(t)]
    return found


def _contains(outer: QWidget, inner: QWidget) -> bool:
    return outer is inner or outer.isAncestorOf(inner)


def clashes(found: list[Key]) -> list[str]:
    """Pairs with one key that Qt would both match: two window-wide ones, or one whose
    focus scope lies within the other's."""
    out = []
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.key != b.key:
                continue
            if a.scope is None or b.scope is None or _contains(a.scope, b.scope) \
                    or _contains(b.scope, a.scope):
                out.append(f"{a.key}: {a.what} och {b.what}")
    return out


def _settle():
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def window(qtbot, tmp_path, demo_template):
    from app.session import Session
    from ui.application import make_application
    from ui.main_window import MainWindow

    make_application()
    path = shutil.copy(demo_template, tmp_path / "demo.nkdb")
    main = MainWindow(Session.open(path))
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: not main.area_pending, timeout=5000)  # the first area, after the paint
    yield main
    main.close()


def _views(area: QWidget):
    """Show every tab of every tab widget in the area in turn (nested ones as they
    appear), yielding the name of each view."""
    seen: set[int] = set()

    def explore(tabs: QTabWidget, path: str):
        seen.add(id(tabs))
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle()
            name = f"{path} › {tabs.tabText(index).replace('&', '')}"
            yield name
            for inner in tabs.widget(index).findChildren(QTabWidget):
                if id(inner) not in seen and inner.isVisible():
                    yield from explore(inner, name)
        tabs.setCurrentIndex(0)
        _settle()

    yield ""
    candidates = [area] if isinstance(area, QTabWidget) else []
    candidates += area.findChildren(QTabWidget)
    for tabs in candidates:
        if id(tabs) not in seen and tabs.isVisible():
            yield from explore(tabs, "")


def test_no_key_or_mnemonic_is_used_twice_in_any_view_of_any_area(qtbot, window):
    problems = []
    checked = 0
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)  # as a click in the navigation
        _settle()
        area = window.stack.currentWidget()
        title = window._entries[row].title
        assert area.objectName() == window._entries[row].key
        for view in _views(area):
            checked += 1
            problems += [f"{title}{view}: {clash}" for clash in clashes(keys_in_view(window))]
    assert checked > 20  # every area, and the tabs within them
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))


def test_the_check_sees_a_clash(qtbot, window):
    """The check itself: a label given the menu bar's Alt+A is reported."""
    from ui.main_window import area_widget

    register = area_widget(window, "register")
    window.nav.setCurrentRow(window.stack.indexOf(register))
    _settle()
    assert not clashes(keys_in_view(window))
    label = QLabel("&Anteckning:", register)
    label.setBuddy(register.namnd)
    label.show()
    assert clashes(keys_in_view(window)) == ["Alt+A: menyn &Arkiv och ”&Anteckning:”"]


def _press(widget, key, modifiers=CTRL):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def _type(widget, text):
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_rich_text_takes_ctrl_f_k_u_as_fet_kursiv_understruken(qtbot):
    editor = RichTextEdit("test")
    qtbot.addWidget(editor)
    assert "Ctrl+F" in editor.bold.toolTip() and "Ctrl+K" in editor.italic.toolTip()
    assert editor.underline.text() == "U" and "Ctrl+U" in editor.underline.toolTip()
    text = editor.edit
    _type(text, "Nämnden ")
    _press(text, Qt.Key.Key_F)
    _type(text, "beslutar")
    _press(text, Qt.Key.Key_F)
    _type(text, " att ")
    _press(text, Qt.Key.Key_K)
    _type(text, "särskilt")
    _press(text, Qt.Key.Key_K)
    _type(text, " ")
    _press(text, Qt.Key.Key_U)
    _type(text, "Övertorneå")
    assert editor.underline.isChecked()
    _press(text, Qt.Key.Key_U)
    assert editor.stored() == "<p>Nämnden <b>beslutar</b> att <i>särskilt</i> <u>Övertorneå</u></p>"
    assert richtext.to_plain_text(editor.stored()) == "Nämnden beslutar att särskilt Övertorneå"


def test_rich_text_keys_win_over_a_window_shortcut_and_undo_redo(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    editor = RichTextEdit("test")
    other = QLineEdit()
    column = QVBoxLayout(holder)
    column.addWidget(editor)
    column.addWidget(other)
    elsewhere = []
    QShortcut(QKeySequence("Ctrl+F"), holder, lambda: elsewhere.append("Ctrl+F"))
    _activate(qtbot, holder)
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_F, CTRL)
    assert elsewhere == ["Ctrl+F"]  # the window's shortcut is live outside the editor
    elsewhere.clear()
    editor.edit.setFocus()
    qtbot.keyClicks(editor.edit, "Ja")
    qtbot.keyClick(editor.edit, Qt.Key.Key_A, CTRL)  # select all
    qtbot.keyClick(editor.edit, Qt.Key.Key_F, CTRL)
    assert editor.stored() == "<p><b>Ja</b></p>" and elsewhere == []
    qtbot.keyClick(editor.edit, Qt.Key.Key_Z, CTRL)
    assert editor.stored() == "<p>Ja</p>"
    qtbot.keyClick(editor.edit, Qt.Key.Key_Y, CTRL)
    assert editor.stored() == "<p><b>Ja</b></p>"
    editor.set_read_only(True)
    assert not editor.underline.isEnabled()


def test_underline_is_stored_and_printed():
    from app.pdf.richtext import runs_markup

    stored = richtext.from_html('<p>Se <span style=" text-decoration: underline;">bilaga 3</span> '
                                'och <u>inget</u> annat</p>')
    assert stored == "<p>Se <u>bilaga 3</u> och <u>inget</u> annat</p>"
    assert richtext.from_html(stored) == stored
    assert runs_markup(richtext.blocks(stored)[0].runs) == "Se <u>bilaga 3</u> och <u>inget</u> annat"


def test_ctrl_y_redoes_in_a_line_edit_of_the_window(qtbot, window):
    from ui.main_window import area_widget

    register = area_widget(window, "register")
    window.nav.setCurrentRow(window.stack.indexOf(register))
    _activate(qtbot, window)
    field = register.delegation.search
    field.setFocus()
    qtbot.keyClicks(field, "bygglov")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert field.text() == "bygglov"


def _activate(qtbot, widget):
    """Shown and the active window, so that the focus (and the keys) go to it."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


@pytest.fixture
def protokoll(qtbot, demo_session):
    from protokoll_fixtures import demo_protokoll_area

    for area in demo_protokoll_area(qtbot, demo_session):
        _activate(qtbot, area)
        row = next(r for r in area.para_model.records if r.p.rubrik.startswith("Genomlysning av hemtjänsten"))
        area.para_view.select_id(row.id)
        yield area


def test_alt_b_goes_to_the_beslut_of_the_paragraph(qtbot, protokoll):
    assert protokoll.editor.beslut.edit.isEnabled()
    protokoll.para_view.setFocus()
    assert QApplication.focusWidget() is protokoll.para_view
    qtbot.keyClick(protokoll.para_view, Qt.Key.Key_B, ALT)
    assert QApplication.focusWidget() is protokoll.editor.beslut.edit


def test_ctrl_s_saves_the_paragraph_and_ctrl_p_prints_the_protokoll(qtbot, protokoll, monkeypatch):
    editor = protokoll.editor
    editor.beslut.edit.setFocus()
    editor.beslut.edit.moveCursor(editor.beslut.edit.textCursor().MoveOperation.End)
    _type(editor.beslut.edit, " Nämnden lägger informationen till handlingarna.")
    assert editor.dirty
    qtbot.keyClick(editor.beslut.edit, Qt.Key.Key_S, CTRL)
    assert not editor.dirty
    stored = protokoll.svc.paragrafer.get(editor.paragraf.arende_id).beslut
    assert "Nämnden lägger informationen till handlingarna." in stored
    assert protokoll.status.text().endswith("är sparad.")

    printed = []
    monkeypatch.setattr(protokoll, "print_protokoll", lambda *a, **k: printed.append(True))
    assert protokoll.protokoll_button.isEnabled() and "Ctrl+P" in protokoll.protokoll_button.toolTip()
    qtbot.keyClick(protokoll.para_view, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: printed == [True], timeout=2000)


def test_ctrl_s_saves_the_kommun_form(qtbot, session):
    from ui.organisation.kommun_tab import KommunTab

    tab = KommunTab(session.organisation)
    qtbot.addWidget(tab)
    _activate(qtbot, tab)
    assert "Ctrl+S" in tab.save_button.toolTip()
    field = tab.fields["namn"]
    field.setFocus()
    _type(field, "Övertorneå kommun")
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
    assert tab.status.text().startswith("Sparat")
    assert session.organisation.kommun().namn == "Övertorneå kommun"


def test_ctrl_s_saves_a_register_dialog(qtbot, demo_session):
    from app.registers.meddelanden import MeddelandeFilter
    from ui.registers.area import RegisterArea

    area = RegisterArea(demo_session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.tabs.setCurrentWidget(area.meddelanden)
    _activate(qtbot, area)
    dialog = area.meddelanden.new_record()
    _activate(qtbot, dialog)
    assert "Ctrl+S" in dialog.save_button.toolTip()
    dialog.rubrik.setFocus()
    _type(dialog.rubrik, "Tillsynsbeslut från IVO om Åbacka")
    dialog.inkom.setText("2026-11-02")
    qtbot.keyClick(dialog.rubrik, Qt.Key.Key_S, CTRL)
    assert not dialog.isVisible()
    namnd = area.namnd.currentData()
    service = demo_session.registers.meddelanden
    assert service.count(MeddelandeFilter(namnd, text="åbacka")) == 1

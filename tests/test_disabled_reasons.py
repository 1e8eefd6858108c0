"""A greyed button says why: every disabled button, check box and menu entry that a
user can see carries a tooltip with the reason (or sits in a disabled pane whose tooltip
gives it, as Qt then shows the pane's), in every area and tab of the demo at 1280×720,
and the reason follows the state."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow, navigation
from ui.widgets.buttons import NO_SELECTION

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
#: What the offscreen platform says when a combo box opens its list.
COMBO_POPUP = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)")
LEFT = Qt.MouseButton.LeftButton


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _reason(widget: QWidget) -> str:
    """The tooltip Qt shows over ``widget``: its own, else that of the disabled pane it
    is disabled with (a tooltip event goes on to the parent when a widget has none)."""
    while not widget.toolTip().strip():
        parent = widget.parentWidget()
        if parent is None or parent.isEnabled():
            return ""
        widget = parent
    return widget.toolTip()


def _where(widget: QWidget) -> str:
    names, parent = [], widget.parentWidget()
    while parent is not None and len(names) < 4:
        if parent.objectName() and not parent.objectName().startswith("qt_"):
            names.append(parent.objectName())
        parent = parent.parentWidget()
    text = _plain(widget.text()) if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} ”{text}” in {' < '.join(names)}"


def silent_disabled(root: QWidget) -> tuple[list[str], int]:
    """(what is disabled and does not say why, how many disabled controls were seen)
    among the visible buttons of ``root`` and the entries of their menus."""
    found, seen = [], 0
    for button in root.findChildren(QAbstractButton):
        # A tab bar's scroll arrows and a field's own buttons are parts of those controls.
        if not button.isVisible() or isinstance(button.parentWidget(), QTabBar | QLineEdit | QComboBox
                                                                       | QAbstractSpinBox):
            continue
        if not button.isEnabled():
            seen += 1
            if not _reason(button).strip():
                found.append(_where(button))
        menu = button.menu() if isinstance(button, QPushButton | QToolButton) else None
        for action in menu.actions() if menu is not None else ():
            if action.isSeparator() or action.isEnabled() or not action.isVisible():
                continue
            seen += 1
            # Without a tooltip of its own an action's tooltip is its text.
            tip = action.toolTip().strip()
            if not tip or _plain(tip).rstrip(".…") == _plain(action.text()).rstrip(".…"):
                found.append(f"menu entry ”{_plain(action.text())}” of {_where(button)}")
    return found, seen


def _visit_tabs(qtbot, widget: QWidget, where: str, done: set[int]) -> tuple[list[str], int]:
    silent, seen = silent_disabled(widget.window())
    found = [f"{where}: {f}" for f in silent]
    for tabs in widget.findChildren(QTabWidget):
        if id(tabs) in done or not tabs.isVisible():
            continue
        done.add(id(tabs))
        first = tabs.currentIndex()
        for i in range(tabs.count()):
            if not tabs.isTabEnabled(i):
                continue
            tabs.setCurrentIndex(i)
            qtbot.wait(20)
            here = f"{where} / {_plain(tabs.tabText(i))}"
            silent, count = silent_disabled(widget.window())
            found += [f"{here}: {f}" for f in silent]
            seen += count
            more, more_seen = _visit_tabs(qtbot, tabs.widget(i), here, done)
            found += more
            seen += more_seen
        tabs.setCurrentIndex(first)
    return found, seen


@pytest.fixture
def window(qtbot, tmp_path, demo_template):
    make_application()
    shown = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def _press_area(qtbot, window: MainWindow, key: str) -> QWidget:
    nav = window.nav
    row = [e.key for e in navigation()].index(key)
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item(row)).center())
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    qtbot.wait(30)
    return window.stack.currentWidget()


def _click_row(qtbot, view, row: int) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row, 0)).center())
    qtbot.wait(20)


def test_every_disabled_control_says_why(qtbot, window):
    found, seen = [], 0
    for entry in navigation():
        area = _press_area(qtbot, window, entry.key)
        more, count = _visit_tabs(qtbot, area, entry.title, set())
        found += more
        seen += count
    # The Protokoll on each kind of meeting: justerat, begun, not begun.
    protokoll = _press_area(qtbot, window, "protokoll")
    model = protokoll.meeting_model
    for row in range(model.rowCount()):
        _click_row(qtbot, protokoll.meeting_view, row)
        more, count = _visit_tabs(qtbot, protokoll, f"Protokoll ({model.index(row, 1).data()})", set())
        found += more
        seen += count
        if protokoll.start_button.isVisible():  # and once it is begun
            qtbot.mouseClick(protokoll.start_button, LEFT)
            more, count = _visit_tabs(qtbot, protokoll, f"Protokoll (påbörjat, rad {row + 1})", set())
            found += more
            seen += count
    # Sammanträden on every meeting of the year (a held, justerat one locks its agenda).
    meetings = _press_area(qtbot, window, "sammantraden")
    for row in range(meetings.model.rowCount()):
        _click_row(qtbot, meetings.view, row)
        more, count = _visit_tabs(qtbot, meetings, f"Sammanträden (rad {row + 1})", set())
        found += more
        seen += count
    assert seen > 50, "the walk saw too few disabled controls to measure anything"
    assert not found, "disabled without saying why:\n" + "\n".join(sorted(set(found)))


def test_register_buttons_say_why_and_follow_the_selection(qtbot, window):
    register = _press_area(qtbot, window, "register")
    tab = register.delegation
    register.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    # The register opens with no entry chosen.
    edit, delete = tab.buttons.edit, tab.buttons.delete
    for button in (edit, delete):
        assert not button.isEnabled() and button.toolTip() == NO_SELECTION
    open_rows = [r for r in range(tab.model.rowCount())
                 if not tab.locked_reason(tab.view.record_at(r))]
    assert open_rows, "the demo has delegationsbeslut that can be changed"
    _click_row(qtbot, tab.view, open_rows[0])
    for button in (edit, delete):
        assert button.isEnabled() and button.toolTip() != NO_SELECTION


def test_an_adopted_plans_date_looks_read_only_and_says_why(qtbot, window):
    plan = _press_area(qtbot, window, "verksamhetsplan")
    editor = plan.editor
    assert editor is not None and editor.plan.adopted, "the demo opens on an antagen plan"
    date_field = editor.info.form.datum
    assert date_field.isVisible()
    # Greyed as the check box and status beside it, not a white field that looks typable.
    assert not date_field.isEnabled() and date_field.isReadOnly()
    assert "antagen" in date_field.toolTip()
    assert date_field.text() == editor.plan.antagen_datum


def test_an_adopted_plans_text_fields_look_read_only_and_say_why(qtbot, window):
    """The title and the § of an antagen plan stay selectable, but not on the white of a
    field that takes typing: the window's colour behind them, the reason on hover."""
    from PySide6.QtGui import QPalette

    plan = _press_area(qtbot, window, "verksamhetsplan")
    editor = plan.editor
    assert editor is not None and editor.plan.adopted
    paragraf = editor.info.form.paragraf
    assert paragraf.isVisible() and paragraf.isReadOnly()
    base = paragraf.palette().color(QPalette.ColorRole.Base)
    assert base == paragraf.palette().color(QPalette.ColorRole.Window)
    assert base != editor.info.palette().color(QPalette.ColorRole.Base)
    assert "antagen" in paragraf.toolTip()
    qtbot.keyClicks(paragraf, "x")
    assert paragraf.text() == editor.plan.antagen_paragraf


# -- dialogs opened from the areas --------------------------------------------------------
def _silent_in(dialog: QWidget) -> list[str]:
    """The visible disabled buttons of ``dialog`` itself that do not say why."""
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.window() is dialog]
    assert buttons, "the dialog has buttons to check"
    return [_where(b) for b in buttons if b.isVisible() and not b.isEnabled() and not _reason(b).strip()]


def _choose_in_combo(qtbot, combo: QComboBox, row: int) -> None:
    """Open ``combo``'s list with the mouse and click its ``row``."""
    qtbot.mouseClick(combo, LEFT)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible, timeout=2_000)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a quicker release only closes the list
    qtbot.mouseClick(popup.viewport(), LEFT, pos=popup.visualRect(combo.model().index(row, 0)).center())
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2_000)
    assert combo.currentIndex() == row


def _open_draft_plan(qtbot, window: MainWindow):
    """The Verksamhetsplan area on a plan that is not antagen, chosen in its list: the
    demo's plans are all antagna, so the first is revised into an utkast beforehand."""
    plans = window.session.plan
    adopted = [p for p in plans.plans() if p.adopted]
    assert adopted, "the demo has an antagen plan"
    plans.revise(adopted[0].id)
    plan_area = _press_area(qtbot, window, "verksamhetsplan")
    drafts = [r for r, p in enumerate(plan_area.model.records) if p.status != "antagen"]
    assert drafts, "the demo has a plan that is not antagen"
    _click_row(qtbot, plan_area.view, drafts[0])
    qtbot.waitUntil(lambda: plan_area.editor is not None and not plan_area.editor.plan.adopted, timeout=5_000)
    return plan_area.editor


def test_adoption_picker_says_why_it_cannot_choose_yet(qtbot, window):
    # The demo's held meeting justerat two days later: its §§ are what a plan is adopted by.
    from publicering_fixtures import namnd_meeting

    from app import clock
    from app.protokoll import ProtokollService

    meeting_id, held = namnd_meeting(window.session.db)
    justerat = held + timedelta(days=2)
    with clock.pinned(justerat):
        ProtokollService(window.session.db).justera(meeting_id, justerat, today=justerat)
    editor = _open_draft_plan(qtbot, window)
    editor.tabs.setCurrentWidget(editor.info)
    qtbot.wait(20)
    info = editor.info.form
    assert info.pick_button.isVisible() and info.pick_button.isEnabled()
    qtbot.mouseClick(info.pick_button, LEFT)
    picker = info.picker
    assert picker is not None
    qtbot.waitExposed(picker)
    try:
        assert picker.model.rowCount() > 1, "the justerat meeting has several paragrafer"
        # Nothing chosen yet: Välj is greyed and says what to do.
        assert not picker.ok.isEnabled()
        assert picker.ok.toolTip() == "Välj en paragraf i listan först"
        assert not _silent_in(picker)
        _click_row(qtbot, picker.view, 1)
        assert picker.chosen() is picker.model.records[1]
        assert picker.ok.isEnabled() and picker.ok.toolTip() == ""
    finally:
        picker.reject()


@COMBO_POPUP
def test_agenda_dialog_buttons_say_why(qtbot, window):
    editor = _open_draft_plan(qtbot, window)
    qtbot.mouseClick(editor.buttons["dagordning"], LEFT)
    dialog = editor.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    try:
        assert not _silent_in(dialog)
        assert dialog.meeting.count() > 1, "the demo has meetings that take new ärenden"
        _choose_in_combo(qtbot, dialog.meeting, 1)
        assert dialog.ok.isEnabled()
        assert dialog.choice()[1] == dialog.meeting.itemData(1)
    finally:
        dialog.reject()


@COMBO_POPUP
def test_report_at_meeting_dialog_buttons_say_why(qtbot, window):
    register = _press_area(qtbot, window, "register")
    tab = register.delegation
    register.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    qtbot.mouseClick(tab.report_button, LEFT)
    dialog = tab.dialog
    assert dialog is not None and dialog.windowTitle() == "Anmäl vid sammanträde"
    qtbot.waitExposed(dialog)
    try:
        assert not _silent_in(dialog)
        assert dialog.meeting.count() > 1, "the demo nämnd has upcoming meetings"
        _choose_in_combo(qtbot, dialog.meeting, 1)
        assert dialog.ok.isEnabled()
        assert "Väntar på anmälan" in dialog.waiting.text()
    finally:
        dialog.reject()


@COMBO_POPUP
def test_delegationsbeslut_form_says_why_a_field_is_unused(qtbot, window):
    register = _press_area(qtbot, window, "register")
    tab = register.delegation
    register.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    qtbot.mouseClick(tab.buttons.new, LEFT)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    try:
        assert not _silent_in(dialog)
        fields = {"datum_till": dialog.datum_till, "delegat": dialog.delegat, "punkt": dialog.punkt,
                  "dnr": dialog.dnr, "beskrivning": dialog.beskrivning, "paragrafer": dialog.paragrafer,
                  "antal": dialog.antal}
        protokoll = dialog.forms.findData("protokoll")
        _choose_in_combo(qtbot, dialog.forms, protokoll)
        greyed = {name for name, field in fields.items() if not field.isEnabled()}
        assert greyed == {"datum_till", "punkt", "dnr", "beskrivning", "antal"}
        for name in greyed:
            assert fields[name].toolTip() == ("Formen ”Hänvisning till protokoll” använder inte fältet. "
                                              "Byt Form om det behövs."), name
        assert dialog.paragrafer.isEnabled() and not dialog.paragrafer.toolTip().startswith("Formen")
        assert not _silent_in(dialog)
        assert dialog.save_button.isEnabled()
    finally:
        dialog.reject()

"""The one date field (ui/widgets/fields.py): typed in the shapes people write dates in,
or picked in its calendar; empty stays possible where the date is optional."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCalendarWidget, QToolButton

from app import clock
from ui.widgets.fields import DateField

# The offscreen platform cannot raise a popup or grab the keyboard for it; the calendar
# works there all the same.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints\(\)|raise\(\)"
                                       r"|grabbing the keyboard)")
LEFT = Qt.MouseButton.LeftButton


def _type(widget, text):
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _show(qtbot, widget):
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


def _focused():
    """Where the keys go: the calendar's day grid once it has opened."""
    return QApplication.focusWidget()


def calendar_button(field: DateField) -> QToolButton:
    return next(w for w in field.calendar_action.associatedObjects() if isinstance(w, QToolButton))


def test_typed_date_in_any_shape_is_shown_as_iso_when_left(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    _show(qtbot, field)
    assert field.placeholderText() == "ÅÅÅÅ-MM-DD" and field.value() is None and field.iso() is None
    field.setFocus()
    _type(field, "28/2 2022")
    assert field.value() == date(2022, 2, 28) and field.iso() == "2022-02-28"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "2022-02-28"
    field.clear()
    _type(field, "31/13 2022")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "31/13 2022"  # left as typed, marked red with the reason
    assert field.styleSheet() and "inget datum" in field.toolTip()
    assert field.iso() == "31/13 2022"  # the service then says what is wrong
    field.clear()
    assert field.value() is None and not field.styleSheet()


def test_calendar_button_picks_a_day(qtbot):
    field = DateField("2026-02-27")
    qtbot.addWidget(field)
    edited, finished = [], []
    field.textEdited.connect(edited.append)
    field.editingFinished.connect(lambda: finished.append(True))
    _show(qtbot, field)
    qtbot.mouseClick(calendar_button(field), LEFT)
    calendar = field.calendar
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()
    assert calendar.selectedDate().toString("yyyy-MM-dd") == "2026-02-27"
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    qtbot.keyClick(_focused(), Qt.Key.Key_Right)
    qtbot.keyClick(_focused(), Qt.Key.Key_Right)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert field.text() == "2026-03-01"  # over the month's end
    assert edited == ["2026-03-01"] and finished == [True]
    qtbot.waitUntil(lambda: field.calendar is None, timeout=2000)


def test_keyboard_opens_the_calendar_on_today_and_escape_keeps_the_field_empty(qtbot):
    field = DateField(placeholder="från")
    qtbot.addWidget(field)
    _show(qtbot, field)
    field.setFocus()
    with clock.pinned(date(2026, 11, 20)):
        qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.selectedDate().toString("yyyy-MM-dd") == "2026-11-20"
    qtbot.keyClick(_focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: field.calendar is None, timeout=2000)
    assert field.text() == "" and field.value() is None
    qtbot.keyClick(field, Qt.Key.Key_F4)
    assert field.calendar is not None
    field.calendar.close()
    field.setReadOnly(True)
    qtbot.keyClick(field, Qt.Key.Key_F4)
    assert field.open_calendar() is None


def test_justering_date_picked_in_the_calendar_is_saved(qtbot, demo_session):
    from protokoll_fixtures import demo_protokoll_area

    for area in demo_protokoll_area(qtbot, demo_session):
        _show(qtbot, area)
        area.tabs.setCurrentWidget(area.justering)
        field = area.justering.datum
        assert isinstance(field, DateField) and isinstance(area.justering.anslag, DateField)
        meeting = area.meeting_id
        qtbot.mouseClick(calendar_button(field), LEFT)
        calendar = field.calendar
        start = calendar.selectedDate()
        qtbot.keyClick(_focused(), Qt.Key.Key_Left)  # the day before (not after today)
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        picked = start.addDays(-1).toString("yyyy-MM-dd")
        assert field.text() == picked
        assert area.svc.get(meeting).justering_datum == picked
        # Typed in another shape, saved as ÅÅÅÅ-MM-DD when the field is left.
        anslag = area.justering.anslag
        anslag.setFocus()
        anslag.clear()
        day = start.addDays(1)
        _type(anslag, f"{day.day()}/{day.month()} {day.year()}")
        qtbot.keyClick(anslag, Qt.Key.Key_Return)
        assert anslag.text() == day.toString("yyyy-MM-dd")
        assert area.svc.get(meeting).anslag_datum == day.toString("yyyy-MM-dd")


def test_tjansteskrivelsens_datum_typed_picked_and_left_empty(qtbot, session):
    from datetime import timedelta

    from meeting_fixtures import make_org

    from ui.meetings.area import MeetingsArea

    org = make_org(session.db)
    org.meetings.create_meeting(org.namnd_organ.id, clock.today() + timedelta(days=30))
    area = MeetingsArea(session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    _show(qtbot, area)
    dialog = area.agenda.new_arende()
    _type(dialog.rubrik, "Riktlinjer för färdtjänst")
    qtbot.mouseClick(dialog.save_button, LEFT)
    editor = area.agenda.editor
    arende = area.agenda.current()
    field = editor.datum
    assert isinstance(field, DateField) and field.text() == ""
    editor.save()
    assert org.arenden.get(arende.id).datum is None  # optional: stays empty

    field.setFocus()
    _type(field, "3/2 2026")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert editor.save()
    assert org.arenden.get(arende.id).datum == "2026-02-03"

    qtbot.mouseClick(calendar_button(field), LEFT)
    assert field.calendar.selectedDate().toString("yyyy-MM-dd") == "2026-02-03"
    qtbot.keyClick(_focused(), Qt.Key.Key_Left)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert field.text() == "2026-02-02"
    assert editor.save()
    assert org.arenden.get(arende.id).datum == "2026-02-02"


def test_plan_table_date_is_optional_and_picked(qtbot, session):
    """Slutdatum of a särskilt uppdrag: once a checkbox beside a QDateEdit, now the date
    field, left empty or typed/picked."""
    from app.organisation import Namnd
    from ui.plan import table_specs
    from ui.plan.tables import RowsTab

    namnd = session.organisation.save_namnd(Namnd(namn="Vård- och omsorgsnämnden", kortnamn="VON"))
    plans = session.plan
    plan = plans.new_plan(namnd.id, 2026, 3, "Verksamhetsplan 2026–2028")
    tab = RowsTab(table_specs.uppdrag(plans, plan), plans)
    qtbot.addWidget(tab)
    _show(qtbot, tab)
    for rubrik, typed in (("Utred hemtjänstens nattpatrull", None), ("Ny biståndsprocess", "30/6 2027")):
        qtbot.mouseClick(tab.buttons.new, LEFT)
        dialog = tab.dialog
        dialog.widgets["rubrik"].setText(rubrik)
        field = dialog.widgets["slutdatum"]
        assert isinstance(field, DateField) and field.text() == ""
        if typed:
            field.setFocus()
            _type(field, typed)
            qtbot.mouseClick(calendar_button(field), LEFT)
            assert field.calendar.selectedDate().toString("yyyy-MM-dd") == "2027-06-30"
            qtbot.keyClick(_focused(), Qt.Key.Key_Right)
            qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        qtbot.mouseClick(dialog.save_button, LEFT)
        assert not dialog.isVisible()  # saved
    assert [(u.rubrik, u.slutdatum) for u in plans.uppdrag(plan.id)] == [
        ("Utred hemtjänstens nattpatrull", None), ("Ny biståndsprocess", "2027-07-01")]
